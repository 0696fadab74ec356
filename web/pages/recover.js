// The service index's points to win back (#/diem-can-cai-thien): every unit's recoverable points
// side by side, and for the unit chosen each part that loses points with what to do, the parts
// not recorded, the online procedures without an online dossier and the dossiers at risk of
// being late (each opens its dossier).
import { useState, useEffect } from '../vendor/hooks.module.js';
import { html, Field, Alert, Loading, when } from '../lib/ui.js';
import { get } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { num, PERIODS, periodOf, periodFromQuery, agencyChoices } from '../lib/figures.js';

const VIEWERS = ['receiver', 'processor', 'leader', 'admin', 'steering', 'auditor'];
const enc = encodeURIComponent;

// The address of the page for an agency, a period and a unit shown in detail.
function address(agency, period, unit) {
  const p = period.kind === 'custom' ? `from=${period.from}&to=${period.to}` : `period=${period.kind}`;
  return `#/diem-can-cai-thien?${agency ? `agency=${enc(agency)}&` : ''}${p}${unit ? `&unit=${enc(unit)}` : ''}`;
}

const minutes = (m) => t('recHoursMinutes', { h: Math.floor(m / 60), m: m % 60 });
// The last local day of the window that ends at `until` (the next day's midnight), DD/MM/YYYY.
const lastDay = (until) => new Date(Date.parse(until) + 7 * 3600e3 - 1000).toISOString().slice(0, 10).split('-').reverse().join('/');

// Each unit with what winning its points back adds to its total, as a bar and a number.
function Units({ data, chosen, link }) {
  const rows = [{ ...data.index, own: true }, ...(data.children || [])];
  const top = Math.max(1, ...rows.map((u) => u.recoverable_total));
  return html`<div class="scroll"><table class="recover">
    <caption class="sr-only">${t('recUnits')}</caption>
    <thead><tr><th scope="col">${t('rank')}</th><th scope="col">${t('unit')}</th><th scope="col">${t('indexTotal')}</th>
      <th scope="col">${t('recGain')}</th><th scope="col">${t('recRecoverable')}</th><th scope="col">${t('recNotMeasured')}</th></tr></thead>
    <tbody>${rows.map((u) => html`<tr key=${u.agency.id} class=${u.agency.id === chosen ? 'chosen' : ''}>
      <td>${u.own ? '—' : u.rank}</td>
      <th scope="row"><a href=${link(u.agency.id)} aria-current=${u.agency.id === chosen ? 'true' : undefined}>${u.agency.name}</a>
        ${u.own && html` <small class="muted">${t('recWhole')}</small>`}</th>
      <td>${u.total === null ? t('noScore') : num(u.total)}</td>
      <td class="gauge-cell"><span class="gauge" aria-hidden="true"><span style=${{ width: `${(100 * u.recoverable_total) / top}%` }}></span></span>
        <span>+${num(u.recoverable_total)}</span></td>
      <td>${num(u.recoverable)}</td><td>${num(u.not_measured)}</td></tr>`)}
    </tbody></table></div>`;
}

