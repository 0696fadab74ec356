// A unit's dashboard, for the unit and its subtree: resolution figures, the on-time rate by month
// (chart and table), the service index with its parts, the child units ranked with their sample
// sizes (each opens its own dashboard), and the late dossiers (each opens the dossier).
import { useState, useEffect, useRef } from '../vendor/hooks.module.js';
import uPlot from '../vendor/uPlot.esm.js';
import { html, Field, Alert, Loading, when } from '../lib/ui.js';
import { get } from '../lib/api.js';
import { t, lang } from '../lib/i18n.js';
import '../lib/i18n-reports.js';

const VIEWERS = ['receiver', 'processor', 'leader', 'admin', 'steering', 'auditor'];
const SMALL_SAMPLE = 30; // fewer resolved dossiers than this: a rate says little
const today = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
const num = (n) => (n === null || n === undefined ? '—' : new Intl.NumberFormat(lang() === 'en' ? 'en-GB' : 'vi-VN').format(n));
const pct = (n) => (n === null || n === undefined ? '—' : `${num(n)} %`);
const go = (agency, from, to) => { location.hash = `#/bang-dieu-khien?agency=${encodeURIComponent(agency)}&from=${from}&to=${to}`; };

function Figures({ total }) {
  const items = [
    ['receivedTotal', num(total.received)], ['carried', num(total.carried)],
    ['newReceived', num(total.new_online + total.new_counter + total.new_post)], ['resolvedTotal', num(total.resolved)],
    ['onTimeResolved', pct(total.on_time_rate)], ['inProgress', num(total.in_progress)], ['overdue', num(total.overdue)],
  ];
  return html`<ul class="stats">${items.map(([k, v]) => html`<li key=${k} data-measure=${k === 'onTimeResolved' ? 'on-time' : null}>
      <span class="n">${v}</span> ${t(k)}${k === 'onTimeResolved' ? html` <small class="muted">${t('onTimeResolvedOf')}</small>` : ''}</li>`)}</ul>
    <p class="hint">${t('onTimeIndexNote')}</p>`;
}

// The vertical axis fits the rates: from 5 points under the lowest (rounded down to a multiple of 5,
// never under 0) to 100, so that 93-100 % reads on a 90-100 % axis rather than flat at the top.
export function rateRange(values) {
  const known = values.filter((v) => v !== null && v !== undefined);
  if (!known.length) return [0, 100];
  return [Math.max(0, Math.floor((Math.min(...known) - 1) / 5) * 5), 100];
}

// The on-time rate by month: a chart with our own legend, and the same numbers as a table (for
// screen readers and for copying). The months are the x axis's categories: one tick under each point.
function Months({ rows }) {
  const box = useRef(null);
  const rates = rows.map((r) => r.on_time_rate);
  const [lo, hi] = rateRange(rates);
  useEffect(() => {
    if (!box.current || !rows.length) return undefined;
    const x = rows.map((r, i) => i);
    const label = (i) => (rows[i] ? `${rows[i].key.slice(5, 7)}/${rows[i].key.slice(0, 4)}` : '');
    const chart = new uPlot({
      width: Math.max(280, box.current.clientWidth), height: 220, legend: { show: false },
      scales: { x: { time: false, range: [-0.5, rows.length - 0.5] }, rate: { range: [lo, hi] } },
      series: [{ label: t('month') }, { label: t('onTimeResolved'), scale: 'rate', stroke: '#1a7f37', width: 2, points: { show: true, size: 7 } }],
      axes: [{ splits: () => x, values: (u, vals) => vals.map(label) },
        { scale: 'rate', values: (u, vals) => vals.map((v) => `${v}%`) }],
    }, [x, rates], box.current);
    box.current.chart = chart; // for the tests: the scale as drawn
    return () => chart.destroy();
  }, [rows]);
  return html`<figure class="trend"><div ref=${box} class="chart" aria-hidden="true"></div>
    <figcaption><ul class="legend" aria-label=${t('chartLegend')}>
      <li><span class="swatch" aria-hidden="true"></span>${t('onTimeResolved')} ${t('onTimeResolvedOf')}</li>
      <li class="muted">${t('chartRange', { lo, hi })}</li></ul></figcaption></figure>
    <div class="scroll" tabindex="0" role="region" aria-label=${t('byMonth')}><table><caption class="sr-only">${t('byMonth')}</caption>
      <thead><tr><th scope="col">${t('month')}</th><th scope="col">${t('receivedTotal')}</th><th scope="col">${t('resolvedTotal')}</th>
        <th scope="col">${t('late')}</th><th scope="col">${t('onTimeResolved')}</th></tr></thead>
      <tbody>${rows.map((r) => html`<tr key=${r.key}><th scope="row">${r.key.slice(5, 7)}/${r.key.slice(0, 4)}</th><td>${num(r.received)}</td>
        <td>${num(r.resolved)}</td><td>${num(r.late)}</td><td>${pct(r.on_time_rate)}</td></tr>`)}</tbody></table></div>`;
}

