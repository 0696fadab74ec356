// The PAR INDEX (Chỉ số CCHC): a subject agency's self-assessment against a year's structure
// (#/chi-so-cchc: areas → criteria → sub-criteria with their scores, linked figures, evidence, and
// the scoring of a sub-criterion by those allowed), and where it loses points
// (#/chi-so-cchc/mat-diem: by criterion, area or unit responsible; units ranked for a structure
// meant for units). The external indices over the years are in indices.js.
import { useState, useEffect } from '../vendor/hooks.module.js';
import { html, Field, Alert, Loading, fieldsOf } from '../lib/ui.js';
import { get, put, post, upload } from '../lib/api.js';
import { t, lang } from '../lib/i18n.js';
import { num, pct } from '../lib/figures.js';

const enc = encodeURIComponent;
const BY = ['criterion', 'area', 'unit'];

// The three PAR pages, one link each; the current one marked.
export function ParNav({ current, query = '' }) {
  const links = [['assess', '#/chi-so-cchc'], ['losses', '#/chi-so-cchc/mat-diem'], ['indices', '#/chi-so-cchc/qua-cac-nam']];
  return html`<nav class="subnav" aria-label=${t('parMenu')}>${links.map(([k, href]) => html`<a key=${k}
    href=${k === 'indices' ? href : `${href}${query}`} aria-current=${k === current ? 'page' : undefined}>${t(`parNav_${k}`)}</a>`)}</nav>`;
}

// A scoring kind's name: the server's Vietnamese one, or English.
const scoringText = (code, scorings) => (lang() === 'en' ? t(`scoring_${code}`) : (scorings.find((s) => s.code === code) || {}).name || code);
const bandsText = (bands) => bands.map((b) => t('parBand', { from: num(b.from), points: num(b.points) })).join('; ');

// The structures and the agencies, and the structure and subject the address names.
function usePicker(query, session) {
  const [list, setList] = useState(null);
  const [agencies, setAgencies] = useState([]);
  const [error, setError] = useState(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    if (!session.user) return;
    get('/api/v1/par/structures').then(setList).catch(setError);
    get('/api/v1/agencies?flat=1').then((r) => setAgencies(r.items)).catch(() => {});
  }, [session.user, n]);
  const items = list ? list.items : [];
  const structure = items.find((s) => String(s.id) === query.get('structure')) || items[0] || null;
  return { list, items, agencies, structure, agency: query.get('agency') || '', error, reload: () => setN(n + 1) };
}

// Choosing a structure and a subject agency; `to` gives the address for them.
function Picker({ picker, agency, to }) {
  const [s, setS] = useState(picker.structure ? String(picker.structure.id) : '');
  const [a, setA] = useState(agency);
  useEffect(() => { setA(agency); }, [agency]);
  useEffect(() => { if (picker.structure) setS(String(picker.structure.id)); }, [picker.structure && picker.structure.id]);
  return html`<form class="filters" onSubmit=${(e) => { e.preventDefault(); location.hash = to(s, a); }}>
    <${Field} type="select" label=${t('parStructure')} name="structure" value=${s} onInput=${setS}>
      ${picker.items.map((x) => html`<option key=${x.id} value=${x.id}>${x.year} — ${x.name}</option>`)}</${Field}>
    <${Field} type="select" label=${t('parSubject')} name="agency" value=${a} onInput=${setA}>
      ${picker.agencies.map((x) => html`<option key=${x.id} value=${x.id}>${x.name}</option>`)}</${Field}>
    <button type="submit">${t('show')}</button>
  </form>`;
}

function Head({ head }) {
  return html`${head.structure.example && html`<p class="example-note" role="note">${t('parExample')}</p>`}
    ${head.full ? html`<ul class="stats">
      <li><span class="n">${num(head.score)} / ${num(head.max_points)}</span> ${t('parScore')}</li>
      <li><span class="n">${num(head.self_score)}</span> ${t('parSelf')}</li>
      <li><span class="n">${num(head.loss)}</span> ${t('parLoss')}</li>
      <li><span class="n">${num(head.assessed)} / ${num(head.leaves)}</span> ${t('parAssessed')}</li>
    </ul>` : html`<p class="hint">${t('parOwnOnly')}</p>`}`;
}

