// Administration: users and roles, the calendar, the Open311 clients' keys; the agencies
// (admin-agencies.js) and the procedures with their processes (admin-procedures.js).
import { useState, useEffect, useRef } from '../vendor/hooks.module.js';
import { html, Field, Alert, Loading, fieldsOf, when, day } from '../lib/ui.js';
import { get, post, patch, put, del } from '../lib/api.js';
import { t, ROLES, roleText } from '../lib/i18n.js';
import { CatalogImport } from './catalog-import.js';
import { Agencies } from './admin-agencies.js';
import { Procedures } from './admin-procedures.js';

// each tab and the capability (from the server, core/roles.c) that opens it
const TABS = {
  agencies: 'manage_agencies', users: 'manage_users', procedures: 'manage_procedures', calendar: 'manage_calendar',
  open311: 'manage_calendar', // the system administrator's alone, like the calendar
  catalogImport: 'manage_procedures',
};

function Users() {
  const [list, setList] = useState(null);
  const [form, setForm] = useState({ username: '', password: '', full_name: '', role: 'receiver', agency: '' });
  const [agencies, setAgencies] = useState([]);
  const [error, setError] = useState(null);
  const [ok, setOk] = useState(null);
  const load = () => get('/api/v1/users').then((r) => setList(r.items)).catch(setError);
  useEffect(() => { load(); get('/api/v1/agencies?flat=1').then((r) => setAgencies(r.items)).catch(() => {}); }, []);
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const add = async (e) => {
    e.preventDefault(); setError(null); setOk(null);
    try {
      await post('/api/v1/users', { username: form.username, password: form.password, full_name: form.full_name || null, roles: [{ role: form.role, agency: form.agency || null }] });
      setOk(t('saved')); load();
    } catch (err) { setError(err); }
  };
  const toggle = async (u) => { try { await patch(`/api/v1/users/${u.id}`, { active: !u.active }); load(); } catch (err) { setError(err); } };
  if (!list) return error ? html`<${Alert} error=${error} />` : html`<${Loading} />`;
  const names = new Map(agencies.map((a) => [a.id, a.name]));
  return html`<${Alert} error=${error} />${ok && html`<p class="ok" role="status">${ok}</p>`}
    <div class="scroll"><table><thead><tr><th scope="col">${t('username')}</th><th scope="col">${t('name')}</th><th scope="col">${t('roles')}</th><th scope="col">${t('active')}</th></tr></thead>
    <tbody>${list.map((u) => html`<tr key=${u.id}><td>${u.username}</td><td>${u.full_name}</td><td>${u.roles.map((r) => `${roleText(r.role)}${r.agency ? ` (${names.get(r.agency) || r.agency})` : ''}`).join('; ')}</td>
      <td><label class="choice"><input type="checkbox" checked=${u.active} onChange=${() => toggle(u)} /> <span class="sr-only">${t('active')} ${u.username}</span></label></td></tr>`)}</tbody></table></div>
    <h3>${t('add')}</h3>
    <form onSubmit=${add} class="grid2">
      <${Field} label=${t('username')} name="username" value=${form.username} onInput=${set('username')} errors=${fieldsOf(error)} required autocomplete="off" />
      <${Field} label=${t('password')} name="password" type="password" value=${form.password} onInput=${set('password')} errors=${fieldsOf(error)} required autocomplete="new-password" />
      <${Field} label=${t('name')} name="full_name" value=${form.full_name} onInput=${set('full_name')} errors=${fieldsOf(error)} />
      <${Field} type="select" label=${t('role')} name="roles[0].role" id="f-role" value=${form.role} onInput=${set('role')} errors=${fieldsOf(error)}>
        ${ROLES.map((r) => html`<option value=${r}>${roleText(r)}</option>`)}</${Field}>
      <${Field} type="select" label=${t('unit')} name="agency" value=${form.agency} onInput=${set('agency')}>
        <option value="">${t('select')}</option>${agencies.map((a) => html`<option value=${a.id}>${a.name}</option>`)}</${Field}>
      <div><button type="submit">${t('add')}</button></div>
    </form>`;
}

/* What a due time becomes over the calendar: to see an announced day off move it. */
function DueCalculator() {
  const [start, setStart] = useState(new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 16));
  const [days, setDays] = useState('5');
  const [due, setDue] = useState(null);
  const [error, setError] = useState(null);
  const calc = async (e) => {
    e && e.preventDefault();
    setError(null);
    try { setDue((await get(`/api/v1/calendar/due?from=${encodeURIComponent(`${start}:00+07:00`)}&days=${days}`)).due_at); } catch (err) { setError(err); }
  };
  return html`<section class="panel" aria-labelledby="h-due"><h3 id="h-due">${t('dueCalc')}</h3><p class="hint">${t('dueCalcHint')}</p>
    <form onSubmit=${calc} class="grid2">
      <${Field} type="datetime-local" label=${t('startAt')} name="start" value=${start} onInput=${setStart} />
      <${Field} type="number" label=${t('days')} name="days" value=${days} onInput=${setDays} min="0" step="0.125" />
      <div><button type="submit">${t('dueCalc')}</button></div>
    </form>
    <${Alert} error=${error} />
    ${due && html`<p role="status">${t('dueAt')}: <strong class="due-result">${when(due)}</strong></p>`}</section>`;
}