function Index({ index }) {
  return html`<p class="score"><span class="n">${index.total === null ? t('noScore') : num(index.total)}</span> ${t('indexTotal')}
      ${index.grade && html` · ${t('grade')}: <strong>${index.grade.name}</strong>`}</p>
    <div class="scroll" tabindex="0" role="region" aria-label=${t('serviceIndex')}><table>
      <thead><tr><th scope="col">${t('part')}</th><th scope="col">${t('data')}</th><th scope="col">${t('rateCol')}</th>
        <th scope="col">${t('points')}</th><th scope="col">${t('maxPoints')}</th></tr></thead>
      ${index.groups.map((g) => html`<tbody key=${g.code}>
        <tr class="group"><th scope="rowgroup" colspan="3">${g.name}</th><td>${num(g.points)}</td><td>${num(g.max_points)}</td></tr>
        ${g.parts.map((p) => html`<tr key=${p.code} class=${p.applicable ? '' : 'muted'}>
          <th scope="row">${p.name}<br /><small class="muted">${p.source}</small></th>
          <td>${!p.recorded ? t('notRecorded') : !p.applicable ? t('notApplicable') : `${num(p.numerator)} / ${num(p.denominator)}`}</td>
          <td>${pct(p.rate)}</td><td>${p.applicable ? num(p.points) : '—'}</td><td>${num(p.max_points)}</td></tr>`)}
      </tbody>`)}
    </table></div>`;
}

function Ranking({ children, rates, from, to }) {
  if (!children.length) return html`<p>${t('emptyList')}</p>`;
  return html`<div class="scroll"><table>
    <thead><tr><th scope="col">${t('rank')}</th><th scope="col">${t('unit')}</th><th scope="col">${t('indexTotal')}</th>
      <th scope="col">${t('grade')}</th><th scope="col">${t('onTimeResolved')}</th><th scope="col">${t('sample')}</th></tr></thead>
    <tbody>${children.map((c) => {
      const small = c.sample.resolved < SMALL_SAMPLE;
      // a one-stop centre answers for none of what it receives: a receiving unit, not an empty one
      if (c.received_at_desk > 0 && !c.sample.received) {
        return html`<tr key=${c.agency.id} class="desk"><td>—</td>
          <th scope="row"><a href=${`#/bang-dieu-khien?agency=${encodeURIComponent(c.agency.id)}&from=${from}&to=${to}`}>${c.agency.name}</a></th>
          <td colspan="3">${t('deskUnit')}</td><td>${t('deskReceived', { n: num(c.received_at_desk) })}</td></tr>`;
      }
      return html`<tr key=${c.agency.id}><td>${c.total === null ? '—' : c.rank}</td>
        <th scope="row"><a href=${`#/bang-dieu-khien?agency=${encodeURIComponent(c.agency.id)}&from=${from}&to=${to}`}>${c.agency.name}</a></th>
        <td>${c.total === null ? t('noScore') : num(c.total)}</td><td>${c.grade ? c.grade.name : '—'}</td><td>${pct(rates[c.agency.id])}</td>
        <td>${num(c.sample.received)} / ${num(c.sample.resolved)}${small ? html` <span class="badge" title=${t('smallSample')}>${t('smallSample')}</span>` : ''}</td></tr>`;
    })}</tbody></table></div>`;
}

