// The staff queue: tabs with counts (mine, due soon, late, in progress, all), filters, pages. A
// citizen is sent to their own dossiers.
import { useState, useEffect } from '../vendor/hooks.module.js';
import { html, Field, Alert, Loading, when } from '../lib/ui.js';
import { get } from '../lib/api.js';
import { t, statusText } from '../lib/i18n.js';

const TABS = ['mine', 'due_soon', 'late', 'open', 'all'];

export function DossierTable({ items }) {
  if (!items.length) return html`<p>${t('noDossiers')}</p>`;
  return html`<div class="scroll"><table class="queue">
    <thead><tr><th scope="col">${t('code')}</th><th scope="col">${t('procedure')}</th><th scope="col">${t('applicant')}</th>
      <th scope="col">${t('status')}</th><th scope="col">${t('received')}</th><th scope="col">${t('due')}</th></tr></thead>
    <tbody>${items.map((d) => {
      const late = d.overdue; // past the law's due time, as the server's rules decide
      return html`<tr key=${d.code} class=${late ? 'late' : ''}>
        <td><a href=${`#/ho-so/${encodeURIComponent(d.code)}`}>${d.code}</a></td><td>${d.procedure.name}</td><td>${d.applicant.name}</td>
        <td>${statusText(d.status, d.status_label)}</td><td>${when(d.received_at || d.submitted_at)}</td>
        <td>${when(d.due_at)}${late ? html` <span class="badge">${t('late')}</span>` : ''}</td></tr>`;
    })}</tbody></table></div>`;
}

export function Queue({ query, session }) {
  const [tab, setTab] = useState(query.get('tab') || 'mine');
  const [counts, setCounts] = useState(null);
  const [filters, setFilters] = useState({ status: '', procedure: '', from: '', to: '' });
  const [applied, setApplied] = useState(filters);
  const [items, setItems] = useState(null);
  const [cursor, setCursor] = useState(null);
  const [procedures, setProcedures] = useState([]);
  const [statuses, setStatuses] = useState([]);
  const [error, setError] = useState(null);

  const staff = session.can('view_dossiers');
  useEffect(() => {
    if (session.user && !staff) location.replace('#/ho-so-cua-toi'); // a citizen's dossiers are on their own page
  }, [session.user]);
  const qs = (f) => Object.entries(f).filter(([, v]) => v).map(([k, v]) => `&${k}=${encodeURIComponent(v)}`).join('');
  useEffect(() => { get('/api/v1/procedures?limit=200').then((r) => setProcedures(r.items)).catch(() => {}); }, []);
  useEffect(() => { get('/api/v1/statuses').then((r) => setStatuses(r.items)).catch(() => {}); }, []);
  useEffect(() => {
    if (!staff) return;
    setItems(null);
    get(`/api/v1/dossiers/counts?x=1${qs({ ...applied, status: '' })}`).then(setCounts).catch(setError);
    get(`/api/v1/dossiers?view=${tab}&sort=${tab === 'all' ? 'newest' : 'due'}&limit=30${qs(applied)}`)
      .then((r) => { setItems(r.items); setCursor(r.next_cursor); }).catch(setError);
  }, [tab, applied, session.user]);
  if (!session.user) return html`<p>${t('error401')} <a href="#/dang-nhap?next=/ho-so">${t('login')}</a></p>`;
  if (!staff) return html`<${Loading} />`;
  const more = () => get(`/api/v1/dossiers?view=${tab}&sort=${tab === 'all' ? 'newest' : 'due'}&limit=30&cursor=${cursor}${qs(applied)}`)
    .then((r) => { setItems([...items, ...r.items]); setCursor(r.next_cursor); }).catch(setError);
  const set = (k) => (v) => setFilters({ ...filters, [k]: v });

  return html`<h1>${t('workspace')}</h1>
    <div role="tablist" class="tabs" aria-label=${t('workspace')}>
      ${TABS.map((k) => html`<button role="tab" type="button" id=${`tab-${k}`} aria-selected=${tab === k ? 'true' : 'false'} aria-controls="queue-panel"
        onClick=${() => setTab(k)}>${t(`tabs_${k}`)} <span class="count">${counts ? counts[k] : '…'}</span></button>`)}
    </div>
    <form class="filters" onSubmit=${(e) => { e.preventDefault(); setApplied(filters); }}>
      <${Field} type="select" label=${t('procedure')} name="procedure" value=${filters.procedure} onInput=${set('procedure')}>
        <option value="">${t('allProcedures')}</option>${procedures.map((p) => html`<option value=${p.id}>${p.name}</option>`)}</${Field}>
      <${Field} type="select" label=${t('status')} name="status" value=${filters.status} onInput=${set('status')}>
        <option value="">${t('allStatuses')}</option>${statuses.map((s) => html`<option value=${s.name} key=${s.name}>${statusText(s.name, s.label)}</option>`)}</${Field}>
      <${Field} type="date" label=${t('fromDate')} name="from" value=${filters.from} onInput=${set('from')} />
      <${Field} type="date" label=${t('toDate')} name="to" value=${filters.to} onInput=${set('to')} />
      <button type="submit">${t('filter')}</button>
    </form>
    <${Alert} error=${error} />
    <section id="queue-panel" role="tabpanel" aria-labelledby=${`tab-${tab}`}>
      ${items ? html`<${DossierTable} items=${items} />` : html`<${Loading} />`}
      ${cursor && html`<button type="button" class="secondary" onClick=${more}>${t('more')}</button>`}
    </section>`;
}