function Calendar() {
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [days, setDays] = useState(null);
  const [form, setForm] = useState({ date: '', working: 'false', name: '' });
  const [error, setError] = useState(null);
  const load = () => get(`/api/v1/calendar/holidays?year=${year}`).then((r) => setDays(r.items)).catch(setError);
  useEffect(load, [year]);
  const add = async (e) => {
    e.preventDefault(); setError(null);
    try { await put(`/api/v1/calendar/overrides/${form.date}`, { working: form.working === 'true', name: form.name }); load(); } catch (err) { setError(err); }
  };
  const remove = async (d) => { try { await del(`/api/v1/calendar/overrides/${d}`); load(); } catch (err) { setError(err); } };
  const kinds = { holiday: t('statutory'), compensatory: t('compensatory'), extra_off: t('announced'), extra_work: t('workDay') };
  return html`<${Field} type="number" label=${t('year')} name="year" value=${year} onInput=${setYear} min="1900" max="2100" />
    <${Alert} error=${error} />
    ${days ? html`<table><thead><tr><th scope="col">${t('date')}</th><th scope="col">${t('dayName')}</th><th scope="col">${t('status')}</th><th scope="col"><span class="sr-only">${t('remove')}</span></th></tr></thead>
      <tbody>${days.map((d) => html`<tr key=${d.date} class=${d.working ? 'work' : ''}><td>${day(d.date)}</td><td>${d.name}</td><td>${kinds[d.kind]}</td>
        <td>${(d.kind === 'extra_off' || d.kind === 'extra_work') && html`<button type="button" class="small secondary" onClick=${() => remove(d.date)}>${t('remove')} ${day(d.date)}</button>`}</td></tr>`)}</tbody></table>`
      : html`<${Loading} />`}
    <h3>${t('add')}</h3>
    <form onSubmit=${add} class="grid2">
      <${Field} type="date" label=${t('date')} name="date" value=${form.date} onInput=${(v) => setForm({ ...form, date: v })} required />
      <${Field} type="select" label=${t('status')} name="working" value=${form.working} onInput=${(v) => setForm({ ...form, working: v })} errors=${fieldsOf(error)}>
        <option value="false">${t('dayOff')}</option><option value="true">${t('workDay')}</option></${Field}>
      <${Field} label=${t('dayName')} name="name" value=${form.name} onInput=${(v) => setForm({ ...form, name: v })} errors=${fieldsOf(error)} required />
      <div><button type="submit">${t('add')}</button></div>
    </form>
    <${DueCalculator} />`;
}

/* The Open311 clients (apps, kiosks) and their keys: the server keeps a key's hash only, so a new
   key is shown here once; revoking asks for a second click. */
