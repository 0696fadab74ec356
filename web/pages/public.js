// The citizen's pages: home, procedure search, a procedure.
import { useState, useEffect } from '../vendor/hooks.module.js';
import { html, Field, Alert, Loading, money, duration } from '../lib/ui.js';
import { get } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { LookupForm } from './lookup.js';

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
    <p class="muted">${p.field} · ${duration(p)} · ${p.agency.name}${p.online_class ? ` · ${t(p.online_class)}` : ''}</p>
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

export function Search({ query }) {
  const q = query.get('q') || '';
  const [items, setItems] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    setItems(null);
    get(`/api/v1/procedures?limit=50${q ? `&q=${encodeURIComponent(q)}` : ''}`).then((r) => setItems(r.items)).catch(setError);
  }, [q]);
  return html`<h1>${t('procedures')}</h1>
    <${SearchBox} initial=${q} />
    <${Alert} error=${error} />
    <section aria-live="polite">${items ? html`<${ProcedureList} items=${items} />` : !error && html`<${Loading} />`}</section>`;
}

export function Procedure({ params, session }) {
  const [p, setP] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => { get(`/api/v1/procedures/${params[0]}`).then(setP).catch(setError); }, [params[0]]);
  if (error) return html`<${Alert} error=${error} />`;
  if (!p) return html`<${Loading} />`;
  const online = p.online_class === 'full' || p.online_class === 'partial';
  return html`<h1>${p.name}</h1>
    <dl class="facts">
      <dt>${t('procedureCode')}</dt><dd>${p.code}</dd>
      <dt>${t('agency')}</dt><dd>${p.agency.name}</dd>
      <dt>${t('level')}</dt><dd>${t(p.level)}</dd>
      <dt>${t('field')}</dt><dd>${p.field}</dd>
      <dt>${t('duration')}</dt><dd>${duration(p)}</dd>
      <dt>${t('onlineClass')}</dt><dd>${p.online_class ? t(p.online_class) : t('none')}</dd>
      ${p.result_name && html`<dt>${t('resultName')}</dt><dd>${p.result_name}</dd>`}
      ${p.legal_basis && html`<dt>${t('legalBasis')}</dt><dd>${p.legal_basis}</dd>`}
    </dl>
    <h2>${t('components')}</h2>
    ${p.components.length ? html`<table><thead><tr><th scope="col">#</th><th scope="col">${t('components')}</th><th scope="col">${t('original')} / ${t('copy')}</th><th scope="col">${t('count')}</th></tr></thead>
      <tbody>${p.components.map((c) => html`<tr key=${c.position}><td>${c.position}</td><td>${c.name} ${!c.required && html`<span class="muted">(${t('optional')})</span>`}</td><td>${t(c.kind)}</td><td>${c.count}</td></tr>`)}</tbody></table>`
      : html`<p>${t('emptyList')}</p>`}
    <h2>${t('fees')}</h2>
    ${p.fees.length ? html`<ul>${p.fees.map((f) => html`<li>${f.name}: ${money(f.amount)}</li>`)}</ul>` : html`<p>${t('noFee')}</p>`}
    ${online && html`<p><a class="button" href=${session.can('submit_online') ? `#/nop/${p.id}` : `#/dang-nhap?next=${encodeURIComponent(`/nop/${p.id}`)}`}>${t('submitOnline')}</a></p>`}`;
}
