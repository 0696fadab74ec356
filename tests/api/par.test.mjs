// The PAR INDEX: the example structure loaded, a self-assessment of the province whose losses are
// worked out by hand, a linked figure that follows the dossiers, the structure applied to units and
// ranked, evidence, who sees and scores what, the external indices by year, and what bad input
// gets. The assessed year is 2025, a past year: nothing depends on the day the test runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, as, problem, sql, motcua, BIN, ROOT, A, dossierBody } from './helpers.mjs';
import { xlsx } from './xlsx.mjs';

const EXAMPLE = JSON.parse(readFileSync(join(ROOT, 'docs/examples/par-index-example.json'), 'utf8'));
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

let server, steering, auditor, jprocessor, processor1, structure;
after(async () => { await server.stop(); });

// Unix seconds of a local (UTC+7) time "YYYY-MM-DD HH:MM".
const at = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10), +s.slice(11, 13) - 7, +s.slice(14, 16)) / 1000;

// A dossier received at commune 1's counter and finished, moved into 2025 (as reports.test.mjs does).
async function finished(received, due, done) {
  const desk = await as(server, 'receiver1');
  const r = await desk.post('/api/v1/dossiers', dossierBody({ summary: `Hồ sơ ${received}` }));
  assert.equal(r.status, 201, r.text);
  sql(server.db, `UPDATE dossiers SET status = 9, submitted_at = ${at(received)}, received_at = ${at(received)},
    due_at = ${at(due)}, original_due_at = ${at(due)}, finished_at = ${at(done)} WHERE code = '${r.json.code}'`);
  motcua('report', 'rebuild', '--db', server.db);
  return r.json.code;
}

before(async () => {
  server = await startServer({ check: false }); // dossiers moved into the past field by field
  steering = await as(server, 'steering');
  auditor = await as(server, 'auditor');
  jprocessor = await as(server, 'jprocessor'); // a processor of the justice department
  processor1 = await as(server, 'processor1'); // a processor of commune 1
  // two dossiers of 2025 finished before their due time
  await finished('2025-03-03 08:00', '2025-03-10 16:00', '2025-03-07 09:00');
  await finished('2025-03-04 08:00', '2025-03-11 16:00', '2025-03-11 10:00');
});

