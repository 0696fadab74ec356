// Citizens' own accounts: registration, the e-mailed links (confirming the address, setting a new
// password), asking for such a link, and "my dossiers" with their electronic results.
import { useState, useEffect, useRef } from '../vendor/hooks.module.js';
import { html, Field, Alert, Loading, when, fieldsOf } from '../lib/ui.js';
import { get, post } from '../lib/api.js';
import { t, statusText, errorText } from '../lib/i18n.js';
import '../lib/i18n-accounts.js';

// A file's size in words (KB, or MB from a megabyte).
export const fileSize = (n) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.ceil(n / 1024))} KB`);

// An error found before asking the server, shaped as the API's (a 422 with its field's code).
const fieldError = (field, code) => ({ status: 422, fields: { [field]: { field, code } } });

// The page's error in words: the public allowance has its own.
const problemText = (err) => (err.status === 429 ? t('acTooMany') : errorText(err));

// After a refusal, the focus goes to the first field marked invalid (else to the message).
function useFocusFirstInvalid(form, error) {
  useEffect(() => {
    if (!error || !form.current) return;
    const el = form.current.querySelector('[aria-invalid="true"]') || form.current.querySelector('[role=alert]');
    if (el) el.focus();
  }, [error]);
}

// Takes an e-mailed token out of the address and the history once it has been used.
const forgetToken = (path) => history.replaceState(null, '', `#${path}`);

export function Register() {
  const [v, setV] = useState({ full_name: '', email: '', phone: '', password: '', password2: '' });
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(null);
  const form = useRef(null);
  useFocusFirstInvalid(form, error);
  const set = (k) => (x) => setV({ ...v, [k]: x });
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    if (v.password !== v.password2) { setError(fieldError('password2', 'mismatch')); return; }
    setBusy(true);
    try {
      await post('/api/v1/auth/register', { email: v.email.trim(), password: v.password, full_name: v.full_name.trim(), phone: v.phone.trim() || null });
      setSent(v.email.trim());
    } catch (err) { setError(err); } finally { setBusy(false); }
  };
  if (sent) {
    return html`<h1>${t('acCheckMail')}</h1>
      <section class="panel" aria-label=${t('acCheckMail')}>
        <p class="ok" role="status">${t('acCheckMailText', { email: sent })}</p>
        <p class="muted">${t('acCheckSpam')}</p>
        <p><a href="#/dang-nhap">${t('login')}</a></p>
      </section>`;
  }
  const errors = fieldsOf(error);
  return html`<h1>${t('acRegisterTitle')}</h1>
    <p>${t('acRegisterIntro')}</p>
    <form class="narrow" onSubmit=${submit} ref=${form} novalidate>
      ${error && html`<p class="error" role="alert" tabindex="-1">${problemText(error)}</p>`}
      <${Field} label=${t('name')} name="full_name" value=${v.full_name} onInput=${set('full_name')} errors=${errors} required autocomplete="name" />
      <${Field} label=${t('email')} name="email" type="email" value=${v.email} onInput=${set('email')} errors=${errors} required autocomplete="email" />
      <${Field} label=${t('phone')} name="phone" type="tel" value=${v.phone} onInput=${set('phone')} errors=${errors} autocomplete="tel" />
      <${Field} label=${t('password')} name="password" type="password" value=${v.password} onInput=${set('password')} errors=${errors} required
        autocomplete="new-password" hint=${t('acPasswordHint')} />
      <${Field} label=${t('acPassword2')} name="password2" type="password" value=${v.password2} onInput=${set('password2')} errors=${errors} required autocomplete="new-password" />
      <button type="submit" disabled=${busy}>${t('acCreate')}</button>
    </form>
    <p>${t('acHaveAccount')} <a href="#/dang-nhap">${t('login')}</a></p>`;
}