// A score entered for a kind: yes/no and scales choose among their points, the rest type a number.
function ScoreField({ it, label, name, value, onInput, errors }) {
  if (it.scoring === 'yes_no' || it.scoring === 'scale') {
    const points = it.scoring === 'yes_no' ? [0, it.max_points] : [...new Set([0, ...it.bands.map((b) => b.points)])];
    return html`<${Field} type="select" label=${label} name=${name} value=${value} onInput=${onInput} errors=${errors}>
      <option value="">${t('parNotScored')}</option>
      ${points.map((p) => html`<option key=${p} value=${String(p)}>${it.scoring === 'yes_no' ? t(p ? 'parYes' : 'parNo', { n: num(p) }) : num(p)}</option>`)}
    </${Field}>`;
  }
  return html`<${Field} type="number" label=${label} name=${name} value=${value} onInput=${onInput} errors=${errors}
    min="0" max=${it.max_points} step="0.01" hint=${t('parScoreHint', { max: num(it.max_points) })} />`;
}

const str = (v) => (v === null || v === undefined ? '' : String(v));

// Scoring one sub-criterion: what the caller may set, sent as the members that changed.
function Editor({ it, def, head, figures, agencies, manage, onSaved, onCancel }) {
  const defaultFigure = def ? def.figure : null;
  const initial = {
    figure: it.figure === defaultFigure ? '' : it.figure === null ? 'none' : it.figure,
    value: str(it.value), self: it.from_figure ? '' : str(it.self_score), note: str(it.note),
    appraised: str(it.appraised_score), responsible: it.assigned ? it.responsible.id : '',
  };
  const [f, setF] = useState(initial);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState(null);
  const [progress, setProgress] = useState(null);
  const set = (k) => (v) => setF({ ...f, [k]: v });
  const figure = f.figure === '' ? defaultFigure : f.figure === 'none' ? null : f.figure;
  const byValue = it.scoring === 'proportion' || it.scoring === 'scale';
  const fromFigure = byValue && figure;
  const errors = fieldsOf(error);
  const within = (id) => { const byId = Object.fromEntries(agencies.map((a) => [a.id, a])); for (let x = byId[id]; x; x = byId[x.parent]) if (x.id === head.agency.id) return true; return false; };

  const save = async (e) => {
    e.preventDefault();
    const body = { agency: head.agency.id };
    const changed = (k) => f[k] !== initial[k];
    if (changed('figure')) body.figure = f.figure === '' ? null : f.figure;
    if (changed('note')) body.note = f.note.trim() || null;
    if (!fromFigure && (changed('value') || changed('self'))) {
      if (byValue && f.value !== '' && changed('value')) body.value = Number(f.value);
      else if (f.self !== '') body.self_score = Number(f.self);
      else if (byValue && f.value !== '') body.value = Number(f.value);
      else { body.self_score = null; if (byValue) body.value = null; }
    }
    if (manage && changed('responsible')) body.responsible = f.responsible || null;
    if (manage && changed('appraised')) body.appraised_score = f.appraised === '' ? null : Number(f.appraised);
    setBusy(true);
    setError(null);
    try { await put(`/api/v1/par/structures/${head.structure.id}/items/${enc(it.code)}`, body); onSaved(it.code); } catch (err) { setError(err); } finally { setBusy(false); }
  };
  const send = async (e) => {
    e.preventDefault();
    if (!file) return;
    setError(null);
    try {
      await upload(`/api/v1/par/structures/${head.structure.id}/items/${enc(it.code)}/files`, { agency: head.agency.id }, file, setProgress);
      setFile(null);
      onSaved(it.code, true);
    } catch (err) { setError(err); } finally { setProgress(null); }
  };

  return html`<div class="editor">
    <form onSubmit=${save} aria-label=${t('parScoreOf', { code: it.code })}>
      <div class="grid2">
        <${Field} type="select" label=${t('parFigure')} name="figure" value=${f.figure} onInput=${set('figure')} errors=${errors}>
          <option value="">${defaultFigure ? t('parFigureDefault', { name: (figures.find((x) => x.code === defaultFigure) || {}).source || defaultFigure }) : t('parFigureNone')}</option>
          ${defaultFigure && html`<option value="none">${t('parFigureNone')}</option>`}
          ${figures.filter((x) => x.code !== defaultFigure).map((x) => html`<option key=${x.code} value=${x.code}>${x.source}</option>`)}
        </${Field}>
        ${fromFigure ? html`<p class="hint">${t('parFromFigure')}</p>` : html`
          ${byValue && html`<${Field} type="number" label=${t('parValue')} name="value" value=${f.value} onInput=${set('value')} errors=${errors} min="0" step="0.01"
            hint=${it.scoring === 'proportion' ? t('parValueHint', { target: num(it.target), max: num(it.max_points) }) : `${t('parBands')}: ${bandsText(it.bands)}`} />`}
          <${ScoreField} it=${it} label=${byValue ? t('parSelfOr') : t('parSelf')} name="self_score" value=${f.self} onInput=${set('self')} errors=${errors} />`}
        ${manage && html`<${ScoreField} it=${it} label=${t('parAppraised')} name="appraised_score" value=${f.appraised} onInput=${set('appraised')} errors=${errors} />
          <${Field} type="select" label=${t('parResponsible')} name="responsible" value=${f.responsible} onInput=${set('responsible')} errors=${errors}>
            <option value="">${head.agency.name}</option>
            ${agencies.filter((a) => a.id !== head.agency.id && within(a.id)).map((a) => html`<option key=${a.id} value=${a.id}>${a.name}</option>`)}
          </${Field}>`}
      </div>
      <${Field} type="textarea" label=${t('parNote')} name="note" value=${f.note} onInput=${set('note')} errors=${errors} maxlength="2000" rows="2" />
      <${Alert} error=${error} />
      <button type="submit" disabled=${busy}>${t('save')}</button>
      <button type="button" class="secondary" onClick=${onCancel}>${t('cancel')}</button>
    </form>
    <form onSubmit=${send} class="upload" aria-label=${t('parEvidenceOf', { code: it.code })}>
      <div class="field"><label for="f-evidence">${t('parUpload')}</label>
        <input id="f-evidence" type="file" accept="application/pdf,image/jpeg,image/png" onChange=${(e) => setFile(e.target.files[0] || null)} /></div>
      ${progress !== null && html`<progress value=${progress} max="1" aria-label=${t('parUpload')}></progress>`}
      <button type="submit" class="secondary" disabled=${!file || progress !== null}>${t('parUploadButton')}</button>
    </form>
  </div>`;
}