const put = (who, code, body, id = structure) => who.put(`/api/v1/par/structures/${id}/items/${code}`, body);
const assessment = async (who, agency, id = structure) => {
  const r = await who.get(`/api/v1/par/structures/${id}/assessment?agency=${agency}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
};
const item = (a, code) => a.items.find((x) => x.code === code);

test('the example structure loads whole and says it is an example', async () => {
  const r = await steering.post('/api/v1/par/structures', EXAMPLE);
  assert.equal(r.status, 201, r.text);
  structure = r.json.structure.id;
  assert.equal(r.headers.get('location'), `/api/v1/par/structures/${structure}`);
  assert.deepEqual(r.json.report, { items: 82, max_points: 100, fatal: 0, warnings: 0, problems: [] });
  assert.equal(r.json.structure.example, true);
  assert.match(r.json.structure.name, /VÍ DỤ/);
  assert.match(r.json.structure.source, /không phải bảng điểm chính thức/);
  const list = await auditor.get('/api/v1/par/structures?year=2025');
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.json.items.map((s) => s.id), [structure]);
  assert.ok(list.json.figures.some((f) => f.code === 'on_time'));
  assert.ok(!list.json.figures.some((f) => f.code === 'reuse')); // not recorded: not a figure
  assert.deepEqual(list.json.scorings.map((s) => s.code), ['yes_no', 'proportion', 'scale', 'survey']);
  const one = await jprocessor.get(`/api/v1/par/structures/${structure}`);
  assert.equal(one.json.items.length, 82);
  // the eight areas of a province, in order
  assert.deepEqual(one.json.items.filter((x) => x.depth === 1).map((x) => x.code), ['1', '2', '3', '4', '5', '6', '7', '8']);
  assert.deepEqual(item(one.json, '3.2.1'), { code: '3.2.1', name: 'Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn', depth: 3, leaf: true,
    max_points: 3, scoring: 'proportion', target: 100, bands: null, figure: 'on_time' });
  assert.deepEqual(item(one.json, '1.2.1').bands, [{ from: 0, points: 0 }, { from: 75, points: 1 }, { from: 100, points: 2 }]);
});

test('a self-assessment of the province: the points lost, worked out by hand', async () => {
  const p = A.province;
  const ok = async (code, body) => {
    const r = await put(steering, code, { agency: p, ...body });
    assert.equal(r.status, 200, `${code}: ${r.text}`);
    return r.json;
  };
  // the figures of the catalog (procedures published on time, complete, online) are the fixtures':
  // here they are scored by hand instead
  await ok('3.1.1', { figure: 'none' });
  assert.equal((await ok('3.1.2', { figure: 'none', self_score: 1.5 })).score, 1.5);
  assert.equal((await ok('7.2.1', { figure: 'none', value: 50 })).score, 1); // 2 × 50 / 100
  assert.equal((await ok('1.1.1', { self_score: 1 })).score, 1);
  assert.equal((await ok('1.1.2', { value: 80 })).score, 1.6); // 2 × 80 / 100
  assert.equal((await ok('1.2.1', { value: 90 })).score, 1); // the band from 75
  // the appraisal takes the place of the self score
  const justice = await ok('2.2.1', { self_score: 2, appraised_score: 0, responsible: A.justice });
  assert.deepEqual([justice.self_score, justice.appraised_score, justice.score, justice.loss], [2, 0, 0, 2]);
  assert.deepEqual(justice.responsible, { id: A.justice, name: 'Sở Tư pháp' });
  await ok('5.1.1', { self_score: 2, responsible: A.justice });
  await ok('8.1.1', { appraised_score: 3.75 });

  const a = await assessment(steering, p);
  // on time: both dossiers of 2025 were finished in time, 100 % of the target, 3 points
  assert.deepEqual([item(a, '3.2.1').figure_value, item(a, '3.2.1').self_score, item(a, '3.2.1').from_figure], [100, 3, true]);
  // online and electronic results: none of the two (0 points); no feedback, no rating: nothing measured
  assert.equal(item(a, '7.2.2').figure_value, 0);
  assert.equal(item(a, '7.3.1').figure_value, 0);
  assert.equal(item(a, '3.3.1').figure_value, null);
  assert.equal(item(a, '8.2.1').figure_value, null);
  assert.equal(item(a, '3.1.1').figure, null);
  // area by area: 1: 1 + 1.6 + 1 of 9; 2: 0 of 8; 3: 1.5 + 3 of 12; 4: 0 of 7; 5: 2 of 10;
  // 6: 0 of 7; 7: 1 of 12; 8: 3.75 of 35 — in all 14.85 of 100
  assert.deepEqual([a.max_points, a.score, a.loss, a.self_score], [100, 14.85, 85.15, 13.1]);
  assert.equal(a.leaves, 47);
  assert.equal(a.from, '2025-01-01');
  assert.equal(a.to, '2025-12-31');
  assert.deepEqual([item(a, '1').score, item(a, '1').loss, item(a, '1.1').score], [3.6, 5.4, 2.6]);

  let r = await auditor.get(`/api/v1/par/structures/${structure}/losses?agency=${p}&by=area`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.losses.map((x) => [x.code, x.loss]),
    [['8', 31.25], ['7', 11], ['2', 8], ['5', 8], ['3', 7.5], ['4', 7], ['6', 7], ['1', 5.4]]);
  r = await steering.get(`/api/v1/par/structures/${structure}/losses?agency=${p}`);
  assert.equal(r.json.by, 'criterion');
  // 47 sub-criteria, of which 1.1.1, 3.1.2, 3.2.1 and 5.1.1 lose nothing
  assert.equal(r.json.losses.length, 43);
  assert.deepEqual(r.json.losses.slice(0, 6).map((x) => x.code), ['8.1.2', '8.1.3', '8.2.1', '8.3.1', '8.3.2', '8.3.3']);
  const lost = Object.fromEntries(r.json.losses.map((x) => [x.code, x.loss]));
  assert.deepEqual([lost['8.1.1'], lost['1.2.1'], lost['1.1.2'], lost['2.2.1'], lost['3.2.1']], [1.25, 1, 0.4, 2, undefined]);
  assert.deepEqual(r.json.losses[0].area, { code: '8', name: EXAMPLE.items.find((x) => x.code === '8').name });
  r = await steering.get(`/api/v1/par/structures/${structure}/losses?agency=${p}&by=unit`);
  assert.deepEqual(r.json.losses.map((x) => [x.agency.id, x.items, x.losing, x.max_points, x.score, x.loss]),
    [[p, 45, 42, 96, 12.85, 83.15], [A.justice, 2, 1, 4, 2, 2]]);
});

test('the unit responsible sees and scores its sub-criteria, and nothing else', async () => {
  const p = A.province;
  const mine = await assessment(jprocessor, p);
  assert.equal(mine.full, false);
  assert.equal(mine.score, null);
  assert.deepEqual(mine.items.map((x) => x.code), ['2', '2.2', '2.2.1', '5', '5.1', '5.1.1']);
  assert.equal(item(mine, '2').score, null);
  let r = await put(jprocessor, '5.1.1', { agency: p, self_score: 2, note: 'Đề án vị trí việc làm đã được phê duyệt' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.note, 'Đề án vị trí việc làm đã được phê duyệt');
  problem(null, await put(jprocessor, '5.1.1', { agency: p, appraised_score: 2 }), 403);
  problem(null, await put(jprocessor, '5.1.1', { agency: p, responsible: A.building }), 403);
  problem(null, await put(jprocessor, '1.1.1', { agency: p, self_score: 1 }), 403);
  problem(null, await put(auditor, '1.1.1', { agency: p, self_score: 1 }), 403);
  r = await jprocessor.get(`/api/v1/par/structures/${structure}/losses?agency=${p}`);
  assert.deepEqual(r.json.losses.map((x) => x.code), ['2.2.1']);
  problem(null, await jprocessor.get(`/api/v1/par/structures/${structure}/losses?agency=${p}&by=area`), 403);
  // a commune's officer is responsible for nothing of the province's
  problem(null, await processor1.get(`/api/v1/par/structures/${structure}/assessment?agency=${p}`), 403);
  problem(null, await jprocessor.get(`/api/v1/par/structures/${structure}/ranking?agency=${p}`), 403);
});

test('a linked figure follows the dossiers: one finished late lowers the on-time self-score', async () => {
  let a = await assessment(steering, A.province);
  assert.deepEqual([item(a, '3.2.1').figure_value, item(a, '3.2.1').self_score], [100, 3]);
  await finished('2025-04-01 08:00', '2025-04-04 16:00', '2025-04-08 10:00');
  a = await assessment(steering, A.province);
  // two of three on time: 66.67 %, 3 × 2 / 3 = 2 points
  assert.deepEqual([item(a, '3.2.1').figure_value, item(a, '3.2.1').self_score, item(a, '3.2.1').loss], [66.67, 2, 1]);
  assert.equal(a.score, 13.85);
  // the same share as the resolution report of the year
  const report = await steering.get(`/api/v1/reports/resolution?agency=${A.province}&from=2025-01-01&to=2025-12-31`);
  assert.equal(report.json.rows.find((x) => x.key === A.commune1).on_time_rate, 66.67);
  // a figure a sub-criterion is linked to gives its self score: one by hand is refused
  problem(null, await put(steering, '3.2.1', { agency: A.province, self_score: 3 }), 422, 'self_score');
  problem(null, await put(steering, '3.2.1', { agency: A.province, value: 100 }), 422, 'value');
});

test('the structure applied to two communes, ranked', async () => {
  // both have the catalog's figures; commune 1 its on-time share too (2 of 3: 2 points)
  for (const [agency, scores] of [[A.commune1, { '1.1.1': 1 }], [A.commune2, { '1.1.1': 1, '5.1.1': 2, '4.1.1': 1.5 }]])
    for (const [code, self] of Object.entries(scores))
      assert.equal((await put(steering, code, { agency, self_score: self })).status, 200);
  const c1 = await assessment(steering, A.commune1), c2 = await assessment(steering, A.commune2);
  assert.equal(item(c1, '3.2.1').self_score, 2);
  assert.equal(item(c2, '3.2.1').figure_value, null); // no dossier of commune 2 in 2025
  const r = await auditor.get(`/api/v1/par/structures/${structure}/ranking?agency=${A.province}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.units.map((u) => [u.rank, u.agency.id]), [[1, A.commune2], [2, A.commune1]]);
  // 1 + 2 + 1.5 against 1 + 2, the rest alike
  assert.equal(Math.round((r.json.units[0].score - r.json.units[1].score) * 100) / 100, 1.5);
  assert.deepEqual([r.json.units[0].score, r.json.units[1].score], [c2.score, c1.score]);

  // an internal index of the departments and communes: ties share a rank
  const s = await steering.post('/api/v1/par/structures', { year: 2025, scope: 'unit', name: 'Chỉ số CCHC nội bộ (thử)', items: [
    { code: '1', name: 'Chỉ đạo, điều hành', max_points: 2 },
    { code: '1.1', name: 'Kế hoạch', max_points: 1, scoring: 'yes_no' },
    { code: '1.2', name: 'Báo cáo', max_points: 1, scoring: 'yes_no' }] });
  assert.equal(s.status, 201, s.text);
  const id = s.json.structure.id;
  for (const [agency, n] of [[A.justice, 1], [A.building, 1], [A.commune1, 2]])
    for (const code of ['1.1', '1.2'].slice(0, n))
      assert.equal((await put(steering, code, { agency, self_score: 1 }, id)).status, 200);
  const ranked = await steering.get(`/api/v1/par/structures/${id}/ranking`);
  assert.deepEqual(ranked.json.units.map((u) => [u.rank, u.agency.id, u.score]),
    [[1, A.commune1, 2], [2, A.justice, 1], [2, A.building, 1]].sort((x, y) => x[0] - y[0] || x[1].localeCompare(y[1])));
});

