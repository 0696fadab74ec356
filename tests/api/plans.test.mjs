// The steering committee's reform plans: plans and tasks, who sees and reports what, monthly
// reports across a month end (a unit that does not report is listed, reminded and late),
// completion counted by hand, reminders in the outbox. The server's clock is pinned (libfaketime).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, as, A, problem, motcua, sql, clockAt, dossierBody } from './helpers.mjs';

let server, steering, leader1, leader2, jleader, receiver1, auditor;
let plan, T = {};
// the stable code of a field's error (the web translates by it)
const code = (r, field) => r.json.errors.find((x) => x.field === field)?.code;

const login = async () => {
  [steering, leader1, leader2, jleader, receiver1, auditor] = await Promise.all(
    ['steering', 'leader1', 'leader2', 'jleader', 'receiver1', 'auditor'].map((u) => as(server, u)));
};

before(async () => {
  // Wednesday 25 November 2026
  server = await startServer({ env: clockAt('2026-11-25 10:00') });
  await login();
  const admin = await as(server, 'admin');
  for (const [id, email] of [[A.commune1, 'dongha@example.vn'], [A.commune2, 'ducpho@example.vn'], [A.justice, 'stp@example.vn']]) {
    const g = await admin.get(`/api/v1/agencies/${id}`);
    const r = await admin.patch(`/api/v1/agencies/${id}`, { email, version: g.json.version });
    assert.equal(r.status, 200, r.text);
  }
  // the commune's officers: one with the unit's own address (in other letters), one inside it as text
  sql(server.db, "UPDATE users SET email = 'DucPho@Example.vn' WHERE username = 'processor2'");
  sql(server.db, "UPDATE users SET email = 'pho@example.vn' WHERE username = 'leader2'");
  // two dossiers received in November: the compiled report's one-stop figures count them
  const receiver = await as(server, 'receiver1');
  for (let i = 0; i < 2; i++) assert.equal((await receiver.post('/api/v1/dossiers', dossierBody())).status, 201);
});
after(() => server?.stop());

