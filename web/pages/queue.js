// The staff queue: tabs with counts (mine, due soon, late, in progress, all), a search by code,
// name, identity number or phone, filters, an order and pages; all of it in the address, so that
// a reload or the browser's back button keeps them. A citizen is sent to their own dossiers.
import { useState, useEffect } from '../vendor/hooks.module.js';
import { html, Field, Alert, Loading, when } from '../lib/ui.js';
import { get, getAll } from '../lib/api.js';
import { t, statusText } from '../lib/i18n.js';
import '../lib/i18n-search.js';

const TABS = ['mine', 'due_soon', 'late', 'open', 'all'];
const SORTS = ['due', 'newest'];
const SIZES = [30, 50, 100, 200];
const FILTERS = ['q', 'procedure', 'status', 'from', 'to'];
const enc = encodeURIComponent;

export function DossierTable({ items }) {
  if (!items.length) return html`<p>${t('noDossiers')}</p>`;
  return html`<div class="scroll"><table class="queue">
    <thead><tr><th scope="col">${t('code')}</th><th scope="col">${t('procedure')}</th><th scope="col">${t('applicant')}</th>
      <th scope="col">${t('status')}</th><th scope="col">${t('received')}</th><th scope="col">${t('due')}</th></tr></thead>
    <tbody>${items.map((d) => {
      const late = d.overdue; // past the law's due time, as the server's rules decide
      return html`<tr key=${d.code} class=${late ? 'late' : ''}>
        <td><a href=${`#/ho-so/${enc(d.code)}`}>${d.code}</a></td><td>${d.procedure.name}</td><td>${d.applicant.name}</td>
        <td>${statusText(d.status, d.status_label)}</td><td>${when(d.received_at || d.submitted_at)}</td>
        <td>${when(d.due_at)}${late ? html` <span class="badge">${t('late')}</span>` : ''}</td></tr>`;
    })}</tbody></table></div>`;
}

// The queue's state as the address holds it: #/ho-so?view=…&q=…&procedure=…&status=…&from=…&to=…
// &sort=…&size=…&pages=… (pages: the cursor of each page after the first, up to the one shown).
// `tab` is read too, as older links wrote it.
function stateOf(query) {
  const pick = (v, list, dflt) => (list.includes(v) ? v : dflt);
  const view = pick(query.get('view') || query.get('tab'), TABS, 'mine');
  const s = { view, sort: pick(query.get('sort'), SORTS, ''), size: pick(Number(query.get('size')), SIZES, 50),
    pages: (query.get('pages') || '').split(',').filter(Boolean) };
  for (const k of FILTERS) s[k] = query.get(k) || '';
  return s;
}

function addressOf(s) {
  const q = new URLSearchParams();
  q.set('view', s.view);
  for (const k of FILTERS) if (s[k]) q.set(k, s[k]);
  if (s.sort) q.set('sort', s.sort);
  if (s.size !== 50) q.set('size', String(s.size));
  if (s.pages.length) q.set('pages', s.pages.join(','));
  return `/ho-so?${q}`;
}

