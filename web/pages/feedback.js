// Citizens' feedback (phản ánh, kiến nghị): the form (the portal, or the hotline's desk recording a
// call), following an item with its code and the sender's contact, the published answers, the
// staff queue, and an item with the actions the server offers this caller.
import { useState, useEffect } from '../vendor/hooks.module.js';
import { html, Field, Alert, Loading, when, fieldsOf } from '../lib/ui.js';
import { get, post } from '../lib/api.js';
import { t, errorText, feedbackText, FEEDBACK_CATEGORIES } from '../lib/i18n.js';

const TEXT_MAX = 4000;
const enc = encodeURIComponent;
const chars = (s) => [...s].length; // the server counts characters, not UTF-16 units
const category = (x) => feedbackText('category', x.category, x.category_label);
const status = (x) => feedbackText('status', x.status, x.status_label);
const followLink = (code, contact) => `#/phan-anh/theo-doi?code=${enc(code)}${contact ? `&contact=${enc(contact)}` : ''}`;

// An error as a whole, in the words of feedback rather than of dossiers where they differ.
function problemText(err, notFound = 'error404') {
  if (err.status === 404) return t(notFound);
  if (err.status === 409) return t('fbError409');
  return errorText(err);
}

const CategoryOptions = ({ empty }) => html`<option value="">${empty}</option>
  ${FEEDBACK_CATEGORIES.map((c) => html`<option value=${c} key=${c}>${feedbackText('category', c)}</option>`)}`;

// #/phan-anh: a citizen's feedback, or a hotline call an operator (who may receive) records.
export function FeedbackForm({ session }) {
  const hotline = session.can('receive');
  const blank = { category: '', text: '', dossier_code: '', name: '', phone: '', email: '', address: '' };
  const [form, setForm] = useState(blank);
  const [error, setError] = useState(null);
  const [done, setDone] = useState(null);
  const [busy, setBusy] = useState(false);
  const links = html`<ul class="links">
    <li><a href="#/phan-anh/tra-loi">${t('fbLinkAnswers')}</a></li>
    <li><a href="#/phan-anh/theo-doi">${t('fbLinkFollow')}</a></li></ul>`;

  if (session.user && !hotline && !session.can('submit_online'))
    return html`<h1>${t('fbFormTitle')}</h1><p>${t('fbStaffOnly')}</p>${links}`;
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = { category: form.category, text: form.text };
    for (const k of ['dossier_code', 'name', 'phone', 'email', 'address']) if (form[k].trim()) body[k] = form[k].trim();
    try {
      const x = await post('/api/v1/feedback', body);
      // the sender follows it with the last four digits of the phone, or the e-mail address
      const digits = (body.phone || '').replace(/\D/g, '');
      setDone({ ...x, contact: digits.length >= 4 ? digits.slice(-4) : body.email || '' });
    } catch (err) { setError(err); } finally { setBusy(false); }
  };

  if (done) return html`<h1>${t(hotline ? 'fbRecorded' : 'fbSent')}</h1>
    <p class="ok" role="status">${t('fbYourCode')}: <strong class="code">${done.code}</strong></p>
    <p>${t('fbFollowHow')}</p>
    <p><a href=${followLink(done.code, done.contact)}>${t('fbFollow')}</a></p>
    ${hotline && html`<button type="button" class="secondary" onClick=${() => { setDone(null); setForm(blank); }}>${t('fbAnother')}</button>`}`;

  const errors = { ...fieldsOf(error) };
  // "required" at the phone means: a phone or an e-mail address
  if (errors.phone && errors.phone.code === 'required') errors.phone = { ...errors.phone, code: 'contact' };
  const auto = (v) => (hotline ? 'off' : v); // the operator's own details are not the caller's
  return html`<h1>${t(hotline ? 'fbHotlineTitle' : 'fbFormTitle')}</h1>
    <p>${t(hotline ? 'fbHotlineIntro' : 'fbIntro')}</p>
    ${links}
    <form onSubmit=${submit} class="narrow">
      <${Field} type="select" label=${t('fbCategory')} name="category" value=${form.category} onInput=${set('category')} errors=${errors} required
        hint=${form.category === 'complaint' ? t('fbComplaintHint') : undefined}><${CategoryOptions} empty=${t('select')} /></${Field}>
      <${Field} type="textarea" label=${t('fbText')} name="text" value=${form.text} onInput=${set('text')} errors=${errors} required rows="6"
        maxlength=${TEXT_MAX} hint=${`${t('fbTextHint')} ${t('fbCount', { n: chars(form.text), max: TEXT_MAX })}`} />
      <${Field} label=${t('fbDossier')} name="dossier_code" value=${form.dossier_code} onInput=${set('dossier_code')} errors=${errors}
        hint=${t('fbDossierHint')} placeholder="000.00.31.H99-260302-0001" autocomplete="off" />
      <fieldset><legend>${t(hotline ? 'fbCaller' : 'fbSender')}</legend>
        <${Field} label=${t('name')} name="name" value=${form.name} onInput=${set('name')} errors=${errors} autocomplete=${auto('name')} />
        <${Field} label=${t('phone')} name="phone" value=${form.phone} onInput=${set('phone')} errors=${errors} type="tel" autocomplete=${auto('tel')}
          hint=${session.user ? undefined : t('fbContactHint')} />
        <${Field} label=${t('email')} name="email" value=${form.email} onInput=${set('email')} errors=${errors} type="email" autocomplete=${auto('email')} />
        <${Field} label=${t('address')} name="address" value=${form.address} onInput=${set('address')} errors=${errors} autocomplete=${auto('street-address')} />
      </fieldset>
      <${Alert} error=${error} />
      <button type="submit" disabled=${busy}>${t(hotline ? 'fbRecord' : 'fbSend')}</button>
    </form>`;
}

