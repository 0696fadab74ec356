// The reports as pages: the late dossiers (per unit, per officer, each dossier), the satisfaction
// ratings (per unit or per procedure, with the criteria) and the dossier register (form 06) of a
// unit for a period; each with the filters the API takes and its PDF and Excel files.
import { useState, useEffect } from '../vendor/hooks.module.js';
import { html, Field, Alert, Loading, when } from '../lib/ui.js';
import { get } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { num, pct, localToday, agencyChoices } from '../lib/figures.js';
import '../lib/i18n-reports.js';

const VIEWERS = ['receiver', 'processor', 'leader', 'admin', 'steering', 'auditor'];
const KINDS = [['tre-han', 'rpLate'], ['hai-long', 'rpSatisfaction'], ['so-theo-doi', 'rpRegister']];

// The three reports' links, the current one marked.
function Tabs({ current, q }) {
  return html`<nav class="subnav" aria-label=${t('reports')}>${KINDS.map(([path, key]) => html`<a key=${path}
    href=${`#/bao-cao/${path}${q ? `?${q}` : ''}`} aria-current=${path === current ? 'page' : null}>${t(key)}</a>`)}</nav>`;
}

// The period and unit (and grouping) as the address holds them; the form writes the address.
function useFilters(query, session) {
  const year = localToday().slice(0, 4);
  const [agencies, setAgencies] = useState([]);
  const f = {
    agency: query.get('agency') || '', from: query.get('from') || `${year}-01-01`, to: query.get('to') || localToday(),
    group_by: query.get('group_by') || '',
  };
  useEffect(() => { get('/api/v1/agencies?flat=1').then((r) => setAgencies(r.items)).catch(() => {}); }, []);
  const choices = session.user ? agencyChoices(session.user, agencies, VIEWERS) : [];
  if (!f.agency && choices.length) f.agency = choices[0].id;
  return { f, choices };
}

function Filters({ path, f, choices, groups }) {
  const [v, setV] = useState(f);
  useEffect(() => setV(f), [f.agency, f.from, f.to, f.group_by]);
  const set = (k) => (x) => setV({ ...v, [k]: x });
  const submit = (e) => {
    e.preventDefault();
    const q = new URLSearchParams({ agency: v.agency, from: v.from, to: v.to });
    if (groups && v.group_by) q.set('group_by', v.group_by);
    location.hash = `#/bao-cao/${path}?${q}`;
  };
  return html`<form class="filters" onSubmit=${submit}>
    <${Field} type="select" label=${t('unit')} name="agency" value=${v.agency} onInput=${set('agency')}>
      ${choices.map((a) => html`<option key=${a.id} value=${a.id}>${a.name}</option>`)}</${Field}>
    <${Field} type="date" label=${t('fromDate')} name="from" value=${v.from} onInput=${set('from')} />
    <${Field} type="date" label=${t('toDate')} name="to" value=${v.to} onInput=${set('to')} />
    ${groups && html`<${Field} type="select" label=${t('rpGroup')} name="group_by" value=${v.group_by || groups[0][0]} onInput=${set('group_by')}>
      ${groups.map(([g, k]) => html`<option key=${g} value=${g}>${t(k)}</option>`)}</${Field}>`}
    <button type="submit">${t('show')}</button>
  </form>`;
}

// A report page's frame: the title, the three reports, the filters, the files and the body.
function Report({ path, title, query, session, url, files, groups, children }) {
  const { f, choices } = useFilters(query, session);
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const address = f.agency ? url(f) : null;
  useEffect(() => {
    if (!session.user || !address) return;
    setData(null);
    setError(null);
    get(address).then(setData).catch(setError);
  }, [address, session.user]);
  if (!session.user) return html`<p>${t('error401')} <a href="#/dang-nhap">${t('login')}</a></p>`;
  const q = new URLSearchParams({ agency: f.agency, from: f.from, to: f.to }).toString();
  return html`<h1>${title}${data && data.agency ? html`: ${data.agency.name}` : ''}</h1>
    <${Tabs} current=${path} q=${q} />
    <${Filters} path=${path} f=${f} choices=${choices} groups=${groups} />
    <${Alert} error=${error} />
    ${f.agency && html`<p class="links">${t('download')}: <a href=${files(f, 'xlsx')}>Excel</a> · <a href=${files(f, 'pdf')} target="_blank" rel="noopener">PDF</a></p>`}
    ${!data ? !error && html`<${Loading} />` : children(data, f)}`;
}

