// The public lookup (where a receipt's QR code lands), a returned electronic result's download, and the rating after the result.
import { useState, useEffect } from '../vendor/hooks.module.js';
import { html, Field, Alert, when, fieldsOf } from '../lib/ui.js';
import { get, post, upload } from '../lib/api.js';
import { t, statusText } from '../lib/i18n.js';
import { fileSize } from './account.js';
import { fileError } from './submit.js';
import '../lib/i18n-submit.js';

export function LookupForm({ code: initial = '', onFound }) {
  const [code, setCode] = useState(initial);
  const [digits, setDigits] = useState('');
  const submit = (e) => {
    e.preventDefault();
    if (onFound) onFound(code.trim(), digits.trim());
    else location.hash = `/tra-cuu?code=${encodeURIComponent(code.trim())}&so=${encodeURIComponent(digits.trim())}`;
  };
  return html`<form onSubmit=${submit} class="lookup">
    <${Field} label=${t('code')} name="code" value=${code} onInput=${setCode} required placeholder="000.00.31.H99-261123-0001" autocomplete="off" />
    <${Field} label=${t('phoneLast4')} name="phone_last4" value=${digits} onInput=${setDigits} required inputmode="numeric" maxlength="4" autocomplete="off" />
    <button type="submit">${t('lookup')}</button>
  </form>`;
}

function Rating({ code, digits, onDone }) {
  const [level, setLevel] = useState('');
  const [crit, setCrit] = useState({});
  const [comment, setComment] = useState('');
  const [error, setError] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      await post('/api/v1/ratings', { code, phone_last4: digits, level, criteria: crit, comment: comment || null });
      onDone();
    } catch (err) { setError(err); }
  };
  return html`<form onSubmit=${submit} class="rating" aria-labelledby="h-rate">
    <h2 id="h-rate">${t('rate')}</h2>
    <fieldset><legend>${t('rate')}</legend>
      ${['very_satisfied', 'satisfied', 'not_satisfied'].map((l) => html`<label class="choice" key=${l}>
        <input type="radio" name="level" value=${l} checked=${level === l} onChange=${() => setLevel(l)} required /> ${t(l)}</label>`)}
    </fieldset>
    ${['access', 'procedure', 'officer', 'result'].map((c) => html`<${Field} key=${c} type="select" label=${t(`c_${c}`)} name=${`criteria.${c}`}
        value=${crit[c] || ''} errors=${fieldsOf(error)} onInput=${(v) => setCrit({ ...crit, [c]: v ? Number(v) : undefined })}>
        <option value="">${t('select')}</option>${[5, 4, 3, 2, 1].map((n) => html`<option value=${n}>${n}</option>`)}</${Field}>`)}
    <${Field} type="textarea" label=${t('comment')} name="comment" value=${comment} onInput=${setComment} errors=${fieldsOf(error)} />
    <${Alert} error=${error} />
    <button type="submit">${t('send')}</button>
  </form>`;
}