// The procedures the caller's units deal with, for the filter: those owned in their subtrees; for
// a commune's or a district's desk also the province's procedures carried out at that level; for a
// one-stop centre all of its province's. A role over the whole system has them all.
async function unitProcedures(user) {
  const roles = (user.roles || []).filter((r) => r.role !== 'citizen');
  if (!roles.length || roles.some((r) => !r.agency)) return getAll('/api/v1/procedures');
  const lists = new Set();
  for (const id of new Set(roles.map((r) => r.agency))) {
    const unit = await get(`/api/v1/agencies/${enc(id)}`);
    let top = unit;
    while (top.parent) top = await get(`/api/v1/agencies/${enc(top.parent)}`);
    lists.add(`/api/v1/procedures?agency=${enc(unit.id)}`);
    if (unit.level === 'commune' || unit.level === 'district') lists.add(`/api/v1/procedures?agency=${enc(top.id)}&level=${unit.level}`);
    if (unit.level === 'centre') lists.add(`/api/v1/procedures?agency=${enc(top.id)}`);
  }
  const byId = new Map();
  for (const path of lists) for (const p of await getAll(path)) byId.set(p.id, p);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

export function Queue({ query, session }) {
  const s = stateOf(query);
  const address = addressOf(s);
  const sort = s.sort || (s.view === 'all' ? 'newest' : 'due');
  const staff = session.can('view_dossiers');
  const [draft, setDraft] = useState(s);
  const [counted, setCounted] = useState({}); // the tabs' counts for a search and filters
  const [page, setPage] = useState({}); // the rows of an address, and the cursor after them
  const [procedures, setProcedures] = useState([]);
  const [statuses, setStatuses] = useState([]);
  const [error, setError] = useState(null);

  // what the search and filters count over; the status narrows the list, not the tabs
  const filterQs = ['q', 'procedure', 'from', 'to'].filter((k) => s[k]).map((k) => `&${k}=${enc(s[k])}`).join('');
  useEffect(() => {
    if (session.user && !staff) location.replace('#/ho-so-cua-toi'); // a citizen's dossiers are on their own page
  }, [session.user]);
  useEffect(() => { if (staff) unitProcedures(session.user).then(setProcedures).catch(() => {}); }, [session.user]);
  useEffect(() => { get('/api/v1/statuses').then((r) => setStatuses(r.items)).catch(() => {}); }, []);
  useEffect(() => setDraft(s), [address]); // back and forward bring their own search
  useEffect(() => {
    if (!staff) return undefined;
    let live = true; // answers to an address left already must not show
    get(`/api/v1/dossiers/counts?x=1${filterQs}`).then((c) => live && setCounted({ filterQs, counts: c })).catch((err) => live && setError(err));
    return () => { live = false; };
  }, [filterQs, session.user]);
  useEffect(() => {
    if (!staff) return undefined;
    let live = true;
    setError(null);
    const cursor = s.pages.length ? `&cursor=${enc(s.pages[s.pages.length - 1])}` : '';
    get(`/api/v1/dossiers?view=${s.view}&sort=${sort}&limit=${s.size}${filterQs}${s.status ? `&status=${enc(s.status)}` : ''}${cursor}`)
      .then((r) => live && setPage({ address, items: r.items, next: r.next_cursor })).catch((err) => live && setError(err));
    return () => { live = false; };
  }, [address, session.user]);

  if (!session.user) return html`<p>${t('error401')} <a href="#/dang-nhap?next=/ho-so">${t('login')}</a></p>`;
  if (!staff) return html`<${Loading} />`;
  // until the rows of the address shown have come, none (not those of the one before)
  const counts = counted.filterQs === filterQs ? counted.counts : null;
  const items = page.address === address ? page.items : null, next = page.address === address ? page.next : null;
  const go = (change) => { location.hash = addressOf({ ...s, pages: [], ...change }); };
  const set = (k) => (v) => setDraft({ ...draft, [k]: v });
  const search = (e) => {
    e.preventDefault();
    go({ ...draft, q: draft.q.trim(), size: Number(draft.size), view: s.view, pages: [] });
  };
  const filtered = FILTERS.some((k) => s[k]);
  const first = s.pages.length * s.size + 1;
  const total = counts && !s.status ? counts[s.view] : null;
  const showing = items && items.length ? t(total === null ? 'quShowingSome' : 'quShowing', { from: first, to: first + items.length - 1, n: total }) : '';

  return html`<h1>${t('workspace')}</h1>
    <form class="queue-search" role="search" onSubmit=${search}>
      <div class="search">
        <${Field} type="search" label=${t('quSearch')} name="q" value=${draft.q} onInput=${set('q')} maxlength="100" autocomplete="off"
          hint=${t(session.can('view_personal') ? 'quSearchHint' : 'quSearchHintMasked')} />
        <button type="submit">${t('search')}</button>
      </div>
      <div class="filters">
        <${Field} type="select" label=${t('procedure')} name="procedure" value=${draft.procedure} onInput=${set('procedure')}>
          <option value="">${t('allProcedures')}</option>${procedures.map((p) => html`<option value=${String(p.id)} key=${p.id}>${p.name}</option>`)}</${Field}>
        <${Field} type="select" label=${t('status')} name="status" value=${draft.status} onInput=${set('status')}>
          <option value="">${t('allStatuses')}</option>${statuses.map((x) => html`<option value=${x.name} key=${x.name}>${statusText(x.name, x.label)}</option>`)}</${Field}>
        <${Field} type="date" label=${t('fromDate')} name="from" value=${draft.from} onInput=${set('from')} />
        <${Field} type="date" label=${t('toDate')} name="to" value=${draft.to} onInput=${set('to')} />
        <${Field} type="select" label=${t('quSort')} name="sort" value=${draft.sort || sort} onInput=${set('sort')}>
          ${SORTS.map((k) => html`<option value=${k} key=${k}>${t(`quSort_${k}`)}</option>`)}</${Field}>
        <${Field} type="select" label=${t('quSize')} name="size" value=${String(draft.size)} onInput=${set('size')}>
          ${SIZES.map((n) => html`<option value=${String(n)} key=${n}>${n}</option>`)}</${Field}>
      </div>
      ${filtered && html`<p><a href=${`#${addressOf({ view: s.view, sort: s.sort, size: s.size, pages: [] })}`}>${t('quClear')}</a></p>`}
    </form>
    <div role="tablist" class="tabs" aria-label=${t('workspace')}>
      ${TABS.map((k) => html`<button role="tab" type="button" key=${k} id=${`tab-${k}`} aria-selected=${s.view === k ? 'true' : 'false'} aria-controls="queue-panel"
        onClick=${() => go({ view: k })}>${t(`tabs_${k}`)} <span class="count">${counts ? counts[k] : '…'}</span></button>`)}
    </div>
    <${Alert} error=${error} />
    <section id="queue-panel" role="tabpanel" aria-labelledby=${`tab-${s.view}`}>
      <p class="muted" role="status">${showing}</p>
      ${items ? html`<${DossierTable} items=${items} />` : !error && html`<${Loading} />`}
      ${(s.pages.length > 0 || next) && html`<nav class="pager" aria-label=${t('quPages')}>
        ${s.pages.length > 0 && html`<a class="button secondary" href=${`#${addressOf({ ...s, pages: [] })}`}>${t('quFirst')}</a>`}
        ${s.pages.length > 0 && html`<a class="button secondary" rel="prev" href=${`#${addressOf({ ...s, pages: s.pages.slice(0, -1) })}`}>${t('quPrev')}</a>`}
        <span>${t('quPage', { n: s.pages.length + 1 })}</span>
        ${next && html`<a class="button secondary" rel="next" href=${`#${addressOf({ ...s, pages: [...s.pages, next] })}`}>${t('quNext')}</a>`}
      </nav>`}
    </section>`;
}
