// A unit's reform tasks: what it owes (the month's reports missing or in draft, overdue tasks, tasks
// due within 7 days) and all its tasks; a task's page with its reports by month and, for the lead
// unit's officers, the month's report form.
import { useState, useEffect } from '../vendor/hooks.module.js';
import { html, Field, Alert, Loading, when } from '../lib/ui.js';
import { get } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import '../lib/i18n-plans.js';
import { enc, monthText, dayText, taskHref, planHref, StateBadge, ReportStatus, unitNames } from '../lib/plans.js';
import { ReportForm } from './report-form.js';

const VIEWS = ['owed', 'all'];
const tasksHref = (view, month) => `/nhiem-vu?view=${view}${month ? `&month=${enc(month)}` : ''}`;

function TaskTable({ items }) {
  return html`<div class="scroll"><table class="queue">
    <thead><tr><th scope="col">${t('plNo')}</th><th scope="col">${t('plTask')}</th><th scope="col">${t('plLead')}</th><th scope="col">${t('plDeadline')}</th>
      <th scope="col">${t('plState')}</th><th scope="col">${t('plProgress')}</th><th scope="col">${t('tkReportMonth')}</th><th scope="col">${t('tkDue')}</th></tr></thead>
    <tbody>${items.map((x) => html`<tr key=${x.id} data-task=${x.no} class=${x.state === 'overdue' ? 'late' : ''}>
      <td>${x.no}</td><th scope="row"><a href=${taskHref(x, x.this_month.month)}>${x.title}</a></th><td>${x.lead.name}</td>
      <td>${dayText(x.deadline_working)}</td><td><${StateBadge} task=${x} /></td><td>${x.progress} %</td>
      <td>${x.this_month.owed || x.this_month.report ? html`<${ReportStatus} m=${x.this_month} />` : '—'}</td><td>${dayText(x.this_month.due)}</td></tr>`)}</tbody></table></div>`;
}

// #/nhiem-vu?view=owed|all&month=YYYY-MM
export function Tasks({ query, session }) {
  const view = VIEWS.includes(query.get('view')) ? query.get('view') : 'owed';
  const asked = query.get('month') || '';
  const [month, setMonth] = useState(asked);
  const [items, setItems] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    if (!session.can('view_plans')) return;
    setItems(null);
    get(`/api/v1/tasks?view=${view}${asked ? `&month=${enc(asked)}` : ''}`).then((r) => {
      setItems(r.items);
      if (!asked && r.items.length) setMonth(r.items[0].this_month.month); // the server's month, not the browser's
    }).catch(setError);
  }, [view, asked, session.user]);
  if (!session.user) return html`<p>${t('error401')} <a href="#/dang-nhap?next=/nhiem-vu">${t('login')}</a></p>`;
  if (!session.can('view_plans')) return html`<p>${t('error403')}</p>`;
  return html`<h1>${t('tkTitle')}</h1>
    <form class="month-pick" onSubmit=${(e) => { e.preventDefault(); location.hash = tasksHref(view, month); }}>
      <${Field} type="month" label=${t('plMonth')} name="month" value=${month} onInput=${setMonth} min="2000-01" max="2100-12" />
      <button type="submit">${t('plShow')}</button>
    </form>
    <div role="tablist" class="tabs" aria-label=${t('tkTitle')}>
      ${VIEWS.map((k) => html`<button role="tab" type="button" key=${k} id=${`tab-${k}`} aria-selected=${view === k ? 'true' : 'false'} aria-controls="tasks-panel"
        onClick=${() => { location.hash = tasksHref(k, asked); }}>${t(k === 'owed' ? 'tkOwed' : 'tkAll')}</button>`)}
    </div>
    <${Alert} error=${error} />
    <section id="tasks-panel" role="tabpanel" aria-labelledby=${`tab-${view}`}>
      ${view === 'owed' && html`<p class="hint">${t('tkOwedHint')}</p>`}
      ${!items ? !error && html`<${Loading} />` : !items.length ? html`<p>${t(view === 'owed' ? 'tkNoneOwed' : 'tkNone')}</p>` : html`<${TaskTable} items=${items} />`}
    </section>`;
}