// One unit: its parts that lose points with what to do, the parts not recorded, and the lists.
function Detail({ unit, until, names }) {
  const parts = unit.parts || [];
  return html`<ul class="stats">
      <li><span class="n">${unit.total === null ? '—' : num(unit.total)}</span> ${t('indexTotal')}</li>
      <li><span class="n">${num(unit.points)} / ${num(unit.max_points)}</span> ${t('recPoints')}</li>
      <li><span class="n">${num(unit.recoverable)}</span> ${t('recRecoverable')}</li>
      <li><span class="n">+${num(unit.recoverable_total)}</span> ${t('recGain')}</li>
    </ul>
    <h3 id="h-rec-parts">${t('recParts')}</h3>
    ${!parts.length ? html`<p>${t('recNoLoss')}</p>` : html`<div class="scroll"><table aria-labelledby="h-rec-parts">
      <thead><tr><th scope="col">${t('part')}</th><th scope="col">${t('maxPoints')}</th><th scope="col">${t('points')}</th>
        <th scope="col">${t('recLost')}</th><th scope="col">${t('data')}</th><th scope="col">${t('recAction')}</th></tr></thead>
      <tbody>${parts.map((p) => html`<tr key=${p.code}>
        <th scope="row">${p.name}</th><td>${num(p.max_points)}</td><td>${num(p.points)}</td><td><strong>${num(p.lost)}</strong></td>
        <td>${num(p.numerator)} / ${num(p.denominator)}${p.full_at < 100 ? html`<br /><small class="muted">${t('recFullAt', { n: num(p.full_at) })}</small>` : ''}</td>
        <td class="action">${p.action}</td></tr>`)}</tbody></table></div>`}
    ${unit.not_measured_parts && unit.not_measured_parts.length > 0 && html`<h3 id="h-rec-nm">${t('recNotMeasuredParts')}</h3>
      <div class="scroll"><table aria-labelledby="h-rec-nm">
        <thead><tr><th scope="col">${t('part')}</th><th scope="col">${t('recLost')}</th><th scope="col">${t('note')}</th></tr></thead>
        <tbody>${unit.not_measured_parts.map((p) => html`<tr key=${p.code} class="muted">
          <th scope="row">${p.name}</th><td>${num(p.lost)}</td><td>${p.action}</td></tr>`)}</tbody></table></div>`}
    <h3>${t('recOnlineUnused')} (${num(unit.online_unused.count)})</h3>
    ${!unit.online_unused.count ? html`<p>${t('emptyList')}</p>` : html`<ul class="links">
      ${unit.online_unused.items.map((p) => html`<li key=${p.id}><a href=${`#/thu-tuc/${p.id}`}>${p.code} — ${p.name}</a></li>`)}
      ${unit.online_unused.count > unit.online_unused.items.length && html`<li>${t('recMore', { n: num(unit.online_unused.count - unit.online_unused.items.length) })}</li>`}</ul>`}
    ${unit.at_risk && html`<h3 id="h-rec-risk">${t('recAtRisk', { until: lastDay(until) })} (${num(unit.at_risk.count)})</h3>
      ${!unit.at_risk.count ? html`<p>${t('noDossiers')}</p>` : html`<div class="scroll"><table class="queue" aria-labelledby="h-rec-risk">
        <thead><tr><th scope="col">${t('code')}</th><th scope="col">${t('procedure')}</th><th scope="col">${t('unit')}</th>
          <th scope="col">${t('due')}</th><th scope="col">${t('recLeft')}</th></tr></thead>
        <tbody>${unit.at_risk.items.map((d) => html`<tr key=${d.code}>
          <td><a href=${`#/ho-so/${enc(d.code)}`}>${d.code}</a></td><td>${d.procedure}</td><td>${names[d.agency] || d.agency}</td>
          <td>${when(d.due_at)}</td><td>${minutes(d.working_minutes_left)}</td></tr>`)}</tbody></table></div>
        ${unit.at_risk.count > unit.at_risk.items.length && html`<p>${t('recMoreDossiers', { n: num(unit.at_risk.count - unit.at_risk.items.length) })}</p>`}`}`}`;
}

export function Recover({ query, session }) {
  const asked = periodFromQuery(query);
  const [agency, setAgency] = useState(query.get('agency') || '');
  const [kind, setKind] = useState(asked.kind);
  const [from, setFrom] = useState(asked.from);
  const [to, setTo] = useState(asked.to);
  const [agencies, setAgencies] = useState([]);
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const q = query.toString();

  useEffect(() => { setKind(asked.kind); setFrom(asked.from); setTo(asked.to); }, [q]);
  useEffect(() => { get('/api/v1/agencies?flat=1').then((r) => setAgencies(r.items)).catch(() => {}); }, []);
  useEffect(() => {
    if (!session.user) return;
    const a = query.get('agency') ? `agency=${enc(query.get('agency'))}&` : '';
    setData(null);
    setError(null);
    get(`/api/v1/index/recover?${a}from=${asked.from}&to=${asked.to}&children=1`)
      .then((r) => { setAgency(r.agency.id); setData(r); }).catch(setError);
  }, [q, session.user]);

  if (!session.user) return html`<p>${t('error401')} <a href="#/dang-nhap">${t('login')}</a></p>`;
  const choices = agencyChoices(session.user, agencies, VIEWERS);
  const names = Object.fromEntries(agencies.map((a) => [a.id, a.name]));
  const choose = (k) => { setKind(k); if (k !== 'custom') { const p = periodOf(k); setFrom(p.from); setTo(p.to); } };
  const period = { kind: asked.kind, from: asked.from, to: asked.to };
  const chosenId = data && (query.get('unit') || data.agency.id);
  const chosen = data && [data.index, ...(data.children || [])].find((u) => u.agency.id === chosenId);

  return html`<h1>${t('recTitle')}${data ? html`: ${data.agency.name}` : ''}</h1>
    <p>${t('recIntro')}</p>
    <form class="filters" onSubmit=${(e) => { e.preventDefault(); location.hash = address(agency, { kind, from, to }); }}>
      <${Field} type="select" label=${t('unit')} name="agency" value=${agency} onInput=${setAgency}>
        ${choices.map((a) => html`<option key=${a.id} value=${a.id}>${a.name}</option>`)}</${Field}>
      <${Field} type="select" label=${t('recPeriodPick')} name="period" value=${kind} onInput=${choose}>
        ${[...PERIODS, 'custom'].map((k) => html`<option key=${k} value=${k}>${t(`recPeriod_${k}`)}</option>`)}</${Field}>
      ${kind === 'custom' && html`<${Field} type="date" label=${t('fromDate')} name="from" value=${from} onInput=${setFrom} />
        <${Field} type="date" label=${t('toDate')} name="to" value=${to} onInput=${setTo} />`}
      <button type="submit">${t('show')}</button>
    </form>
    <${Alert} error=${error} />
    ${!data ? !error && html`<${Loading} />` : html`
      <p class="muted">${t('recPeriod', { from: data.from.split('-').reverse().join('/'), to: data.to.split('-').reverse().join('/') })}</p>
      <section aria-labelledby="h-rec-units"><h2 id="h-rec-units">${t('recUnits')}</h2>
        <p class="hint">${t('recUnitsHint')}</p>
        <${Units} data=${data} chosen=${chosenId} link=${(id) => address(data.agency.id, period, id === data.agency.id ? null : id)} /></section>
      ${chosen ? html`<section aria-labelledby="h-rec-unit"><h2 id="h-rec-unit">${t('recOf', { name: chosen.agency.name })}</h2>
        <${Detail} unit=${chosen} until=${data.at_risk_until} names=${names} /></section>`
        : html`<p>${t('error404')}</p>`}`}`;
}