test('evidence: uploaded by those who score, read by those who see', async () => {
  const upload = async (who, code, fields, bytes = PDF, name = 'ke hoach.pdf') => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (bytes) form.append('file', new Blob([bytes]), name);
    const r = await fetch(`${server.base}/api/v1/par/structures/${structure}/items/${code}/files`,
      { method: 'POST', body: form, headers: { Cookie: who.cookie, 'X-CSRF-Token': who.csrf } });
    const text = await r.text();
    return { status: r.status, text, json: text ? JSON.parse(text) : null, headers: r.headers };
  };
  const f = await upload(steering, '1.1.1', { agency: A.province });
  assert.equal(f.status, 201, f.text);
  assert.equal(f.json.content_type, 'application/pdf');
  assert.equal(f.json.url, `/api/v1/par/files/${f.json.id}`);
  const a = await assessment(auditor, A.province);
  assert.deepEqual(item(a, '1.1.1').evidence.map((x) => x.id), [f.json.id]);
  const g = await fetch(server.base + f.json.url, { headers: { Cookie: auditor.cookie } });
  assert.equal(g.status, 200);
  assert.deepEqual(Buffer.from(await g.arrayBuffer()), PDF);
  assert.equal((await processor1.get(f.json.url)).status, 404);
  // the justice department attaches to what it is responsible for, and reads it back
  const j = await upload(jprocessor, '5.1.1', { agency: A.province });
  assert.equal(j.status, 201, j.text);
  assert.equal((await fetch(server.base + j.json.url, { headers: { Cookie: jprocessor.cookie } })).status, 200);
  assert.equal((await fetch(server.base + f.json.url, { headers: { Cookie: jprocessor.cookie } })).status, 404);
  problem(null, await upload(jprocessor, '1.1.1', { agency: A.province }), 403);
  problem(null, await upload(steering, '1.1.1', { agency: A.province }, null), 422, 'file');
  problem(null, await upload(steering, '1.1.1', {}), 422, 'agency');
  problem(null, await upload(steering, '1.1.1', { agency: '000.00.99.H88' }), 422, 'agency');
  problem(null, await upload(steering, '1.1.1', { agency: A.province }, Buffer.from('chỉ là chữ'), 'x.txt'), 415);
  problem(null, await upload(steering, '1', { agency: A.province }), 422);
  problem(null, await upload(steering, '9.9', { agency: A.province }), 404);
  const audit = sql(server.db, "SELECT count(*) FROM audit_log WHERE action = 'par.evidence'");
  assert.equal(audit, '2');
});