// While a supplement is asked: what is missing, and the form that sends it (files checked as chosen).
function Supplement({ result, digits, onSent }) {
  const s = result.supplement;
  const [staged, setStaged] = useState([]);
  const [fileErr, setFileErr] = useState(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const choose = async (e) => {
    const chosen = [...e.target.files];
    e.target.value = '';
    setFileErr(null);
    for (const file of chosen) {
      try {
        const x = await upload('/api/v1/lookup/uploads', { code: result.code, phone_last4: digits }, file);
        setStaged((list) => [...list, x]);
      } catch (err) { setFileErr(err); }
    }
  };
  const send = async (e) => {
    e.preventDefault();
    setError(null);
    if (!staged.length) { setFileErr('none'); document.getElementById('sup-file')?.focus(); return; }
    setBusy(true);
    try {
      await post('/api/v1/lookup/supplement', { code: result.code, phone_last4: digits, uploads: staged.map((x) => x.id), note: note.trim() || null });
      setStaged([]); setNote('');
      onSent();
    } catch (err) {
      if (err.fields && Object.keys(err.fields).some((k) => k.startsWith('uploads'))) { setStaged([]); setFileErr({ code: 'upload_gone' }); } else setError(err);
    } finally { setBusy(false); }
  };
  const errText = fileErr === 'none' ? t('supNeedFile') : fileError(fileErr);
  return html`<section aria-labelledby="h-sup" class="panel supplement">
    <h3 id="h-sup">${t('supTitle')}</h3>
    <p class="muted">${t('supAsked')}: ${when(s.requested_at)}</p>
    <h4>${t('supItems')}</h4>
    <ol class="sup-items">${s.items.map((x, i) => html`<li key=${i}>${x}</li>`)}</ol>
    ${s.reason && html`<p><strong>${t('supReason')}:</strong> ${s.reason}</p>`}
    ${s.sent.map((x, i) => html`<p class="ok" role="status" key=${i}>${t('supSent', { at: when(x.at) })}</p>`)}
    <form onSubmit=${send} aria-labelledby="h-sup-send" noValidate>
      <h4 id="h-sup-send">${t('supSend')}</h4>
      <div class="field ${errText ? 'invalid' : ''}">
        <label for="sup-file">${t('supFiles')} <span aria-hidden="true" class="req">*</span></label>
        <input id="sup-file" type="file" multiple accept="application/pdf,image/jpeg,image/png" onChange=${choose}
          aria-invalid=${errText ? 'true' : undefined} aria-describedby=${errText ? 'sup-file-hint sup-file-err' : 'sup-file-hint'} />
        <p class="hint" id="sup-file-hint">${t('fileHint')}</p>
        ${errText && html`<p class="error" id="sup-file-err" role="alert">${errText}</p>`}
      </div>
      ${staged.length > 0 && html`<ul class="staged">${staged.map((x) => html`<li key=${x.id}>✓ ${x.name} (${fileSize(x.size)})
        <button type="button" class="secondary" aria-label=${t('supRemove', { name: x.name })} onClick=${() => setStaged(staged.filter((y) => y.id !== x.id))}>×</button></li>`)}</ul>`}
      <${Field} type="textarea" label=${t('supNote')} name="note" value=${note} onInput=${setNote} errors=${fieldsOf(error)} maxlength="1000" />
      <${Alert} error=${error} />
      <button type="submit" disabled=${busy}>${t('supSendButton')}</button>
    </form>
  </section>`;
}

export function Lookup({ query }) {
  const [code, setCode] = useState(query.get('code') || '');
  const [digits, setDigits] = useState(query.get('so') || '');
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const [thanks, setThanks] = useState(false);
  const load = (c, d) => {
    setCode(c); setDigits(d); setError(null); setResult(null);
    if (c && d) get(`/api/v1/lookup?code=${encodeURIComponent(c)}&phone_last4=${encodeURIComponent(d)}`).then(setResult).catch(setError);
  };
  useEffect(() => load(code, digits), []);
  return html`<h1>${t('lookup')}</h1>
    <${LookupForm} code=${code} onFound=${load} />
    ${error && html`<p class="error" role="alert">${error.status === 404 ? t('lookupNotFound') : t('errorGeneric')}</p>`}
    ${result && html`<section aria-labelledby="h-result" class="panel">
      <h2 id="h-result">${result.procedure.name}</h2>
      <dl class="facts">
        <dt>${t('code')}</dt><dd>${result.code}</dd>
        <dt>${t('agency')}</dt><dd>${result.agency}</dd>
        <dt>${t('status')}</dt><dd><strong class="status">${statusText(result.status, result.status_label)}</strong></dd>
        <dt>${t('received')}</dt><dd>${when(result.received_at)}</dd>
        <dt>${t('due')}</dt><dd>${when(result.due_at)}</dd>
        ${result.finished_at && html`<dt>${t('finished')}</dt><dd>${when(result.finished_at)}</dd>`}
      </dl>
      ${result.result && html`<p><a class="button" download
          href=${`/api/v1/lookup/result?code=${encodeURIComponent(result.code)}&phone_last4=${encodeURIComponent(digits)}`}>${t('acDownload')}</a>
        <span class="muted">${t('acResultFile', { name: result.result.name, size: fileSize(result.result.size) })}</span></p>`}
      ${result.supplement && html`<${Supplement} result=${result} digits=${digits} onSent=${() => load(code, digits)} />`}
      <h3>${t('steps')}</h3>
      <ol class="timeline">${result.steps.map((s, i) => html`<li key=${i}><time>${when(s.at)}</time> ${statusText(s.status, s.status_label)}${s.unit ? ` — ${s.unit}` : ''}</li>`)}</ol>
      ${thanks ? html`<p class="ok" role="status">${t('rateThanks')}</p>`
        : result.can_rate && html`<${Rating} code=${result.code} digits=${digits} onDone=${() => setThanks(true)} />`}
    </section>`}`;
}
