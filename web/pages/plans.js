// Reform plans: the list by year with a new plan's form (the committee), and a plan's page with its
// tasks as a tree in number order, their states, and the committee's changes (add, edit, mark done,
// reopen). Those who may not change plans read them.
import { useState, useEffect } from '../vendor/hooks.module.js';
import { html, Field, Alert, Loading, fieldsOf } from '../lib/ui.js';
import { get, post, patch } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { kindText, PLAN_KINDS } from '../lib/i18n-plans.js';
import { enc, dayText, taskHref, planHref, StateBadge, Counts, unitNames, useAgencyTree } from '../lib/plans.js';
import { TaskForm } from './task-form.js';

function NewPlan({ onDone }) {
  const [form, setForm] = useState({ kind: 'yearly', year: '', title: '', doc_number: '', doc_date: '', signer: '', report_day: '20' });
  const [error, setError] = useState(null);
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    const body = { kind: form.kind, year: Number(form.year), title: form.title.trim(), report_day: Number(form.report_day) };
    for (const k of ['doc_number', 'doc_date', 'signer']) body[k] = form[k].trim() || null;
    try { onDone(await post('/api/v1/plans', body)); } catch (err) { setError(err); }
  };
  const errors = fieldsOf(error);
  return html`<form onSubmit=${submit} aria-labelledby="h-new-plan"><h2 id="h-new-plan">${t('pnNew')}</h2>
    <div class="grid2">
      <${Field} type="select" label=${t('pnKind')} name="kind" value=${form.kind} onInput=${set('kind')} errors=${errors} required>
        ${PLAN_KINDS.map((k) => html`<option value=${k} key=${k}>${kindText(k)}</option>`)}</${Field}>
      <${Field} type="number" label=${t('pnYear')} name="year" value=${form.year} onInput=${set('year')} errors=${errors} required min="2000" max="2100" />
    </div>
    <${Field} type="textarea" label=${t('pnTitle')} name="title" value=${form.title} onInput=${set('title')} errors=${errors} required rows="2" maxlength="500" />
    <div class="grid2">
      <${Field} label=${t('pnNumber')} name="doc_number" value=${form.doc_number} onInput=${set('doc_number')} errors=${errors} maxlength="50" placeholder="125/KH-UBND" />
      <${Field} type="date" label=${t('pnDate')} name="doc_date" value=${form.doc_date} onInput=${set('doc_date')} errors=${errors} />
      <${Field} label=${t('pnSigner')} name="signer" value=${form.signer} onInput=${set('signer')} errors=${errors} maxlength="200" />
      <${Field} type="number" label=${t('pnReportDay')} name="report_day" value=${form.report_day} onInput=${set('report_day')} errors=${errors}
        min="1" max="31" hint=${t('pnReportDayHint')} />
    </div>
    <${Alert} error=${error} />
    <button type="submit">${t('pnCreate')}</button>
  </form>`;
}

