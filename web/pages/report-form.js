// A unit's monthly report on a task it leads: saved as a draft any number of times, evidence attached
// to the draft, submitted once after a confirmation (then it cannot change). The server's field
// errors show at their fields, in the page's language.
import { useState, useEffect, useRef } from '../vendor/hooks.module.js';
import { html, Field, Alert, fieldsOf } from '../lib/ui.js';
import { put, upload } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import '../lib/i18n-plans.js';
import { monthText } from '../lib/plans.js';

const TEXTS = ['progress_text', 'results', 'shortfall', 'fix', 'proposal'];
const LIMITS = { progress_text: 4000, results: 8000, shortfall: 4000, fix: 4000, proposal: 4000 };
const LABELS = { progress_text: 'rpProgressText', results: 'rpResults', shortfall: 'rpShortfall', fix: 'rpFix', proposal: 'rpProposal' };
const HINTS = { results: 'rpResultsHint', shortfall: 'rpShortfallHint' };

function formOf(report) {
  const f = { progress: report ? String(report.progress) : '', done_on: (report && report.done_on) || '' };
  for (const k of TEXTS) f[k] = (report && report[k]) || '';
  return f;
}

// The draft's evidence: its files, and one more to attach.
function Evidence({ task, month, files, onAttached }) {
  const [progress, setProgress] = useState(null);
  const [error, setError] = useState(null);
  const pick = async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      await upload(`/api/v1/tasks/${task.id}/reports/${month}/files`, {}, file, setProgress);
      e.target.value = '';
      onAttached(t('rpAttached', { name: file.name }));
    } catch (err) { setError(err); } finally { setProgress(null); }
  };
  return html`<fieldset class="evidence"><legend>${t('rpEvidence')}</legend>
    <p class="hint" id="evidence-hint">${t('rpEvidenceHint')}</p>
    ${files.length > 0 && html`<ul class="files">${files.map((f) => html`<li key=${f.id}><a href=${f.url} target="_blank" rel="noopener">${f.name}</a></li>`)}</ul>`}
    <label for="f-evidence">${t('rpAttach')}</label>
    <input id="f-evidence" type="file" accept="application/pdf,image/jpeg,image/png" aria-describedby="evidence-hint" onChange=${pick} />
    ${progress !== null && html`<progress max="1" value=${progress} aria-label=${t('rpAttach')}></progress>`}
    <${Alert} error=${error} />
  </fieldset>`;
}

export function ReportForm({ task, onSaved }) {
  const m = task.this_month;
  const month = m.month;
  const draft = m.status === 'draft' ? m.report : null;
  const [form, setForm] = useState(formOf(draft));
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const formRef = useRef(null), confirmRef = useRef(null);
  useEffect(() => { if (confirming && confirmRef.current) confirmRef.current.focus(); }, [confirming]);
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const send = async (submit) => {
    setBusy(true);
    setError(null);
    setConfirming(false);
    const body = { progress: form.progress === '' ? null : Number(form.progress), submit };
    for (const k of TEXTS) if (form[k].trim()) body[k] = form[k].trim();
    if (form.done_on) body.done_on = form.done_on;
    try {
      await put(`/api/v1/tasks/${task.id}/reports/${month}`, body);
      onSaved(t(submit ? 'rpSubmitted' : 'rpSaved', { m: monthText(month) }));
    } catch (err) { setError(err); } finally { setBusy(false); }
  };
  const ask = () => { if (formRef.current.reportValidity()) setConfirming(true); };
  const errors = fieldsOf(error);
  const files = ((task.reports || []).find((r) => r.month === month) || {}).files || [];
  return html`<form ref=${formRef} onSubmit=${(e) => { e.preventDefault(); send(false); }} aria-labelledby="h-report-form" class="report-form">
    <h2 id="h-report-form">${t('rpTitle', { m: monthText(month) })}</h2>
    <div class="grid2">
      <${Field} type="number" label=${t('rpProgress')} name="progress" value=${form.progress} onInput=${set('progress')} errors=${errors} required min="0" max="100" step="1" />
      <${Field} type="date" label=${t('rpDoneOn')} name="done_on" value=${form.done_on} onInput=${set('done_on')} errors=${errors} hint=${t('rpDoneOnHint')} />
    </div>
    ${TEXTS.map((k) => html`<${Field} key=${k} type="textarea" label=${t(LABELS[k])} name=${k} value=${form[k]} onInput=${set(k)} errors=${errors}
      rows=${k === 'results' ? 4 : 3} maxlength=${LIMITS[k]} hint=${HINTS[k] ? t(HINTS[k]) : undefined} />`)}
    ${draft ? html`<${Evidence} task=${task} month=${month} files=${files} onAttached=${onSaved} />` : html`<p class="hint">${t('rpEvidenceFirst')}</p>`}
    ${error && html`<${Alert} error=${error}>${error.status === 409 ? t('rpError409') : null}</${Alert}>`}
    ${confirming ? html`<div class="confirm" role="group" aria-labelledby="confirm-hint">
        <p class="warn" id="confirm-hint"><strong>${t('rpConfirmHint', { m: monthText(month) })}</strong></p>
        <div class="row"><button type="button" class="danger" ref=${confirmRef} aria-describedby="confirm-hint" onClick=${() => send(true)} disabled=${busy}>${t('rpConfirm')}</button>
          <button type="button" class="secondary" onClick=${() => setConfirming(false)}>${t('cancel')}</button></div></div>`
      : html`<div class="row"><button type="submit" class="secondary" disabled=${busy}>${t('rpSaveDraft')}</button>
        <button type="button" onClick=${ask} disabled=${busy}>${t('rpSubmit')}</button></div>`}
  </form>`;
}