// What a sub-criterion holds besides its points: kind, figure, value, unit, note, evidence.
function Facts({ it, scorings }) {
  return html`<ul class="facts-inline">
    <li>${scoringText(it.scoring, scorings)}${it.scoring === 'proportion' ? ` (${t('parTarget')} ${num(it.target)})` : ''}${it.scoring === 'scale' ? ` (${bandsText(it.bands)})` : ''}</li>
    ${it.figure && html`<li>${t('parFigure')}: <strong>${pct(it.figure_value)}</strong> <span class="muted">(${it.figure_source})</span></li>`}
    ${it.value !== null && it.value !== undefined && !it.from_figure && html`<li>${t('parValue')}: ${num(it.value)}</li>`}
    ${it.responsible && html`<li>${t('parResponsible')}: ${it.responsible.name}</li>`}
    ${it.note && html`<li class="prose">${t('parNote')}: ${it.note}</li>`}
    ${it.evidence && it.evidence.length > 0 && html`<li>${t('parEvidence')}: ${it.evidence.map((e, i) => html`${i ? ', ' : ''}<a key=${e.id} href=${e.url}>${e.name}</a>`)}</li>`}
  </ul>`;
}

// Loading a structure document (the committee): the report of what was read.
function Load({ onLoaded }) {
  const [file, setFile] = useState(null);
  const [report, setReport] = useState(null);
  const [error, setError] = useState(null);
  const send = async (e) => {
    e.preventDefault();
    setError(null);
    setReport(null);
    let body;
    try { body = JSON.parse(await file.text()); } catch { setError({ status: 0, text: t('parNotJson') }); return; }
    try {
      const r = await post('/api/v1/par/structures', body);
      setReport({ ok: true, ...r.report, id: r.structure.id });
      onLoaded(r.structure.id);
    } catch (err) {
      if (err.problem && err.problem.report) setReport({ ok: false, ...err.problem.report });
      else setError(err);
    }
  };
  return html`<details class="load"><summary>${t('parLoad')}</summary>
    <p class="hint">${t('parLoadHint')}</p>
    <form onSubmit=${send}>
      <div class="field"><label for="f-structure-file">${t('parLoadFile')}</label>
        <input id="f-structure-file" type="file" accept="application/json,.json" onChange=${(e) => setFile(e.target.files[0] || null)} /></div>
      <button type="submit" disabled=${!file}>${t('parLoadButton')}</button>
    </form>
    ${error && (error.text ? html`<p class="error" role="alert">${error.text}</p>` : html`<${Alert} error=${error} />`)}
    ${report && html`<div role="status"><p class=${report.ok ? 'ok' : 'error'}>${report.ok
      ? t('parLoaded', { n: num(report.items), points: num(report.max_points), w: num(report.warnings) })
      : t('parNotLoaded', { n: num(report.fatal) })}</p>
      ${report.problems.length > 0 && html`<ul>${report.problems.map((p, i) => html`<li key=${i}><code>${p.path}</code>${p.code ? ` (${p.code})` : ''}: ${p.message}
        ${p.fatal ? '' : html` <small class="muted">${t('parWarning')}</small>`}</li>`)}</ul>`}</div>`}
  </details>`;
}

