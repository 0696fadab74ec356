// The single page: a hash router, the header with the session and the language switch.
import { render } from './vendor/preact.module.js';
import { useState, useEffect, useRef } from './vendor/hooks.module.js';
import { html } from './lib/ui.js';
import { get, post, setCsrf } from './lib/api.js';
import { t, lang, setLang } from './lib/i18n.js';
import './lib/i18n-reports.js';
import { Home, Search, Procedure } from './pages/public.js';
import { Lookup } from './pages/lookup.js';
import { Submit } from './pages/submit.js';
import { Login } from './pages/login.js';
import { Register, Verify, Forgot, Reset, MyDossiers } from './pages/account.js';
import { Queue } from './pages/queue.js';
import { Intake } from './pages/intake.js';
import { Dossier } from './pages/dossier.js';
import { Admin } from './pages/admin.js';
import { Dashboard } from './pages/dashboard.js';
import { LateReport, SatisfactionReport, RegisterReport } from './pages/reports.js';
import { FeedbackForm, Follow, Answers, FeedbackQueue, FeedbackItem } from './pages/feedback.js';
import { Committee } from './pages/committee.js';
import { Members } from './pages/members.js';
import { Plans, Plan } from './pages/plans.js';
import { Tasks, Task } from './pages/tasks.js';
import { Recover } from './pages/recover.js';
import { ParAssessment, ParLosses } from './pages/par.js';
import { Indices } from './pages/indices.js';

// A QR code on a receipt opens /?code=…: show that dossier's lookup.
const qr = new URLSearchParams(location.search).get('code');
if (qr) history.replaceState(null, '', `/#/tra-cuu?code=${encodeURIComponent(qr)}`);

function parse() {
  const [path, query] = (location.hash.slice(1) || '/').split('?');
  return { path, query: new URLSearchParams(query || '') };
}

export const go = (to) => { location.hash = to; };

const routes = [
  [/^\/$/, Home], [/^\/thu-tuc$/, Search], [/^\/thu-tuc\/(\d+)$/, Procedure], [/^\/nop\/(\d+)$/, Submit],
  [/^\/tra-cuu$/, Lookup], [/^\/dang-nhap$/, Login], [/^\/ho-so$/, Queue], [/^\/tiep-nhan$/, Intake],
  [/^\/ho-so\/([^/]+)$/, Dossier], [/^\/quan-tri$/, Admin], [/^\/bang-dieu-khien$/, Dashboard],
  // the reports as pages: late dossiers, satisfaction, the dossier register (form 06)
  [/^\/bao-cao\/tre-han$/, LateReport], [/^\/bao-cao\/hai-long$/, SatisfactionReport], [/^\/bao-cao\/so-theo-doi$/, RegisterReport],
  // citizens' own accounts and dossiers
  [/^\/dang-ky$/, Register], [/^\/xac-nhan$/, Verify], [/^\/quen-mat-khau$/, Forgot], [/^\/dat-lai-mat-khau$/, Reset],
  [/^\/ho-so-cua-toi$/, MyDossiers],
  // feedback: the fixed addresses before an item's code
  [/^\/phan-anh$/, FeedbackForm], [/^\/phan-anh\/theo-doi$/, Follow], [/^\/phan-anh\/tra-loi$/, Answers],
  [/^\/phan-anh\/xu-ly$/, FeedbackQueue], [/^\/phan-anh\/([^/]+)$/, FeedbackItem],
  // the steering committee's reform plans, and a unit's tasks
  [/^\/ban-chi-dao$/, Committee], [/^\/ban-chi-dao\/thanh-vien$/, Members], [/^\/ke-hoach$/, Plans], [/^\/ke-hoach\/(\d+)$/, Plan],
  [/^\/nhiem-vu$/, Tasks], [/^\/nhiem-vu\/(\d+)$/, Task],
  [/^\/diem-can-cai-thien$/, Recover], // the service index's points to win back
  // the PAR INDEX: self-assessment, the criteria losing points, the external indices over the years
  [/^\/chi-so-cchc$/, ParAssessment], [/^\/chi-so-cchc\/mat-diem$/, ParLosses], [/^\/chi-so-cchc\/qua-cac-nam$/, Indices],
];

// What the server says the user may do (core's capabilities of their roles): the menus follow it.
const can = (user, ...caps) => !!user && (user.capabilities || []).some((c) => caps.includes(c));
// A staff role bound to no agency (administrator, steering committee, auditor) sees every unit.
const wide = (user) => !!user && (user.roles || []).some((r) => !r.agency && r.role !== 'citizen');
// The committee's pages: for those who manage plans, and read-only for system-wide viewers.
const committee = (user) => can(user, 'manage_plans') || (can(user, 'view_plans') && wide(user));