test('scores that do not fit their criterion get 422 with the field', async () => {
  const p = A.province;
  const bad = async (code, body, field) => problem(null, await put(steering, code, { agency: p, ...body }), 422, field);
  await bad('1.1.1', { self_score: 0.5 }, 'self_score'); // yes/no: 0 or 1
  await bad('1.1.1', { self_score: 3 }, 'self_score');
  await bad('1.1.1', { value: 50 }, 'value'); // only a proportion or a scale
  await bad('1.2.1', { self_score: 1.5 }, 'self_score'); // a scale: one of its bands
  await bad('1.1.2', { value: 50, self_score: 1 }, 'value');
  await bad('1.1.2', { value: -5 }, 'value');
  await bad('8.1.1', { appraised_score: 6 }, 'appraised_score');
  await bad('1.1.1', { figure: 'weather' }, 'figure');
  await bad('1.1.1', { responsible: '000.00.99.H88' }, 'responsible');
  await bad('1.1.1', { responsible: A.other }, 'responsible'); // another province's tree
  await bad('1.1.1', { note: 'x'.repeat(2001) }, 'note');
  await bad('1.1.1', { points: 1 }, 'points');
  problem(null, await put(steering, '1.1.1', { self_score: 1 }), 422, 'agency');
  problem(null, await put(steering, '1.1.1', { agency: '000.00.99.H88', self_score: 1 }), 422, 'agency');
  problem(null, await put(steering, '1', { agency: p, self_score: 1 }), 422);
  problem(null, await put(steering, '9.9.9', { agency: p, self_score: 1 }), 404);
  problem(null, await put(steering, '1.1.1', { agency: p, self_score: 1 }, 999999), 404);
  problem(null, await steering.get(`/api/v1/par/structures/${structure}/losses?by=month`), 400);
  problem(null, await steering.get(`/api/v1/par/structures/${structure}/assessment?agency=nowhere`), 400);
  // a null clears: the appraisal of 2.2.1 taken back, its self score counts again
  const r = await put(steering, '2.2.1', { agency: p, appraised_score: null });
  assert.deepEqual([r.json.appraised_score, r.json.score], [null, 2]);
});