// #/chi-so-cchc?structure=&agency=: the tree with its scores, and scoring for those allowed.
export function ParAssessment({ query, session }) {
  const picker = usePicker(query, session);
  const [data, setData] = useState(null);
  const [tree, setTree] = useState(null);
  const [error, setError] = useState(null);
  const [editing, setEditing] = useState(null);
  const [saved, setSaved] = useState(null);
  const [n, setN] = useState(0);
  const sid = picker.structure && picker.structure.id;

  useEffect(() => {
    if (!sid) return;
    setError(null);
    get(`/api/v1/par/structures/${sid}/assessment${picker.agency ? `?agency=${enc(picker.agency)}` : ''}`).then(setData).catch((e) => { setData(null); setError(e); });
  }, [sid, picker.agency, n]);
  useEffect(() => { if (sid) get(`/api/v1/par/structures/${sid}`).then(setTree).catch(() => {}); }, [sid]);

  if (!session.user) return html`<p>${t('error401')} <a href="#/dang-nhap">${t('login')}</a></p>`;
  const manage = session.can('manage_par');
  const to = (s, a) => `#/chi-so-cchc?structure=${s}&agency=${enc(a)}`;
  const defs = Object.fromEntries(((tree && tree.items) || []).map((x) => [x.code, x]));
  // the committee scores every sub-criterion; a unit those it answers for (all it sees, unless it also reads the whole)
  const mine = (it) => manage || (session.can('assess_par') && (!data.full || session.user.roles.some((r) => r.agency && r.agency === it.responsible.id)));
  const onSaved = (code, keep) => { setSaved(code); if (!keep) setEditing(null); setN(n + 1); };
  const here = data ? `?structure=${data.structure.id}&agency=${enc(data.agency.id)}` : '';
  const cols = 8;

  return html`<h1>${t('parTitle')}${data ? html`: ${data.agency.name}` : ''}</h1>
    <${ParNav} current="assess" query=${here} />
    ${!picker.list ? (picker.error ? html`<${Alert} error=${picker.error} />` : html`<${Loading} />`)
      : !picker.items.length ? html`<p>${t('parNoStructure')}</p>`
      : html`<${Picker} picker=${picker} agency=${data ? data.agency.id : picker.agency} to=${to} />`}
    <${Alert} error=${error} />
    ${saved && html`<p class="ok" role="status">${t('parSaved', { code: saved })}</p>`}
    ${data && html`<${Head} head=${data} />
      <div class="scroll"><table class="par">
        <caption>${data.structure.year} — ${data.structure.name}</caption>
        <thead><tr><th scope="col">${t('parCode')}</th><th scope="col">${t('parItem')}</th><th scope="col">${t('maxPoints')}</th>
          <th scope="col">${t('parSelf')}</th><th scope="col">${t('parAppraised')}</th><th scope="col">${t('points')}</th>
          <th scope="col">${t('parLoss')}</th><th scope="col"><span class="sr-only">${t('actions')}</span></th></tr></thead>
        <tbody>${data.items.map((it) => [html`<tr key=${it.code} class=${`d${it.depth}`}>
          <td>${it.code}</td>
          <th scope="row">${it.name}${it.leaf && html`<${Facts} it=${it} scorings=${picker.list.scorings} />`}</th>
          <td>${num(it.max_points)}</td><td>${num(it.self_score)}</td><td>${it.leaf ? num(it.appraised_score) : ''}</td>
          <td>${num(it.score)}</td><td class=${it.loss > 0 ? 'loss' : ''}>${num(it.loss)}</td>
          <td>${it.leaf && mine(it) && html`<button type="button" class="small secondary" aria-expanded=${editing === it.code ? 'true' : 'false'}
            aria-label=${t('parScoreOf', { code: it.code })} onClick=${() => { setSaved(null); setEditing(editing === it.code ? null : it.code); }}>${t('parEdit')}</button>`}</td>
        </tr>`, editing === it.code && html`<tr key=${`${it.code}-edit`} class="edit"><td colspan=${cols}>
          <${Editor} it=${it} def=${defs[it.code]} head=${data} figures=${picker.list.figures} agencies=${picker.agencies}
            manage=${manage} onSaved=${onSaved} onCancel=${() => setEditing(null)} /></td></tr>`])}
        </tbody></table></div>`}
    ${manage && picker.list && html`<${Load} onLoaded=${(id) => { picker.reload(); location.hash = `#/chi-so-cchc?structure=${id}`; }} />`}`;
}

