// A procedure's public page (#/thu-tuc/{id}): what Decree 63/2010 (as amended) asks a published
// procedure to state — who implements it (the commune's People's Committee for a commune-level
// procedure, whoever publishes it), the steps, the conditions, the components, the fees, the forms
// to download, where to file it (the unit's address) and when (its opening hours).
import { useState, useEffect } from '../vendor/hooks.module.js';
import { html, Field, Alert, Loading, money, duration } from '../lib/ui.js';
import { get } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { hoursText } from '../lib/i18n-catalog.js';

// Who implements it: the level's own People's Committees for commune and district procedures (the
// catalog names the province that publishes them), else the agency that owns it.
export const implementer = (p) => (p.level === 'commune' || p.level === 'district' ? t(`impl_${p.level}`) : p.agency.name);

// Hours of work as days and hours: 12 → "12 giờ làm việc".
const stepTime = (h) => t('stepHours', { n: String(h).replace('.', ',') });

function Steps({ variants, names }) {
  if (!variants.length) return null;
  return html`<section aria-labelledby="h-steps"><h2 id="h-steps">${t('steps_title')}</h2>
    ${variants.map((v) => html`<div key=${v.id}>
      ${variants.length > 1 && html`<h3>${t('variantCase', { name: v.name })}</h3>`}
      <ol class="steps">${v.steps.map((s) => html`<li key=${s.position}>
        <strong>${s.name}</strong> <span class="muted">— ${s.unit ? names.get(s.unit) || s.unit : t('stepUnitDefault')}; ${stepTime(s.hours)}</span></li>`)}</ol>
    </div>`)}</section>`;
}

function WhereToFile({ units }) {
  // the public service centre first, where there is one: it receives every procedure of the province
  const sorted = [...units].sort((a, b) => (b.level === 'centre') - (a.level === 'centre'));
  const [chosen, setChosen] = useState(sorted.length ? sorted[0].id : '');
  const u = sorted.find((x) => x.id === chosen);
  return html`<section aria-labelledby="h-where"><h2 id="h-where">${t('whereToFile')}</h2>
    ${!sorted.length ? html`<p>${t('noUnits')}</p>` : html`
      ${sorted.length > 1 && html`<${Field} type="select" label=${t('chooseUnit')} name="unit" value=${chosen} onInput=${setChosen}
        hint=${t('unitCount', { n: sorted.length })}>${sorted.map((x) => html`<option value=${x.id} key=${x.id}>${x.name}</option>`)}</${Field}>`}
      ${u && html`<dl class="facts unit-facts" aria-live="polite">
        <dt>${t('receivingUnit')}</dt><dd>${u.name}</dd>
        <dt>${t('address')}</dt><dd class="unit-address">${u.address || '—'}</dd>
        ${u.phone && html`<dt>${t('agencyPhone')}</dt><dd>${u.phone}</dd>`}
        <dt>${t('openingHours')}</dt><dd class="unit-hours">${hoursText(u)}</dd>
      </dl>`}`}
  </section>`;
}

export function Procedure({ params, session }) {
  const id = params[0];
  const [p, setP] = useState(null);
  const [more, setMore] = useState(null); // the variants, the units and the agencies' names
  const [error, setError] = useState(null);
  useEffect(() => {
    setP(null); setMore(null);
    get(`/api/v1/procedures/${id}`).then(setP).catch(setError);
    Promise.all([get(`/api/v1/procedures/${id}/variants`), get(`/api/v1/procedures/${id}/units`), get('/api/v1/agencies?flat=1')])
      .then(([v, u, a]) => setMore({ variants: v.variants, units: u.items, names: new Map(a.items.map((x) => [x.id, x.name])) }))
      .catch(setError);
  }, [id]);
  if (error) return html`<${Alert} error=${error} />`;
  if (!p) return html`<${Loading} />`;
  const online = p.online_class === 'full' || p.online_class === 'partial';
  return html`<h1>${p.name}</h1>
    <dl class="facts">
      <dt>${t('procedureCode')}</dt><dd>${p.code}</dd>
      <dt>${t('implementer')}</dt><dd class="implementer">${implementer(p)}</dd>
      <dt>${t('level')}</dt><dd>${t(p.level)}</dd>
      <dt>${t('field')}</dt><dd>${p.field}</dd>
      <dt>${t('duration')}</dt><dd>${duration(p)}</dd>
      <dt>${t('onlineClass')}</dt><dd>${p.online_class ? t(p.online_class) : t('none')}</dd>
      ${p.result_name && html`<dt>${t('resultName')}</dt><dd>${p.result_name}</dd>`}
      ${p.legal_basis && html`<dt>${t('legalBasis')}</dt><dd>${p.legal_basis}</dd>`}
    </dl>
    ${online && html`<p><a class="button" href=${session.can('submit_online') ? `#/nop/${p.id}` : `#/dang-nhap?next=${encodeURIComponent(`/nop/${p.id}`)}`}>${t('submitOnline')}</a></p>`}
    ${more ? html`<${Steps} variants=${more.variants} names=${more.names} />` : html`<${Loading} />`}
    <section aria-labelledby="h-conditions"><h2 id="h-conditions">${t('conditions')}</h2>
      ${p.conditions ? html`<ul class="conditions">${p.conditions.split('\n').filter((l) => l.trim()).map((l, i) => html`<li key=${i}>${l}</li>`)}</ul>`
        : html`<p>${t('noConditions')}</p>`}</section>
    <section aria-labelledby="h-components"><h2 id="h-components">${t('components')}</h2>
    ${p.components.length ? html`<div class="scroll"><table><thead><tr><th scope="col">#</th><th scope="col">${t('components')}</th><th scope="col">${t('original')} / ${t('copy')}</th><th scope="col">${t('count')}</th></tr></thead>
      <tbody>${p.components.map((c) => html`<tr key=${c.position}><td>${c.position}</td><td>${c.name} ${!c.required && html`<span class="muted">(${t('optional')})</span>`}</td><td>${t(c.kind)}</td><td>${c.count}</td></tr>`)}</tbody></table></div>`
      : html`<p>${t('emptyList')}</p>`}</section>
    <section aria-labelledby="h-forms"><h2 id="h-forms">${t('formsToDownload')}</h2>
      ${p.forms && p.forms.length ? html`<ul class="forms">${p.forms.map((f) => html`<li key=${f.id}>
        <a href=${f.url} download=${f.name}>${f.title}</a> <span class="muted">(${f.content_type === 'application/pdf' ? 'PDF' : f.content_type.split('/')[1].toUpperCase()}, ${t('kb', { n: Math.ceil(f.size / 1024) })})</span></li>`)}</ul>`
        : html`<p>${t('noForms')}</p>`}</section>
    <section aria-labelledby="h-fees"><h2 id="h-fees">${t('fees')}</h2>
    ${p.fees.length ? html`<ul>${p.fees.map((f) => html`<li>${f.name}: ${money(f.amount)}</li>`)}</ul>` : html`<p>${t('noFee')}</p>`}</section>
    ${more && html`<${WhereToFile} units=${more.units} key=${id} />`}`;
}
