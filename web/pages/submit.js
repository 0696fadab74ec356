// Online submission by a logged-in citizen: data, files, a summary to confirm, the code.
import { useState, useEffect } from '../vendor/hooks.module.js';
import { html, Field, Alert, Loading, fieldsOf, duration } from '../lib/ui.js';
import { get, post, upload } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import '../lib/i18n-accounts.js';

export function Submit({ params, session }) {
  const [p, setP] = useState(null);
  const [units, setUnits] = useState([]);
  const [step, setStep] = useState(1);
  const [form, setForm] = useState({ kind: '1', name: session.user?.full_name || '', id_number: '', phone: '', email: '', address: '', summary: '', agency: '' });
  const [files, setFiles] = useState({});
  const [progress, setProgress] = useState({});
  const [error, setError] = useState(null);
  const [done, setDone] = useState(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    get(`/api/v1/procedures/${params[0]}`).then((x) => { setP(x); setForm((f) => ({ ...f, summary: x.name })); }).catch(setError);
    get(`/api/v1/procedures/${params[0]}/units`).then((r) => { setUnits(r.items); if (r.items.length === 1) setForm((f) => ({ ...f, agency: r.items[0].id })); }).catch(setError);
  }, [params[0]]);

  if (!session.can('submit_online')) return html`<p>${t('mustLogin')} <a href=${`#/dang-nhap?next=${encodeURIComponent(`/nop/${params[0]}`)}`}>${t('login')}</a></p>`;
  if (!p) return error ? html`<${Alert} error=${error} />` : html`<${Loading} />`;
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const errors = fieldsOf(error);
  const appErr = (k) => errors[`applicant.${k}`];
  const aErrors = { name: appErr('name'), id_number: appErr('id_number'), phone: appErr('phone'), email: appErr('email'), address: appErr('address'), summary: errors.summary, agency: errors.agency };

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const d = await post('/api/v1/dossiers', {
        procedure: p.id, agency: form.agency, channel: 'online', summary: form.summary,
        applicant: { kind: Number(form.kind), name: form.name, id_number: form.id_number || null, phone: form.phone, email: form.email || null, address: form.address || null },
      });
      for (const c of p.components) {
        const file = files[c.position];
        if (!file) continue;
        await upload(`/api/v1/dossiers/${d.code}/files`, { kind: 'component', component: String(c.position) }, file,
          (x) => setProgress((pr) => ({ ...pr, [c.position]: x })));
        setProgress((pr) => ({ ...pr, [c.position]: 1 }));
      }
      setDone(d);
    } catch (err) {
      setError(err);
      if (err.status === 422) setStep(1);
    } finally { setBusy(false); }
  };

  if (done) return html`<h1>${t('submitted')}</h1>
    <p class="ok" role="status">${t('yourCode')}: <strong class="code">${done.code}</strong></p>
    <h2>${t('nextSteps')}</h2><p>${t('submittedHint')}</p>
    <p class="row"><a href="#/ho-so-cua-toi">${t('acMine')}</a> <a href=${`#/tra-cuu?code=${encodeURIComponent(done.code)}`}>${t('lookup')}</a></p>`;

  return html`<h1>${t('submitOnline')}: ${p.name}</h1>
    <p class="muted">${p.agency.name} · ${duration(p)}</p>
    <ol class="stepper" aria-label="steps">
      ${[t('applicant'), t('components'), t('confirm')].map((s, i) => html`<li aria-current=${step === i + 1 ? 'step' : undefined} class=${step === i + 1 ? 'current' : ''}>${s}</li>`)}
    </ol>
    <${Alert} error=${error} />
    ${step === 1 && html`<form onSubmit=${(e) => { e.preventDefault(); setStep(2); }}>
      <${Field} type="select" label=${t('applicantKind')} name="kind" value=${form.kind} onInput=${set('kind')}>
        ${[1, 2, 3, 4].map((k) => html`<option value=${k}>${t(`kind${k}`)}</option>`)}</${Field}>
      <${Field} label=${t('name')} name="name" value=${form.name} onInput=${set('name')} errors=${aErrors} required autocomplete="name" />
      <${Field} label=${t('idNumber')} name="id_number" value=${form.id_number} onInput=${set('id_number')} errors=${aErrors} required=${form.kind === '1'} inputmode="numeric" />
      <${Field} label=${t('phone')} name="phone" value=${form.phone} onInput=${set('phone')} errors=${aErrors} required type="tel" autocomplete="tel" />
      <${Field} label=${t('email')} name="email" value=${form.email} onInput=${set('email')} errors=${aErrors} type="email" autocomplete="email" />
      <${Field} label=${t('address')} name="address" value=${form.address} onInput=${set('address')} errors=${aErrors} autocomplete="street-address" />
      <${Field} type="select" label=${t('receivingUnit')} name="agency" value=${form.agency} onInput=${set('agency')} errors=${aErrors} required>
        <option value="">${t('select')}</option>${units.map((u) => html`<option value=${u.id}>${u.name}</option>`)}</${Field}>
      <${Field} type="textarea" label=${t('summary')} name="summary" value=${form.summary} onInput=${set('summary')} errors=${aErrors} required />
      <button type="submit">${t('next')}</button>
    </form>`}
    ${step === 2 && html`<form onSubmit=${(e) => { e.preventDefault(); setStep(3); }}>
      ${p.components.map((c) => html`<div class="field" key=${c.position}>
        <label for=${`file-${c.position}`}>${c.position}. ${c.name} (${t(c.kind)}${c.required ? '' : `, ${t('optional')}`})</label>
        <input id=${`file-${c.position}`} type="file" accept="application/pdf,image/jpeg,image/png" onChange=${(e) => setFiles({ ...files, [c.position]: e.target.files[0] })} />
      </div>`)}
      <div class="row"><button type="button" class="secondary" onClick=${() => setStep(1)}>${t('back')}</button><button type="submit">${t('next')}</button></div>
    </form>`}
    ${step === 3 && html`<section aria-labelledby="h-sum">
      <h2 id="h-sum">${t('confirm')}</h2><p>${t('confirmHint')}</p>
      <dl class="facts">
        <dt>${t('name')}</dt><dd>${form.name}</dd><dt>${t('idNumber')}</dt><dd>${form.id_number || '—'}</dd>
        <dt>${t('phone')}</dt><dd>${form.phone}</dd><dt>${t('email')}</dt><dd>${form.email || '—'}</dd>
        <dt>${t('address')}</dt><dd>${form.address || '—'}</dd><dt>${t('receivingUnit')}</dt><dd>${units.find((u) => u.id === form.agency)?.name || '—'}</dd>
        <dt>${t('summary')}</dt><dd>${form.summary}</dd>
      </dl>
      <h3>${t('components')}</h3>
      <ul>${p.components.map((c) => html`<li key=${c.position}>${c.name}: ${files[c.position] ? files[c.position].name : '—'}
        ${progress[c.position] !== undefined && html` <progress max="1" value=${progress[c.position]} aria-label=${c.name}></progress>`}</li>`)}</ul>
      <div class="row"><button type="button" class="secondary" onClick=${() => setStep(2)} disabled=${busy}>${t('back')}</button>
        <button type="button" onClick=${submit} disabled=${busy}>${t('confirm')}</button></div>
    </section>`}`;
}