// On a phone the bar holds the brand and a menu button; the links and the session open under it.
function Header({ user, onLogout, onLang }) {
  const [open, setOpen] = useState(false);
  const toggle = useRef(null);
  useEffect(() => {
    const close = () => setOpen(false);
    addEventListener('hashchange', close);
    return () => removeEventListener('hashchange', close);
  }, []);
  const onKey = (e) => { if (e.key === 'Escape' && open) { setOpen(false); toggle.current.focus(); } };
  return html`<header onKeyDown=${onKey}>
    <a class="skip" href="#main">${t('skip')}</a>
    <div class="bar">
      <a class="brand" href="#/">${t('app')}</a>
      <button type="button" class="menu-toggle" ref=${toggle} aria-expanded=${open ? 'true' : 'false'} aria-controls="site-menu"
        onClick=${() => setOpen(!open)}>${t('menu')}</button>
      <div id="site-menu" class=${open ? 'menu open' : 'menu'}>
      <nav aria-label=${t('app')}>
        <a href="#/thu-tuc">${t('procedures')}</a>
        <a href="#/tra-cuu">${t('lookup')}</a>
        <a href="#/phan-anh">${t('feedback')}</a>
        ${can(user, 'submit_online') && !can(user, 'view_dossiers') && html`<a href="#/ho-so-cua-toi">${t('acMine')}</a>`}
        ${can(user, 'view_dossiers') && html`<a href="#/ho-so">${t('workspace')}</a>`}
        ${can(user, 'view_dossiers') && html`<a href="#/phan-anh/xu-ly">${t('fbQueue')}</a>`}
        ${can(user, 'receive') && html`<a href="#/tiep-nhan">${t('intake')}</a>`}
        ${can(user, 'view_dossiers') && html`<a href="#/bang-dieu-khien">${t('dashboard')}</a>`}
        ${can(user, 'view_dossiers') && html`<a href="#/bao-cao/tre-han">${t('reports')}</a>`}
        ${committee(user) && html`<a href="#/ban-chi-dao">${t('plCommittee')}</a>`}
        ${committee(user) && html`<a href="#/ke-hoach">${t('plPlans')}</a>`}
        ${can(user, 'view_plans') && !committee(user) && html`<a href="#/nhiem-vu">${t('plTasks')}</a>`}
        ${can(user, 'view_dossiers') && html`<a href="#/diem-can-cai-thien">${t('recMenu')}</a>`}
        ${can(user, 'view_par', 'manage_par', 'assess_par') && html`<a href="#/chi-so-cchc">${t('parMenu')}</a>`}
        ${can(user, 'manage_agencies', 'manage_users') && html`<a href="#/quan-tri">${t('admin')}</a>`}
      </nav>
      <div class="session">
        <button type="button" class="link" onClick=${onLang} lang=${lang() === 'vi' ? 'en' : 'vi'}>${t('language')}</button>
        ${user
          ? html`<span class="who">${user.full_name || user.username}</span><button type="button" class="link" onClick=${onLogout}>${t('logout')}</button>`
          : html`<a href="#/dang-nhap">${t('login')}</a><a href="#/dang-ky">${t('acRegister')}</a>`}
      </div>
      </div>
    </div>
  </header>`;
}

function App() {
  const [route, setRoute] = useState(parse());
  const [user, setUser] = useState(undefined);
  const [, setTick] = useState(0);

  useEffect(() => {
    const on = () => { setRoute(parse()); window.scrollTo(0, 0); };
    addEventListener('hashchange', on);
    get('/api/v1/auth/me').then((me) => { setCsrf(me.csrf_token); setUser(me.user); }).catch(() => setUser(null));
    return () => removeEventListener('hashchange', on);
  }, []);

  const session = {
    user,
    login: (me) => { setCsrf(me.csrf_token); setUser(me.user); },
    can: (...caps) => can(user, ...caps),
  };
  const logout = async () => {
    try { await post('/api/v1/auth/logout'); } catch { /* the session may have expired already */ }
    setCsrf(null);
    setUser(null);
    go('/');
  };
  const toggle = () => { setLang(lang() === 'vi' ? 'en' : 'vi'); setTick((n) => n + 1); };
  let page = null;
  for (const [re, Page] of routes) {
    const m = route.path.match(re);
    if (m) { page = html`<${Page} params=${m.slice(1).map(decodeURIComponent)} query=${route.query} session=${session} key=${route.path} />`; break; }
  }
  return html`
    <${Header} user=${user} onLogout=${logout} onLang=${toggle} />
    <main id="main" tabindex="-1">${user === undefined ? html`<p role="status">${t('loading')}</p>` : page || html`<h1>404</h1><p>${t('error404')}</p>`}</main>
    <footer><p>${t('app')} — motcua</p></footer>`;
}

const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);