const scope = (f) => `agency=${encodeURIComponent(f.agency)}&from=${f.from}&to=${f.to}`;
const dossierLink = (code) => html`<a href=${`#/ho-so/${encodeURIComponent(code)}`}>${code}</a>`;

export function LateReport({ query, session }) {
  const url = (f) => `/api/v1/reports/late?${scope(f)}`;
  const cause = (a) => (a && a.cause ? t(a.cause) : t('unstated'));
  return html`<${Report} path="tre-han" title=${t('rpLateTitle')} query=${query} session=${session} url=${url}
    files=${(f, format) => `${url(f)}&format=${format}`}>${(d) => html`
    <section aria-labelledby="h-late-units"><h2 id="h-late-units">${t('rpByUnit')}</h2>
      ${!d.by_unit.length ? html`<p>${t('rpNoRows')}</p>` : html`<div class="scroll" tabindex="0" role="region" aria-label=${t('rpByUnit')}><table>
        <thead><tr><th scope="col">${t('unit')}</th><th scope="col">${t('late')}</th><th scope="col">${t('rpApologies')}</th>
          <th scope="col">${t('subjective')}</th><th scope="col">${t('objective')}</th><th scope="col">${t('unstated')}</th></tr></thead>
        <tbody>${d.by_unit.map((u) => html`<tr key=${u.agency.id}><th scope="row">${u.agency.name}</th><td>${num(u.late)}</td>
          <td>${num(u.apologized)}</td><td>${num(u.subjective)}</td><td>${num(u.objective)}</td><td>${num(u.cause_unstated)}</td></tr>`)}</tbody>
      </table></div>`}</section>
    <section aria-labelledby="h-late-officers"><h2 id="h-late-officers">${t('rpOfficer')}</h2>
      ${!d.by_officer.length ? html`<p>${t('rpNoRows')}</p>` : html`<div class="scroll" tabindex="0" role="region" aria-label=${t('rpOfficer')}><table>
        <thead><tr><th scope="col">${t('rpOfficer')}</th><th scope="col">${t('unit')}</th><th scope="col">${t('rpStepsLate')}</th></tr></thead>
        <tbody>${d.by_officer.map((o, i) => html`<tr key=${i}><th scope="row">${o.officer}</th><td>${o.unit.name}</td><td>${num(o.late_steps)}</td></tr>`)}</tbody>
      </table></div>`}</section>
    <section aria-labelledby="h-late-list"><h2 id="h-late-list">${t('rpDossiers')}: ${t('rpCount', { n: num(d.dossiers.length) })}</h2>
      ${d.truncated && html`<p class="hint">${t('lateTruncated', { n: num(d.dossiers.length) })}</p>`}
      ${!d.dossiers.length ? html`<p>${t('noDossiers')}</p>` : html`<div class="scroll" tabindex="0" role="region" aria-label=${t('rpDossiers')}><table class="queue report-rows">
        <thead><tr><th scope="col">${t('code')}</th><th scope="col">${t('procedure')}</th><th scope="col">${t('unit')}</th>
          <th scope="col">${t('due')}</th><th scope="col">${t('lateHours')}</th><th scope="col">${t('apology')}</th><th scope="col">${t('cause')}</th></tr></thead>
        <tbody>${d.dossiers.map((x) => html`<tr key=${x.code} class=${x.finished_at ? '' : 'late'}><td>${dossierLink(x.code)}</td>
          <td>${x.procedure}</td><td>${x.agency.name}</td><td>${when(x.due_at)}</td><td>${num(x.late_hours)}</td>
          <td>${x.apology ? when(x.apology.at) : '—'}</td><td>${cause(x.apology)}</td></tr>`)}</tbody>
      </table></div>`}</section>`}</${Report}>`;
}

const CRITERIA = ['access', 'procedure', 'officer', 'result', 'feedback'];