export const LATE_SHOWN = 50;

function Late({ report, all, link }) {
  if (!report.dossiers.length) return html`<p>${t('noDossiers')}</p>`;
  const cause = (a) => (a && a.cause ? t(a.cause) : t('unstated'));
  const rows = all ? report.dossiers : report.dossiers.slice(0, LATE_SHOWN);
  return html`<p class="links">${report.truncated ? html`${t('lateTruncated', { n: num(report.dossiers.length) })} ` : ''}
      ${t('download')}: <a href=${link('xlsx')}>Excel</a> · <a href=${link('pdf')} target="_blank" rel="noopener">PDF</a> · <a href=${link('page')}>${t('lateReportLink')}</a></p>
    <div class="scroll"><table class="queue">
    <thead><tr><th scope="col">${t('code')}</th><th scope="col">${t('procedure')}</th><th scope="col">${t('unit')}</th>
      <th scope="col">${t('due')}</th><th scope="col">${t('lateHours')}</th><th scope="col">${t('apology')}</th><th scope="col">${t('cause')}</th></tr></thead>
    <tbody>${rows.map((d) => html`<tr key=${d.code} class=${d.finished_at ? '' : 'late'}>
      <td><a href=${`#/ho-so/${encodeURIComponent(d.code)}`}>${d.code}</a></td><td>${d.procedure}</td><td>${d.agency.name}</td>
      <td>${when(d.due_at)}</td><td>${num(d.late_hours)}</td><td>${d.apology ? when(d.apology.at) : '—'}</td><td>${cause(d.apology)}</td></tr>`)}
    </tbody></table></div>`;
}