// #/xac-nhan?token=…: the address is confirmed as the page opens (the token works once).
export function Verify({ query }) {
  const token = query.get('token') || '';
  const [state, setState] = useState(token ? 'busy' : 'none');
  const [username, setUsername] = useState('');
  const [error, setError] = useState(null);
  const asked = useRef(false);
  useEffect(() => {
    if (!token || asked.current) return;
    asked.current = true;
    post('/api/v1/auth/verify', { token })
      .then((r) => { setUsername(r.username); setState('ok'); })
      .catch((err) => { setError(err); setState(err.status === 422 ? 'bad' : 'error'); })
      .finally(() => forgetToken('/xac-nhan'));
  }, []);
  return html`<h1>${t('acVerifyTitle')}</h1>
    <section class="panel" aria-label=${t('acVerifyTitle')}>
      ${state === 'busy' && html`<p role="status">${t('acVerifying')}</p>`}
      ${state === 'ok' && html`<p class="ok" role="status">${t('acVerified', { username })}</p>
        <p><a class="button" href=${`#/dang-nhap?username=${encodeURIComponent(username)}&next=${encodeURIComponent('/ho-so-cua-toi')}`}>${t('login')}</a></p>`}
      ${state === 'bad' && html`<p class="error" role="alert">${t('acVerifyBad')}</p>
        <p>${t('acVerifyAgain')}</p><p class="row"><a href="#/dang-nhap">${t('login')}</a> <a href="#/dang-ky">${t('acRegister')}</a></p>`}
      ${state === 'error' && html`<p class="error" role="alert">${problemText(error)}</p>`}
      ${state === 'none' && html`<p class="error" role="alert">${t('acNoToken')}</p>`}
    </section>`;
}

// #/quen-mat-khau: a link to set a new password, e-mailed if the address has a citizen's account.
export function Forgot() {
  const [email, setEmail] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(null);
  const form = useRef(null);
  useFocusFirstInvalid(form, error);
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try { await post('/api/v1/auth/password-reset', { email: email.trim() }); setSent(email.trim()); } catch (err) { setError(err); } finally { setBusy(false); }
  };
  if (sent) {
    return html`<h1>${t('acLinkSent')}</h1>
      <section class="panel" aria-label=${t('acLinkSent')}>
        <p class="ok" role="status">${t('acLinkSentText', { email: sent })}</p>
        <p class="muted">${t('acCheckSpam')}</p>
      </section>`;
  }
  return html`<h1>${t('acForgotTitle')}</h1>
    <p>${t('acForgotIntro')}</p>
    <form class="narrow" onSubmit=${submit} ref=${form} novalidate>
      ${error && html`<p class="error" role="alert" tabindex="-1">${problemText(error)}</p>`}
      <${Field} label=${t('email')} name="email" type="email" value=${email} onInput=${setEmail} errors=${fieldsOf(error)} required autocomplete="email" />
      <button type="submit" disabled=${busy}>${t('acSendLink')}</button>
    </form>
    <p><a href="#/dang-nhap">${t('login')}</a></p>`;
}