test('the committee sets a plan with its tasks; bad input is refused and changes nothing', async () => {
  problem(null, await steering.post('/api/v1/plans', { kind: 'weekly', year: 2026, title: 'x' }), 422, 'kind');
  problem(null, await leader1.post('/api/v1/plans', { kind: 'yearly', year: 2026, title: 'x' }), 403);
  const p = await steering.post('/api/v1/plans', {
    kind: 'yearly', year: 2026, title: 'Kế hoạch cải cách hành chính năm 2026', doc_number: '125/KH-UBND',
    doc_date: '2026-01-15', signer: 'Nguyễn Văn Chủ tịch', report_day: 30,
  });
  assert.equal(p.status, 201, p.text);
  plan = p.json;
  assert.equal(plan.report_day, 30);
  const add = async (body) => {
    const r = await steering.post(`/api/v1/plans/${plan.id}/tasks`, body);
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  problem(null, await steering.post(`/api/v1/plans/${plan.id}/tasks`, { no: '9', title: 'x', lead: '000.00.99.H88' }), 422, 'lead');
  problem(null, await steering.post(`/api/v1/plans/${plan.id}/tasks`, { no: '9', title: 'x', lead: A.commune1, deadline: '30/11/2026' }), 422, 'deadline');
  // a deadline on a Saturday moves to Monday 30 November
  T.t1 = await add({ no: '1', title: 'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính', lead: A.commune1, units: [A.centre], deadline: '2026-11-28', product: 'Báo cáo kết quả số hóa', priority: 1, area: 'Chính phủ số' });
  assert.equal(T.t1.deadline_working, '2026-11-30');
  assert.equal(T.t1.state, 'not_started');
  T.t2 = await add({ no: '2', title: 'Rà soát, đơn giản hóa thủ tục hành chính', lead: A.commune2, deadline: '2026-12-31', area: 'Cải cách thủ tục hành chính' });
  T.t3 = await add({ no: '3', title: 'Tuyên truyền cải cách hành chính', lead: A.justice, deadline: '2026-12-15' });
  T.t31 = await add({ no: '3.1', title: 'Tuyên truyền trên cổng thông tin', lead: A.commune1, deadline: '2026-12-10', parent: T.t3.id });
  T.t32 = await add({ no: '3.2', title: 'Tổ chức hội thi', lead: A.justice, deadline: '2026-12-15', parent: T.t3.id });
  // a deadline already passed
  T.t4 = await add({ no: '10', title: 'Kiện toàn bộ phận một cửa', lead: A.commune2, deadline: '2026-11-20' });
  assert.equal(T.t4.state, 'overdue');
  let r = await steering.post(`/api/v1/plans/${plan.id}/tasks`, { no: '1', title: 'trùng số', lead: A.commune1 });
  problem(null, r, 422, 'no');
  assert.equal(code(r, 'no'), 'taken');
  // renumbering onto a taken number is the same field error
  r = await steering.patch(`/api/v1/tasks/${T.t2.id}`, { no: '1', version: T.t2.version });
  problem(null, r, 422, 'no');
  assert.equal(code(r, 'no'), 'taken');
  r = await steering.post(`/api/v1/plans/${plan.id}/tasks`, { no: '9', title: 'x', lead: '000.00.99.H88' });
  assert.equal(code(r, 'lead'), 'not_found');
  // no circle of subtasks: 3 cannot go under its own subtask 3.1
  r = await steering.patch(`/api/v1/tasks/${T.t3.id}`, { parent: T.t31.id, version: T.t3.version });
  problem(null, r, 422, 'parent');
  assert.equal(code(r, 'parent'), 'subtask_cycle');
  const g = await steering.get(`/api/v1/plans/${plan.id}`);
  // in the order a person reads numbers: 10 after 3.2
  assert.deepEqual(g.json.tasks.map((t) => t.no), ['1', '2', '3', '3.1', '3.2', '10']);
  assert.equal(g.json.tasks.find((t) => t.no === '3').subtasks, 2);
  assert.deepEqual(g.json.counts, { total: 4, done: 0, done_early: 0, done_on_time: 0, done_late: 0, in_progress: 0, not_started: 3, overdue: 1, completion: '0/4' });
});

test('a unit sees the tasks it leads or cooperates on, and only its officers report on them', async () => {
  const mine = await leader1.get('/api/v1/tasks');
  assert.deepEqual(mine.json.items.map((t) => t.no).sort(), ['1', '3.1']);
  const centre = await (await as(server, 'centre')).get('/api/v1/tasks');
  assert.deepEqual(centre.json.items.map((t) => t.no), ['1'], 'a cooperating unit sees the task');
  assert.equal((await leader1.get(`/api/v1/tasks/${T.t2.id}`)).status, 404);
  assert.equal((await auditor.get(`/api/v1/tasks/${T.t2.id}`)).status, 200);
  const plans = await leader2.get('/api/v1/plans?year=2026');
  assert.equal(plans.json.items.length, 1);
  assert.equal(plans.json.items[0].tasks.total, 2, 'commune 2 counts its own two tasks');
  // the receiver sees but does not report; the other commune cannot even see
  problem(null, await receiver1.put(`/api/v1/tasks/${T.t1.id}/reports/2026-11`, { progress: 10 }), 403);
  problem(null, await leader2.put(`/api/v1/tasks/${T.t1.id}/reports/2026-11`, { progress: 10 }), 404);
  problem(null, await leader1.put(`/api/v1/tasks/${T.t1.id}/reports/2026-12`, { progress: 10 }), 422, 'month');
  problem(null, await jleader.put(`/api/v1/tasks/${T.t3.id}/reports/2026-11`, { progress: 10 }), 409);
  problem(null, await leader1.put(`/api/v1/tasks/${T.t1.id}/reports/2026-11`, { progress: 150 }), 422, 'progress');
  const refused = async (body, field, why) => {
    const r = await leader1.put(`/api/v1/tasks/${T.t1.id}/reports/2026-11`, body);
    problem(null, r, 422, field);
    assert.equal(code(r, field), why, r.text);
  };
  await refused({ progress: 60, done_on: '2026-11-24' }, 'done_on', 'not_full');
  await refused({ progress: 100, done_on: '2026-11-26' }, 'done_on', 'after_today');
  await refused({ progress: 100 }, 'done_on', 'required');
  await refused({ progress: 40, submit: true }, 'results', 'required');
  const owed = await leader1.get('/api/v1/tasks?view=owed');
  assert.deepEqual(owed.json.items.map((t) => [t.no, t.this_month.status, t.this_month.due]).sort(),
    [['1', 'missing', '2026-11-30'], ['3.1', 'missing', '2026-11-30']]);
});

test('a draft is saved, evidence attached, then submitted once; the task takes its progress', async () => {
  let r = await leader1.put(`/api/v1/tasks/${T.t1.id}/reports/2026-11`, { progress: 60, results: 'Đã số hóa 600/1.000 hồ sơ' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.status, 'draft');
  const form = new FormData();
  form.append('file', new Blob([Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')]), 'bien ban.pdf');
  const up = await fetch(`${server.base}/api/v1/tasks/${T.t1.id}/reports/2026-11/files`, {
    method: 'POST', body: form, headers: { Cookie: leader1.cookie, 'X-CSRF-Token': leader1.csrf },
  });
  const file = await up.json();
  assert.equal(up.status, 201, JSON.stringify(file));
  assert.equal((await steering.get(file.url)).status, 200);
  assert.equal((await leader2.get(file.url)).status, 404);
  // a draft counts for nothing yet; the task's page starts its form from it
  assert.equal((await steering.get(`/api/v1/tasks/${T.t1.id}`)).json.progress, 0);
  const draft = (await leader1.get(`/api/v1/tasks/${T.t1.id}`)).json.this_month;
  assert.deepEqual([draft.month, draft.status, draft.due, draft.report.results], ['2026-11', 'draft', '2026-11-30', 'Đã số hóa 600/1.000 hồ sơ']);
  r = await leader1.put(`/api/v1/tasks/${T.t1.id}/reports/2026-11`, {
    progress: 100, done_on: '2026-11-25', results: 'Đã số hóa 1.000/1.000 hồ sơ', proposal: 'Bổ sung máy quét', submit: true,
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'submitted');
  problem(null, await leader1.put(`/api/v1/tasks/${T.t1.id}/reports/2026-11`, { progress: 90 }), 409);
  const t = await steering.get(`/api/v1/tasks/${T.t1.id}`);
  assert.equal(t.json.state, 'done_early');
  assert.equal(t.json.done_on, '2026-11-25');
  assert.equal(t.json.reports[0].files.length, 1);
  assert.equal(t.json.reports[0].late, false);
  // subtask 3.1 half done: the parent's progress is the mean of its subtasks'
  r = await leader1.put(`/api/v1/tasks/${T.t31.id}/reports/2026-11`, { progress: 50, results: 'Đã đăng 5 tin', submit: true });
  assert.equal(r.status, 201, r.text);
  const parent = await steering.get(`/api/v1/tasks/${T.t3.id}`);
  assert.equal(parent.json.progress, 25);
  assert.equal(parent.json.state, 'in_progress');
});

test("the committee's month: completion counted by hand, who has not reported, members' units first", async () => {
  const members = await steering.get('/api/v1/committee/members');
  const me = members.json.items.find((m) => m.username === 'steering');
  problem(null, await steering.put(`/api/v1/committee/members/${me.id}`, { units: ['000.00.99.H88'], areas: [] }), 422, 'units.0');
  const put = await steering.put(`/api/v1/committee/members/${me.id}`, { units: [A.commune2], areas: [] });
  assert.equal(put.status, 200, put.text);
  const c = await steering.get('/api/v1/committee?month=2026-11');
  assert.equal(c.status, 200, c.text);
  // top-level tasks: 1 done early, 2 not started, 3 in progress (its subtasks), 10 overdue
  assert.deepEqual(c.json.counts, { total: 4, done: 1, done_early: 1, done_on_time: 0, done_late: 0, in_progress: 1, not_started: 1, overdue: 1, completion: '1/4' });
  assert.equal(c.json.plans[0].counts.completion, '1/4');
  // the member's own unit first, then by name
  assert.equal(c.json.units[0].id, A.commune2);
  assert.equal(c.json.units[0].mine, true);
  const byUnit = Object.fromEntries(c.json.units.map((u) => [u.id, u]));
  assert.deepEqual(byUnit[A.commune1].reports, { owed: 2, submitted: 2, missing: 0, late: 0 });
  assert.deepEqual(byUnit[A.commune2].reports, { owed: 2, submitted: 0, missing: 2, late: 0 });
  assert.equal(byUnit[A.commune2].counts.overdue, 1);
  assert.deepEqual(c.json.not_reported.map((u) => [u.unit.id, u.tasks.map((t) => t.no)]),
    [[A.commune2, ['2', '10']], [A.justice, ['3.2']]]);
  assert.deepEqual(c.json.overdue.map((t) => t.no), ['10']);
  assert.deepEqual(c.json.reports.map((t) => [t.no, t.this_month.report.progress]), [['1', 100], ['3.1', 50]]);
  problem(null, await leader1.get('/api/v1/committee?month=2026-13'), 400);
});

test('reminders 7, 3 and 1 days before and when passed, each once; a late report across the month end', async () => {
  const outbox = (to) => sql(server.db, `SELECT count(*) FROM outbox WHERE recipient = '${to}'`);
  // one row per address: the commune's and its leader's (its processor shares the commune's), the department's
  assert.match(motcua('plans', 'remind', '--db', server.db, '--now', '2026-11-25 10:00'), /^3 reminder messages/);
  assert.equal(outbox('pho@example.vn'), '1');
  assert.equal(sql(server.db, "SELECT count(*) FROM outbox WHERE recipient LIKE '%,%'"), '0');
  // commune 2 (task 10 passed; the report due in 5 days for tasks 2 and 10) and the department (3.2)
  const body = sql(server.db, "SELECT body FROM outbox WHERE recipient = 'ducpho@example.vn'");
  assert.match(body, /Nhiệm vụ 10 «Kiện toàn bộ phận một cửa»: hạn hoàn thành 20\/11\/2026, đã quá hạn/);
  assert.match(body, /Báo cáo tháng 11\/2026 về nhiệm vụ 2 .*: hạn nộp 30\/11\/2026, còn 5 ngày/);
  // the same moment again writes nothing new
  assert.match(motcua('plans', 'remind', '--db', server.db, '--now', '2026-11-25 15:00'), /^0 reminder/);
  // two days later the 3-day stage (report due Monday 30th)
  assert.match(motcua('plans', 'remind', '--db', server.db, '--now', '2026-11-27 08:00'), /^3 reminder/);
  assert.equal(outbox('ducpho@example.vn'), '2');

  // past the month end: the server's clock moves to Tuesday 1 December
  await server.restart(clockAt('2026-12-01 09:00'));
  await login();
  let c = await steering.get('/api/v1/committee?month=2026-11');
  let unit = c.json.units.find((u) => u.id === A.commune2);
  assert.deepEqual(unit.reports, { owed: 2, submitted: 0, missing: 2, late: 2 });
  // the passed report due day is reminded once, to commune 2 and to the department
  assert.match(motcua('plans', 'remind', '--db', server.db, '--now', '2026-12-01 09:00'), /^3 reminder/);
  assert.match(sql(server.db, "SELECT body FROM outbox WHERE recipient = 'ducpho@example.vn' ORDER BY id DESC LIMIT 1"),
    /Báo cáo tháng 11\/2026 về nhiệm vụ 10 .*: hạn nộp 30\/11\/2026, đã quá hạn/);
  assert.equal(outbox('ducpho@example.vn'), '3');
  // the staff queue still shows commune 2 what it owes: last month's reports are asked for by month
  const owed = await leader2.get('/api/v1/tasks?view=owed&month=2026-11');
  assert.deepEqual(owed.json.items.map((t) => [t.no, t.this_month.status, t.this_month.late]), [['2', 'missing', true], ['10', 'missing', true]]);
  const last = (await leader2.get(`/api/v1/tasks/${T.t2.id}?month=2026-11`)).json.this_month;
  assert.deepEqual([last.month, last.status, last.late], ['2026-11', 'missing', true]);
  assert.equal((await leader2.get(`/api/v1/tasks/${T.t2.id}`)).json.this_month.month, '2026-12');
  problem(null, await leader2.get(`/api/v1/tasks/${T.t2.id}?month=11-2026`), 400);
  // it reports December first, then November late: the older report does not turn the task back
  let r = await leader2.put(`/api/v1/tasks/${T.t2.id}/reports/2026-12`, { progress: 60, results: 'Đã rà soát 25 thủ tục', submit: true });
  assert.equal(r.status, 201, r.text);
  r = await leader2.put(`/api/v1/tasks/${T.t2.id}/reports/2026-11`, { progress: 30, results: 'Đã rà soát 12 thủ tục', submit: true });
  assert.equal(r.status, 201, r.text);
  assert.equal((await steering.get(`/api/v1/tasks/${T.t2.id}`)).json.progress, 60);
  r = await leader2.put(`/api/v1/tasks/${T.t4.id}/reports/2026-11`, { progress: 80, results: 'Đang kiện toàn', submit: true });
  problem(null, r, 422, 'shortfall');
  assert.equal(code(r, 'shortfall'), 'overdue_cause');
  r = await leader2.put(`/api/v1/tasks/${T.t4.id}/reports/2026-11`, { progress: 80, results: 'Đang kiện toàn', shortfall: 'Thiếu biên chế', fix: 'Điều động công chức', submit: true });
  assert.equal(r.status, 201, r.text);
  c = await steering.get('/api/v1/committee?month=2026-11');
  unit = c.json.units.find((u) => u.id === A.commune2);
  assert.deepEqual(unit.reports, { owed: 2, submitted: 2, missing: 0, late: 2 });
  assert.equal((await steering.get(`/api/v1/tasks/${T.t2.id}`)).json.reports.find((x) => x.month === '2026-11').late, true);
  assert.equal((await steering.get(`/api/v1/tasks/${T.t1.id}`)).json.reports[0].late, false);
  // December: the task done in November owes nothing more
  c = await steering.get('/api/v1/committee?month=2026-12');
  assert.equal(c.json.units.find((u) => u.id === A.commune1).reports.owed, 1);
  // a task the committee reopens is no longer done
  const t1 = (await steering.get(`/api/v1/tasks/${T.t1.id}`)).json;
  r = await steering.patch(`/api/v1/tasks/${T.t1.id}`, { done_on: null, version: t1.version });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'overdue');
  assert.equal(r.json.progress, 0, 'its only report said done: nothing else stands');
  problem(null, await steering.patch(`/api/v1/tasks/${T.t1.id}`, { title: 'x', version: t1.version }), 409);
});

test("the compiled monthly report: the month's one-stop figures from motcua's own reports, every unit's results", async () => {
  problem(null, await leader1.get('/api/v1/committee/report?month=2026-11'), 403);
  problem(null, await steering.get('/api/v1/committee/report?month=2026-11&format=doc'), 400);
  const res = (await steering.get(`/api/v1/reports/resolution?agency=${A.province}&from=2026-11-01&to=2026-11-30`)).json.total;
  assert.equal(res.new_counter, 2);
  const r = await fetch(`${server.base}/api/v1/committee/report?month=2026-11`, { headers: { Cookie: steering.cookie } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  const file = join(server.dir, 'report.pdf');
  writeFileSync(file, Buffer.from(await r.arrayBuffer()));
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  assert.match(text, /BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH THÁNG 11 NĂM 2026/);
  assert.match(text, new RegExp(`Hồ sơ tiếp nhận trong tháng ${res.new_online + res.new_counter + res.new_post}\\b`));
  assert.match(text, /Tỷ lệ giải quyết đúng hạn \(%\)/);
  const completion = (await steering.get('/api/v1/committee?month=2026-11')).json.plans[0].counts.completion;
  assert.match(text, new RegExp(`Kế hoạch cải cách hành chính năm.*${completion}`));
  // the units' results, causes and fixes, under their areas
  assert.match(text, /Chính phủ số/);
  assert.match(text, /Đã số hóa 1\.000\/1\.000 hồ sơ/);
  assert.match(text, /Thiếu biên chế/);
  assert.match(text, /Điều động công chức/);
  // the department has not reported on 3.2
  assert.match(text, /ĐƠN VỊ CHƯA GỬI BÁO CÁO THÁNG 1 Sở Tư pháp 1\/1/);
  const x = await fetch(`${server.base}/api/v1/committee/report?month=2026-11&format=xlsx`, { headers: { Cookie: steering.cookie } });
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  const xlsx = join(server.dir, 'report.xlsx');
  writeFileSync(xlsx, Buffer.from(await x.arrayBuffer()));
  const strings = execFileSync('unzip', ['-p', xlsx, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
  assert.match(strings, /Đã số hóa 1\.000\/1\.000 hồ sơ/);
  assert.match(strings, /Tỷ lệ hồ sơ trực tuyến/);
});
