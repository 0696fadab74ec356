// A dossier: its data, files, control sheet, the actions the server offers this caller (each with
// its fields, or the reason it is unavailable) and forms.
import { useState, useEffect } from '../vendor/hooks.module.js';
import { html, Field, Alert, Loading, when, day, money, fieldsOf } from '../lib/ui.js';
import { get, post, upload } from '../lib/api.js';
import { t, lang, statusText, actionText } from '../lib/i18n.js';
import '../lib/i18n-submit.js';
import '../lib/i18n-catalog.js';
import { useAgencyTree, indented } from '../lib/plans.js';

const FORMS = [['01', (d) => d.received_at], ['02', (d) => d.supplement_request], ['03', (d) => d.status === 'refused'],
  ['04', (d) => d.apology], ['05', (d) => d.received_at], ['07', (d) => d.status === 'stopped']];

// Why an action is unavailable: the server's Vietnamese reason, or its English name's translation
// (with the moment an apology becomes possible).
const whyNot = (a) => (lang() === 'en'
  ? `${t(`block_${a.reason}`)}${a.reason === 'too_early' && a.available_from ? ` ${t('apologyFrom', { at: when(a.available_from) })}` : ''}`
  : a.reason_label);

function ActionForm({ offer, dossier, onDone, onCancel }) {
  const action = offer.name;
  // a payment is of the amount due, in full: the form starts with it
  const [v, setV] = useState({ method: action === 'pay' ? 'cash' : 'counter', days: '5', result_date: new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10),
    ...(action === 'pay' && dossier.fee ? { amount: String(dossier.fee.amount) } : {}) });
  const [error, setError] = useState(null);
  const agencies = useAgencyTree(); // a consulted agency is chosen by name
  const fields = offer.fields.map((f) => f.name);
  const required = (f) => offer.fields.some((x) => x.name === f && x.required);
  const set = (k) => (x) => setV({ ...v, [k]: x });
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    const body = { version: dossier.version };
    for (const f of fields) {
      if (v[f] === undefined || v[f] === '') continue;
      if (f === 'items') body.items = v.items.split('\n').map((s) => s.trim()).filter(Boolean);
      else if (f === 'amount' || f === 'days') body[f] = Number(v[f]);
      else if (f === 'new_due_at') body[f] = `${v[f]}:00+07:00`;
      else body[f] = v[f];
    }
    try { onDone(await post(`/api/v1/dossiers/${encodeURIComponent(dossier.code)}/${action}`, body)); } catch (err) { setError(err); }
  };
  const errors = fieldsOf(error);
  const input = (f) => {
    const common = { name: f, value: v[f], onInput: set(f), errors, key: f };
    if (f === 'reason' || f === 'note' || f === 'items') return html`<${Field} type="textarea" label=${t(f)} required=${required(f)} ...${common} />`;
    if (f === 'method' && action === 'pay') return html`<${Field} type="select" label=${t('method')} ...${common}>
      ${['cash', 'transfer', 'card', 'online'].map((m) => html`<option value=${m}>${t(`pay_${m}`)}</option>`)}</${Field}>`;
    if (f === 'method') return html`<${Field} type="select" label=${t('method')} ...${common}>
      ${['counter', 'post', 'online'].map((m) => html`<option value=${m}>${t(m)}</option>`)}</${Field}>`;
    if (f === 'amount' || f === 'days') return html`<${Field} type="number" label=${t(f)} required=${required(f)} ...${common} />`;
    if (f === 'result_date') return html`<${Field} type="date" label=${t('resultDate')} required ...${common} />`;
    if (f === 'new_due_at') return html`<${Field} type="datetime-local" label=${t('newDue')} required ...${common} />`;
    if (f === 'agency') return html`<${Field} type="select" label=${t('consultAgency')} required=${required(f)} ...${common}>
      <option value="">${t('select')}</option>${agencies.filter((a) => a.id !== dossier.current_unit).map((a) => html`<option value=${a.id} key=${a.id}>${indented(a)}</option>`)}</${Field}>`;
    const names = { result_number: 'resultNumber', receipt: 'receipt', signer: 'signer', tracking: 'tracking' };
    return html`<${Field} label=${t(names[f] || f)} required=${required(f)} ...${common} />`;
  };
  const label = actionText(action, offer.label);
  return html`<form class="panel" onSubmit=${submit} aria-label=${label}>
    <h3>${label}</h3>
    ${fields.map(input)}
    <${Alert} error=${error} />
    <div class="row"><button type="submit">${label}</button><button type="button" class="secondary" onClick=${onCancel}>${t('cancel')}</button></div>
  </form>`;
}

