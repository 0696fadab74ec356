// Reports read from the statistics counters: known answers worked out by hand,
// the same numbers in JSON, XLSX and PDF, and scope.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, as, problem, sql, motcua, A, PROC, dossierBody } from './helpers.mjs';

let server, admin;
after(async () => { await server.stop(); });
afterEach(() => server.verifyStats());

// Unix seconds of a local (UTC+7) time "YYYY-MM-DD HH:MM".
const at = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10), +s.slice(11, 13) - 7, +s.slice(14, 16)) / 1000;

// The fixed set: dossiers received through the API, then moved into the past by
// hand (with `report rebuild`, as an operator would after editing data).
const FIXED = {
  // commune 1
  A: { agency: A.commune1, channel: 1, status: 10, received: '2025-12-20 08:00', due: '2026-01-10 16:00', finished: '2026-01-05 09:00', returned: '2026-01-06 09:00' },
  B: { agency: A.commune1, channel: 1, status: 4, received: '2025-12-22 08:00', due: '2026-01-15 16:00' },
  C: { agency: A.commune1, channel: 1, status: 9, received: '2026-02-02 08:00', due: '2026-02-05 16:00', finished: '2026-02-05 10:00' },
  D: { agency: A.commune1, channel: 2, status: 9, received: '2026-02-03 08:00', due: '2026-02-06 16:00', finished: '2026-02-10 10:00' },
  E: { agency: A.commune1, channel: 3, status: 4, received: '2026-03-10 08:00', due: '2026-04-10 16:00' },
  F: { agency: A.commune1, channel: 1, status: 7, received: '2026-03-11 08:00', due: '2026-04-11 16:00', closed: '2026-03-12 09:00' },
  G: { agency: A.commune1, channel: 1, status: 4, received: '2026-04-02 08:00', due: '2026-04-20 16:00' },
  H: { agency: A.commune1, channel: 1, status: 10, received: '2025-11-01 08:00', due: '2025-11-25 16:00', finished: '2025-11-20 09:00', returned: '2025-11-21 09:00' },
  // commune 2
  I: { agency: A.commune2, channel: 1, status: 9, received: '2026-01-10 08:00', due: '2026-01-20 16:00', finished: '2026-01-12 09:00' },
};

const Q1 = 'from=2026-01-01&to=2026-03-31';
// today and tomorrow (local): what a test does now stays in the period if the run crosses midnight
const todayOn = () => {
  const day = (ms) => new Date(ms + 7 * 3600e3).toISOString().slice(0, 10);
  return `from=${day(Date.now())}&to=${day(Date.now() + 86400e3)}`;
};

before(async () => {
  server = await startServer({ check: false }); // dossiers moved into the past field by field
  admin = await as(server, 'admin');
  const desk = { [A.commune1]: await as(server, 'receiver1'), [A.commune2]: await as(server, 'receiver2') };
  for (const [name, f] of Object.entries(FIXED)) {
    const r = await desk[f.agency].post('/api/v1/dossiers', dossierBody({ agency: f.agency, summary: `Hồ sơ ${name}` }));
    assert.equal(r.status, 201, r.text);
    f.code = r.json.code;
    const t = (s) => (s ? at(s) : 'NULL');
    sql(server.db, `UPDATE dossiers SET channel = ${f.channel}, status = ${f.status}, submitted_at = ${at(f.received)},
      received_at = ${at(f.received)}, due_at = ${at(f.due)}, original_due_at = ${at(f.due)}, finished_at = ${t(f.finished)},
      returned_at = ${t(f.returned)}, closed_at = ${t(f.closed)} WHERE code = '${r.json.code}'`);
  }
  // D's three components were scanned; C's result is electronic and was rated very satisfied
  const id = (name) => `(SELECT id FROM dossiers WHERE code = '${FIXED[name].code}')`;
  sql(server.db, `UPDATE dossier_components SET digitized = 1 WHERE dossier_id = ${id('D')};
    UPDATE dossiers SET result_electronic = 1 WHERE id = ${id('C')};
    INSERT INTO ratings (dossier_id, level, created_at) VALUES (${id('C')}, 1, ${at('2026-02-06 10:00')})`);
  motcua('report', 'rebuild', '--db', server.db);
});

const row = (report, key) => report.rows.find((x) => x.key === key);