function Report({ r }) {
  const row = (key, v) => v && html`<dt>${t(key)}</dt><dd class="prose">${v}</dd>`;
  return html`<li data-month=${r.month}><h3 class="item">${t('rpTitle', { m: monthText(r.month) })}: ${t(`st_${r.status}`)}${r.late ? html` <span class="badge">${t('plLate')}</span>` : ''}</h3>
    <dl class="facts">
      <dt>${t('plProgress')}</dt><dd>${r.progress} %</dd>${row('rpProgressText', r.progress_text)}${row('rpResults', r.results)}
      ${row('rpShortfall', r.shortfall)}${row('rpFix', r.fix)}${row('rpProposal', r.proposal)}${r.done_on && html`<dt>${t('rpDoneOn')}</dt><dd>${dayText(r.done_on)}</dd>`}
      <dt>${t('tkDue')}</dt><dd>${dayText(r.due)}</dd>
      ${r.submitted_at ? html`<dt>${t('tkSubmittedAt')}</dt><dd>${when(r.submitted_at)}${r.submitted_by ? ` (${r.submitted_by})` : ''}</dd>`
        : html`<dt>${t('tkUpdated')}</dt><dd>${when(r.updated_at)}</dd>`}
      ${r.files.length > 0 && html`<dt>${t('rpEvidence')}</dt><dd><ul class="files">${r.files.map((f) => html`<li key=${f.id}><a href=${f.url} target="_blank" rel="noopener">${f.name}</a></li>`)}</ul></dd>`}
    </dl></li>`;
}

// #/nhiem-vu/{id}?month=YYYY-MM
export function Task({ params, query, session }) {
  const id = params[0], month = query.get('month') || '';
  const [x, setX] = useState(null);
  const [error, setError] = useState(null);
  const [note, setNote] = useState(null);
  const load = () => get(`/api/v1/tasks/${enc(id)}${month ? `?month=${enc(month)}` : ''}`).then((d) => { setError(null); setX(d); }).catch(setError);
  useEffect(() => { if (session.can('view_plans')) load(); }, [id, month, session.user]);
  if (!session.can('view_plans')) return html`<p>${t('error403')}</p>`;
  if (!x) return error ? html`<h1>${t('tkTitle')}</h1><${Alert} error=${error} />` : html`<${Loading} />`;
  const m = x.this_month;
  const saved = (msg) => { setNote(msg); load(); };
  return html`<p class="crumbs"><a href=${`#${tasksHref('owed', month)}`}>${t('plTasks')}</a> · <a href=${planHref(x.plan.id)}>${x.plan.title}</a></p>
    <h1>${t('tkTask', { no: x.no })}: ${x.title}</h1>
    <p><${StateBadge} task=${x} /> · ${t('plProgress')} ${x.progress} %</p>
    ${note && html`<p class="ok" role="status">${note}</p>`}
    <dl class="facts">
      <dt>${t('plLead')}</dt><dd>${x.lead.name}</dd><dt>${t('plUnits')}</dt><dd>${unitNames(x.units) || '—'}</dd>
      ${x.area && html`<dt>${t('plArea')}</dt><dd>${x.area}</dd>`}
      <dt>${t('plDeadline')}</dt><dd>${dayText(x.deadline)}${x.deadline_working && x.deadline_working !== x.deadline ? ` (${t('plDeadlineWorking')}: ${dayText(x.deadline_working)})` : ''}</dd>
      ${x.product && html`<dt>${t('plProduct')}</dt><dd class="prose">${x.product}</dd>`}
      <dt>${t('plPriority')}</dt><dd>${t(`plPriority${x.priority}`)}</dd>
      ${x.done_on && html`<dt>${t('plDoneOn')}</dt><dd>${dayText(x.done_on)}</dd>`}
    </dl>
    ${x.subtasks.length > 0 && html`<section aria-labelledby="h-subtasks"><h2 id="h-subtasks">${t('tkSubtasks')}</h2>
      <ul>${x.subtasks.map((s) => html`<li key=${s.id}><a href=${taskHref(s, month)}>${s.no}. ${s.title}</a> · <${StateBadge} task=${s} /></li>`)}</ul></section>`}
    ${x.may_report && (x.subtasks.length ? html`<p class="hint">${t('tkParentReports')}</p>`
      : m.status === 'submitted' ? html`<p class="muted">${t('tkSubmittedAlready', { m: monthText(m.month) })}</p>`
        : html`<section><${ReportForm} task=${x} onSaved=${saved} key=${`${x.id}-${m.month}`} /></section>`)}
    <section aria-labelledby="h-reports"><h2 id="h-reports">${t('tkReports')}</h2>
      ${x.reports.length ? html`<ul class="cards reports">${x.reports.map((r) => html`<${Report} r=${r} key=${r.id} />`)}</ul>` : html`<p>${t('tkNoReports')}</p>`}
    </section>`;
}
