// Administration of procedures: the catalog as a table; under the row of the procedure chosen,
// its process (cases and steps, each step's unit chosen by name) or its details (conditions, the
// forms to download); and a new procedure, the server's field errors at their fields.
import { useState, useEffect, useRef } from '../vendor/hooks.module.js';
import { html, Field, Alert, Loading, fieldsOf, duration } from '../lib/ui.js';
import { get, getAll, post, patch, put, del, upload } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import '../lib/i18n-catalog.js';
import { useAgencyTree, indented } from '../lib/plans.js';

const LEVELS = ['central', 'province', 'district', 'commune'];
const Ok = ({ ok }) => ok && html`<p class="ok" role="status">${ok}</p>`;

// The heading of a panel opened under its button takes the focus (and so comes into view).
function useFocus() {
  const ref = useRef(null);
  useEffect(() => { ref.current && ref.current.focus(); }, []);
  return ref;
}

function Variants({ procedure, agencies }) {
  const [variants, setVariants] = useState(null);
  const [error, setError] = useState(null);
  const [ok, setOk] = useState(null);
  const heading = useFocus();
  useEffect(() => {
    get(`/api/v1/procedures/${procedure.id}/variants`).then((r) => setVariants(r.variants.length ? r.variants
      : [{ name: procedure.name, duration_days: procedure.duration_days, duration_kind: procedure.duration_kind, steps: [{ name: 'Thụ lý hồ sơ', unit: null, role: 'process', hours: 8 }] }])).catch(setError);
  }, [procedure.id]);
  const change = (i, k, v) => setVariants(variants.map((x, j) => (j === i ? { ...x, [k]: v } : x)));
  const step = (i, s, k, v) => change(i, 'steps', variants[i].steps.map((x, j) => (j === s ? { ...x, [k]: v } : x)));
  const save = async () => {
    setError(null); setOk(null);
    try {
      await put(`/api/v1/procedures/${procedure.id}/variants`, { variants: variants.map((v) => ({ name: v.name, duration_days: Number(v.duration_days), duration_kind: v.duration_kind,
        steps: v.steps.map((s) => ({ name: s.name, unit: s.unit || null, role: s.role, hours: Number(s.hours) })) })) });
      setOk(t('saved'));
    } catch (err) { setError(err); }
  };
  return html`<section class="panel process-editor" aria-labelledby=${`h-proc-${procedure.id}`}>
    <h3 id=${`h-proc-${procedure.id}`} tabindex="-1" ref=${heading}>${t('variants')}: ${procedure.name}</h3>
    ${!variants ? (error ? html`<${Alert} error=${error} />` : html`<${Loading} />`) : html`
    ${variants.map((v, i) => html`<fieldset key=${i}><legend>${i + 1}. ${v.name}</legend>
      <div class="grid2">
        <${Field} label=${t('variantName')} name=${`v${i}-name`} value=${v.name} onInput=${(x) => change(i, 'name', x)} />
        <${Field} type="number" label=${t('duration')} name=${`v${i}-days`} value=${v.duration_days} onInput=${(x) => change(i, 'duration_days', x)} step="0.125" />
      </div>
      <p class="hint" id=${`unit-hint-${i}`}>${t('stepUnitHint')}</p>
      <div class="scroll"><table><thead><tr><th scope="col">#</th><th scope="col">${t('stepName')}</th><th scope="col">${t('unit')}</th><th scope="col">${t('role')}</th><th scope="col">${t('hours')}</th></tr></thead>
      <tbody>${v.steps.map((s, j) => html`<tr key=${j}><td>${j + 1}</td>
        <td><input aria-label=${`${t('stepName')} ${j + 1}`} value=${s.name} onInput=${(e) => step(i, j, 'name', e.target.value)} /></td>
        <td><select aria-label=${`${t('unit')} ${j + 1}`} aria-describedby=${`unit-hint-${i}`} class="step-unit" value=${s.unit || ''} onChange=${(e) => step(i, j, 'unit', e.target.value)}>
          <option value="">${t('stepUnitDefault')}</option>${agencies.map((a) => html`<option value=${a.id} key=${a.id}>${indented(a)}</option>`)}</select></td>
        <td><select aria-label=${`${t('role')} ${j + 1}`} value=${s.role} onChange=${(e) => step(i, j, 'role', e.target.value)}>
          ${['process', 'approve', 'consult', 'return'].map((r) => html`<option value=${r}>${t(r)}</option>`)}</select></td>
        <td><input aria-label=${`${t('hours')} ${j + 1}`} type="number" value=${s.hours} onInput=${(e) => step(i, j, 'hours', e.target.value)} size="5" /></td></tr>`)}</tbody></table></div>
      <button type="button" class="small secondary" onClick=${() => change(i, 'steps', [...v.steps, { name: '', unit: null, role: 'process', hours: 8 }])}>${t('add')}</button>
    </fieldset>`)}
    <${Alert} error=${error} /><${Ok} ok=${ok} />
    <button type="button" onClick=${save}>${t('save')}</button>`}</section>`;
}