// #/ke-hoach?year=…
export function Plans({ query, session }) {
  const year = query.get('year') || '';
  const [list, setList] = useState(null);
  const [error, setError] = useState(null);
  const [ok, setOk] = useState(null);
  const [pick, setPick] = useState(year);
  const load = () => get(`/api/v1/plans${year ? `?year=${enc(year)}` : ''}`).then((r) => setList(r.items)).catch(setError);
  useEffect(() => { if (session.can('view_plans')) load(); }, [year, session.user]);
  if (!session.user) return html`<p>${t('error401')} <a href="#/dang-nhap?next=/ke-hoach">${t('login')}</a></p>`;
  if (!session.can('view_plans')) return html`<p>${t('error403')}</p>`;
  const years = list ? [...new Set([...list.map((p) => p.year), ...(year ? [Number(year)] : [])])].sort((a, b) => b - a) : [];
  return html`<h1>${t('plPlans')}</h1>
    <form class="month-pick" onSubmit=${(e) => { e.preventDefault(); location.hash = `/ke-hoach${pick ? `?year=${pick}` : ''}`; }}>
      <${Field} type="select" label=${t('pnYear')} name="year" id="f-plan-year" value=${pick} onInput=${setPick}>
        <option value="">${t('pnAllYears')}</option>${years.map((y) => html`<option value=${y} key=${y}>${y}</option>`)}</${Field}>
      <button type="submit">${t('plShow')}</button>
    </form>
    <${Alert} error=${error} />${ok && html`<p class="ok" role="status">${ok}</p>`}
    ${!list ? !error && html`<${Loading} />` : !list.length ? html`<p>${t('plNoPlans')}</p>` : html`<div class="scroll"><table>
      <thead><tr><th scope="col">${t('pnTitle')}</th><th scope="col">${t('pnKind')}</th><th scope="col">${t('pnYear')}</th><th scope="col">${t('pnNumber')}</th>
        <th scope="col">${t('pnDate')}</th><th scope="col">${t('pnSigner')}</th><th scope="col">${t('pnReportDay')}</th><th scope="col">${t('plCompletion')}</th></tr></thead>
      <tbody>${list.map((p) => html`<tr key=${p.id}><th scope="row"><a href=${planHref(p.id)}>${p.title}</a></th><td>${kindText(p.kind)}</td><td>${p.year}</td>
        <td>${p.doc_number || '—'}</td><td>${dayText(p.doc_date)}</td><td>${p.signer || '—'}</td><td>${p.report_day}</td>
        <td class="completion">${p.tasks.completion}</td></tr>`)}</tbody></table></div>`}
    ${session.can('manage_plans') && html`<section><${NewPlan} onDone=${(p) => { setOk(t('pnCreated')); location.hash = planHref(p.id).slice(1); }} /></section>`}`;
}

// The tasks as a tree: each task followed by its subtasks, in the server's number order.
function tree(tasks) {
  const ids = new Set(tasks.map((x) => x.id)), out = [];
  const walk = (parent, depth) => {
    for (const x of tasks) if ((x.parent_id && ids.has(x.parent_id) ? x.parent_id : null) === parent) { out.push({ x, depth }); walk(x.id, depth + 1); }
  };
  walk(null, 0);
  return out;
}

// Marking a task done asks for the day; reopening takes one click.
function DoneControl({ x, onChange }) {
  const [open, setOpen] = useState(false);
  const [day, setDay] = useState('');
  const [error, setError] = useState(null);
  const send = async (doneOn) => {
    setError(null);
    try { await patch(`/api/v1/tasks/${x.id}`, { done_on: doneOn, version: x.version }); setOpen(false); onChange(t(doneOn ? 'ptMarkedDone' : 'ptReopened', { no: x.no })); } catch (err) { setError(err); }
  };
  const err = fieldsOf(error).done_on;
  if (x.done_on) return html`<button type="button" class="small secondary" onClick=${() => send(null)}>${t('ptReopen')}<span class="sr-only"> ${x.no}</span></button>`;
  if (!open) return html`<button type="button" class="small secondary" onClick=${() => setOpen(true)}>${t('ptMarkDone')}<span class="sr-only"> ${x.no}</span></button>`;
  return html`<form class="inline" onSubmit=${(e) => { e.preventDefault(); send(day); }} aria-label=${t('ptMarkDoneOf', { no: x.no })}>
    <${Field} type="date" label=${t('plDoneOn')} name="done_on" id=${`f-done-${x.id}`} value=${day} onInput=${setDay} errors=${err ? { done_on: err } : {}} required />
    <button type="submit" class="small">${t('ptMarkDone')}</button><button type="button" class="small secondary" onClick=${() => setOpen(false)}>${t('cancel')}</button>
    ${error && !err && html`<${Alert} error=${error}>${error.status === 409 ? t('ptError409') : null}</${Alert}>`}
  </form>`;
}