export function SatisfactionReport({ query, session }) {
  const groups = [['agency', 'rpByUnit'], ['procedure', 'rpByProcedure']];
  const url = (f) => `/api/v1/reports/satisfaction?${scope(f)}${f.group_by ? `&group_by=${f.group_by}` : ''}`;
  const row = (r, head) => html`<tr key=${r.key || 'total'} class=${head ? 'group' : ''}><th scope="row">${r.name}</th><td>${num(r.ratings)}</td>
    <td>${num(r.very_satisfied)}</td><td>${num(r.satisfied)}</td><td>${num(r.not_satisfied)}</td><td>${pct(r.satisfied_rate)}</td>
    ${CRITERIA.map((c) => html`<td key=${c}>${num(r.criteria && r.criteria[c])}</td>`)}</tr>`;
  return html`<${Report} path="hai-long" title=${t('rpSatisfactionTitle')} query=${query} session=${session} url=${url} groups=${groups}
    files=${(f, format) => `${url(f)}&format=${format}`}>${(d) => html`
    <section aria-labelledby="h-sat"><h2 id="h-sat">${t(d.group_by === 'procedure' ? 'rpByProcedure' : 'rpByUnit')}</h2>
      ${!d.rows.length ? html`<p>${t('rpNoRows')}</p>` : html`<div class="scroll" tabindex="0" role="region" aria-label=${t('rpSatisfactionTitle')}><table class="report-rows">
        <thead><tr><th scope="col" rowspan="2">${t('rpName')}</th><th scope="col" rowspan="2">${t('rpRatings')}</th>
          <th scope="col" rowspan="2">${t('very_satisfied')}</th><th scope="col" rowspan="2">${t('satisfied')}</th>
          <th scope="col" rowspan="2">${t('not_satisfied')}</th><th scope="col" rowspan="2">${t('rpSatisfiedRate')}</th>
          <th scope="colgroup" colspan="5">${t('rpCriteria')}</th></tr>
          <tr>${CRITERIA.map((c) => html`<th scope="col" key=${c}>${t(`c_${c}`)}</th>`)}</tr></thead>
        <tbody>${d.rows.map((r) => row(r, false))}</tbody>
        ${d.total && html`<tfoot>${row({ ...d.total, name: t('rpTotal') }, true)}</tfoot>`}
      </table></div>`}</section>`}</${Report}>`;
}

export function RegisterReport({ query, session }) {
  const base = (f) => `/api/v1/agencies/${encodeURIComponent(f.agency)}/register`;
  const url = (f) => `${base(f)}.json?from=${f.from}&to=${f.to}`;
  const cols = [['no', 'rpNo'], ['code', 'code'], ['procedure', 'procedure'], ['sets', 'sets'], ['applicant', 'applicant'],
    ['address_phone', 'rpAddress'], ['lead_agency', 'rpLead'], ['received', 'received'], ['due', 'due'],
    ['sent_to_processing', 'rpHandover'], ['result_from_agency', 'rpFinished'], ['returned', 'rpReturned'], ['note', 'rpNote']];
  return html`<${Report} path="so-theo-doi" title=${t('rpRegisterTitle')} query=${query} session=${session} url=${url}
    files=${(f, format) => `${base(f)}.${format}?from=${f.from}&to=${f.to}`}>${(d) => html`
    <section aria-labelledby="h-reg"><h2 id="h-reg">${t('rpDossiers')}: ${t('rpCount', { n: num(d.count) })}</h2>
      ${!d.items.length ? html`<p>${t('noDossiers')}</p>` : html`<div class="scroll" tabindex="0" role="region" aria-label=${t('rpRegister')}><table class="register report-rows">
        <thead><tr>${cols.map(([k, label]) => html`<th scope="col" key=${k}>${t(label)}</th>`)}</tr></thead>
        <tbody>${d.items.map((r) => html`<tr key=${r.code}>${cols.map(([k]) => html`<td key=${k}>${k === 'code' ? dossierLink(r.code) : r[k]}</td>`)}</tr>`)}</tbody>
      </table></div>`}</section>`}</${Report}>`;
}
