// Importing a plan's tasks from an XLSX or CSV sheet in the layout provinces publish: units
// matched by name without diacritics, area rows, subtasks by number, a report of every row that
// could not be read; nothing stored while a row is bad unless asked; importing again changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, as, A, problem } from './helpers.mjs';
import { xlsx } from './xlsx.mjs';

let server, steering, plan;
before(async () => {
  server = await startServer();
  steering = await as(server, 'steering');
  const r = await steering.post('/api/v1/plans', { kind: 'yearly', year: 2026, title: 'Kế hoạch CCHC năm 2026' });
  assert.equal(r.status, 201, r.text);
  plan = r.json.id;
});
after(() => server?.stop());

const ROWS = [
  ['KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026'],
  [],
  ['STT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời gian hoàn thành', 'Sản phẩm'],
  ['I', 'CẢI CÁCH THỂ CHẾ'],
  [1, 'Rà soát văn bản quy phạm pháp luật', 'Sở Tư pháp', 'Xã Đức Phổ, Sở Tư pháp; Các sở, ngành liên quan; xã Đức Phổ', '30/06/2026', 'Báo cáo rà soát'],
  ['1.1', 'Rà soát văn bản cấp xã', 'UBND phường Đông Hà', '', 'Quý III/2026', 'Danh mục văn bản'],
  ['II', 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH'],
  [2, 'Số hóa hồ sơ, kết quả giải quyết', 'xa duc pho', '', 46022, ''],
  [3, 'Kiện toàn tổ chức bộ máy', 'Sở Nội vụ', '', 'Tháng 5/2026', ''],
  [4, 'Tuyên truyền', 'Sở Tư pháp', '', 'sớm nhất có thể', ''],
  ['5.1', 'Hội thi', 'Sở Tư pháp', '', 'Năm 2026', ''],
  [],
  [2, 'Trùng số', 'Sở Tư pháp', '', '', 'x'],
  [6, 'Quên đơn vị chủ trì'],
];

async function upload(body, name, query = '') {
  const form = new FormData();
  form.append('file', new Blob([body]), name);
  const r = await fetch(`${server.base}/api/v1/plans/${plan}/import${query}`, {
    method: 'POST', body: form, headers: { Cookie: steering.cookie, 'X-CSRF-Token': steering.csrf },
  });
  return { status: r.status, json: await r.json().catch(() => null), headers: r.headers };
}
const tasks = async () => (await steering.get(`/api/v1/plans/${plan}`)).json.tasks;

test('a sheet with bad rows is refused whole, each bad row named with its reason', async () => {
  const r = await upload(xlsx(ROWS), 'ke-hoach.xlsx');
  assert.equal(r.status, 422, JSON.stringify(r.json));
  assert.match(r.headers.get('content-type'), /problem\+json/);
  const rejected = r.json.rows.filter((x) => x.outcome === 'rejected').map((x) => [x.row, x.field]);
  assert.deepEqual(rejected, [[9, 'lead'], [10, 'deadline'], [11, 'no'], [13, 'no'], [14, 'lead']]);
  assert.match(r.json.rows.find((x) => x.row === 9).reason, /no unit named 'Sở Nội vụ'/);
  assert.match(r.json.rows.find((x) => x.row === 10).reason, /cannot read the deadline 'sớm nhất có thể'/);
  assert.match(r.json.rows.find((x) => x.row === 11).reason, /parent task 5/);
  assert.match(r.json.rows.find((x) => x.row === 13).reason, /row 8 already/);
  assert.match(r.json.rows.find((x) => x.row === 14).reason, /no lead unit/, 'a task without its unit is not an area');
  assert.equal(r.json.stored, false);
  assert.deepEqual(r.json.errors.map((x) => x.field), ['rows.9.lead', 'rows.10.deadline', 'rows.11.no', 'rows.13.no', 'rows.14.lead']);
  assert.deepEqual(await tasks(), []);
  // a dry run reports what partial=1 would keep, and stores nothing
  const dry = await upload(xlsx(ROWS), 'ke-hoach.xlsx', '?partial=1&dry_run=1');
  assert.equal(dry.status, 200);
  assert.deepEqual([dry.json.added, dry.json.rejected, dry.json.stored], [3, 5, false]);
  assert.deepEqual(await tasks(), []);
});

test('partial=1 keeps the rows that could be read: units by name, areas, subtasks, deadlines', async () => {
  const r = await upload(xlsx(ROWS), 'ke-hoach.xlsx', '?partial=1');
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.deepEqual([r.json.added, r.json.changed, r.json.unchanged, r.json.rejected, r.json.stored], [3, 0, 0, 5, true]);
  assert.equal(r.json.rows.find((x) => x.no === '1').warning, "cooperating units not in the agency tree, left out: 'Các sở', 'ngành liên quan'");
  const list = await tasks();
  assert.deepEqual(list.map((x) => x.no), ['1', '1.1', '2']);
  const t = Object.fromEntries(list.map((x) => [x.no, x]));
  assert.equal(t['1'].lead.id, A.justice);
  assert.deepEqual(t['1'].units.map((u) => u.id), [A.commune2], 'the lead and a unit named twice count once');
  assert.equal(t['1'].area, 'CẢI CÁCH THỂ CHẾ');
  assert.equal(t['1'].deadline, '2026-06-30');
  assert.equal(t['1'].product, 'Báo cáo rà soát');
  assert.equal(t['1.1'].parent_id, t['1'].id);
  assert.equal(t['1.1'].lead.id, A.commune1, '"UBND phường Đông Hà" is Phường Đông Hà');
  assert.equal(t['1.1'].deadline, '2026-09-30');
  assert.equal(t['2'].lead.id, A.commune2, 'a name without diacritics');
  assert.equal(t['2'].area, 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH');
  assert.equal(t['2'].deadline, '2025-12-31', 'a date cell holds a serial number');
});

test('importing the same file again, or the same rows as CSV, changes nothing; a changed row changes its task', async () => {
  const before = await tasks();
  let r = await upload(xlsx(ROWS), 'ke-hoach.xlsx', '?partial=1');
  assert.deepEqual([r.json.added, r.json.changed, r.json.unchanged], [0, 0, 3]);
  const csv = '\ufeff' + ROWS.map((row) => row.map((c) => `"${String(c ?? '').replace(/"/g, '""')}"`).join(';')).join('\r\n');
  r = await upload(Buffer.from(csv), 'ke-hoach.csv', '?partial=1');
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.deepEqual([r.json.added, r.json.changed, r.json.unchanged, r.json.rejected], [0, 0, 3, 5]);
  assert.deepEqual(await tasks(), before, 'versions and all');
  const changed = ROWS.map((row) => (row[0] === 2 && row[1].startsWith('Số hóa') ? [...row.slice(0, 4), '31/12/2026', ''] : row));
  r = await upload(xlsx(changed), 'ke-hoach.xlsx', '?partial=1');
  assert.deepEqual([r.json.added, r.json.changed, r.json.unchanged], [0, 1, 2]);
  const t2 = (await tasks()).find((x) => x.no === '2');
  assert.equal(t2.deadline, '2026-12-31');
  assert.equal(t2.version, 2);
});

test('what is not a plan sheet is refused with the reason, and others may not import', async () => {
  let r = await upload(Buffer.from('a;b\n1;2\n'), 'x.csv');
  assert.equal(r.status, 422);
  assert.equal(r.json.errors[0].field, 'file');
  assert.match(r.json.errors[0].message, /header row/);
  r = await upload(Buffer.from('PK\u0003\u0004 not really a zip'), 'x.xlsx');
  assert.equal(r.status, 422);
  assert.equal(r.json.errors[0].field, 'file');
  const leader = await as(server, 'leader1');
  const form = new FormData();
  form.append('file', new Blob([xlsx(ROWS)]), 'k.xlsx');
  const x = await fetch(`${server.base}/api/v1/plans/${plan}/import`, { method: 'POST', body: form, headers: { Cookie: leader.cookie, 'X-CSRF-Token': leader.csrf } });
  assert.equal(x.status, 403);
  problem(null, await steering.get('/api/v1/plans/999999'), 404);
});
