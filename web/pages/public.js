// The citizen's pages: home, the catalog searched and browsed by field, agency and level (a
// procedure's page is procedure.js).
import { useState, useEffect } from '../vendor/hooks.module.js';
import { html, Field, Alert, Loading, duration } from '../lib/ui.js';
import { get, getAll } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { LookupForm } from './lookup.js';
import '../lib/i18n-search.js';
import { implementer } from './procedure.js';

export { Procedure } from './procedure.js';

function SearchBox({ initial = '' }) {
  const [q, setQ] = useState(initial);
  const submit = (e) => { e.preventDefault(); location.hash = `/thu-tuc?q=${encodeURIComponent(q)}`; };
  return html`<form role="search" class="search" onSubmit=${submit}>
    <${Field} label=${t('searchProcedures')} name="q" type="search" value=${q} onInput=${setQ} hint=${t('searchHint')} />
    <button type="submit">${t('search')}</button>
  </form>`;
}

function ProcedureList({ items }) {
  if (!items.length) return html`<p>${t('noResults')}</p>`;
  return html`<ul class="cards">${items.map((p) => html`<li key=${p.id}>
    <a href=${`#/thu-tuc/${p.id}`}>${p.name}</a>
    <p class="muted">${p.field} · ${duration(p)} · ${implementer(p)}${p.online_class ? ` · ${t(p.online_class)}` : ''}</p>
  </li>`)}</ul>`;
}

export function Home() {
  const [popular, setPopular] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => { get('/api/v1/procedures?sort=popular&limit=8').then((r) => setPopular(r.items)).catch(setError); }, []);
  return html`<h1>${t('app')}</h1>
    <div class="grid2">
      <section aria-labelledby="h-search"><h2 id="h-search">${t('procedures')}</h2><${SearchBox} /></section>
      <section aria-labelledby="h-lookup"><h2 id="h-lookup">${t('lookup')}</h2><${LookupForm} /></section>
    </div>
    <section aria-labelledby="h-popular"><h2 id="h-popular">${t('popular')}</h2>
      <${Alert} error=${error} />
      ${popular ? html`<${ProcedureList} items=${popular} />` : !error && html`<${Loading} />`}
    </section>`;
}

// The catalog's fields, owning agencies (in tree order) and levels, with how many procedures each
// holds (an agency: its own and its units'), for browsing; read once.
let facetsOnce = null;
const LEVELS = ['central', 'province', 'district', 'commune'];
function facets() {
  facetsOnce ??= Promise.all([getAll('/api/v1/procedures'), get('/api/v1/agencies?flat=1')]).then(([procs, tree]) => {
    const parent = new Map(tree.items.map((a) => [a.id, a.parent]));
    const fields = new Map(), byAgency = new Map(), levels = new Set();
    for (const p of procs) {
      fields.set(p.field, (fields.get(p.field) || 0) + 1);
      levels.add(p.level);
      for (let a = p.agency.id, hops = 0; a && hops < 20; a = parent.get(a), hops++) byAgency.set(a, (byAgency.get(a) || 0) + 1);
    }
    const owners = new Set(procs.map((p) => p.agency.id));
    return {
      fields: [...fields].sort((a, b) => a[0].localeCompare(b[0], 'vi')).map(([name, n]) => ({ name, n })),
      agencies: tree.items.filter((a) => owners.has(a.id)).map((a) => ({ id: a.id, name: a.name, n: byAgency.get(a.id) })),
      levels: LEVELS.filter((l) => levels.has(l)),
    };
  }).catch((err) => { facetsOnce = null; throw err; });
  return facetsOnce;
}

const BROWSE = ['q', 'field', 'agency', 'level'];
const catalogAddress = (v) => `/thu-tuc?${new URLSearchParams(BROWSE.filter((k) => v[k]).map((k) => [k, v[k]]))}`;

