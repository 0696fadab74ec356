// A plan's task, added or changed by the committee: number, title, the lead and cooperating units
// from the agency tree, area, deadline, product, priority, the parent task.
import { useState, useEffect, useRef } from '../vendor/hooks.module.js';
import { html, Field, Alert, fieldsOf } from '../lib/ui.js';
import { post, patch } from '../lib/api.js';
import { t, fieldText } from '../lib/i18n.js';
import '../lib/i18n-plans.js';
import { indented } from '../lib/plans.js';

// Units chosen from the agency tree (indented by depth) with check boxes; the API's errors on
// "units" or one of its items ("units.2") show under them.
export function UnitChecks({ legend, agencies, chosen, onChange, errors = {}, name = 'units', hint }) {
  const err = Object.entries(errors).find(([k]) => k === 'units' || k.startsWith('units.'));
  const errId = `${name}-err`, hintId = `${name}-hint`;
  const toggle = (id) => onChange(chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id]);
  return html`<fieldset class=${`units ${err ? 'invalid' : ''}`} aria-describedby=${[hint && hintId, err && errId].filter(Boolean).join(' ') || undefined}>
    <legend>${legend}</legend>
    ${hint && html`<p class="hint" id=${hintId}>${hint}</p>`}
    <div class="unit-checks">${agencies.map((a) => html`<label class=${`choice depth-${Math.min(a.depth, 4)}`} key=${a.id}>
      <input type="checkbox" name=${name} value=${a.id} checked=${chosen.includes(a.id)} onChange=${() => toggle(a.id)} /> ${a.name}</label>`)}</div>
    ${err && html`<p class="error" id=${errId} role="alert">${fieldText(err[1])}</p>`}
  </fieldset>`;
}

const blank = { no: '', title: '', lead: '', units: [], area: '', deadline: '', product: '', priority: '2', parent: '' };
const fromTask = (x) => ({
  no: x.no, title: x.title, lead: x.lead.id, units: x.units.map((u) => u.id), area: x.area || '', deadline: x.deadline || '',
  product: x.product || '', priority: String(x.priority), parent: x.parent_id ? String(x.parent_id) : '',
});

// The plan's tasks a task may be put under: not itself, nor one of its own subtasks.
function parents(tasks, task) {
  if (!task) return tasks;
  const below = new Set([task.id]);
  for (const x of tasks) if (below.has(x.parent_id)) below.add(x.id);
  return tasks.filter((x) => !below.has(x.id));
}

// task: the task to change, or none to add one to the plan.
export function TaskForm({ plan, tasks, task, agencies, onDone, onCancel }) {
  const [form, setForm] = useState(task ? fromTask(task) : blank);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef(null);
  useEffect(() => { if (task && heading.current) heading.current.focus(); }, [task]);
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = {
      no: form.no.trim(), title: form.title.trim(), lead: form.lead, units: form.units.filter((u) => u !== form.lead),
      area: form.area.trim() || null, deadline: form.deadline || null, product: form.product.trim() || null,
      priority: Number(form.priority), parent: form.parent ? Number(form.parent) : null,
    };
    try {
      const saved = task ? await patch(`/api/v1/tasks/${task.id}`, { ...body, version: task.version }) : await post(`/api/v1/plans/${plan.id}/tasks`, body);
      if (!task) setForm(blank);
      onDone(saved);
    } catch (err) { setError(err); } finally { setBusy(false); }
  };
  const errors = fieldsOf(error);
  const title = task ? t('ptEdit', { no: task.no }) : t('ptAdd');
  return html`<form onSubmit=${submit} aria-labelledby="h-task-form" class="task-form">
    <h2 id="h-task-form" tabindex="-1" ref=${heading}>${title}</h2>
    <div class="grid2">
      <${Field} label=${t('plNo')} name="no" value=${form.no} onInput=${set('no')} errors=${errors} required maxlength="20" autocomplete="off" placeholder="1.2" />
      <${Field} type="select" label=${t('plParent')} name="parent" value=${form.parent} onInput=${set('parent')} errors=${errors}>
        <option value="">${t('plNoParent')}</option>
        ${parents(tasks, task).map((x) => html`<option value=${x.id} key=${x.id}>${x.no}. ${x.title.length > 80 ? `${x.title.slice(0, 80)}…` : x.title}</option>`)}</${Field}>
    </div>
    <${Field} type="textarea" label=${t('plTask')} name="title" value=${form.title} onInput=${set('title')} errors=${errors} required rows="2" maxlength="2000" />
    <div class="grid2">
      <${Field} type="select" label=${t('plLead')} name="lead" value=${form.lead} onInput=${set('lead')} errors=${errors} required>
        <option value="">${t('ptChooseUnit')}</option>${agencies.map((a) => html`<option value=${a.id} key=${a.id}>${indented(a)}</option>`)}</${Field}>
      <${Field} label=${t('plArea')} name="area" value=${form.area} onInput=${set('area')} errors=${errors} maxlength="200" placeholder="Cải cách thủ tục hành chính" />
      <${Field} type="date" label=${t('plDeadline')} name="deadline" value=${form.deadline} onInput=${set('deadline')} errors=${errors} />
      <${Field} type="select" label=${t('plPriority')} name="priority" value=${form.priority} onInput=${set('priority')} errors=${errors}>
        ${['1', '2', '3'].map((p) => html`<option value=${p} key=${p}>${t(`plPriority${p}`)}</option>`)}</${Field}>
    </div>
    <${UnitChecks} legend=${t('plUnits')} hint=${t('ptUnitsHint')} agencies=${agencies.filter((a) => a.id !== form.lead)} chosen=${form.units}
      onChange=${set('units')} errors=${errors} />
    <${Field} type="textarea" label=${t('plProduct')} name="product" value=${form.product} onInput=${set('product')} errors=${errors} rows="2" maxlength="2000" />
    ${error && html`<${Alert} error=${error}>${error.status === 409 ? t('ptError409') : null}</${Alert}>`}
    <div class="row"><button type="submit" disabled=${busy}>${task ? t('ptSave') : t('ptAdd')}</button>
      ${task && html`<button type="button" class="secondary" onClick=${onCancel}>${t('cancel')}</button>`}</div>
  </form>`;
}
