// Counter intake in one flow: procedure, components ticked, applicant, scans, receive and print form 01.
import { useState, useEffect } from '../vendor/hooks.module.js';
import { html, Field, Alert, fieldsOf, duration } from '../lib/ui.js';
import { get, post, upload } from '../lib/api.js';
import { t } from '../lib/i18n.js';

// Lower case without diacritics, đ → d: the same folding the server searches with.
export const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();

export function Intake({ session }) {
  const units = (session.user?.roles || []).filter((r) => r.role === 'receiver').map((r) => r.agency);
  const [unit, setUnit] = useState(units[0] || '');
  const [all, setAll] = useState([]);
  const [find, setFind] = useState('');
  const [p, setP] = useState(null);
  const [ticked, setTicked] = useState({});
  const [scans, setScans] = useState({});
  const [form, setForm] = useState({ kind: '1', name: '', id_number: '', phone: '', email: '', address: '', summary: '', sets: '1', channel: 'counter' });
  const [error, setError] = useState(null);
  const [done, setDone] = useState(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => { get('/api/v1/procedures?limit=200').then((r) => setAll(r.items)).catch(setError); }, []);
  if (!units.length) return html`<p>${t('error403')}</p>`;
  const choose = async (id) => {
    const x = await get(`/api/v1/procedures/${id}`);
    setP(x);
    setTicked(Object.fromEntries(x.components.map((c) => [c.position, true])));
    setForm((f) => ({ ...f, summary: x.name }));
    setScans({});
  };
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const errors = fieldsOf(error);
  const aErrors = Object.fromEntries(['name', 'id_number', 'phone', 'email', 'address'].map((k) => [k, errors[`applicant.${k}`]]));
  Object.assign(aErrors, { summary: errors.summary, sets: errors.sets, agency: errors.agency });

  const receive = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    // open the tab now, while the click still counts as the user's: browsers block later pop-ups
    const tab = window.open('about:blank', '_blank');
    try {
      const d = await post('/api/v1/dossiers', {
        procedure: p.id, agency: unit, channel: form.channel, summary: form.summary, sets: Number(form.sets) || 1,
        components: p.components.filter((c) => ticked[c.position]).map((c) => c.position),
        applicant: { kind: Number(form.kind), name: form.name, id_number: form.id_number || null, phone: form.phone, email: form.email || null, address: form.address || null },
      });
      for (const c of p.components) if (scans[c.position]) await upload(`/api/v1/dossiers/${d.code}/files`, { kind: 'component', component: String(c.position) }, scans[c.position]);
      const pdf = `/api/v1/dossiers/${encodeURIComponent(d.code)}/forms/01.pdf`;
      if (tab) tab.location = pdf;
      setDone({ ...d, pdf });
    } catch (err) {
      if (tab) tab.close();
      setError(err);
    } finally { setBusy(false); }
  };
  const again = () => { setDone(null); setP(null); setFind(''); setForm({ ...form, name: '', id_number: '', phone: '', email: '', address: '' }); };

  if (done) return html`<h1>${t('intake')}</h1>
    <p class="ok" role="status">${t('receivedOk', { code: done.code })}</p>
    <p><a class="button" href=${done.pdf} target="_blank" rel="noopener">${t('printReceipt')}</a>
       <a href=${`#/ho-so/${encodeURIComponent(done.code)}`}>${done.code}</a></p>
    <button type="button" class="secondary" onClick=${again}>${t('intake')}</button>`;

  const matches = find ? all.filter((x) => fold(`${x.code} ${x.name} ${x.field}`).includes(fold(find))).slice(0, 12) : [];
  return html`<h1>${t('intake')}</h1>
    ${units.length > 1 && html`<${Field} type="select" label=${t('receivingUnit')} name="unit" value=${unit} onInput=${setUnit}>
      ${units.map((u) => html`<option value=${u}>${u}</option>`)}</${Field}>`}
    ${!p ? html`<section aria-labelledby="h-proc"><h2 id="h-proc">${t('procedure')}</h2>
      <${Field} label=${t('searchProcedures')} name="find" type="search" value=${find} onInput=${setFind} hint=${t('searchHint')} autocomplete="off" />
      <ul class="cards">${matches.map((x) => html`<li key=${x.id}><button type="button" class="link" onClick=${() => choose(x.id)}>${x.name}</button>
        <span class="muted"> · ${x.field} · ${duration(x)}</span></li>`)}</ul></section>`
    : html`<form onSubmit=${receive}>
      <p><strong>${p.name}</strong> <span class="muted">(${duration(p)})</span> <button type="button" class="link" onClick=${() => setP(null)}>${t('back')}</button></p>
      <fieldset><legend>${t('components')}</legend>
        ${p.components.map((c) => html`<div class="component" key=${c.position}>
          <label class="choice"><input type="checkbox" checked=${!!ticked[c.position]} onChange=${(e) => setTicked({ ...ticked, [c.position]: e.target.checked })} />
            ${c.position}. ${c.name} (${t(c.kind)}, ${c.count})</label>
          <label class="file" for=${`scan-${c.position}`}>${t('scans')} ${c.position}</label>
          <input id=${`scan-${c.position}`} type="file" accept="application/pdf,image/jpeg,image/png" onChange=${(e) => setScans({ ...scans, [c.position]: e.target.files[0] })} />
        </div>`)}
      </fieldset>
      <div class="grid2">
        <${Field} type="select" label=${t('applicantKind')} name="kind" value=${form.kind} onInput=${set('kind')}>
          ${[1, 2, 3, 4].map((k) => html`<option value=${k}>${t(`kind${k}`)}</option>`)}</${Field}>
        <${Field} type="select" label=${t('channel')} name="channel" value=${form.channel} onInput=${set('channel')}>
          <option value="counter">${t('counter')}</option><option value="post">${t('post')}</option></${Field}>
        <${Field} label=${t('name')} name="name" value=${form.name} onInput=${set('name')} errors=${aErrors} required />
        <${Field} label=${t('idNumber')} name="id_number" value=${form.id_number} onInput=${set('id_number')} errors=${aErrors} required=${form.kind === '1'} inputmode="numeric" />
        <${Field} label=${t('phone')} name="phone" value=${form.phone} onInput=${set('phone')} errors=${aErrors} required type="tel" />
        <${Field} label=${t('email')} name="email" value=${form.email} onInput=${set('email')} errors=${aErrors} type="email" />
        <${Field} label=${t('address')} name="address" value=${form.address} onInput=${set('address')} errors=${aErrors} />
        <${Field} label=${t('sets')} name="sets" value=${form.sets} onInput=${set('sets')} errors=${aErrors} type="number" min="1" max="20" />
      </div>
      <${Field} type="textarea" label=${t('summary')} name="summary" value=${form.summary} onInput=${set('summary')} errors=${aErrors} required />
      <${Alert} error=${error} />
      <button type="submit" disabled=${busy}>${t('receiveAndPrint')}</button>
    </form>`}`;
}