// A procedure's conditions and its forms to download.
function Details({ procedure }) {
  const [p, setP] = useState(null);
  const [conditions, setConditions] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState(null);
  const [ok, setOk] = useState(null);
  const file = useRef(null);
  const heading = useFocus();
  const load = () => get(`/api/v1/procedures/${procedure.id}`).then((x) => { setP(x); setConditions(x.conditions || ''); }).catch(setError);
  useEffect(load, [procedure.id]);
  const saveConditions = async (e) => {
    e.preventDefault(); setError(null); setOk(null);
    try { await patch(`/api/v1/procedures/${procedure.id}`, { conditions: conditions.trim() || null, version: p.version }); setOk(t('saved')); load(); } catch (err) { setError(err); }
  };
  const addForm = async (e) => {
    e.preventDefault(); setError(null); setOk(null);
    const f = file.current.files[0];
    try {
      if (!f) throw Object.assign(new Error('file'), { status: 422, fields: { file: { code: 'required' } } });
      const r = await upload(`/api/v1/procedures/${procedure.id}/forms`, { title: title.trim() }, f);
      setOk(t('formAdded', { title: r.title })); setTitle(''); file.current.value = ''; load();
    } catch (err) { setError(err); }
  };
  const remove = async (f) => { setError(null); setOk(null); try { await del(f.url); load(); } catch (err) { setError(err); } };
  const errors = fieldsOf(error);
  return html`<section class="panel procedure-details" aria-labelledby=${`h-det-${procedure.id}`}>
    <h3 id=${`h-det-${procedure.id}`} tabindex="-1" ref=${heading}>${t('procedureDetails')}: ${procedure.name}</h3>
    <${Alert} error=${error} /><${Ok} ok=${ok} />
    ${!p ? html`<${Loading} />` : html`
    <form onSubmit=${saveConditions}>
      <${Field} type="textarea" label=${t('conditions')} name="conditions" id=${`f-conditions-${p.id}`} value=${conditions} onInput=${setConditions} errors=${errors} rows="4" />
      <button type="submit">${t('save')}</button>
    </form>
    <h4>${t('formsToDownload')}</h4>
    ${p.forms.length ? html`<ul>${p.forms.map((f) => html`<li key=${f.id}><a href=${f.url}>${f.title}</a>
      <button type="button" class="small secondary" onClick=${() => remove(f)}>${t('removeForm')}<span class="sr-only"> ${f.title}</span></button></li>`)}</ul>`
      : html`<p>${t('noForms')}</p>`}
    <form onSubmit=${addForm} class="grid2" novalidate>
      <${Field} label=${t('formTitle')} name="title" id=${`f-form-title-${p.id}`} value=${title} onInput=${setTitle} errors=${errors} required />
      <div class=${`field ${errors.file ? 'invalid' : ''}`}><label for=${`f-form-file-${p.id}`}>${t('formFile')}</label>
        <input id=${`f-form-file-${p.id}`} type="file" ref=${file} accept="application/pdf,image/jpeg,image/png" aria-invalid=${errors.file ? 'true' : undefined} /></div>
      <div><button type="submit">${t('addForm')}</button></div>
    </form>`}</section>`;
}

