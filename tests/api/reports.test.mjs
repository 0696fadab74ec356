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

before(async () => {
  server = await startServer();
  admin = await as(server, 'admin');
  const desk = { [A.commune1]: await as(server, 'receiver1'), [A.commune2]: await as(server, 'receiver2') };
  for (const [name, f] of Object.entries(FIXED)) {
    const r = await desk[f.agency].post('/api/v1/dossiers', dossierBody({ agency: f.agency, summary: `Hồ sơ ${name}` }));
    assert.equal(r.status, 201, r.text);
    const t = (s) => (s ? at(s) : 'NULL');
    sql(server.db, `UPDATE dossiers SET channel = ${f.channel}, status = ${f.status}, submitted_at = ${at(f.received)},
      received_at = ${at(f.received)}, due_at = ${at(f.due)}, original_due_at = ${at(f.due)}, finished_at = ${t(f.finished)},
      returned_at = ${t(f.returned)}, closed_at = ${t(f.closed)} WHERE code = '${r.json.code}'`);
  }
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
  // resolved: A early, C on time (10:00 on its due day), D late
  assert.deepEqual([c1.resolved, c1.early, c1.on_time, c1.late], [3, 1, 1, 1]);
  // withdrawn: F; in progress: B (due 15 January: overdue) and E (due in April)
  assert.deepEqual([c1.withdrawn, c1.in_progress, c1.overdue, c1.within_time], [1, 2, 1, 1]);
  assert.equal(c1.on_time_rate, 66.67);
  assert.equal(c1.returned, 1); // A's result was handed over in January
  const c2 = row(r.json, A.commune2);
  assert.deepEqual([c2.received, c2.resolved, c2.early, c2.on_time_rate], [1, 1, 1, 100]);
  const total = r.json.total;
  assert.deepEqual([total.received, total.carried, total.resolved, total.in_progress, total.overdue], [7, 2, 4, 2, 1]);
  assert.equal(total.on_time_rate, 75);
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
    ['2026-03', 1, 3, 0, 1, 2, 1, 1],
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
  assert.deepEqual(r.json.rows.map((x) => [x.key, x.resolved]), [['Hộ tịch', 4]]);
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
  assert.match(text, /Phường Đông Hà.*66,67/);
  assert.match(text, /Tổng cộng.*75,00/);
});

test('what happens today is counted at once, and "overdue" is counted now', async () => {
  const desk = await as(server, 'receiver2');
  const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  const q = `agency=${A.commune2}&from=${today}&to=${today}`;
  const before = (await admin.get(`/api/v1/reports/resolution?${q}`)).json.total;
  const d = await desk.post('/api/v1/dossiers', dossierBody({ agency: A.commune2 }));
  assert.equal(d.status, 201);
  let r = (await admin.get(`/api/v1/reports/resolution?${q}`)).json;
  assert.ok(r.overdue_at);
  assert.equal(r.total.new_counter, before.new_counter + 1);
  assert.equal(r.total.in_progress, before.in_progress + 1);
  // its due time passes: overdue now, without waiting for the day to end
  sql(server.db, `UPDATE dossiers SET due_at = ${Math.floor(Date.now() / 1000) - 60} WHERE code = '${d.json.code}'`);
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