// #/thu-tuc?q=…&field=…&agency=…&level=…: the catalog searched (ranked by the server) and browsed.
export function Search({ query }) {
  const applied = Object.fromEntries(BROWSE.map((k) => [k, query.get(k) || '']));
  const address = catalogAddress(applied);
  const [draft, setDraft] = useState(applied);
  const [f, setF] = useState(null);
  const [res, setRes] = useState({}); // the procedures found for an address, and the cursor after them
  const [error, setError] = useState(null);
  const list = (after) => get(`/api/v1/procedures?limit=50${BROWSE.filter((k) => applied[k]).map((k) => `&${k}=${encodeURIComponent(applied[k])}`).join('')}${after ? `&cursor=${encodeURIComponent(after)}` : ''}`);
  useEffect(() => { facets().then(setF).catch(() => {}); }, []);
  useEffect(() => {
    let live = true;
    setDraft(applied);
    setError(null);
    list().then((r) => live && setRes({ address, items: r.items, cursor: r.next_cursor })).catch((err) => live && setError(err));
    return () => { live = false; };
  }, [address]);
  const set = (k) => (v) => setDraft({ ...draft, [k]: v });
  const submit = (e) => { e.preventDefault(); location.hash = catalogAddress({ ...draft, q: draft.q.trim() }); };
  // until the procedures of the address shown have come, none (not those of the one before)
  const items = res.address === address ? res.items : null, cursor = res.address === address ? res.cursor : null;
  const more = () => list(cursor).then((r) => setRes({ address, items: [...items, ...r.items], cursor: r.next_cursor })).catch(setError);
  const browsing = !BROWSE.some((k) => applied[k]);
  return html`<h1>${t('procedures')}</h1>
    <form role="search" class="catalog-search" onSubmit=${submit}>
      <div class="search">
        <${Field} label=${t('searchProcedures')} name="q" type="search" value=${draft.q} onInput=${set('q')} hint=${t('searchHint')} />
        <button type="submit">${t('search')}</button>
      </div>
      <div class="filters">
        <${Field} type="select" label=${t('field')} name="field" value=${draft.field} onInput=${set('field')}>
          <option value="">${t('psAllFields')}</option>${(f?.fields || []).map((x) => html`<option value=${x.name} key=${x.name}>${x.name}</option>`)}</${Field}>
        <${Field} type="select" label=${t('agency')} name="agency" value=${draft.agency} onInput=${set('agency')}>
          <option value="">${t('psAllAgencies')}</option>${(f?.agencies || []).map((x) => html`<option value=${x.id} key=${x.id}>${x.name}</option>`)}</${Field}>
        <${Field} type="select" label=${t('level')} name="level" value=${draft.level} onInput=${set('level')}>
          <option value="">${t('psAllLevels')}</option>${(f?.levels || LEVELS).map((l) => html`<option value=${l} key=${l}>${t(l)}</option>`)}</${Field}>
      </div>
      ${!browsing && html`<p><a href="#/thu-tuc">${t('psClear')}</a></p>`}
    </form>
    ${browsing && f && html`<div class="grid2">
      <section aria-labelledby="h-by-field"><h2 id="h-by-field">${t('psByField')}</h2>
        <ul class="links">${f.fields.map((x) => html`<li key=${x.name}><a href=${`#${catalogAddress({ field: x.name })}`}>${x.name}</a> <span class="muted">(${t('psCount', { n: x.n })})</span></li>`)}</ul></section>
      <section aria-labelledby="h-by-agency"><h2 id="h-by-agency">${t('psByAgency')}</h2>
        <ul class="links">${f.agencies.map((x) => html`<li key=${x.id}><a href=${`#${catalogAddress({ agency: x.id })}`}>${x.name}</a> <span class="muted">(${t('psCount', { n: x.n })})</span></li>`)}</ul></section>
    </div>`}
    <${Alert} error=${error} />
    <section aria-labelledby="h-results" aria-live="polite">
      <h2 id="h-results">${browsing ? t('psAll') : t('psResults')}</h2>
      ${applied.q && html`<p class="muted">${t('psRanked')}</p>`}
      ${items ? html`<${ProcedureList} items=${items} />` : !error && html`<${Loading} />`}
      ${cursor && html`<button type="button" class="secondary" onClick=${more}>${t('more')}</button>`}
    </section>`;
}