export function Dashboard({ query, session }) {
  const year = today().slice(0, 4);
  const [agency, setAgency] = useState(query.get('agency') || '');
  const [from, setFrom] = useState(query.get('from') || `${year}-01-01`);
  const [to, setTo] = useState(query.get('to') || today());
  const [agencies, setAgencies] = useState([]);
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const [allLate, setAllLate] = useState(false);
  const q = query.toString();

  useEffect(() => { get('/api/v1/agencies?flat=1').then((r) => setAgencies(r.items)).catch(() => {}); }, []);
  useEffect(() => {
    if (!session.user) return;
    const a = query.get('agency') ? `agency=${encodeURIComponent(query.get('agency'))}&` : '';
    const period = `from=${query.get('from') || `${year}-01-01`}&to=${query.get('to') || today()}`;
    const lastYear = new Date(Date.now() + 7 * 3600e3);
    lastYear.setUTCDate(1);
    lastYear.setUTCMonth(lastYear.getUTCMonth() - 11);
    setData(null);
    setError(null);
    Promise.all([
      get(`/api/v1/reports/resolution?${a}${period}`),
      get(`/api/v1/index?${a}${period}&children=1`),
      get(`/api/v1/reports/resolution?${a}group_by=month&from=${lastYear.toISOString().slice(0, 10)}&to=${today()}`),
      get(`/api/v1/reports/late?${a}${period}`),
    ]).then(([res, index, months, late]) => {
      setAgency(res.agency.id);
      setData({ res, index, months, late });
    }).catch(setError);
  }, [q, session.user]);

  if (!session.user) return html`<p>${t('error401')} <a href="#/dang-nhap">${t('login')}</a></p>`;
  const byId = Object.fromEntries(agencies.map((a) => [a.id, a]));
  // the units the user's roles see: a system-wide role sees all, a unit's role its subtree
  const viewing = session.user.roles.filter((r) => VIEWERS.includes(r.role));
  const within = (a) => { for (let x = a; x; x = byId[x.parent]) if (viewing.some((r) => r.agency === x.id)) return true; return false; };
  const choices = viewing.some((r) => !r.agency) ? agencies : agencies.filter(within);
  const parents = [];
  for (let p = byId[agency] && byId[agency].parent; p && byId[p] && choices.includes(byId[p]); p = byId[p].parent) parents.unshift(byId[p]);
  const rates = data ? Object.fromEntries(data.res.rows.map((r) => [r.key, r.on_time_rate])) : {};
  const file = (format) => `/api/v1/reports/resolution?agency=${encodeURIComponent(agency)}&from=${from}&to=${to}&format=${format}`;
  const lateLink = (format) => (format === 'page'
    ? `#/bao-cao/tre-han?agency=${encodeURIComponent(agency)}&from=${from}&to=${to}`
    : `/api/v1/reports/late?agency=${encodeURIComponent(agency)}&from=${from}&to=${to}&format=${format}`);
  const lateTotal = data ? data.late.dossiers.length : 0;
  const lateShown = allLate ? lateTotal : Math.min(LATE_SHOWN, lateTotal);

  return html`<h1>${t('dashboard')}${data ? html`: ${data.res.agency.name}` : ''}</h1>
    ${parents.length > 0 && html`<nav aria-label=${t('path')} class="crumbs">${parents.map((p) => html`<a key=${p.id}
      href=${`#/bang-dieu-khien?agency=${encodeURIComponent(p.id)}&from=${from}&to=${to}`}>${p.name}</a> › `)}</nav>`}
    <form class="filters" onSubmit=${(e) => { e.preventDefault(); go(agency, from, to); }}>
      <${Field} type="select" label=${t('unit')} name="agency" value=${agency} onInput=${setAgency}>
        ${choices.map((a) => html`<option key=${a.id} value=${a.id}>${a.name}</option>`)}</${Field}>
      <${Field} type="date" label=${t('fromDate')} name="from" value=${from} onInput=${setFrom} />
      <${Field} type="date" label=${t('toDate')} name="to" value=${to} onInput=${setTo} />
      <button type="submit">${t('show')}</button>
    </form>
    <${Alert} error=${error} />
    ${!data ? !error && html`<${Loading} />` : html`
      <section aria-labelledby="h-res"><h2 id="h-res">${t('resolution')}</h2><${Figures} total=${data.res.total} />
        <p>${t('download')}: <a href=${file('xlsx')}>Excel</a> · <a href=${file('pdf')} target="_blank" rel="noopener">PDF</a></p></section>
      <section aria-labelledby="h-months"><h2 id="h-months">${t('byMonth')}</h2><${Months} rows=${data.months.rows} /></section>
      <section aria-labelledby="h-rank"><h2 id="h-rank">${t('ranking')}</h2>
        <${Ranking} children=${data.index.children || []} rates=${rates} from=${from} to=${to} /></section>
      <section aria-labelledby="h-index"><h2 id="h-index">${t('serviceIndex')}</h2><${Index} index=${data.index.index} /></section>
      <section aria-labelledby="h-late"><h2 id="h-late">${t('lateList')}: ${t('lateShown', { shown: num(lateShown), total: num(lateTotal) })}</h2>
        ${lateTotal > LATE_SHOWN && html`<button type="button" class="secondary small" aria-controls="late-list" aria-expanded=${allLate ? 'true' : 'false'}
          onClick=${() => setAllLate(!allLate)}>${allLate ? t('lateFew', { n: LATE_SHOWN }) : t('lateAll', { n: num(lateTotal) })}</button>`}
        <div id="late-list"><${Late} report=${data.late} all=${allLate} link=${lateLink} /></div></section>`}`;
}
