// Administration of agencies: the tree as nested lists (each unit under its parent), an agency's
// details edited right under it (name, level, office hours, address, phone, opening hours for the
// public), and a new agency.
import { useState, useEffect, useRef } from '../vendor/hooks.module.js';
import { html, Field, Alert, Loading, fieldsOf } from '../lib/ui.js';
import { get, post, patch } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { AGENCY_LEVELS, agencyLevelText, hoursText } from '../lib/i18n-catalog.js';
import { indented } from '../lib/plans.js';

const levelOptions = () => AGENCY_LEVELS.map((l) => html`<option value=${l} key=${l}>${agencyLevelText(l)}</option>`);
const orNull = (s) => (s && s.trim() ? s.trim() : null);

function EditAgency({ a, onSaved, onClose }) {
  const [form, setForm] = useState({ name: a.name, level: a.level, office_hours: a.office_hours, address: a.address || '', phone: a.phone || '', opening_hours: a.opening_hours || '' });
  const [error, setError] = useState(null);
  const heading = useRef(null);
  useEffect(() => { heading.current && heading.current.focus(); }, []);
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const errors = fieldsOf(error);
  const id = (k) => `ag-${a.id.replace(/\W/g, '-')}-${k}`;
  const save = async (e) => {
    e.preventDefault(); setError(null);
    try {
      await patch(`/api/v1/agencies/${a.id}`, { name: form.name.trim(), level: form.level, office_hours: form.office_hours.trim(), address: orNull(form.address),
        phone: orNull(form.phone), opening_hours: orNull(form.opening_hours), version: a.version });
      onSaved(a.name);
    } catch (err) { setError(err); }
  };
  return html`<form class="panel agency-edit" onSubmit=${save} aria-labelledby=${id('h')}>
    <h4 id=${id('h')} tabindex="-1" ref=${heading}>${t('editOf', { name: a.name })}</h4>
    <${Alert} error=${error} />
    <div class="grid2">
      <${Field} label=${t('agencyName')} name="name" id=${id('name')} value=${form.name} onInput=${set('name')} errors=${errors} required />
      <${Field} type="select" label=${t('level')} name="level" id=${id('level')} value=${form.level} onInput=${set('level')} errors=${errors}>${levelOptions()}</${Field}>
      <${Field} label=${t('address')} name="address" id=${id('address')} value=${form.address} onInput=${set('address')} errors=${errors} />
      <${Field} label=${t('agencyPhone')} name="phone" id=${id('phone')} value=${form.phone} onInput=${set('phone')} errors=${errors} type="tel" />
      <${Field} type="textarea" label=${t('openingHours')} name="opening_hours" id=${id('opening')} value=${form.opening_hours} onInput=${set('opening_hours')} errors=${errors} hint=${t('openingHoursHint')} />
      <${Field} label=${t('officeHours')} name="office_hours" id=${id('office')} value=${form.office_hours} onInput=${set('office_hours')} errors=${errors} hint=${t('officeHoursHint')} />
    </div>
    <div class="row"><button type="submit">${t('save')}</button><button type="button" class="secondary" onClick=${onClose}>${t('cancel')}</button></div>
  </form>`;
}

// One agency and, nested under it, its units.
function Node({ a, editing, setEditing, onSaved }) {
  return html`<li key=${a.id} data-agency=${a.id}>
    <div class="node"><span class="node-name">${a.name}</span> <span class="muted">${a.id} · ${agencyLevelText(a.level)}</span>
      <span class="muted node-hours">${hoursText(a)}</span>
      <button type="button" class="small secondary" aria-expanded=${editing === a.id ? 'true' : 'false'} onClick=${() => setEditing(editing === a.id ? null : a.id)}>
        ${t('edit')}<span class="sr-only"> ${a.name}</span></button></div>
    ${editing === a.id && html`<${EditAgency} a=${a} onSaved=${onSaved} onClose=${() => setEditing(null)} />`}
    ${a.children && a.children.length > 0 && html`<ul>${a.children.map((c) => html`<${Node} a=${c} key=${c.id} editing=${editing} setEditing=${setEditing} onSaved=${onSaved} />`)}</ul>`}
  </li>`;
}

export function Agencies() {
  const [tree, setTree] = useState(null);
  const [form, setForm] = useState({ id: '', name: '', parent: '', level: 'commune', office_hours: '07:30-11:30,13:00-17:00', address: '', opening_hours: '' });
  const [editing, setEditing] = useState(null);
  const [error, setError] = useState(null);
  const [ok, setOk] = useState(null);
  const load = () => get('/api/v1/agencies').then((r) => setTree(r.items)).catch(setError);
  useEffect(load, []);
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const add = async (e) => {
    e.preventDefault(); setError(null); setOk(null);
    try {
      await post('/api/v1/agencies', { ...form, parent: form.parent || null, address: orNull(form.address), opening_hours: orNull(form.opening_hours) });
      setOk(t('saved')); load();
    } catch (err) { setError(err); }
  };
  const saved = () => { setEditing(null); setOk(t('saved')); load(); };
  if (!tree) return error ? html`<${Alert} error=${error} />` : html`<${Loading} />`;
  const flat = [];
  const walk = (nodes, depth) => nodes.forEach((a) => { flat.push({ ...a, depth }); walk(a.children || [], depth + 1); });
  walk(tree, 0);
  return html`${ok && html`<p class="ok" role="status">${ok}</p>`}
    <h3 id="h-tree">${t('agencyTree')}</h3>
    <ul class="agency-tree" aria-labelledby="h-tree">${tree.map((a) => html`<${Node} a=${a} key=${a.id} editing=${editing} setEditing=${setEditing} onSaved=${saved} />`)}</ul>
    <h3>${t('add')}</h3>
    <${Alert} error=${editing ? null : error} />
    <form onSubmit=${add} class="grid2">
      <${Field} label=${t('identifier')} name="id" value=${form.id} onInput=${set('id')} errors=${fieldsOf(error)} required placeholder="000.00.55.H99" />
      <${Field} label=${t('agencyName')} name="name" value=${form.name} onInput=${set('name')} errors=${fieldsOf(error)} required />
      <${Field} type="select" label=${t('parent')} name="parent" value=${form.parent} onInput=${set('parent')} errors=${fieldsOf(error)}>
        <option value="">${t('select')}</option>${flat.map((a) => html`<option value=${a.id} key=${a.id}>${indented(a)}</option>`)}</${Field}>
      <${Field} type="select" label=${t('level')} name="level" value=${form.level} onInput=${set('level')} errors=${fieldsOf(error)}>${levelOptions()}</${Field}>
      <${Field} label=${t('officeHours')} name="office_hours" value=${form.office_hours} onInput=${set('office_hours')} errors=${fieldsOf(error)} hint=${t('officeHoursHint')} />
      <${Field} label=${t('address')} name="address" value=${form.address} onInput=${set('address')} errors=${fieldsOf(error)} />
      <${Field} type="textarea" label=${t('openingHours')} name="opening_hours" value=${form.opening_hours} onInput=${set('opening_hours')} errors=${fieldsOf(error)} hint=${t('openingHoursHint')} />
      <div><button type="submit">${t('add')}</button></div>
    </form>`;
}
