// The steering committee's month: completion by plan and by unit (the member's own units first,
// marked), the overdue tasks, the units that have not reported (late marked), the month's submitted
// reports side by side. Read-only; the month comes from the server's clock unless one is asked for.
import { useState, useEffect } from '../vendor/hooks.module.js';
import { html, Field, Alert, Loading } from '../lib/ui.js';
import { get } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import '../lib/i18n-plans.js';
import { enc, monthText, dayText, taskHref, planHref, StateBadge, ReportStatus, Counts } from '../lib/plans.js';

const Mine = ({ on }) => (on ? html` <span class="mine">${t('plMine')}</span>` : '');

function ByPlan({ plans }) {
  if (!plans.length) return html`<p>${t('plNoPlans')}</p>`;
  return html`<div class="scroll"><table><caption class="sr-only">${t('plByPlan')}</caption>
    <thead><tr><th scope="col">${t('plPlan')}</th><th scope="col">${t('plCompletion')}</th><th scope="col">${t('plDone')}</th>
      <th scope="col">${t('plInProgress')}</th><th scope="col">${t('plOverdue')}</th><th scope="col">${t('plNotStarted')}</th></tr></thead>
    <tbody>${plans.map((p) => html`<tr key=${p.id}><th scope="row"><a href=${planHref(p.id)}>${p.title}</a>
        ${p.doc_number && html`<br /><small class="muted">${p.doc_number}</small>`}</th>
      <td class="completion">${p.counts.completion}</td><td>${p.counts.done}</td><td>${p.counts.in_progress}</td>
      <td>${p.counts.overdue}</td><td>${p.counts.not_started}</td></tr>`)}</tbody></table></div>`;
}

function ByUnit({ units }) {
  return html`<p class="hint">${t('plMineHint')}</p><div class="scroll"><table><caption class="sr-only">${t('plByUnit')}</caption>
    <thead><tr><th scope="col" rowspan="2">${t('plUnit')}</th><th scope="colgroup" colspan="4">${t('plTaskCount')}</th>
      <th scope="colgroup" colspan="4">${t('plReportsOf')}</th></tr>
      <tr><th scope="col">${t('plCompletion')}</th><th scope="col">${t('plInProgress')}</th><th scope="col">${t('plOverdue')}</th><th scope="col">${t('plNotStarted')}</th>
      <th scope="col">${t('plOwed')}</th><th scope="col">${t('plSubmitted')}</th><th scope="col">${t('plMissing')}</th><th scope="col">${t('plLate')}</th></tr></thead>
    <tbody>${units.map((u) => html`<tr key=${u.id} class=${u.mine ? 'mine' : ''} data-unit=${u.id}><th scope="row">${u.name}<${Mine} on=${u.mine} /></th>
      <td>${u.counts.completion}</td><td>${u.counts.in_progress}</td><td>${u.counts.overdue}</td><td>${u.counts.not_started}</td>
      <td>${u.reports.owed}</td><td>${u.reports.submitted}</td><td>${u.reports.missing}</td><td>${u.reports.late}</td></tr>`)}</tbody></table></div>`;
}

function Overdue({ tasks, month }) {
  if (!tasks.length) return html`<p>${t('plNoOverdue')}</p>`;
  return html`<div class="scroll"><table><caption class="sr-only">${t('plOverdueTasks')}</caption>
    <thead><tr><th scope="col">${t('plNo')}</th><th scope="col">${t('plTask')}</th><th scope="col">${t('plLead')}</th>
      <th scope="col">${t('plDeadline')}</th><th scope="col">${t('plProgress')}</th></tr></thead>
    <tbody>${tasks.map((x) => html`<tr key=${x.id}><td>${x.no}</td><td><a href=${taskHref(x, month)}>${x.title}</a></td><td>${x.lead.name}</td>
      <td>${dayText(x.deadline_working)}</td><td>${x.progress} %</td></tr>`)}</tbody></table></div>`;
}