// A loss as a bar against the largest of the list, and its number.
const Loss = ({ loss, top }) => html`<td class="gauge-cell"><span class="gauge loss" aria-hidden="true"><span style=${{ width: `${(100 * loss) / (top || 1)}%` }}></span></span>
  <strong>${num(loss)}</strong></td>`;

function LossTable({ by, losses }) {
  if (!losses.length) return html`<p>${t('parNoLoss')}</p>`;
  const top = Math.max(...losses.map((x) => x.loss));
  const heads = {
    criterion: ['parCode', 'parSub', 'parArea', 'parResponsible', 'maxPoints', 'points', 'parLoss'],
    area: ['parCode', 'parArea', 'maxPoints', 'points', 'parLoss'],
    unit: ['parResponsible', 'parItems', 'parLosing', 'maxPoints', 'points', 'parLoss'],
  }[by];
  const row = {
    criterion: (x) => html`<td>${x.code}</td><th scope="row">${x.name}</th><td>${x.area.code}. ${x.area.name}</td><td>${x.responsible.name}</td>`,
    area: (x) => html`<td>${x.code}</td><th scope="row">${x.name}</th>`,
    unit: (x) => html`<th scope="row">${x.agency.name}</th><td>${num(x.items)}</td><td>${num(x.losing)}</td>`,
  }[by];
  return html`<div class="scroll"><table class="losses">
    <caption class="sr-only">${t(`parBy_${by}`)}</caption>
    <thead><tr><th scope="col">#</th>${heads.map((h) => html`<th scope="col" key=${h}>${t(h)}</th>`)}</tr></thead>
    <tbody>${losses.map((x, i) => html`<tr key=${x.code || x.agency.id}><td>${i + 1}</td>${row(x)}
      <td>${num(x.max_points)}</td><td>${num(x.score)}</td><${Loss} loss=${x.loss} top=${top} /></tr>`)}</tbody></table></div>`;
}

