// Shared pieces of the pages: html (htm over preact), form fields with their errors, formatting.
import { h } from '../vendor/preact.module.js';
import htm from '../vendor/htm.module.js';
import { t, fieldText, errorText, lang } from './i18n.js';

export const html = htm.bind(h);

let ids = 0;
export const uid = (p) => `${p}-${++ids}`;

// A labelled input; the API's error for the same field shows under it.
export function Field({ label, name, value, onInput, type = 'text', errors = {}, required, hint, ...rest }) {
  const id = rest.id || `f-${name.replace(/[^a-z0-9]/gi, '-')}`;
  const err = errors[name];
  const hintId = hint ? `${id}-hint` : undefined, errId = err ? `${id}-err` : undefined;
  const described = [hintId, errId].filter(Boolean).join(' ') || undefined;
  const common = { id, name, required, 'aria-invalid': err ? 'true' : undefined, 'aria-describedby': described, ...rest };
  return html`<div class="field ${err ? 'invalid' : ''}">
    <label for=${id}>${label}${required ? html` <span aria-hidden="true" class="req">*</span>` : ''}</label>
    ${type === 'textarea'
      ? html`<textarea ...${common} value=${value ?? ''} onInput=${(e) => onInput(e.target.value)} />`
      : type === 'select'
        ? html`<select ...${common} value=${value ?? ''} onChange=${(e) => onInput(e.target.value)}>${rest.children}</select>`
        : html`<input ...${common} type=${type} value=${value ?? ''} onInput=${(e) => onInput(e.target.value)} />`}
    ${hint && html`<p class="hint" id=${hintId}>${hint}</p>`}
    ${err && html`<p class="error" id=${errId} role="alert">${fieldText(err)}</p>`}
  </div>`;
}

export function Alert({ error, children, kind = 'error' }) {
  if (!error && !children) return null;
  return html`<p class=${kind} role=${kind === 'error' ? 'alert' : 'status'}>${children || errorText(error)}</p>`;
}

// Dates and times as Vietnamese readers expect them: a day from the server ("2026-12-02") as
// 02/12/2026, a moment as 14:30 02/12/2026 in Vietnam's time (UTC+7); English keeps day/month/year.
const tz = { timeZone: 'Asia/Ho_Chi_Minh' };
export const day = (d) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '—');
export function when(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(lang() === 'en' ? 'en-GB' : 'vi-VN', { ...tz, hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });
}
export const money = (n) => new Intl.NumberFormat(lang() === 'en' ? 'en-GB' : 'vi-VN').format(n) + ' đ';
export const duration = (p) => t(p.duration_kind === 'calendar' ? 'calendarDays' : 'workingDays', { n: p.duration_days });

// Errors of a form: the API's field errors keyed by field name.
export const fieldsOf = (err) => (err && err.fields) || {};

export function Loading() {
  return html`<p class="muted" role="status">${t('loading')}</p>`;
}