export function Dossier({ params, session }) {
  const code = params[0];
  const [d, setD] = useState(null);
  const [rows, setRows] = useState([]);
  const [error, setError] = useState(null);
  const [acting, setActing] = useState(null);
  const [note, setNote] = useState(null);
  const [actError, setActError] = useState(null);
  const load = () => {
    get(`/api/v1/dossiers/${encodeURIComponent(code)}`).then(setD).catch(setError);
    get(`/api/v1/dossiers/${encodeURIComponent(code)}/history`).then((h) => setRows(h.rows)).catch(() => {});
  };
  useEffect(load, [code]);
  if (error) return html`<${Alert} error=${error} />`;
  if (!d) return html`<${Loading} />`;
  // the server says what this caller may do now, and why not the rest
  const actions = (d.actions || []).filter((a) => a.available);
  const unavailable = (d.actions || []).filter((a) => !a.available);
  const done = (nd) => { setActing(null); setActError(null); setNote(t('done')); setD(nd); load(); };
  // an action without fields is taken at once; a refusal shows the server's reason beside the buttons
  const act = (a) => {
    setNote(null);
    setActError(null);
    if (a.fields.length) return setActing(a);
    post(`/api/v1/dossiers/${encodeURIComponent(code)}/${a.name}`, { version: d.version }).then(done).catch(setActError);
  };
  const addResult = async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    try { await upload(`/api/v1/dossiers/${encodeURIComponent(code)}/files`, { kind: 'result' }, file); load(); } catch (err) { setNote(null); setError(err); }
  };
  return html`<h1>${d.procedure.name}</h1>
    <p class="muted">${d.code} · <strong>${statusText(d.status, d.status_label)}</strong></p>
    ${note && html`<p class="ok" role="status">${note}</p>`}
    <div class="grid2">
      <section aria-labelledby="h-data"><h2 id="h-data">${t('applicant')}</h2>
        <dl class="facts">
          <dt>${t('name')}</dt><dd>${d.applicant.name}</dd><dt>${t('idNumber')}</dt><dd>${d.applicant.id_number || '—'}</dd>
          <dt>${t('phone')}</dt><dd>${d.applicant.phone || '—'}</dd><dt>${t('email')}</dt><dd>${d.applicant.email || '—'}</dd>
          <dt>${t('address')}</dt><dd>${d.applicant.address || '—'}</dd><dt>${t('summary')}</dt><dd>${d.summary}</dd>
          <dt>${t('channel')}</dt><dd>${t(d.channel)}</dd><dt>${t('received')}</dt><dd>${when(d.received_at)}</dd>
          <dt>${t('due')}</dt><dd>${when(d.due_at)}</dd>
          ${d.fee && html`<dt>${t('fees')}</dt><dd>${money(d.fee.amount)}${d.fee.paid ? ` (${d.fee.receipt})` : ''}</dd>`}
          ${d.result && html`<dt>${t('result')}</dt><dd>${d.result.number} (${day(d.result.date)}, ${d.result.signer})</dd>`}
        </dl>
      </section>
      <section aria-labelledby="h-actions"><h2 id="h-actions">${t('actions')}</h2>
        ${actions.length ? html`<div class="actions">${actions.map((a) => html`<button type="button" key=${a.name} class=${acting && acting.name === a.name ? 'current' : 'secondary'}
          onClick=${() => act(a)}>${actionText(a.name, a.label)}</button>`)}</div>`
          : html`<p class="muted">${t('noActions')}</p>`}
        <${Alert} error=${actError} />
        ${unavailable.length > 0 && html`<details class="why"><summary>${t('whyNot')}</summary>
          <ul>${unavailable.map((a) => html`<li key=${a.name}><strong>${actionText(a.name, a.label)}</strong>: ${whyNot(a)}</li>`)}</ul></details>`}
        ${acting && html`<${ActionForm} offer=${acting} dossier=${d} onDone=${done} onCancel=${() => setActing(null)} key=${acting.name} />`}
        <h3>${t('forms')}</h3>
        <ul>${FORMS.filter(([, ok]) => ok(d)).map(([f]) => html`<li key=${f}><a href=${`/api/v1/dossiers/${encodeURIComponent(code)}/forms/${f}.pdf`} target="_blank" rel="noopener">${f} — ${t(`form_${f}`)}</a></li>`)}</ul>
      </section>
    </div>
    <section aria-labelledby="h-files"><h2 id="h-files">${t('files')}</h2>
      <ul>${d.components.map((c) => html`<li key=${c.position}>${c.position}. ${c.name} — ${t(c.kind)} ×${c.count}${c.digitized ? ' ✓' : ''}</li>`)}</ul>
      <ul>${d.files.map((f) => html`<li key=${f.id}><a href=${f.url}>${f.name}</a> <span class="muted">(${f.supplement ? t('supFileMark') : t(`fk_${f.kind}`)}, ${t('kb', { n: Math.ceil(f.size / 1024) })})</span></li>`)}</ul>
      ${session.can('process', 'receive') && ['processing', 'processed'].includes(d.status) && html`<label for="result-file">${t('attach')}: ${t('result')}</label>
        <input id="result-file" type="file" accept="application/pdf,image/jpeg,image/png" onChange=${addResult} />`}
    </section>
    <section aria-labelledby="h-history"><h2 id="h-history">${t('history')}</h2>
      <div class="scroll" tabindex="0" role="region" aria-labelledby="h-history"><table><thead><tr><th scope="col">${t('date')}</th><th scope="col">${t('actions')}</th><th scope="col">${t('unit')}</th>
        <th scope="col">${t('giver')}</th><th scope="col">${t('receiverP')}</th><th scope="col">${t('due')}</th><th scope="col">${t('result')}</th><th scope="col">${t('note')}</th></tr></thead>
      <tbody>${rows.map((r, i) => html`<tr key=${i}><td>${when(r.at)}</td><td>${actionText(r.action, r.label)}</td>
        <td>${r.unit.name}${r.to_unit ? ` → ${r.to_unit.name}` : ''}</td><td>${r.giver || ''}</td><td>${r.receiver || ''}</td>
        <td>${when(r.step_due_at)}</td><td>${r.timeliness ? t(r.timeliness) : ''}</td><td>${r.note || ''}</td></tr>`)}</tbody></table></div>
    </section>`;
}
