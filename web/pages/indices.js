// The external indices over the years (#/chi-so-cchc/qua-cac-nam): PAR INDEX, SIPAS, PAPI, PCI and
// DDCI by year with score, rank and source, each index's trend as a line (uPlot; the table holds
// the same numbers for screen readers), and the committee's form to record a value.
import { useState, useEffect, useRef } from '../vendor/hooks.module.js';
import uPlot from '../vendor/uPlot.esm.js';
import { html, Field, Alert, Loading, when, fieldsOf } from '../lib/ui.js';
import { get, put } from '../lib/api.js';
import { t, lang } from '../lib/i18n.js';
import { num, localToday } from '../lib/figures.js';
import { ParNav } from './par.js';

const COLORS = ['#0b4f99', '#9b1c1c', '#1d6b34', '#8a5a00', '#5b2a86', '#00616e', '#4a4f57'];
const kindText = (k) => (lang() === 'en' ? t(`idx_${k.code || k.kind}`) : k.name);
const SHORT = { par_index: 'PAR INDEX', sipas: 'SIPAS', papi: 'PAPI', pci: 'PCI', ddci: 'DDCI' };

// One line per index and agency over the union of their years.
function Trend({ series }) {
  const box = useRef(null);
  const several = new Set(series.map((s) => s.agency.id)).size > 1;
  const label = (s) => (several ? `${SHORT[s.kind] || s.kind} — ${s.agency.name}` : SHORT[s.kind] || s.kind);
  useEffect(() => {
    if (!box.current || !series.length) return undefined;
    const years = [...new Set(series.flatMap((s) => s.values.map((v) => v.year)))].sort((a, b) => a - b);
    const data = [years, ...series.map((s) => years.map((y) => { const v = s.values.find((x) => x.year === y); return v ? v.score : null; }))];
    const chart = new uPlot({
      width: Math.max(280, box.current.clientWidth), height: 260,
      scales: { x: { time: false, range: (u, lo, hi) => [lo - 0.5, hi + 0.5] },
        y: { range: (u, lo, hi) => [Math.max(0, Math.floor(lo) - 5), Math.ceil(hi) + 5] } },
      series: [{ label: t('year'), value: (u, v) => (v === null ? '—' : String(v)) },
        ...series.map((s, i) => ({ label: label(s), stroke: COLORS[i % COLORS.length], width: 2, spanGaps: true, points: { show: true, size: 7 }, value: (u, v) => num(v) }))],
      axes: [{ label: t('year'), splits: () => years, values: (u, vals) => vals.map(String) },
        { label: t('idxScore'), values: (u, vals) => vals.map((v) => num(v)) }],
    }, data, box.current);
    return () => chart.destroy();
  }, [series]);
  return html`<figure class="trend">
    <div ref=${box} class="chart" aria-hidden="true"></div>
    <figcaption class="hint">${t('idxChartNote')}</figcaption></figure>`;
}

// The values by index and agency, year by year: the accessible form of the chart.
function Values({ series }) {
  if (!series.length) return html`<p>${t('idxNone')}</p>`;
  return html`<div class="scroll"><table class="indices">
    <caption class="sr-only">${t('idxTable')}</caption>
    <thead><tr><th scope="col">${t('year')}</th><th scope="col">${t('idxScore')}</th><th scope="col">${t('idxRank')}</th>
      <th scope="col">${t('idxSource')}</th><th scope="col">${t('note')}</th><th scope="col">${t('idxUpdated')}</th></tr></thead>
    ${series.map((s) => html`<tbody key=${`${s.kind}-${s.agency.id}`}>
      <tr class="group"><th scope="rowgroup" colspan="6">${kindText(s)} — ${s.agency.name}</th></tr>
      ${s.values.map((v) => html`<tr key=${v.year}><th scope="row">${v.year}</th><td>${num(v.score)}</td><td>${v.rank === null ? '—' : num(v.rank)}</td>
        <td>${v.source}</td><td>${v.note || ''}</td><td>${when(v.updated_at)}</td></tr>`)}
    </tbody>`)}
  </table></div>`;
}