test('a structure with a fatal problem is not stored; warnings are reported with it stored', async () => {
  const before = sql(server.db, 'SELECT count(*) FROM par_structures');
  const broken = structuredClone(EXAMPLE);
  broken.items.find((x) => x.code === '1.1.1').max_points = 5; // 5 + 2 under 1.1's 3
  broken.items.find((x) => x.code === '3.2.1').figure = 'weather';
  broken.items.push({ code: '9.1', name: 'Không có lĩnh vực 9', max_points: 1, scoring: 'yes_no' });
  broken.year = 1999;
  let r = await steering.post('/api/v1/par/structures', broken);
  problem(null, r, 422, 'items[1].max_points');
  const fields = r.json.errors.map((x) => x.field);
  assert.ok(fields.includes('year'), fields);
  assert.ok(fields.includes(`items[${broken.items.findIndex((x) => x.code === '3.2.1')}].figure`), fields);
  assert.ok(fields.includes(`items[${broken.items.length - 1}].code`), fields);
  assert.equal(r.json.report.fatal, 4);
  assert.equal(sql(server.db, 'SELECT count(*) FROM par_structures'), before);
  r = await steering.post('/api/v1/par/structures', { year: 2026, name: 'Chưa chia hết điểm', extra: 1, items: [
    { code: '1', name: 'Lĩnh vực', max_points: 10 }, { code: '1.1', name: 'Tiêu chí', max_points: 4, scoring: 'survey', target: 3 }] });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.report.problems.map((x) => [x.path, x.fatal]),
    [['extra', false], ['items[1].target', false], ['items[0].max_points', false]]);
  problem(null, await steering.post('/api/v1/par/structures', { year: 2026 }), 422, 'name');
  problem(null, await jprocessor.post('/api/v1/par/structures', EXAMPLE), 403);
});