function NotReported({ units, month }) {
  if (!units.length) return html`<p>${t('plAllReported')}</p>`;
  return html`<ul class="cards">${units.map((u) => html`<li key=${u.unit.id} data-unit=${u.unit.id}>
    <h3 class="item">${u.unit.name}<${Mine} on=${u.mine} /></h3>
    <ul>${u.tasks.map((x) => html`<li key=${x.id}><a href=${taskHref(x, month)}>${t('tkTask', { no: x.no })}: ${x.title}</a>
      · <${ReportStatus} m=${x.this_month} /> · ${t('tkDue')} ${dayText(x.this_month.due)}</li>`)}</ul></li>`)}</ul>`;
}

// The month's reports side by side: one row each, the same columns.
function Reports({ tasks, month }) {
  if (!tasks.length) return html`<p>${t('plNoReports')}</p>`;
  const cell = (s) => html`<td class="prose">${s || '—'}</td>`;
  return html`<div class="scroll"><table class="reports"><caption class="sr-only">${t('plReports', { m: monthText(month) })}</caption>
    <thead><tr><th scope="col">${t('plTask')}</th><th scope="col">${t('plLead')}</th><th scope="col">${t('plProgress')}</th>
      <th scope="col">${t('rpResults')}</th><th scope="col">${t('rpShortfall')}</th><th scope="col">${t('rpFix')}</th>
      <th scope="col">${t('rpProposal')}</th><th scope="col">${t('plState')}</th></tr></thead>
    <tbody>${tasks.map((x) => {
      const r = x.this_month.report;
      return html`<tr key=${x.id}><th scope="row"><a href=${taskHref(x, month)}>${x.no}. ${x.title}</a></th><td>${x.lead.name}</td>
        <td>${r.progress} %${r.progress_text ? html`<br /><span class="prose">${r.progress_text}</span>` : ''}</td>
        ${cell(r.results)}${cell(r.shortfall)}${cell(r.fix)}${cell(r.proposal)}
        <td><${StateBadge} task=${x} />${x.this_month.late ? html` <span class="badge">${t('plLate')}</span>` : ''}</td></tr>`;
    })}</tbody></table></div>`;
}

// #/ban-chi-dao?month=YYYY-MM
export function Committee({ query, session }) {
  const asked = query.get('month') || '';
  const [month, setMonth] = useState(asked);
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    if (!session.can('view_plans')) return;
    get(`/api/v1/committee${asked ? `?month=${enc(asked)}` : ''}`).then((d) => { setData(d); setMonth(d.month); }).catch(setError);
  }, [asked, session.user]);
  if (!session.user) return html`<p>${t('error401')} <a href="#/dang-nhap?next=/ban-chi-dao">${t('login')}</a></p>`;
  if (!session.can('view_plans')) return html`<p>${t('error403')}</p>`;
  if (!data) return error ? html`<h1>${t('plCommittee')}</h1><${Alert} error=${error} />` : html`<${Loading} />`;
  const m = monthText(data.month);
  const section = (id, title, body) => html`<section aria-labelledby=${id}><h2 id=${id}>${title}</h2>${body}</section>`;
  return html`<h1>${t('plCommitteeTitle', { m })}</h1>
    <form class="month-pick" onSubmit=${(e) => { e.preventDefault(); location.hash = `/ban-chi-dao?month=${enc(month)}`; }}>
      <${Field} type="month" label=${t('plMonth')} name="month" value=${month} onInput=${setMonth} min="2000-01" max="2100-12" />
      <button type="submit">${t('plShow')}</button>
    </form>
    <p class="links">${session.can('manage_plans') && html`<a href="#/ban-chi-dao/thanh-vien">${t('plMembers')}</a> · `}<a href="#/ke-hoach">${t('plPlans')}</a></p>
    <${Alert} error=${error} />
    ${section('h-total', t('plAll'), html`<${Counts} k=${data.counts} label=${t('plAll')} />`)}
    ${section('h-plans', t('plByPlan'), html`<${ByPlan} plans=${data.plans} />`)}
    ${section('h-units', t('plByUnit'), html`<${ByUnit} units=${data.units} />`)}
    ${section('h-overdue', t('plOverdueTasks'), html`<${Overdue} tasks=${data.overdue} month=${data.month} />`)}
    ${section('h-missing', t('plNotReported', { m }), html`<${NotReported} units=${data.not_reported} month=${data.month} />`)}
    ${section('h-reports', t('plReports', { m }), html`<${Reports} tasks=${data.reports} month=${data.month} />`)}`;
}