function TaskTree({ tasks, manage, onEdit, onChange }) {
  if (!tasks.length) return html`<p>${t('pnNoTasks')}</p>`;
  const byId = Object.fromEntries(tasks.map((x) => [x.id, x]));
  return html`<div class="scroll"><table class="tasks"><caption class="sr-only">${t('pnTasks')}</caption>
    <thead><tr><th scope="col">${t('plNo')}</th><th scope="col">${t('plTask')}</th><th scope="col">${t('plLead')}</th><th scope="col">${t('plUnits')}</th>
      <th scope="col">${t('plDeadline')}</th><th scope="col">${t('plProgress')}</th><th scope="col">${t('plState')}</th>
      ${manage && html`<th scope="col">${t('actions')}</th>`}</tr></thead>
    <tbody>${tree(tasks).map(({ x, depth }) => html`<tr key=${x.id} data-task=${x.no} class=${`depth-${Math.min(depth, 4)}`}>
      <td class="no">${x.no}</td>
      <th scope="row" class="title">${depth > 0 && html`<span class="sr-only">${t('plSubtaskOf', { no: byId[x.parent_id].no })} </span>`}<a href=${taskHref(x)}>${x.title}</a></th>
      <td>${x.lead.name}</td><td>${unitNames(x.units) || '—'}</td>
      <td>${dayText(x.deadline_working)}</td><td>${x.progress} %</td><td><${StateBadge} task=${x} /></td>
      ${manage && html`<td><div class="row"><button type="button" class="small secondary" onClick=${() => onEdit(x)}>${t('ptEdit', { no: x.no })}</button>
        ${!x.subtasks && html`<${DoneControl} x=${x} onChange=${onChange} key=${`${x.id}-${x.version}`} />`}</div></td>`}</tr>`)}</tbody></table></div>`;
}

// #/ke-hoach/{id}
export function Plan({ params, session }) {
  const id = params[0];
  const [plan, setPlan] = useState(null);
  const [error, setError] = useState(null);
  const [editing, setEditing] = useState(null);
  const [ok, setOk] = useState(null);
  const agencies = useAgencyTree();
  const load = () => get(`/api/v1/plans/${enc(id)}`).then((p) => { setError(null); setPlan(p); }).catch(setError);
  useEffect(() => { if (session.can('view_plans')) load(); }, [id, session.user]);
  if (!session.can('view_plans')) return html`<p>${t('error403')}</p>`;
  if (!plan) return error ? html`<h1>${t('plPlans')}</h1><${Alert} error=${error} />` : html`<${Loading} />`;
  const manage = session.can('manage_plans');
  const changed = (msg) => { setEditing(null); setOk(msg); load(); };
  return html`<p class="crumbs"><a href="#/ke-hoach">${t('plPlans')}</a></p>
    <h1>${plan.title}</h1>
    <dl class="facts">
      <dt>${t('pnKind')}</dt><dd>${kindText(plan.kind)}</dd><dt>${t('pnYear')}</dt><dd>${plan.year}</dd>
      <dt>${t('pnNumber')}</dt><dd>${plan.doc_number || '—'}</dd><dt>${t('pnDate')}</dt><dd>${dayText(plan.doc_date)}</dd>
      <dt>${t('pnSigner')}</dt><dd>${plan.signer || '—'}</dd><dt>${t('pnReportDay')}</dt><dd>${plan.report_day}</dd>
    </dl>
    <${Counts} k=${plan.counts} label=${t('plCompletion')} />
    ${ok && html`<p class="ok" role="status">${ok}</p>`}<${Alert} error=${error} />
    <section aria-labelledby="h-tasks"><h2 id="h-tasks">${t('pnTasks')}</h2>
      <${TaskTree} tasks=${plan.tasks} manage=${manage} onEdit=${(x) => { setOk(null); setEditing(x); }} onChange=${changed} />
    </section>
    ${manage && html`<section>
      <${TaskForm} key=${editing ? `edit-${editing.id}` : 'new'} plan=${plan} tasks=${plan.tasks} task=${editing} agencies=${agencies}
        onDone=${(x) => changed(t(editing ? 'ptSaved' : 'ptAdded', { no: x.no }))} onCancel=${() => setEditing(null)} />
    </section>`}`;
}