// #/dat-lai-mat-khau?token=…: the new password, with the e-mailed token.
export function Reset({ query }) {
  const [token] = useState(query.get('token') || '');
  const [v, setV] = useState({ password: '', password2: '' });
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const form = useRef(null);
  useFocusFirstInvalid(form, error);
  const set = (k) => (x) => setV({ ...v, [k]: x });
  const bad = !token || (error && error.fields && error.fields.token);
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    if (v.password !== v.password2) { setError(fieldError('password2', 'mismatch')); return; }
    setBusy(true);
    try {
      await post('/api/v1/auth/password-reset/confirm', { token, password: v.password });
      forgetToken('/dat-lai-mat-khau');
      setDone(true);
    } catch (err) { setError(err); } finally { setBusy(false); }
  };
  if (done) {
    return html`<h1>${t('acResetTitle')}</h1>
      <section class="panel" aria-label=${t('acResetTitle')}>
        <p class="ok" role="status">${t('acResetDone')}</p>
        <p><a class="button" href=${`#/dang-nhap?next=${encodeURIComponent('/ho-so-cua-toi')}`}>${t('login')}</a></p>
      </section>`;
  }
  if (bad) {
    return html`<h1>${t('acResetTitle')}</h1>
      <section class="panel" aria-label=${t('acResetTitle')}>
        <p class="error" role="alert">${token ? t('acResetBad') : t('acNoToken')}</p>
        <p><a href="#/quen-mat-khau">${t('acResetAgain')}</a></p>
      </section>`;
  }
  const errors = fieldsOf(error);
  return html`<h1>${t('acResetTitle')}</h1>
    <form class="narrow" onSubmit=${submit} ref=${form} novalidate>
      ${error && html`<p class="error" role="alert" tabindex="-1">${problemText(error)}</p>`}
      <${Field} label=${t('acNewPassword')} name="password" type="password" value=${v.password} onInput=${set('password')} errors=${errors} required
        autocomplete="new-password" hint=${t('acPasswordHint')} />
      <${Field} label=${t('acPassword2')} name="password2" type="password" value=${v.password2} onInput=${set('password2')} errors=${errors} required autocomplete="new-password" />
      <button type="submit" disabled=${busy}>${t('acSavePassword')}</button>
    </form>`;
}

// The electronic result of one of the citizen's dossiers: its file, read with the dossier.
function ResultLink({ code }) {
  const [files, setFiles] = useState(null);
  useEffect(() => {
    get(`/api/v1/dossiers/${encodeURIComponent(code)}`).then((d) => setFiles((d.files || []).filter((f) => f.kind === 'result'))).catch(() => setFiles([]));
  }, [code]);
  if (!files) return html`<span class="muted">…</span>`;
  if (!files.length) return html`<span class="muted">${t('acNoResult')}</span>`;
  return html`<ul class="files">${files.map((f) => html`<li key=${f.id}><a href=${f.url} download>${t('acDownload')}<span class="sr-only"> ${code}</span></a>
    <span class="muted"> (${f.name}, ${fileSize(f.size)})</span></li>`)}</ul>`;
}

// #/ho-so-cua-toi: the dossiers the signed-in citizen filed, newest first.
export function MyDossiers({ session }) {
  const [items, setItems] = useState(null);
  const [cursor, setCursor] = useState(null);
  const [error, setError] = useState(null);
  const citizen = session.user && !session.can('view_dossiers');
  const page = (after) => get(`/api/v1/dossiers?sort=newest&limit=50${after ? `&cursor=${encodeURIComponent(after)}` : ''}`);
  useEffect(() => {
    if (!citizen) return;
    page().then((r) => { setItems(r.items); setCursor(r.next_cursor); }).catch(setError);
  }, [citizen]);
  if (!session.user) return html`<h1>${t('acMine')}</h1><p>${t('error401')} <a href=${`#/dang-nhap?next=${encodeURIComponent('/ho-so-cua-toi')}`}>${t('login')}</a></p>`;
  if (!citizen) return html`<h1>${t('acMine')}</h1><p>${t('acMineStaff')} <a href="#/ho-so">${t('workspace')}</a>.</p>`;
  const more = () => page(cursor).then((r) => { setItems([...items, ...r.items]); setCursor(r.next_cursor); }).catch(setError);
  return html`<h1>${t('acMine')}</h1>
    <${Alert} error=${error} />
    ${!items ? !error && html`<${Loading} />` : !items.length ? html`<p>${t('acMineNone')} <a href="#/thu-tuc">${t('acFindProcedure')}</a></p>`
      : html`<div class="scroll"><table class="queue mine-dossiers">
        <thead><tr><th scope="col">${t('code')}</th><th scope="col">${t('procedure')}</th><th scope="col">${t('acUnit')}</th><th scope="col">${t('status')}</th>
          <th scope="col">${t('acSubmitted')}</th><th scope="col">${t('due')}</th><th scope="col">${t('acResult')}</th></tr></thead>
        <tbody>${items.map((d) => html`<tr key=${d.code} class=${d.overdue ? 'late' : ''}>
          <th scope="row" class="nowrap">${d.code}</th><td>${d.procedure.name}</td><td>${d.agency.name}</td>
          <td>${statusText(d.status, d.status_label)}${d.status === 'supplement' && d.supplement_request && html`<p class="muted">${t('acToSupply')}
            ${(d.supplement_request.items || []).join('; ')}</p>`}</td>
          <td>${when(d.submitted_at)}</td><td>${when(d.due_at)}${d.overdue ? html` <span class="badge">${t('late')}</span>` : ''}</td>
          <td>${d.result && d.result.electronic ? html`<${ResultLink} code=${d.code} />` : html`<span class="muted">—</span>`}</td></tr>`)}</tbody>
      </table></div>`}
    ${cursor && html`<button type="button" class="secondary" onClick=${more}>${t('more')}</button>`}`;
}