// A new procedure: its errors at their fields (a component's or a fee's at the list's field).
function AddProcedure({ agencies, onAdded }) {
  const blank = { code: '', name: '', field: '', level: 'commune', agency: '', duration_days: '', duration_kind: 'working', online_class: '', conditions: '', components: '', fee: '' };
  const [form, setForm] = useState(blank);
  const [error, setError] = useState(null);
  const [ok, setOk] = useState(null);
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const submit = async (e) => {
    e.preventDefault(); setError(null); setOk(null);
    const body = { code: form.code.trim(), name: form.name.trim(), field: form.field.trim(), level: form.level, agency: form.agency,
      duration_days: form.duration_days === '' ? undefined : Number(form.duration_days), duration_kind: form.duration_kind,
      online_class: form.online_class || null, conditions: form.conditions.trim() || null,
      components: form.components.split('\n').map((s) => s.trim()).filter(Boolean).map((name) => ({ name })),
      fees: form.fee === '' ? [] : [{ name: t('feeName'), amount: Number(form.fee) }] };
    try { const p = await post('/api/v1/procedures', body); setOk(t('procedureAdded', { name: p.name })); setForm(blank); onAdded(); } catch (err) {
      setError(err);
      requestAnimationFrame(() => { const bad = document.querySelector('.add-procedure [aria-invalid="true"]'); bad && bad.focus(); });
    }
  };
  const errors = { ...fieldsOf(error) };
  for (const [k, v] of Object.entries(errors)) {
    if (k.startsWith('components')) errors.components ??= v;
    if (k.startsWith('fees')) errors.fee ??= v;
  }
  return html`<section class="add-procedure" aria-labelledby="h-add-procedure"><h3 id="h-add-procedure">${t('addProcedure')}</h3>
    <${Alert} error=${error} /><${Ok} ok=${ok} />
    <form onSubmit=${submit} class="grid2" novalidate>
      <${Field} label=${t('procedureCode')} name="code" value=${form.code} onInput=${set('code')} errors=${errors} required placeholder="1.001193" />
      <${Field} label=${t('procedureName')} name="name" value=${form.name} onInput=${set('name')} errors=${errors} required />
      <${Field} label=${t('field')} name="field" value=${form.field} onInput=${set('field')} errors=${errors} required />
      <${Field} type="select" label=${t('level')} name="level" value=${form.level} onInput=${set('level')} errors=${errors}>
        ${LEVELS.map((l) => html`<option value=${l} key=${l}>${t(l)}</option>`)}</${Field}>
      <${Field} type="select" label=${t('owner')} name="agency" value=${form.agency} onInput=${set('agency')} errors=${errors} required>
        <option value="">${t('select')}</option>${agencies.map((a) => html`<option value=${a.id} key=${a.id}>${indented(a)}</option>`)}</${Field}>
      <${Field} type="number" label=${t('duration')} name="duration_days" value=${form.duration_days} onInput=${set('duration_days')} errors=${errors} required step="0.125" min="0.125" />
      <${Field} type="select" label=${t('durationKind')} name="duration_kind" value=${form.duration_kind} onInput=${set('duration_kind')} errors=${errors}>
        ${['working', 'calendar'].map((k) => html`<option value=${k} key=${k}>${t(`dk_${k}`)}</option>`)}</${Field}>
      <${Field} type="select" label=${t('onlineClass')} name="online_class" value=${form.online_class} onInput=${set('online_class')} errors=${errors}>
        <option value="">${t('none')}</option><option value="full">${t('full')}</option><option value="partial">${t('partial')}</option></${Field}>
      <${Field} type="textarea" label=${t('components')} name="components" value=${form.components} onInput=${set('components')} errors=${errors} hint=${t('componentsHint')} />
      <${Field} type="textarea" label=${t('conditions')} name="conditions" value=${form.conditions} onInput=${set('conditions')} errors=${errors} />
      <${Field} type="number" label=${t('feeAmount')} name="fee" value=${form.fee} onInput=${set('fee')} errors=${errors} min="0" />
      <div><button type="submit">${t('addProcedure')}</button></div>
    </form></section>`;
}

export function Procedures() {
  const [list, setList] = useState(null);
  const [open, setOpen] = useState(null); // {id, what: 'process' | 'details'}
  const [error, setError] = useState(null);
  const agencies = useAgencyTree();
  const load = () => getAll('/api/v1/procedures').then(setList).catch(setError);
  useEffect(load, []);
  if (!list) return error ? html`<${Alert} error=${error} />` : html`<${Loading} />`;
  const toggle = (p, what) => setOpen(open && open.id === p.id && open.what === what ? null : { id: p.id, what });
  const button = (p, what, label) => html`<button type="button" class="small secondary" aria-expanded=${open && open.id === p.id && open.what === what ? 'true' : 'false'}
    onClick=${() => toggle(p, what)}>${label}<span class="sr-only"> ${p.name}</span></button>`;
  return html`<div class="scroll"><table class="procedures"><thead><tr><th scope="col">${t('procedureCode')}</th><th scope="col">${t('procedureName')}</th>
      <th scope="col">${t('level')}</th><th scope="col">${t('duration')}</th><th scope="col"><span class="sr-only">${t('actions')}</span></th></tr></thead>
    <tbody>${list.map((p) => html`<tr key=${p.id} data-procedure=${p.id}><td>${p.code}</td><td><a href=${`#/thu-tuc/${p.id}`}>${p.name}</a></td><td>${t(p.level)}</td><td>${duration(p)}</td>
      <td class="row">${button(p, 'process', t('variants'))}${button(p, 'details', t('procedureDetails'))}</td></tr>
      ${open && open.id === p.id && html`<tr key=${`${p.id}-open`} class="opened"><td colspan="5">
        ${open.what === 'process' ? html`<${Variants} procedure=${p} agencies=${agencies} />` : html`<${Details} procedure=${p} />`}</td></tr>`}`)}</tbody></table></div>
    <${AddProcedure} agencies=${agencies} onAdded=${load} />`;
}