function Open311Clients() {
  const [list, setList] = useState(null);
  const [name, setName] = useState('');
  const [issued, setIssued] = useState(null); // {name, key}: shown once, until hidden or the page is left
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(null); // the client whose revocation waits for its confirmation
  const [error, setError] = useState(null);
  const [ok, setOk] = useState(null);
  const keyBox = useRef(null), confirmButton = useRef(null);
  const load = () => get('/api/v1/open311/keys').then((r) => setList(r.items)).catch(setError);
  useEffect(load, []);
  useEffect(() => { if (issued && keyBox.current) keyBox.current.focus(); }, [issued]);
  useEffect(() => { if (confirming && confirmButton.current) confirmButton.current.focus(); }, [confirming]);
  const issue = async (e) => {
    e.preventDefault(); setError(null); setOk(null); setIssued(null); setCopied(false); setConfirming(null);
    try { const k = await post('/api/v1/open311/keys', { name: name.trim() }); setIssued(k); setName(''); load(); } catch (err) { setError(err); }
  };
  const revoke = async (c) => {
    setError(null); setOk(null);
    try {
      await del(`/api/v1/open311/keys/${encodeURIComponent(c.name)}`);
      setOk(t('o311RevokedOk', { name: c.name }));
      if (issued && issued.name === c.name) setIssued(null);
    } catch (err) { setError(err); }
    setConfirming(null);
    load();
  };
  const copy = () => navigator.clipboard.writeText(issued.key).then(() => setCopied(true), () => keyBox.current && keyBox.current.querySelector('input').select());
  // a name taken (by a client revoked too) is the name field's error
  const errors = error && error.status === 409 ? { name: { code: 'name_taken' } } : fieldsOf(error);
  const summary = error && (error.status === 409 ? t('error422') : error.status === 404 ? t('o311NotActive') : null);
  if (!list) return error ? html`<${Alert} error=${error} />` : html`<${Loading} />`;
  return html`<p class="hint">${t('o311Intro')}</p>
    <${Alert} error=${error}>${summary}</${Alert}>${ok && html`<p class="ok" role="status">${ok}</p>`}
    ${issued && html`<div class="secret" role="region" aria-labelledby="h-key" tabindex="-1" ref=${keyBox}>
      <h3 id="h-key">${t('o311Key', { name: issued.name })}</h3>
      <p class="warn" id="key-once"><strong>${t('o311KeyOnce')}</strong></p>
      <label for="o311-key">${t('o311KeyLabel')}</label>
      <input id="o311-key" class="key" readonly value=${issued.key} aria-describedby="key-once" autocomplete="off" spellcheck="false" onFocus=${(e) => e.target.select()} />
      <div class="row">
        ${navigator.clipboard && html`<button type="button" class="small" onClick=${copy}>${t('o311Copy')}</button>`}
        <button type="button" class="small secondary" onClick=${() => setIssued(null)}>${t('o311Dismiss')}</button>
      </div>
      ${copied && html`<p class="ok" role="status">${t('o311Copied')}</p>`}
    </div>`}
    ${list.length ? html`<div class="scroll"><table><thead><tr><th scope="col">${t('o311Name')}</th><th scope="col">${t('status')}</th>
      <th scope="col">${t('o311Created')}</th><th scope="col">${t('o311LastUsed')}</th><th scope="col">${t('o311Requests')}</th>
      <th scope="col"><span class="sr-only">${t('actions')}</span></th></tr></thead>
    <tbody>${list.map((c) => html`<tr key=${c.id} class=${c.revoked_at ? 'revoked' : ''}><td>${c.name}</td>
      <td>${c.revoked_at ? html`${t('o311Revoked')} <span class="muted">(${when(c.revoked_at)})</span>` : t('active')}</td>
      <td>${when(c.created_at)}</td><td>${c.last_used_at ? when(c.last_used_at) : t('o311Never')}</td><td>${c.requests}</td>
      <td>${!c.revoked_at && (confirming === c.name
        ? html`<p class="hint" id=${`revoke-${c.id}`}>${t('o311ConfirmHint', { name: c.name })}</p>
          <button type="button" class="small danger" ref=${confirmButton} aria-describedby=${`revoke-${c.id}`} onClick=${() => revoke(c)}>
            ${t('o311Confirm')}<span class="sr-only"> ${c.name}</span></button>
          <button type="button" class="small secondary" onClick=${() => setConfirming(null)}>${t('cancel')}</button>`
        : html`<button type="button" class="small secondary" onClick=${() => { setOk(null); setError(null); setConfirming(c.name); }}>
            ${t('o311Revoke')}<span class="sr-only"> ${c.name}</span></button>`)}</td></tr>`)}</tbody></table></div>`
      : html`<p>${t('o311None')}</p>`}
    <h3>${t('o311IssueTitle')}</h3>
    <form onSubmit=${issue} class="grid2">
      <${Field} label=${t('o311Name')} name="name" value=${name} onInput=${setName} errors=${errors} required maxlength="100" autocomplete="off" hint=${t('o311NameHint')} />
      <div><button type="submit">${t('o311Issue')}</button></div>
    </form>`;
}

export function Admin({ query, session }) {
  const tabs = Object.keys(TABS).filter((k) => session.can(TABS[k]));
  const [tab, setTab] = useState(tabs.includes(query.get('tab')) ? query.get('tab') : tabs.includes('calendar') ? 'calendar' : tabs[0]);
  if (!tabs.length) return html`<p>${t('error403')}</p>`;
  const Page = { agencies: Agencies, users: Users, procedures: Procedures, calendar: Calendar, open311: Open311Clients, catalogImport: CatalogImport }[tab];
  return html`<h1>${t('admin')}</h1>
    <div role="tablist" class="tabs" aria-label=${t('admin')}>${tabs.map((k) => html`<button role="tab" type="button" id=${`tab-${k}`}
      aria-selected=${tab === k ? 'true' : 'false'} aria-controls="admin-panel" onClick=${() => setTab(k)}>${t(k)}</button>`)}</div>
    <section id="admin-panel" role="tabpanel" aria-labelledby=${`tab-${tab}`}><${Page} key=${tab} /></section>`;
}