test('the resolution report for a quarter, worked out by hand', async () => {
  const r = await admin.get(`/api/v1/reports/resolution?agency=${A.province}&${Q1}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.from, '2026-01-01');
  assert.equal(r.json.overdue_at, null); // a past period: "overdue" at the end of its last day
  const c1 = row(r.json, A.commune1);
  // carried over: A and B; new: C, F at the counter, D online, E by post (G is after, H ended before)
  assert.deepEqual(
    [c1.carried, c1.new_counter, c1.new_online, c1.new_post, c1.received],
    [2, 2, 1, 1, 6]);
  // resolved: A early, C on time (10:00 on its due day), D late, and F withdrawn a month before its
  // due day: early (a dossier ended by refusal, withdrawal or stop counts against its due time)
  assert.deepEqual([c1.resolved, c1.early, c1.on_time, c1.late], [4, 2, 1, 1]);
  // of which withdrawn: F; in progress: B (due 15 January: overdue) and E (due in April)
  assert.deepEqual([c1.withdrawn, c1.in_progress, c1.overdue, c1.within_time], [1, 2, 1, 1]);
  assert.equal(c1.on_time_rate, 75);
  assert.equal(c1.returned, 1); // A's result was handed over in January
  const c2 = row(r.json, A.commune2);
  assert.deepEqual([c2.received, c2.resolved, c2.early, c2.on_time_rate], [1, 1, 1, 100]);
  const total = r.json.total;
  assert.deepEqual([total.received, total.carried, total.resolved, total.in_progress, total.overdue], [7, 2, 5, 2, 1]);
  assert.equal(total.on_time_rate, 80);
  // the centre and the departments hold none of these
  assert.equal(row(r.json, A.justice).received, 0);
  assert.equal(row(r.json, A.justice).on_time_rate, null);
});

test('by month, each month carries over what the last left in progress', async () => {
  const r = await admin.get(`/api/v1/reports/resolution?agency=${A.commune1}&${Q1}&group_by=month`);
  assert.equal(r.status, 200, r.text);
  const months = r.json.rows.map((x) => [x.key, x.carried, x.received, x.resolved, x.withdrawn, x.in_progress, x.overdue, x.within_time]);
  assert.deepEqual(months, [
    ['2026-01', 2, 2, 1, 0, 1, 1, 0],
    ['2026-02', 1, 3, 2, 0, 1, 1, 0],
    ['2026-03', 1, 3, 1, 1, 2, 1, 1],
  ]);
  assert.equal(r.json.total.received, 6);
});

test('by procedure and by field', async () => {
  let r = await admin.get(`/api/v1/reports/resolution?agency=${A.province}&${Q1}&group_by=procedure`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.rows.length, 1);
  assert.equal(r.json.rows[0].key, String(PROC.birth));
  assert.equal(r.json.rows[0].name, 'Đăng ký khai sinh');
  assert.equal(r.json.rows[0].received, 7);
  r = await admin.get(`/api/v1/reports/resolution?agency=${A.province}&${Q1}&group_by=field`);
  assert.deepEqual(r.json.rows.map((x) => [x.key, x.resolved]), [['Hộ tịch', 5]]);
});

// The cells of the first sheet of an XLSX file, by reference ("C5").
function xlsxCells(buf) {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-xlsx-'));
  try {
    writeFileSync(join(dir, 'r.xlsx'), buf);
    const read = (p) => execFileSync('unzip', ['-p', join(dir, 'r.xlsx'), p], { encoding: 'utf8' });
    const shared = [...read('xl/sharedStrings.xml').matchAll(/<si>.*?<t[^>]*>(.*?)<\/t>.*?<\/si>/gs)].map((m) => m[1]);
    const cells = {};
    for (const m of read('xl/worksheets/sheet1.xml').matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const v = /<v>(.*?)<\/v>/.exec(m[3] || '');
      if (!v) continue;
      cells[m[1]] = /t="s"/.test(m[2]) ? shared[+v[1]] : Number(v[1]);
    }
    return { cells, frozen: /<pane[^>]*ySplit="4"[^>]*state="frozen"/.test(read('xl/worksheets/sheet1.xml')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the XLSX holds the JSON numbers, with Vietnamese headers and a frozen header row', async () => {
  const json = (await admin.get(`/api/v1/reports/resolution?agency=${A.province}&${Q1}`)).json;
  const r = await fetch(`${server.base}/api/v1/reports/resolution?agency=${A.province}&${Q1}&format=xlsx`, { headers: { Cookie: admin.cookie } });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /spreadsheetml/);
  assert.match(r.headers.get('content-disposition'), /bao-cao-giai-quyet-tthc-000\.00\.00\.H88\.xlsx/);
  const { cells, frozen } = xlsxCells(Buffer.from(await r.arrayBuffer()));
  assert.ok(frozen);
  assert.equal(cells.A1, 'BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
  assert.equal(cells.C4, 'Tổng số hồ sơ nhận giải quyết');
  assert.equal(cells.O4, 'Tỷ lệ đúng hạn (%)');
  // every line of the JSON, in order, then the total
  const lines = [...json.rows, json.total];
  lines.forEach((x, i) => {
    const n = 5 + i;
    assert.equal(cells[`B${n}`], x.name);
    assert.deepEqual(
      ['C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N'].map((c) => cells[`${c}${n}`]),
      [x.received, x.carried, x.new_online, x.new_counter + x.new_post, x.resolved, x.early, x.on_time, x.late,
        x.in_progress, x.within_time, x.overdue, x.refused + x.withdrawn + x.stopped]);
    assert.equal(cells[`O${n}`], x.on_time_rate ?? undefined);
  });
});

test('the PDF prints the report with Vietnamese numbers', async () => {
  const r = await fetch(`${server.base}/api/v1/reports/resolution?agency=${A.province}&${Q1}&format=pdf`, { headers: { Cookie: admin.cookie } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from(await r.arrayBuffer()), encoding: 'utf8' });
  assert.match(text, /BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH/);
  assert.match(text, /từ ngày 01\/01\/2026 đến ngày 31\/03\/2026/);
  assert.match(text, /Phường Đông Hà.*75,00/);
  assert.match(text, /Tổng cộng.*80,00/);
});

test('what happens today is counted at once, and "overdue" is counted now', async () => {
  const desk = await as(server, 'receiver2');
  const q = `agency=${A.commune2}&${todayOn()}`;
  const before = (await admin.get(`/api/v1/reports/resolution?${q}`)).json.total;
  const d = await desk.post('/api/v1/dossiers', dossierBody({ agency: A.commune2 }));
  assert.equal(d.status, 201);
  let r = (await admin.get(`/api/v1/reports/resolution?${q}`)).json;
  assert.ok(r.overdue_at);
  assert.equal(r.total.new_counter, before.new_counter + 1);
  assert.equal(r.total.in_progress, before.in_progress + 1);
  // its due time passes: overdue now, without waiting for the day to end
  const past = Math.floor(Date.now() / 1000) - 60;
  sql(server.db, `UPDATE dossiers SET due_at = ${past}, original_due_at = ${past} WHERE code = '${d.json.code}'`);
  motcua('report', 'rebuild', '--db', server.db);
  r = (await admin.get(`/api/v1/reports/resolution?${q}`)).json;
  assert.equal(r.total.overdue, before.overdue + 1);
  assert.equal(r.total.within_time + r.total.overdue, r.total.in_progress);
});

test('a unit sees its own reports; bad parameters are refused', async () => {
  const leader = await as(server, 'leader1');
  let r = await leader.get(`/api/v1/reports/resolution?${Q1}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.agency.id, A.commune1); // the caller's unit by default
  problem(null, await leader.get(`/api/v1/reports/resolution?agency=${A.commune2}`), 403);
  problem(null, await leader.get(`/api/v1/reports/resolution?agency=${A.province}`), 403);
  problem(null, await (await as(server, 'citizen')).get('/api/v1/reports/resolution'), 403);
  problem(null, await admin.get('/api/v1/reports/resolution?from=2026-13-01'), 400);
  problem(null, await admin.get('/api/v1/reports/resolution?from=2026-03-01&to=2026-02-01'), 400);
  problem(null, await admin.get('/api/v1/reports/resolution?group_by=colour'), 400);
  problem(null, await admin.get('/api/v1/reports/resolution?format=docx'), 400);
  problem(null, await admin.get('/api/v1/reports/resolution?agency=000.00.99.H88'), 400);
  r = await (await as(server, 'steering')).get(`/api/v1/reports/resolution?${Q1}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.agency.id, A.province);
});

const part = (index, code) => index.groups.flatMap((g) => g.parts).find((p) => p.code === code);
const near = (a, b) => assert.ok(Math.abs(a - b) < 0.006, `${a} is not ${b}`);

test('the service index of a commune for the quarter, scored by hand', async () => {
  const r = await admin.get(`/api/v1/index?agency=${A.commune1}&${Q1}`);
  assert.equal(r.status, 200, r.text);
  const x = r.json.index;
  // its procedures: birth (online) and land, both published for communes by the province
  assert.deepEqual([part(x, 'procedures_online').numerator, part(x, 'procedures_online').denominator], [1, 2]);
  near(part(x, 'procedures_online').points, 1.25); // 2 × 0.5 / 0.8
  assert.deepEqual([part(x, 'online_used').numerator, part(x, 'online_used').denominator], [1, 1]);
  assert.deepEqual([part(x, 'dossiers_online').numerator, part(x, 'dossiers_online').denominator], [1, 4]);
  near(part(x, 'dossiers_online').points, 3); // 6 × 0.25 / 0.5
  // on time: A, C and F of A, C, D, F resolved and B overdue
  assert.deepEqual([part(x, 'on_time').numerator, part(x, 'on_time').denominator], [3, 5]);
  near(part(x, 'on_time').points, 12);
  assert.deepEqual([part(x, 'e_results').numerator, part(x, 'e_results').denominator], [1, 3]);
  assert.deepEqual([part(x, 'digitised').numerator, part(x, 'digitised').denominator], [3, 12]);
  assert.deepEqual([part(x, 'satisfied').numerator, part(x, 'satisfied').denominator], [1, 1]);
  near(part(x, 'satisfied').points, 6);
  // no fee, no effective date: those parts do not apply; what motcua does not record scores 0
  assert.equal(part(x, 'paid_online').applicable, false);
  assert.equal(part(x, 'published_on_time').applicable, false);
  assert.equal(part(x, 'reuse').recorded, false);
  assert.equal(part(x, 'reuse').applicable, true);
  assert.equal(part(x, 'reuse').points, 0);
  assert.match(part(x, 'reuse').source, /Chưa ghi nhận/);
  // no --portal-url: no dossier of the quarter reached the national portal, and that part scores 0
  const synced = part(x, 'synced_portal');
  assert.equal(synced.recorded, true);
  assert.equal(synced.numerator, 0);
  assert.equal(String(synced.denominator), sql(server.db, `SELECT count(*) FROM dossiers WHERE agency = '${A.commune1}'
    AND submitted_at >= strftime('%s', '2026-01-01 00:00', '-7 hours') AND submitted_at < strftime('%s', '2026-04-01 00:00', '-7 hours')`));
  assert.ok(synced.denominator >= 4);
  assert.equal(synced.points, 0);
  assert.match(synced.source, /Cổng Dịch vụ công quốc gia/);
  // no fee-bearing procedure: payment integration (not recorded) does not apply either (it cost 2)
  assert.equal(part(x, 'payment_integrated').applicable, false);
  // no feedback in the period: the feedback parts (recorded) do not apply (they cost 6 + 6)
  assert.equal(part(x, 'feedback_on_time').recorded, true);
  assert.equal(part(x, 'feedback_on_time').applicable, false);
  assert.equal(part(x, 'feedback_satisfied').applicable, false);
  // 12 + 1.25 + 4 + 3 + 2 + 1 + 6 = 29.25 of 100 - 6 - 6 - 2 - 2 - 6 - 6 = 72
  near(x.points, 29.25);
  near(x.max_points, 72);
  near(x.total, 40.63);
  assert.deepEqual(x.grade, { code: 'weak', name: 'Yếu' });
  assert.deepEqual(x.sample, { received: 4, resolved: 4 });
  const groups = Object.fromEntries(x.groups.map((g) => [g.code, [g.points, g.max_points]]));
  assert.deepEqual(groups.progress, [12, 20]);
  assert.deepEqual(groups.payment, [0, 0]);
});

test('published on time is measured by the publication decision\'s date, not the day it was entered', async () => {
  // a catalog entered today for procedures published by a decision before they took effect (every
  // imported catalog scored 0 of 6)
  const published = async () => {
    const p = part((await admin.get(`/api/v1/index?agency=${A.commune1}&${Q1}`)).json.index, 'published_on_time');
    return [p.numerator, p.denominator];
  };
  sql(server.db, `UPDATE procedures SET effective_date = '2026-01-01', decision_date = '2025-12-20' WHERE id = ${PROC.birth}`);
  assert.deepEqual(await published(), [1, 1]);
  sql(server.db, `UPDATE procedures SET decision_date = '2026-01-05' WHERE id = ${PROC.birth}`);
  assert.deepEqual(await published(), [0, 1]);
  sql(server.db, `UPDATE procedures SET decision_date = NULL WHERE id = ${PROC.birth}`); // entered after it took effect
  assert.deepEqual(await published(), [0, 1]);
  sql(server.db, `UPDATE procedures SET effective_date = NULL WHERE id = ${PROC.birth}`);
});

test('the province ranks its units with their sample sizes', async () => {
  const r = await admin.get(`/api/v1/index?agency=${A.province}&${Q1}&children=1`);
  assert.equal(r.status, 200, r.text);
  const c = r.json.children;
  assert.deepEqual(c.map((u) => u.rank), c.map((_, i) => i + 1));
  assert.equal(c[0].agency.id, A.commune1);
  near(c[0].total, 40.63);
  assert.equal(c[1].agency.id, A.commune2);
  near(c[1].total, 32.2); // on time 20 + online procedures 1.25, of 66
  assert.deepEqual(c[1].sample, { received: 1, resolved: 1 });
  // the centre publishes no procedure and answers for no dossier: no score, last
  const centre = c.at(-1);
  assert.equal(centre.agency.id, A.centre);
  assert.equal(centre.total, null);
  assert.equal(centre.grade, null);
  assert.equal(c[0].groups[0].parts, undefined); // parts only for the agency asked about
});

test('the one-stop centre answers for no dossier but shows what its desk received for the departments', async () => {
  // two dossiers received at the centre for the justice department in July 2025, a third in August
  const desk = await as(server, 'centre');
  for (const day of ['2025-07-07', '2025-07-21', '2025-08-04']) {
    const r = await desk.post('/api/v1/dossiers', dossierBody({ procedure: PROC.record, agency: A.centre }));
    assert.equal(r.status, 201, r.text);
    sql(server.db, `UPDATE dossiers SET status = 9, submitted_at = ${at(`${day} 08:00`)}, received_at = ${at(`${day} 08:00`)},
      due_at = ${at(`${day} 16:00`) + 86400 * 3}, original_due_at = ${at(`${day} 16:00`) + 86400 * 3},
      finished_at = ${at(`${day} 15:00`)} WHERE code = '${r.json.code}'`);
  }
  motcua('report', 'rebuild', '--db', server.db);
  const r = await admin.get(`/api/v1/index?agency=${A.province}&from=2025-07-01&to=2025-07-31&children=1`);
  assert.equal(r.status, 200, r.text);
  const centre = r.json.children.find((u) => u.agency.id === A.centre);
  const justice = r.json.children.find((u) => u.agency.id === A.justice);
  assert.deepEqual(centre.sample, { received: 0, resolved: 0 }); // counted for the department answering
  assert.equal(centre.received_at_desk, 2);
  assert.deepEqual(justice.sample, { received: 2, resolved: 2 });
  assert.equal(justice.received_at_desk, undefined); // a unit answering for dossiers: its sample says it
});

test('the weights are data an administrator changes; they must add up to 100', async () => {
  const parts = (await admin.get('/api/v1/index/parts')).json;
  assert.equal(parts.parts.length, 20);
  assert.equal(parts.parts.reduce((s, p) => s + p.max_points, 0), 100);
  assert.deepEqual(parts.grades.map((g) => g.code), ['excellent', 'good', 'fair', 'average', 'weak']);
  problem(null, await admin.put('/api/v1/index/parts', { parts: [{ code: 'on_time', max_points: 25, full_at: 100 }] }), 422, 'parts');
  problem(null, await admin.put('/api/v1/index/parts', { parts: [{ code: 'speed', max_points: 5, full_at: 100 }] }), 422, 'parts[0].code');
  problem(null, await admin.put('/api/v1/index/parts', { parts: [{ code: 'on_time', max_points: 20, full_at: 0 }] }), 422, 'parts[0].full_at');
  problem(null, await (await as(server, 'leader1')).put('/api/v1/index/parts', { parts: [] }), 403);
  let r = await admin.put('/api/v1/index/parts', { parts: [
    { code: 'on_time', max_points: 25, full_at: 100 },
    { code: 'synced_portal', max_points: 1, full_at: 100 },
  ] });
  assert.equal(r.status, 200, r.text);
  r = await admin.get(`/api/v1/index?agency=${A.commune1}&${Q1}`);
  near(r.json.index.points, 32.25); // on time now 15
  near(r.json.index.total, 44.79);  // of 72 still: 5 more for on time, 5 less for the portal
  r = await admin.put('/api/v1/index/parts', { parts: [
    { code: 'on_time', max_points: 20, full_at: 100 },
    { code: 'synced_portal', max_points: 6, full_at: 100 },
  ] });
  assert.equal(r.status, 200);
  assert.match(sql(server.db, "SELECT detail FROM audit_log WHERE action = 'index.weights' ORDER BY id DESC LIMIT 1"), /synced_portal/);
});

test('late dossiers with their causes and apologies, per unit and per officer', async () => {
  let r = await admin.get(`/api/v1/reports/late?agency=${A.province}&${Q1}`);
  assert.equal(r.status, 200, r.text);
  // D finished late in February; B was past its due time at the end of March and still is
  assert.deepEqual(r.json.dossiers.map((x) => x.code), [FIXED.D.code, FIXED.B.code]);
  // lateness in working time: 6 February 16:00 to 10 February 10:00 is 11 h 30 of office hours
  // (90 hours on the clock, which it was reported as)
  assert.equal(r.json.dossiers[0].late_minutes, 690);
  assert.equal(r.json.dossiers[0].late_hours, 11);
  assert.equal(r.json.dossiers[1].finished_at, null);
  assert.deepEqual(r.json.by_unit, [{ agency: { id: A.commune1, name: 'Phường Đông Hà' }, late: 2, finished_late: 1,
    in_progress_late: 1, apologized: 0, subjective: 0, objective: 0, cause_unstated: 2 }]);

  // today: a dossier apologised for (a subjective cause) with a new appointment tomorrow, finished
  // after the law's due time and before the new appointment: late all the same (the apology is a
  // promise to the applicant, not a new deadline; it counted as on time or early)
  const desk = await as(server, 'receiver2');
  const lead = await as(server, 'leader2');
  const d = (await desk.post('/api/v1/dossiers', dossierBody({ agency: A.commune2 }))).json;
  assert.equal((await desk.post(`/api/v1/dossiers/${d.code}/handover`, {})).status, 200);
  const now = Math.floor(Date.now() / 1000);
  sql(server.db, `UPDATE dossiers SET original_due_at = ${now - 3600}, apology_previous_due_at = ${now - 3600},
    due_at = ${now + 86400}, apology_at = ${now - 7200}, apology_cause = 'subjective',
    apology_reason = 'Cán bộ thụ lý nghỉ ốm' WHERE code = '${d.code}'`);
  motcua('report', 'rebuild', '--db', server.db);
  const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  const span = todayOn();
  const before = (await admin.get(`/api/v1/reports/resolution?agency=${A.commune2}&${span}`)).json.rows[0];
  const f = await lead.post(`/api/v1/dossiers/${d.code}/finish`, { result_number: '12/GKS', result_date: today, signer: 'Chủ tịch' });
  assert.equal(f.status, 200, f.text);
  assert.equal(f.json.timeliness, 'late');
  const after = (await admin.get(`/api/v1/reports/resolution?agency=${A.commune2}&${span}`)).json.rows[0];
  assert.equal(after.late - (before ? before.late : 0), 1);
  r = await admin.get(`/api/v1/reports/late?agency=${A.commune2}&${span}`);
  const x = r.json.dossiers.find((y) => y.code === d.code);
  assert.ok(x, JSON.stringify(r.json.dossiers));
  assert.deepEqual(x.apology.cause, 'subjective');
  assert.equal(x.apology.reason, 'Cán bộ thụ lý nghỉ ốm');
  const unit = r.json.by_unit.find((u) => u.agency.id === A.commune2);
  assert.equal(unit.apologized, 1);
  assert.equal(unit.subjective, 1);
  const officer = r.json.by_officer.find((o) => o.unit.id === A.commune2);
  assert.ok(officer && officer.late_steps >= 1, JSON.stringify(r.json.by_officer));
  // the same list as a spreadsheet
  const xr = await fetch(`${server.base}/api/v1/reports/late?agency=${A.commune2}&${span}&format=xlsx`, { headers: { Cookie: admin.cookie } });
  const { cells } = xlsxCells(Buffer.from(await xr.arrayBuffer()));
  assert.equal(cells.A1, 'DANH SÁCH HỒ SƠ TRỄ HẠN');
  assert.ok(Object.values(cells).includes(d.code));
  assert.ok(Object.values(cells).includes('Chủ quan: Cán bộ thụ lý nghỉ ốm'));
});

test('a dossier waiting for the applicant\'s supplement is not overdue: its clock stands', async () => {
  // asked for a supplement two hours before its due time, which has now passed (it was listed late
  // and counted overdue); asked after its due time, it stays overdue
  const desk = await as(server, 'receiver2');
  const proc = await as(server, 'leader2');
  const now = Math.floor(Date.now() / 1000);
  const span = todayOn();
  const codes = [];
  for (const pausedBeforeDue of [true, false]) {
    const d = (await desk.post('/api/v1/dossiers', dossierBody({ agency: A.commune2 }))).json;
    assert.equal((await desk.post(`/api/v1/dossiers/${d.code}/handover`, {})).status, 200);
    const s = await proc.post(`/api/v1/dossiers/${d.code}/request-supplement`, { items: ['Tờ khai'], reason: 'Thiếu tờ khai' });
    assert.equal(s.status, 200, s.text);
    const paused = pausedBeforeDue ? now - 5 * 3600 : now - 600;
    sql(server.db, `UPDATE dossiers SET due_at = ${now - 3 * 3600}, original_due_at = ${now - 3 * 3600},
      paused_at = ${paused} WHERE code = '${d.code}'`);
    codes.push(d.code);
  }
  motcua('report', 'rebuild', '--db', server.db);
  const r = await admin.get(`/api/v1/reports/late?agency=${A.commune2}&${span}`);
  const listed = r.json.dossiers.map((y) => y.code);
  assert.ok(!listed.includes(codes[0]), JSON.stringify(listed));
  assert.ok(listed.includes(codes[1]), JSON.stringify(listed));
  const late = r.json.dossiers.find((y) => y.code === codes[1]);
  assert.ok(late.late_minutes <= 180, `late only until the pause: ${late.late_minutes}`);
  // the counters agree with the live count (verifyStats after each test)
  const res = (await admin.get(`/api/v1/reports/resolution?agency=${A.commune2}&${span}`)).json.rows[0];
  assert.ok(res.overdue >= 1);
  for (const code of codes) sql(server.db, `UPDATE dossiers SET status = 7, closed_at = ${now}, paused_at = NULL WHERE code = '${code}'`);
  motcua('report', 'rebuild', '--db', server.db);
});

test('satisfaction by unit and by procedure, with the criteria averaged', async () => {
  // a second rating in the quarter: D, not satisfied, with two criteria scored
  sql(server.db, `INSERT INTO ratings (dossier_id, level, access, officer, created_at)
    VALUES ((SELECT id FROM dossiers WHERE code = '${FIXED.D.code}'), 3, 2, 4, ${at('2026-02-12 10:00')})`);
  motcua('report', 'rebuild', '--db', server.db);
  let r = await admin.get(`/api/v1/reports/satisfaction?agency=${A.province}&${Q1}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.rows.length, 1);
  const c1 = r.json.rows[0];
  assert.equal(c1.key, A.commune1);
  assert.deepEqual([c1.ratings, c1.very_satisfied, c1.satisfied, c1.not_satisfied, c1.satisfied_rate], [2, 1, 0, 1, 50]);
  assert.deepEqual(c1.criteria, { access: 2, procedure: null, officer: 4, result: null, feedback: null });
  r = await admin.get(`/api/v1/reports/satisfaction?agency=${A.province}&${Q1}&group_by=procedure`);
  assert.deepEqual(r.json.rows.map((x) => [x.name, x.ratings]), [['Đăng ký khai sinh', 2]]);
  // and the index's satisfaction part follows: 1 of 2 satisfied, full at 90 %
  r = await admin.get(`/api/v1/index?agency=${A.commune1}&${Q1}`);
  near(part(r.json.index, 'satisfied').points, 3.33);
  const pdf = await fetch(`${server.base}/api/v1/reports/satisfaction?agency=${A.province}&${Q1}&format=pdf`, { headers: { Cookie: admin.cookie } });
  const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from(await pdf.arrayBuffer()), encoding: 'utf8' });
  assert.match(text, /KẾT QUẢ ĐÁNH GIÁ SỰ HÀI LÒNG/);
  assert.match(text, /Phường Đông Hà\s+2\s+1\s+0\s+1\s+50,00\s+2,00\s+4,00/);
  problem(null, await admin.get('/api/v1/reports/satisfaction?group_by=month'), 400);
});