// What the item says, to its sender and (with more) to staff.
function Facts({ x, staff, agencyName }) {
  const dd = (v) => html`<dd class="prose">${v}</dd>`;
  return html`<dl class="facts">
    <dt>${t('fbCode')}</dt><dd>${x.code}</dd>
    <dt>${t('fbCategory')}</dt><dd>${category(x)}</dd>
    ${staff && html`<dt>${t('channel')}</dt><dd>${t(`ch_${x.channel}`)}</dd>`}
    <dt>${t('fbAgency')}</dt><dd>${x.agency.name || agencyName(x.agency.id)}</dd>
    <dt>${t('status')}</dt><dd><strong class="status">${status(x)}</strong>${x.overdue ? html` <span class="badge">${t('late')}</span>` : ''}</dd>
    <dt>${t('received')}</dt><dd>${when(x.received_at)}</dd>
    ${staff && html`<dt>${t('fbClassifyDue')}</dt><dd>${when(x.classify_due)}</dd>`}
    ${staff && x.ask_due && html`<dt>${t('fbAskDue')}</dt><dd>${when(x.ask_due)}</dd>`}
    <dt>${t('fbAnswerDue')}</dt><dd>${when(x.answer_due)}</dd>
    ${x.answered_at && html`<dt>${t('fbAnsweredAt')}</dt><dd>${when(x.answered_at)}</dd>`}
    ${staff && x.publish_due && html`<dt>${t('fbPublishDue')}</dt><dd>${when(x.publish_due)}</dd>`}
    ${x.published_at && html`<dt>${t('fbPublished')}</dt><dd>${when(x.published_at)}</dd>`}
    ${x.dossier_code && html`<dt>${t('code')}</dt><dd>${staff ? html`<a href=${`#/ho-so/${enc(x.dossier_code)}`}>${x.dossier_code}</a>` : x.dossier_code}</dd>`}
    ${x.duplicate_of && html`<dt>${t('fbDuplicateOf')}</dt><dd><strong class="code">${x.duplicate_of}</strong>${staff ? ''
      : html`<p class="hint">${t('fbDuplicateHint')}</p>`}</dd>`}
    ${x.reason && html`<dt>${t('reason')}</dt>${dd(x.reason)}`}
    ${x.request && html`<dt>${t('fbRequest')}</dt>${dd(x.request)}`}
    <dt>${t('fbText')}</dt>${dd(x.text)}
    ${x.answer && html`<dt>${t('fbAnswer')}</dt>${dd(x.answer)}`}
  </dl>`;
}

// The control sheet: each action, its time, the status it left, its note (and for staff, more).
function History({ rows, staff, agencyName }) {
  return html`<section aria-labelledby="h-history"><h2 id="h-history">${t('steps')}</h2>
    <div class="scroll"><table><thead><tr><th scope="col">${t('date')}</th><th scope="col">${t('actions')}</th><th scope="col">${t('status')}</th>
      ${staff && html`<th scope="col">${t('fbForwardedTo')}</th><th scope="col">${t('result')}</th><th scope="col">${t('fbActor')}</th>`}
      <th scope="col">${t('note')}</th></tr></thead>
    <tbody>${(rows || []).map((r, i) => html`<tr key=${i}><td>${when(r.at)}</td><td>${feedbackText('action', r.action)}</td>
      <td>${feedbackText('status', r.status, r.status_label)}</td>
      ${staff && html`<td>${r.to_agency ? agencyName(r.to_agency) : ''}</td><td>${r.timeliness ? t(r.timeliness) : ''}</td><td>${r.actor || ''}</td>`}
      <td class="prose">${r.note || ''}</td></tr>`)}</tbody></table></div>
  </section>`;
}

// The sender rates a published answer, once.
function Rating({ code, contact }) {
  const [level, setLevel] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState(null);
  const [done, setDone] = useState(false);
  if (done) return html`<p class="ok" role="status">${t('rateThanks')}</p>`;
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      await post(`/api/v1/feedback/${enc(code)}/rating`, { contact, level: Number(level), comment: comment.trim() || null });
      setDone(true);
    } catch (err) { setError(err); }
  };
  const errors = fieldsOf(error);
  return html`<form onSubmit=${submit} class="rating" aria-labelledby="h-rate">
    <h2 id="h-rate">${t('fbRate')}</h2>
    <fieldset><legend>${t('fbLevel')}</legend>
      ${[[1, 'very_satisfied'], [2, 'satisfied'], [3, 'not_satisfied']].map(([n, l]) => html`<label class="choice" key=${l}>
        <input type="radio" name="level" value=${n} checked=${level === String(n)} onChange=${() => setLevel(String(n))} required /> ${t(l)}</label>`)}
    </fieldset>
    <${Field} type="textarea" label=${t('comment')} name="comment" value=${comment} onInput=${setComment} errors=${errors} maxlength="1000" />
    ${error && html`<${Alert} error=${error}>${error.status === 409 ? t('fbRated') : error.status === 422 ? null : problemText(error)}</${Alert}>`}
    <button type="submit">${t('send')}</button>
  </form>`;
}

// #/phan-anh/theo-doi?code=…&contact=…: anyone with the code and the sender's contact.
export function Follow({ query }) {
  const [code, setCode] = useState(query.get('code') || '');
  const [contact, setContact] = useState(query.get('contact') || '');
  const [item, setItem] = useState(null);
  const [asked, setAsked] = useState(null); // the code and contact the item was found with
  const [error, setError] = useState(null);
  const load = () => {
    const c = code.trim(), k = contact.trim();
    setError(null);
    setItem(null);
    if (c && k) get(`/api/v1/feedback/${enc(c)}?contact=${enc(k)}`).then((x) => { setAsked({ code: c, contact: k }); setItem(x); }).catch(setError);
  };
  useEffect(load, []);
  return html`<h1>${t('fbFollow')}</h1>
    <form class="lookup narrow" onSubmit=${(e) => { e.preventDefault(); load(); }}>
      <${Field} label=${t('fbCode')} name="code" value=${code} onInput=${setCode} required placeholder="PAKN-260302-0001" autocomplete="off" />
      <${Field} label=${t('fbContact')} name="contact" value=${contact} onInput=${setContact} required autocomplete="off" />
      <button type="submit">${t('fbFollowButton')}</button>
    </form>
    ${error && html`<p class="error" role="alert">${problemText(error, 'fbNotFound')}</p>`}
    ${item && html`<section aria-labelledby="h-item" class="panel">
      <h2 id="h-item">${t('fbItem', { code: item.code })}</h2>
      <${Facts} x=${item} agencyName=${(id) => id} />
    </section>
    <${History} rows=${item.history} />
    ${item.can_rate && html`<${Rating} code=${asked.code} contact=${asked.contact} key=${item.code} />`}
    ${item.published_at && !item.can_rate && html`<p class="muted" role="status">${t('fbRated')}</p>`}`}
    <p><a href="#/phan-anh/tra-loi">${t('fbLinkAnswers')}</a></p>`;
}

// #/phan-anh/tra-loi?q=…&category=…: the published answers, for everyone, without personal data.
export function Answers({ query }) {
  const q = query.get('q') || '', cat = query.get('category') || '';
  const [words, setWords] = useState(q);
  const [kind, setKind] = useState(cat);
  const [items, setItems] = useState(null);
  const [cursor, setCursor] = useState(null);
  const [error, setError] = useState(null);
  const url = (more) => `/api/v1/feedback/answers?limit=20${q ? `&q=${enc(q)}` : ''}${cat ? `&category=${enc(cat)}` : ''}${more ? `&cursor=${enc(more)}` : ''}`;
  useEffect(() => {
    setItems(null);
    setError(null);
    get(url()).then((r) => { setItems(r.items); setCursor(r.next_cursor); }).catch(setError);
  }, [q, cat]);
  const more = () => get(url(cursor)).then((r) => { setItems([...items, ...r.items]); setCursor(r.next_cursor); }).catch(setError);
  const submit = (e) => {
    e.preventDefault();
    const params = new URLSearchParams();
    if (words.trim()) params.set('q', words.trim());
    if (kind) params.set('category', kind);
    location.hash = `/phan-anh/tra-loi${params.toString() ? `?${params}` : ''}`;
  };
  return html`<h1>${t('fbAnswers')}</h1>
    <form role="search" class="search" onSubmit=${submit}>
      <${Field} label=${t('fbSearch')} name="q" type="search" value=${words} onInput=${setWords} />
      <${Field} type="select" label=${t('fbCategory')} name="category" value=${kind} onInput=${setKind}><${CategoryOptions} empty=${t('fbAllCategories')} /></${Field}>
      <button type="submit">${t('search')}</button>
    </form>
    <p><a href="#/phan-anh">${t('fbFormTitle')}</a></p>
    <${Alert} error=${error} />
    <section aria-live="polite" aria-label=${t('fbAnswers')}>
      ${items ? (items.length ? html`<ul class="cards">${items.map((x) => html`<li key=${x.code}>
        <h2 class="item">${x.code} <span class="muted">· ${category(x)}</span></h2>
        <dl class="facts">
          <dt>${t('fbAgency')}</dt><dd>${x.agency.name}</dd>
          <dt>${t('received')}</dt><dd>${when(x.received_at)}</dd>
          <dt>${t('fbPublished')}</dt><dd>${when(x.published_at)}</dd>
          <dt>${t('fbText')}</dt><dd class="prose">${x.text}</dd>
          <dt>${t('fbAnswer')}</dt><dd class="prose answer">${x.answer}</dd>
        </dl></li>`)}</ul>` : html`<p>${t('fbNoAnswers')}</p>`) : !error && html`<${Loading} />`}
      ${cursor && html`<button type="button" class="secondary" onClick=${more}>${t('more')}</button>`}
    </section>`;
}

// The dossiers' tabs: mine, due soon, late (the API's `overdue` is late's other name), open, all.
const VIEWS = ['mine', 'due_soon', 'late', 'open', 'all'];
const viewOf = (v) => (v === 'overdue' ? 'late' : VIEWS.includes(v) ? v : null);

// #/phan-anh/xu-ly?view=…: the items of the caller's agencies (every item for system-wide roles),
// in tabs with their counts; those who process start on theirs, the others on the open ones.
export function FeedbackQueue({ query, session }) {
  const [view, setView] = useState(viewOf(query.get('view')) || (session.can('process') ? 'mine' : 'open'));
  const [counts, setCounts] = useState(null);
  const [filters, setFilters] = useState({ category: '', q: '' });
  const [applied, setApplied] = useState(filters);
  const [items, setItems] = useState(null);
  const [cursor, setCursor] = useState(null);
  const [error, setError] = useState(null);
  const filterQs = Object.entries(applied).filter(([, v]) => v).map(([k, v]) => `&${k}=${enc(v)}`).join('');
  const qs = (more) => `/api/v1/feedback?view=${view}&limit=30${filterQs}${more ? `&cursor=${enc(more)}` : ''}`;
  useEffect(() => {
    if (!session.can('view_dossiers')) return undefined;
    let live = true; // a tab left before its answers came must not show them
    setItems(null);
    setError(null);
    // the counts come again with each tab, so that a tab's count and its rows agree
    get(`/api/v1/feedback/counts${filterQs.replace('&', '?')}`).then((c) => live && setCounts(c)).catch((err) => live && setError(err));
    get(qs()).then((r) => { if (live) { setItems(r.items); setCursor(r.next_cursor); } }).catch((err) => live && setError(err));
    return () => { live = false; };
  }, [view, applied, session.user]);
  if (!session.user) return html`<p>${t('error401')} <a href="#/dang-nhap?next=/phan-anh/xu-ly">${t('login')}</a></p>`;
  if (!session.can('view_dossiers')) return html`<p>${t('error403')}</p>`;
  const more = () => get(qs(cursor)).then((r) => { setItems([...items, ...r.items]); setCursor(r.next_cursor); }).catch(setError);
  const set = (k) => (v) => setFilters({ ...filters, [k]: v });
  return html`<h1>${t('fbQueue')}</h1>
    <div role="tablist" class="tabs" aria-label=${t('fbQueue')}>
      ${VIEWS.map((k) => html`<button role="tab" type="button" key=${k} id=${`tab-${k}`} aria-selected=${view === k ? 'true' : 'false'} aria-controls="fb-panel"
        onClick=${() => setView(k)}>${t(`fbView_${k}`)} <span class="count">${counts ? counts[k] : '…'}</span></button>`)}
    </div>
    <form class="filters" onSubmit=${(e) => { e.preventDefault(); setApplied(filters); }}>
      <${Field} type="select" label=${t('fbCategory')} name="category" value=${filters.category} onInput=${set('category')}>
        <${CategoryOptions} empty=${t('fbAllCategories')} /></${Field}>
      <${Field} type="search" label=${t('fbWords')} name="q" value=${filters.q} onInput=${set('q')} />
      <button type="submit">${t('filter')}</button>
    </form>
    <${Alert} error=${error} />
    <section id="fb-panel" role="tabpanel" aria-labelledby=${`tab-${view}`}>
      ${!items ? !error && html`<${Loading} />` : !items.length ? html`<p>${t('fbNoItems')}</p>` : html`<div class="scroll"><table class="queue">
        <thead><tr><th scope="col">${t('fbCode')}</th><th scope="col">${t('fbCategory')}</th><th scope="col">${t('fbAgency')}</th>
          <th scope="col">${t('status')}</th><th scope="col">${t('received')}</th><th scope="col">${t('fbAnswerDue')}</th></tr></thead>
        <tbody>${items.map((x) => html`<tr key=${x.code} class=${x.overdue ? 'late' : ''}>
          <td class="nowrap"><a href=${`#/phan-anh/${enc(x.code)}`}>${x.code}</a></td><td>${category(x)}</td><td>${x.agency.name}</td><td>${status(x)}</td>
          <td>${when(x.received_at)}</td><td>${when(x.answer_due)}${x.overdue ? html` <span class="badge">${t('late')}</span>` : ''}</td></tr>`)}</tbody>
      </table></div>`}
      ${cursor && html`<button type="button" class="secondary" onClick=${more}>${t('more')}</button>`}
    </section>`;
}

// Each action's fields: [name, required]; every action also carries the item's version.
const ACTION_FIELDS = {
  accept: [['note']], refuse: [['reason', true]], duplicate: [['duplicate_of', true]], 'route-out': [['reason', true]],
  forward: [['agency', true], ['reason']], ask: [['request', true]], inform: [['note']], answer: [['answer', true]], publish: [['note']],
};
const FIELD_LABELS = { note: 'note', reason: 'reason', request: 'fbRequestField', answer: 'fbAnswerField', duplicate_of: 'fbDupField', agency: 'fbForwardTo' };

function ActionForm({ offer, item, agencies, onDone, onCancel }) {
  const fields = ACTION_FIELDS[offer.name] || [['note']];
  const [v, setV] = useState({});
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = { version: item.version };
    for (const [f] of fields) if (v[f] && v[f].trim()) body[f] = v[f].trim();
    try { await post(`/api/v1/feedback/${enc(item.code)}/${offer.name}`, body); onDone(); } catch (err) { setError(err); } finally { setBusy(false); }
  };
  const errors = fieldsOf(error);
  const input = ([f, required]) => {
    const common = { name: f, label: t(FIELD_LABELS[f]), value: v[f], onInput: (x) => setV({ ...v, [f]: x }), errors, required, key: f };
    if (f === 'agency') return html`<${Field} type="select" ...${common}><option value="">${t('select')}</option>
      ${agencies.filter((a) => a.id !== item.agency.id).map((a) => html`<option value=${a.id} key=${a.id}>${a.name} (${a.id})</option>`)}</${Field}>`;
    if (f === 'duplicate_of') return html`<${Field} ...${common} placeholder="PAKN-260302-0001" autocomplete="off" />`;
    return html`<${Field} type="textarea" ...${common} rows=${f === 'answer' ? 8 : 3} maxlength=${f === 'answer' ? TEXT_MAX : 2000} />`;
  };
  const label = feedbackText('action', offer.name, offer.label);
  return html`<form class="panel" onSubmit=${submit} aria-label=${label}>
    <h3>${label}</h3>
    ${fields.map(input)}
    ${error && html`<${Alert} error=${error}>${error.status === 422 ? null : problemText(error)}</${Alert}>`}
    <div class="row"><button type="submit" disabled=${busy}>${label}</button><button type="button" class="secondary" onClick=${onCancel}>${t('cancel')}</button></div>
  </form>`;
}

// #/phan-anh/{code}: an item for the staff of its agency (or the steering committee), with its
// sender as the server shows it (masked for roles that see personal data masked) and its actions.
export function FeedbackItem({ params, session }) {
  const code = params[0];
  const [x, setX] = useState(null);
  const [error, setError] = useState(null);
  const [acting, setActing] = useState(null);
  const [note, setNote] = useState(null);
  const [agencies, setAgencies] = useState([]);
  const load = () => { get(`/api/v1/feedback/${enc(code)}`).then((d) => { setError(null); setX(d); }).catch(setError); };
  useEffect(load, [code]);
  useEffect(() => { get('/api/v1/agencies?flat=1').then((r) => setAgencies(r.items.filter((a) => a.active))).catch(() => {}); }, []);
  const agencyName = (id) => (agencies.find((a) => a.id === id) || {}).name || id;
  const follow = html`<p>${t('fbUseFollow')} <a href=${followLink(code)}>${t('fbFollow')}</a>.</p>`;
  if (error && !x) return html`<h1>${t('fbItem', { code })}</h1><${Alert} error=${error}>${problemText(error)}</${Alert}>${error.status === 404 && follow}`;
  if (!x) return html`<${Loading} />`;
  const offers = x.actions || [];
  // the server says which actions this caller may take; the others are a leader's (publishing) or
  // the handling agency's officers' (everything else): grouped by that reason
  const why = (a) => (a.name === 'publish' ? 'leader' : 'staff');
  const unavailable = ['staff', 'leader'].map((r) => [r, offers.filter((a) => !a.available && why(a) === r)]).filter(([, list]) => list.length);
  const done = () => { setActing(null); setNote(t('done')); load(); };
  const s = x.sender;
  return html`<h1>${t('fbItem', { code: x.code })}</h1>
    <p class="muted"><strong>${status(x)}</strong> · ${category(x)}</p>
    ${note && html`<p class="ok" role="status">${note}</p>`}
    <div class="grid2">
      <section aria-labelledby="h-content"><h2 id="h-content">${t('fbContent')}</h2>
        <${Facts} x=${x} staff agencyName=${agencyName} />
      </section>
      <div>
        ${s && html`<section aria-labelledby="h-sender"><h2 id="h-sender">${t('fbSender')}</h2>
          <dl class="facts">
            <dt>${t('name')}</dt><dd>${s.name || '—'}</dd><dt>${t('phone')}</dt><dd>${s.phone || '—'}</dd>
            <dt>${t('email')}</dt><dd>${s.email || '—'}</dd><dt>${t('address')}</dt><dd>${x.address || '—'}</dd>
            ${x.location && html`<dt>${t('fbLocation')}</dt><dd>${x.location.lat}, ${x.location.long}</dd>`}
          </dl></section>`}
        ${x.actions && html`<section aria-labelledby="h-actions"><h2 id="h-actions">${t('actions')}</h2>
          ${offers.length ? html`<div class="actions">${offers.map((a) => html`<button type="button" key=${a.name} disabled=${!a.available}
              aria-describedby=${a.available ? undefined : `why-${why(a)}`} class=${acting && acting.name === a.name ? 'current' : 'secondary'}
              onClick=${() => { setNote(null); setActing(a); }}>${feedbackText('action', a.name, a.label)}</button>`)}</div>`
            : html`<p class="muted">${t('fbNoActions')}</p>`}
          ${unavailable.length > 0 && html`<p class="muted">${t('fbOtherActions')}:</p><ul class="why">${unavailable.map(([r, list]) => html`<li key=${r} id=${`why-${r}`}>
            <strong>${list.map((a) => feedbackText('action', a.name, a.label)).join(', ')}</strong>: ${t(r === 'leader' ? 'fbBlockLeader' : 'fbBlockStaff')}</li>`)}</ul>`}
          ${acting && html`<${ActionForm} offer=${acting} item=${x} agencies=${agencies} onDone=${done} onCancel=${() => setActing(null)} key=${acting.name} />`}
        </section>`}
      </div>
    </div>
    <${History} rows=${x.history} staff=${!!x.actions} agencyName=${agencyName} />`;
}