test('a point table from a spreadsheet: its header in words, each problem with its row', async () => {
  const upload = async (rows, fields) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([xlsx(rows)]), 'bang-diem.xlsx');
    const r = await fetch(`${server.base}/api/v1/par/structures/import`, { method: 'POST', body: form, headers: { Cookie: steering.cookie, 'X-CSRF-Token': steering.csrf } });
    return { status: r.status, json: await r.json() };
  };
  const rows = [
    ['BẢNG ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CẤP XÃ'],
    ['Mã', 'Lĩnh vực, tiêu chí', 'Điểm tối đa', 'Cách chấm', 'Mục tiêu', 'Thang điểm', 'Số liệu'],
    ['1', 'Công tác chỉ đạo, điều hành', 10],
    ['1.1', 'Kế hoạch cải cách hành chính', 4],
    ['1.1.1', 'Ban hành kế hoạch đúng hạn', 2, 'yes_no'],
    ['1.1.2', 'Mức độ hoàn thành kế hoạch', 2, 'scale', '', '0:0; 80:1; 100:2'],
    ['1.2', 'Giải quyết hồ sơ đúng hạn', '6', 'proportion', '100', '', 'on_time'],
    ['2', 'Chính quyền số', 'mười'],
  ];
  let r = await upload(rows, { year: '2025', scope: 'unit', name: 'Chỉ số CCHC cấp xã 2025' });
  assert.equal(r.status, 422, JSON.stringify(r.json));
  const bad = r.json.report.problems.filter((p) => p.fatal);
  assert.deepEqual([...new Set(bad.map((p) => `${p.line} ${p.code}`))], ['8 2'], JSON.stringify(bad));
  assert.ok(bad.some((p) => /"mười" is not a number/.test(p.message)));
  r = await upload(rows.slice(0, -1), { year: '2025', scope: 'unit', name: 'Chỉ số CCHC cấp xã 2025' });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(r.json.report.items, 5);
  assert.equal(r.json.structure.max_points, 10);
  const got = (await steering.get(`/api/v1/par/structures/${r.json.structure.id}`)).json;
  const item = got.items.find((i) => i.code === '1.2');
  assert.deepEqual([item.scoring, item.target, item.figure], ['proportion', 100, 'on_time']);
  // the head is needed too
  r = await upload(rows.slice(0, -1), { name: 'Không có năm' });
  assert.equal(r.status, 422);
  assert.ok(r.json.errors.some((x) => x.field === 'year'), JSON.stringify(r.json.errors));
});