function Ranking({ ranking, structure }) {
  if (!ranking.units.length) return html`<p>${t('emptyList')}</p>`;
  return html`<div class="scroll"><table>
    <thead><tr><th scope="col">${t('rank')}</th><th scope="col">${t('unit')}</th><th scope="col">${t('points')}</th><th scope="col">${t('parSelf')}</th>
      <th scope="col">${t('maxPoints')}</th><th scope="col">${t('parLoss')}</th><th scope="col">${t('parAssessed')}</th></tr></thead>
    <tbody>${ranking.units.map((u) => html`<tr key=${u.agency.id}><td>${u.rank}</td>
      <th scope="row"><a href=${`#/chi-so-cchc/mat-diem?structure=${structure}&agency=${enc(u.agency.id)}`}>${u.agency.name}</a></th>
      <td>${num(u.score)}</td><td>${num(u.self_score)}</td><td>${num(u.max_points)}</td><td>${num(u.loss)}</td><td>${num(u.assessed)} / ${num(u.leaves)}</td></tr>`)}
    </tbody></table></div>`;
}

// #/chi-so-cchc/mat-diem?structure=&agency=&by=: the criteria losing points, by criterion, area or unit.
export function ParLosses({ query, session }) {
  const picker = usePicker(query, session);
  const whole = session.can('view_par', 'manage_par');
  const by = whole && BY.includes(query.get('by')) ? query.get('by') : 'criterion';
  const [data, setData] = useState(null);
  const [ranking, setRanking] = useState(null);
  const [error, setError] = useState(null);
  const sid = picker.structure && picker.structure.id;
  const scope = picker.structure && picker.structure.scope;

  useEffect(() => {
    if (!sid) return;
    setData(null);
    setError(null);
    const a = picker.agency ? `&agency=${enc(picker.agency)}` : '';
    get(`/api/v1/par/structures/${sid}/losses?by=${by}${a}`).then(setData).catch(setError);
  }, [sid, picker.agency, by]);
  useEffect(() => {
    setRanking(null);
    if (sid && whole && scope === 'unit') get(`/api/v1/par/structures/${sid}/ranking`).then(setRanking).catch(() => {});
  }, [sid, scope, whole]);

  if (!session.user) return html`<p>${t('error401')} <a href="#/dang-nhap">${t('login')}</a></p>`;
  const agencyId = data ? data.agency.id : picker.agency;
  const to = (s, a, b = by) => `#/chi-so-cchc/mat-diem?structure=${s}&agency=${enc(a)}&by=${b}`;
  const here = data ? `?structure=${data.structure.id}&agency=${enc(data.agency.id)}` : '';

  return html`<h1>${t('parLossesTitle')}${data ? html`: ${data.agency.name}` : ''}</h1>
    <${ParNav} current="losses" query=${here} />
    ${!picker.list ? (picker.error ? html`<${Alert} error=${picker.error} />` : html`<${Loading} />`)
      : !picker.items.length ? html`<p>${t('parNoStructure')}</p>`
      : html`<${Picker} picker=${picker} agency=${agencyId} to=${to} />`}
    ${whole && sid && html`<nav class="subnav switch" aria-label=${t('parByLabel')}>${BY.map((b) => html`<a key=${b}
      href=${to(sid, agencyId, b)} aria-current=${b === by ? 'page' : undefined}>${t(`parBy_${b}`)}</a>`)}</nav>`}
    <${Alert} error=${error} />
    ${!data ? !error && sid && html`<${Loading} />` : html`<section aria-labelledby="h-losses">
      <h2 id="h-losses">${t(`parBy_${data.by}`)}</h2>
      <${Head} head=${data} />
      <${LossTable} by=${data.by} losses=${data.losses} /></section>`}
    ${ranking && html`<section aria-labelledby="h-par-rank"><h2 id="h-par-rank">${t('parRanking')}</h2>
      <${Ranking} ranking=${ranking} structure=${sid} /></section>`}`;
}
