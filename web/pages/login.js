// Logging in; back to where the visitor was going. Citizens find their registration and a
// forgotten password from here.
import { useState } from '../vendor/hooks.module.js';
import { html, Field } from '../lib/ui.js';
import { post } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import '../lib/i18n-accounts.js';

// A locked account says so and for how long (the server's retry_after, in whole minutes rounded up).
function message(error) {
  if (error.status === 401) return t('loginFailed');
  if (error.status === 429) {
    const wait = Number(error.problem.retry_after);
    const n = Math.max(1, Math.ceil(wait / 60));
    return wait > 0 ? t(n === 1 ? 'loginLocked1' : 'loginLocked', { n }) : t('loginLockedSoon');
  }
  return t('errorGeneric');
}

export function Login({ query, session }) {
  const [username, setUsername] = useState(query.get('username') || '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      const me = await post('/api/v1/auth/login', { username, password });
      session.login(me);
      const staff = me.user.roles.some((r) => r.role !== 'citizen');
      location.hash = query.get('next') || (staff ? '/ho-so' : '/ho-so-cua-toi');
    } catch (err) { setError(err); }
  };
  return html`<h1>${t('login')}</h1>
    <form onSubmit=${submit} class="narrow">
      <${Field} label=${t('username')} name="username" value=${username} onInput=${setUsername} required autocomplete="username" hint=${t('acLoginHint')} />
      <${Field} label=${t('password')} name="password" type="password" value=${password} onInput=${setPassword} required autocomplete="current-password" />
      ${error && html`<p class="error" role="alert">${message(error)}</p>`}
      <button type="submit">${t('login')}</button>
    </form>
    <p class="links"><a href="#/quen-mat-khau">${t('acForgot')}</a></p>
    <p>${t('acNoAccount')} <a href="#/dang-ky">${t('acRegister')}</a></p>`;
}