test('motcua par load prints the report and stores nothing when an error is found', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-par-'));
  try {
    const db = join(dir, 'p.db');
    assert.match(motcua('par', 'load', '--db', db, join(ROOT, 'docs/examples/par-index-example.json')),
      /^structure 1 stored: 2025, VÍ DỤ .*: 82 items, 100\.00 points \(an example\)$/m);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ year: 2025, name: 'Sai', items: [{ code: '1', name: 'A', max_points: 'hai', scoring: 'yes_no' }] }));
    const r = spawnSync(BIN, ['par', 'load', '--db', db, join(dir, 'bad.json')], { encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^error: items\[0\]\.max_points \(1\): "hai" is not a number$/m);
    assert.match(r.stdout, /^nothing stored: 1 error$/m);
    assert.equal(sql(db, 'SELECT count(*) FROM par_structures'), '1');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the external indices by year, as series for their trends', async () => {
  const set = (who, body) => who.put('/api/v1/indices', body);
  for (const [year, score, rank] of [[2023, 82.1, 30], [2025, 86.4, 12], [2024, 84, 21]]) {
    const r = await set(steering, { kind: 'par_index', year, agency: A.province, score, rank, source: 'Quyết định công bố của Bộ Nội vụ' });
    assert.equal(r.status, 200, r.text);
  }
  let r = await set(steering, { kind: 'par_index', year: 2024, agency: A.province, score: 84.5, rank: 20, source: 'Bộ Nội vụ (đính chính)', note: 'Đính chính' });
  assert.deepEqual([r.json.score, r.json.rank, r.json.kind, r.json.agency.id], [84.5, 20, 'par_index', A.province]);
  assert.equal((await set(steering, { kind: 'ddci', year: 2025, agency: A.justice, score: 71.2, source: 'Khảo sát DDCI của tỉnh' })).status, 200);
  assert.equal((await set(steering, { kind: 'sipas', year: 2025, agency: A.province, score: 88.9, rank: null, source: 'Bộ Nội vụ' })).status, 200);
  r = await jprocessor.get(`/api/v1/indices?kind=par_index&agency=${A.province}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.series.length, 1);
  assert.deepEqual(r.json.series[0].values.map((v) => [v.year, v.score, v.rank]), [[2023, 82.1, 30], [2024, 84.5, 20], [2025, 86.4, 12]]);
  assert.equal(r.json.series[0].values[1].note, 'Đính chính');
  r = await auditor.get('/api/v1/indices?from=2025');
  assert.deepEqual(r.json.kinds.map((k) => k.code), ['par_index', 'sipas', 'papi', 'pci', 'ddci']);
  assert.deepEqual(r.json.series.map((s) => [s.kind, s.agency.id, s.values.length]),
    [['par_index', A.province, 1], ['sipas', A.province, 1], ['ddci', A.justice, 1]]);
  const bad = async (body, field) => problem(null, await set(steering, { kind: 'pci', year: 2025, agency: A.province, score: 70, source: 'VCCI', ...body }), 422, field);
  await bad({ kind: 'gdp' }, 'kind');
  await bad({ year: 1990 }, 'year');
  await bad({ score: -1 }, 'score');
  await bad({ rank: 0 }, 'rank');
  await bad({ source: null }, 'source');
  await bad({ agency: '000.00.99.H88' }, 'agency');
  problem(null, await set(jprocessor, { kind: 'pci', year: 2025, agency: A.province, score: 70, source: 'VCCI' }), 403);
  problem(null, await auditor.get('/api/v1/indices?kind=gdp'), 400);
});

test("the figure plan_completion: the share of the year's reform tasks done, by the units of the subject", async () => {
  const p = await steering.post('/api/v1/plans', { kind: 'yearly', year: 2025, title: 'Kế hoạch cải cách hành chính năm 2025' });
  assert.equal(p.status, 201, p.text);
  const add = async (no, lead, done) => {
    const r = await steering.post(`/api/v1/plans/${p.json.id}/tasks`, { no, title: `Nhiệm vụ ${no}`, lead, deadline: '2025-06-30' });
    assert.equal(r.status, 201, r.text);
    if (done) assert.equal((await steering.patch(`/api/v1/tasks/${r.json.id}`, { done_on: done, version: r.json.version })).status, 200);
  };
  await add('1', A.commune1, '2025-06-02');
  await add('2', A.commune1, null);
  await add('3', A.justice, '2025-07-15'); // done late: done all the same
  const list = await steering.get('/api/v1/par/structures');
  assert.deepEqual(list.json.figures.find((f) => f.code === 'plan_completion'), { code: 'plan_completion', source: 'plans' });
  const r = await put(steering, '1.1.2', { agency: A.province, figure: 'plan_completion', value: null });
  assert.equal(r.status, 200, r.text);
  let x = item(await assessment(steering, A.province), '1.1.2');
  assert.deepEqual([x.figure, x.figure_source, x.figure_value, x.self_score, x.from_figure], ['plan_completion', 'plans', 66.67, 1.33, true]);
  // a commune's own assessment counts the tasks its units lead: one of two
  assert.equal((await put(steering, '1.1.2', { agency: A.commune1, figure: 'plan_completion' })).status, 200);
  const c1 = item(await assessment(steering, A.commune1), '1.1.2');
  assert.deepEqual([c1.figure_value, c1.self_score], [50, 1]);
  assert.equal((await put(steering, '1.1.2', { agency: A.province, figure: 'none', value: 80 })).status, 200);
  x = item(await assessment(steering, A.province), '1.1.2');
  assert.deepEqual([x.figure, x.figure_value, x.score], [null, null, 1.6]);
});