// Recording one value; a second one for the same index, year and agency replaces it.
function Record({ kinds, agencies, onSaved }) {
  const blank = { kind: '', year: String(+localToday().slice(0, 4) - 1), agency: '', score: '', rank: '', source: '', note: '' };
  const [f, setF] = useState(blank);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(null);
  const set = (k) => (v) => setF({ ...f, [k]: v });
  const errors = fieldsOf(error);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    const body = { kind: f.kind, year: Number(f.year), agency: f.agency, score: f.score === '' ? null : Number(f.score),
      rank: f.rank === '' ? null : Number(f.rank), source: f.source.trim(), note: f.note.trim() || null };
    try {
      const v = await put('/api/v1/indices', body);
      setDone(v);
      setF({ ...blank, kind: f.kind, agency: f.agency });
      onSaved();
    } catch (err) { setError(err); } finally { setBusy(false); }
  };
  return html`<form onSubmit=${submit}>
    <p class="hint">${t('idxFormHint')}</p>
    <div class="grid2">
      <${Field} type="select" label=${t('idxKind')} name="kind" value=${f.kind} onInput=${set('kind')} errors=${errors} required>
        <option value="">${t('select')}</option>${kinds.map((k) => html`<option key=${k.code} value=${k.code}>${kindText(k)}</option>`)}</${Field}>
      <${Field} type="select" label=${t('unit')} name="agency" value=${f.agency} onInput=${set('agency')} errors=${errors} required>
        <option value="">${t('select')}</option>${agencies.map((a) => html`<option key=${a.id} value=${a.id}>${a.name}</option>`)}</${Field}>
      <${Field} type="number" label=${t('year')} name="year" value=${f.year} onInput=${set('year')} errors=${errors} required min="2000" max="2100" step="1" />
      <${Field} type="number" label=${t('idxScore')} name="score" value=${f.score} onInput=${set('score')} errors=${errors} required min="0" max="1000" step="0.01" />
      <${Field} type="number" label=${t('idxRank')} name="rank" value=${f.rank} onInput=${set('rank')} errors=${errors} min="1" max="1000" step="1" hint=${t('idxRankHint')} />
      <${Field} label=${t('idxSource')} name="source" value=${f.source} onInput=${set('source')} errors=${errors} required hint=${t('idxSourceHint')} />
    </div>
    <${Field} type="textarea" label=${t('note')} name="note" value=${f.note} onInput=${set('note')} errors=${errors} rows="2" />
    <${Alert} error=${error} />
    ${done && html`<p class="ok" role="status">${t('idxSaved', { kind: SHORT[done.kind] || done.kind, year: done.year, agency: done.agency.name })}</p>`}
    <button type="submit" disabled=${busy}>${t('idxSave')}</button>
  </form>`;
}

export function Indices({ query, session }) {
  const [data, setData] = useState(null);
  const [agencies, setAgencies] = useState([]);
  const [error, setError] = useState(null);
  const [n, setN] = useState(0);
  const agency = query.get('agency') || '';
  useEffect(() => { get('/api/v1/agencies?flat=1').then((r) => setAgencies(r.items)).catch(() => {}); }, []);
  useEffect(() => {
    if (!session.user) return;
    get(`/api/v1/indices${agency ? `?agency=${encodeURIComponent(agency)}` : ''}`).then(setData).catch(setError);
  }, [session.user, agency, n]);

  if (!session.user) return html`<p>${t('error401')} <a href="#/dang-nhap">${t('login')}</a></p>`;
  const used = data ? [...new Map(data.series.map((s) => [s.agency.id, s.agency])).values()] : [];
  return html`<h1>${t('idxTitle')}</h1>
    <${ParNav} current="indices" />
    <${Alert} error=${error} />
    ${!data ? !error && html`<${Loading} />` : html`
      <form class="filters" onSubmit=${(e) => e.preventDefault()}>
        <${Field} type="select" label=${t('unit')} name="filter-agency" value=${agency}
          onInput=${(v) => { location.hash = `#/chi-so-cchc/qua-cac-nam${v ? `?agency=${encodeURIComponent(v)}` : ''}`; }}>
          <option value="">${t('idxAllUnits')}</option>
          ${(agency && !used.some((a) => a.id === agency) ? [...used, { id: agency, name: (agencies.find((a) => a.id === agency) || { name: agency }).name }] : used)
            .map((a) => html`<option key=${a.id} value=${a.id}>${a.name}</option>`)}</${Field}>
      </form>
      <section aria-labelledby="h-idx-trend"><h2 id="h-idx-trend">${t('idxTrend')}</h2>
        ${data.series.length ? html`<${Trend} series=${data.series} />` : ''}<${Values} series=${data.series} /></section>
      ${session.can('manage_par') && html`<section aria-labelledby="h-idx-record"><h2 id="h-idx-record">${t('idxRecord')}</h2>
        <${Record} kinds=${data.kinds} agencies=${agencies} onSaved=${() => setN(n + 1)} /></section>`}`}`;
}
