// Online submission by a logged-in citizen: data, files (each checked by the server as soon as it is
// chosen), a summary to confirm, then one request that creates the dossier with its files or nothing.
import { useState, useEffect } from '../vendor/hooks.module.js';
import { html, Field, Alert, Loading, fieldsOf, duration } from '../lib/ui.js';
import { get, post, upload } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { fileSize } from './account.js';
import '../lib/i18n-accounts.js';
import '../lib/i18n-submit.js';

const reqText = { required: 'reqRequired', optional: 'reqOptional', counter: 'reqCounter' };

// The reason a staged file or a component was refused, in the page's language.
export function fileError(err) {
  if (!err) return null;
  if (err === 'missing' || err.code === 'required') return t('fileMissing');
  if (err.status === 415 || err.code === 'file_type') return t('fileBadType');
  if (err.status === 413) return t('fileTooBig');
  if (err.code === 'upload_gone') return t('fileGone');
  if (err.status === 429) return t('acTooMany');
  return err.message || t('errorGeneric');
}

// One component's file: chosen, staged at once, its state and any refusal beside it.
function ComponentFile({ c, state, onChoose }) {
  const id = `file-${c.position}`, hintId = `${id}-hint`, errId = `${id}-err`;
  const requirement = c.requirement || (c.required ? 'required' : 'optional');
  const err = fileError(state.error);
  const described = [hintId, err ? errId : null].filter(Boolean).join(' ');
  return html`<div class="field ${err ? 'invalid' : ''}" key=${c.position}>
    <label for=${id}>${c.position}. ${c.name} (${t(c.kind)}) <span class="badge">${t(reqText[requirement])}</span>
      ${requirement === 'required' ? html` <span aria-hidden="true" class="req">*</span>` : ''}</label>
    ${requirement === 'counter'
      ? html`<p class="hint" id=${hintId}>${t('reqCounterHint')}</p>`
      : html`<input id=${id} type="file" accept="application/pdf,image/jpeg,image/png" required=${requirement === 'required' && !state.staged}
          aria-invalid=${err ? 'true' : undefined} aria-describedby=${described} onChange=${(e) => e.target.files[0] && onChoose(e.target.files[0])} />
        <p class="hint" id=${hintId}>${t('fileHint')}</p>
        ${state.progress !== undefined && !state.staged && !state.error && html`<p class="muted" role="status">${t('fileChecking')}
          <progress max="1" value=${state.progress} aria-label=${c.name}></progress></p>`}
        ${state.staged && html`<p class="ok" role="status">✓ ${t('fileOk', { name: state.staged.name, size: fileSize(state.staged.size) })}</p>`}`}
    ${err && html`<p class="error" id=${errId} role="alert">${err}</p>`}
  </div>`;
}

export function Submit({ params, session }) {
  const [p, setP] = useState(null);
  const [units, setUnits] = useState([]);
  const [step, setStep] = useState(1);
  const [form, setForm] = useState({ kind: '1', name: session.user?.full_name || '', id_number: '', phone: '', email: '', address: '', summary: '', agency: '' });
  const [files, setFiles] = useState({}); // position → { staged, error, progress }
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
  const fileOf = (pos) => files[pos] || {};
  const setFile = (pos, v) => setFiles((fs) => ({ ...fs, [pos]: v }));
  const requirementOf = (c) => c.requirement || (c.required ? 'required' : 'optional');

  // staged now: a refused file is known before anything is submitted
  const choose = async (c, file) => {
    setFile(c.position, { progress: 0 });
    try {
      const staged = await upload('/api/v1/uploads', {}, file, (x) => setFile(c.position, { progress: x }));
      setFile(c.position, { staged });
    } catch (err) { setFile(c.position, { error: err }); }
  };

  const toConfirm = (e) => {
    e.preventDefault();
    let ok = true;
    const next = { ...files };
    for (const c of p.components) {
      if (requirementOf(c) === 'required' && !fileOf(c.position).staged) { next[c.position] = { ...fileOf(c.position), error: fileOf(c.position).error || 'missing' }; ok = false; }
      if (fileOf(c.position).error && requirementOf(c) !== 'counter') ok = false;
    }
    setFiles(next);
    if (ok) { setError(null); setStep(3); } else {
      const first = p.components.find((c) => next[c.position]?.error);
      setTimeout(() => document.getElementById(`file-${first.position}`)?.focus(), 0);
    }
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const d = await post('/api/v1/dossiers', {
        procedure: p.id, agency: form.agency, channel: 'online', summary: form.summary,
        applicant: { kind: Number(form.kind), name: form.name, id_number: form.id_number || null, phone: form.phone, email: form.email || null, address: form.address || null },
        files: p.components.filter((c) => fileOf(c.position).staged).map((c) => ({ component: c.position, upload: fileOf(c.position).staged.id })),
      });
      setDone(d);
    } catch (err) {
      setError(err);
      const byComponent = Object.entries(err.fields || {}).filter(([k]) => k.startsWith('component.'));
      if (byComponent.length) {
        setFiles((fs) => {
          const next = { ...fs };
          for (const [k, v] of byComponent) next[k.slice(10)] = { error: v };
          return next;
        });
        setStep(2);
      } else if (err.status === 422) setStep(1);
    } finally { setBusy(false); }
  };

  if (done) return html`<h1>${t('submitted')}</h1>
    <p class="ok" role="status">${t('yourCode')}: <strong class="code">${done.code}</strong></p>
    <h2>${t('nextSteps')}</h2><p>${t('submittedHint')}</p>
    <p class="row"><a href="#/ho-so-cua-toi">${t('acMine')}</a> <a href=${`#/tra-cuu?code=${encodeURIComponent(done.code)}`}>${t('lookup')}</a></p>`;

  const componentRefusal = error && Object.keys(error.fields || {}).some((k) => k.startsWith('component.'));
  return html`<h1>${t('submitOnline')}: ${p.name}</h1>
    <p class="muted">${p.agency.name} · ${duration(p)}</p>
    <ol class="stepper" aria-label="steps">
      ${[t('applicant'), t('components'), t('confirm')].map((s, i) => html`<li aria-current=${step === i + 1 ? 'step' : undefined} class=${step === i + 1 ? 'current' : ''}>${s}</li>`)}
    </ol>
    ${componentRefusal ? html`<p class="error" role="alert">${t('filesFix')}</p>` : html`<${Alert} error=${error} />`}
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
    ${step === 2 && html`<form onSubmit=${toConfirm} noValidate>
      ${p.components.map((c) => html`<${ComponentFile} key=${c.position} c=${c} state=${fileOf(c.position)} onChoose=${(f) => choose(c, f)} />`)}
      <div class="row"><button type="button" class="secondary" onClick=${() => setStep(1)}>${t('back')}</button>
        <button type="submit" disabled=${Object.values(files).some((f) => f.progress !== undefined)}>${t('next')}</button></div>
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
      <ul>${p.components.map((c) => html`<li key=${c.position}>${c.name}: ${requirementOf(c) === 'counter' ? t('reqCounter')
        : fileOf(c.position).staged ? fileOf(c.position).staged.name : t('noFile')}</li>`)}</ul>
      <div class="row"><button type="button" class="secondary" onClick=${() => setStep(2)} disabled=${busy}>${t('back')}</button>
        <button type="button" onClick=${submit} disabled=${busy}>${t('confirm')}</button></div>
    </section>`}`;
}
