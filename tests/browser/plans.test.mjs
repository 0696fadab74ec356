// The steering committee's reform plans in a real browser: a unit officer's monthly report (a draft,
// evidence, the server's refusals at their fields, then submitted once), the committee's month
// counted against what the test set up, the plan page adding a task to the tree, accessibility in
// both languages, a phone, and a report that is late once the month has passed. The server's clock
// is pinned (Wednesday 25 November 2026): nothing depends on the day the tests run.
// The tests run in order: each one follows what the ones before it did.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, as, sql, A, clockAt } from '../api/helpers.mjs';
import { launch, page, axe, shot } from './browser.mjs';

let server, browser, plan;
const T = {};
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const RESULTS = 'Đã số hóa 1.000/1.000 hồ sơ tiếp nhận trong năm';

before(async () => {
  server = await startServer({ args: ['--web', 'web'], env: clockAt('2026-11-25 10:00') });
  browser = await launch();
  const steering = await as(server, 'steering');
  plan = (await steering.post('/api/v1/plans', { kind: 'yearly', year: 2026, title: 'Kế hoạch cải cách hành chính năm 2026',
    doc_number: '125/KH-UBND', doc_date: '2026-01-15', signer: 'Nguyễn Văn An', report_day: 30 })).json;
  const add = async (key, body) => {
    const r = await steering.post(`/api/v1/plans/${plan.id}/tasks`, body);
    assert.equal(r.status, 201, r.text);
    T[key] = r.json;
  };
  await add('t1', { no: '1', title: 'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính', lead: A.commune1, units: [A.centre], deadline: '2026-11-28', product: 'Báo cáo kết quả số hóa' });
  await add('t2', { no: '2', title: 'Rà soát, đơn giản hóa thủ tục hành chính', lead: A.commune2, deadline: '2026-12-31' });
  await add('t3', { no: '3', title: 'Tuyên truyền cải cách hành chính', lead: A.justice, deadline: '2026-12-15' });
  await add('t31', { no: '3.1', title: 'Tuyên truyền trên cổng thông tin', lead: A.commune1, deadline: '2026-12-10', parent: T.t3.id });
  await add('t32', { no: '3.2', title: 'Tổ chức hội thi', lead: A.justice, deadline: '2026-12-15', parent: T.t3.id });
  await add('t10', { no: '10', title: 'Kiện toàn bộ phận một cửa', lead: A.commune2, deadline: '2026-11-20' }); // already overdue
  // commune 1 has reported on 3.1 already; the committee member follows commune 2
  const leader1 = await as(server, 'leader1');
  const r = await leader1.put(`/api/v1/tasks/${T.t31.id}/reports/2026-11`, { progress: 50, results: 'Đã đăng 5 tin bài', proposal: 'Cấp kinh phí in tờ rơi', submit: true });
  assert.equal(r.status, 201, r.text);
  const me = (await steering.get('/api/v1/committee/members')).json.items.find((m) => m.username === 'steering');
  assert.equal((await steering.put(`/api/v1/committee/members/${me.id}`, { units: [A.commune2], areas: [] })).status, 200);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const report = (task) => sql(server.db, `SELECT progress || '/' || (submitted_at IS NOT NULL) FROM task_reports WHERE task_id = ${task.id} AND month = 202611`);

test("a unit officer saves the month's report as a draft, attaches evidence, then submits it once", async () => {
  const p = await page(browser, server, { user: 'leader1' });
  await p.open('/');
  await p.getByRole('link', { name: 'Nhiệm vụ CCHC' }).click();
  await p.getByRole('heading', { name: 'Nhiệm vụ cải cách hành chính' }).waitFor();
  // what commune 1 owes: task 1's November report (3.1 is reported, and not due within 7 days)
  assert.equal(await p.getByRole('tab', { name: 'Cần thực hiện' }).getAttribute('aria-selected'), 'true');
  const rows = p.locator('#tasks-panel tbody tr');
  await rows.first().waitFor();
  assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.task)), ['1']);
  assert.match(await rows.first().textContent(), /Chưa báo cáo.*30\/11\/2026/);
  assert.equal(await p.getByLabel('Tháng', { exact: true }).inputValue(), '2026-11'); // the server's month
  await p.getByRole('tab', { name: 'Tất cả nhiệm vụ' }).click();
  await p.locator('#tasks-panel tbody tr[data-task="3.1"]').waitFor();
  assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.task)), ['1', '3.1']);
  await p.getByRole('link', { name: T.t1.title }).click();

  await p.getByRole('heading', { name: `Nhiệm vụ 1: ${T.t1.title}` }).waitFor();
  // the deadline on a Saturday stands with its working day, Monday
  assert.ok(await p.getByText('28/11/2026 (Thời hạn (ngày làm việc): 30/11/2026)').isVisible());
  const form = p.getByRole('form', { name: 'Báo cáo tháng 11/2026' });
  await form.getByLabel('Tiến độ (%)').fill('60');
  await form.getByLabel('Kết quả đạt được').fill('Đã số hóa 600/1.000 hồ sơ');
  assert.ok(await form.getByText('Lưu nháp báo cáo trước, rồi đính kèm tài liệu kiểm chứng.').isVisible());
  await form.getByRole('button', { name: 'Lưu nháp' }).click();
  await p.getByRole('status').filter({ hasText: 'Đã lưu bản nháp báo cáo tháng 11/2026.' }).waitFor();
  assert.equal(report(T.t1), '60/0');
  // the draft takes evidence
  const file = join(server.dir, 'bien-ban-so-hoa.pdf');
  writeFileSync(file, PDF);
  await form.getByLabel('Chọn tệp tài liệu kiểm chứng').setInputFiles(file);
  await p.getByRole('status').filter({ hasText: 'Đã đính kèm bien-ban-so-hoa.pdf.' }).waitFor();
  await form.getByRole('link', { name: 'bien-ban-so-hoa.pdf' }).waitFor();
  assert.equal(sql(server.db, 'SELECT count(*) FROM task_report_files'), '1');
  // the draft is listed with the month's reports
  assert.match(await p.locator('.reports li[data-month="2026-11"]').textContent(), /Bản nháp/);

  // at 100 % the day it was done is needed: the server says so at the field
  await form.getByLabel('Tiến độ (%)').fill('100');
  await form.getByLabel('Kết quả đạt được').fill(RESULTS);
  await form.getByRole('button', { name: 'Gửi báo cáo' }).click();
  const confirm = form.getByRole('button', { name: 'Xác nhận gửi báo cáo' });
  await confirm.waitFor();
  assert.equal(await confirm.evaluate((el) => el === document.activeElement), true);
  assert.match(await form.locator('#confirm-hint').textContent(), /không thể sửa đổi/);
  await confirm.click();
  const doneOn = form.getByLabel('Ngày hoàn thành');
  await form.locator('#f-done-on-err').filter({ hasText: 'Bắt buộc nhập' }).waitFor();
  assert.equal(await doneOn.getAttribute('aria-invalid'), 'true');
  assert.match(await form.getByRole('alert').last().textContent(), /Vui lòng kiểm tra các trường được đánh dấu/);
  // a day after the server's today is refused, in Vietnamese
  await doneOn.fill('2026-11-26');
  await form.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await confirm.click();
  await form.locator('#f-done-on-err').filter({ hasText: 'Không được sau ngày hôm nay' }).waitFor();
  assert.equal(report(T.t1), '60/0', 'nothing changed');
  // cancelling the confirmation sends nothing
  await doneOn.fill('2026-11-24');
  await form.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await form.getByRole('button', { name: 'Hủy' }).click();
  await confirm.waitFor({ state: 'detached' });
  assert.equal(report(T.t1), '60/0');
  await form.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await confirm.click();

  // submitted: the form is gone, the report shows, the task is done before its deadline
  await p.getByRole('status').filter({ hasText: 'Đã gửi báo cáo tháng 11/2026.' }).waitFor();
  await form.waitFor({ state: 'detached' });
  assert.equal(await p.getByRole('button', { name: 'Lưu nháp' }).count(), 0);
  assert.ok(await p.getByText('Báo cáo tháng 11/2026 đã gửi và không thể sửa đổi.').isVisible());
  const shown = await p.locator('.reports li[data-month="2026-11"]').textContent();
  for (const s of ['Đã gửi', '100 %', RESULTS, '24/11/2026', 'bien-ban-so-hoa.pdf']) assert.ok(shown.includes(s), s);
  assert.equal(await p.locator('main > p .state').textContent(), 'Hoàn thành trước hạn');
  assert.equal(report(T.t1), '100/1');
  assert.equal(sql(server.db, `SELECT done_day IS NOT NULL FROM tasks WHERE id = ${T.t1.id}`), '1');
  // nothing is owed any more
  await p.getByRole('link', { name: 'Nhiệm vụ CCHC' }).first().click();
  await p.getByText('Không có nhiệm vụ nào cần báo cáo, quá hạn hoặc sắp đến hạn.').waitFor();
  assert.deepEqual(p.problems, []);
});

test("the committee's month: completion by plan and unit, overdue, who has not reported, the reports side by side", async () => {
  const p = await page(browser, server, { user: 'steering' });
  await p.open('/');
  await p.getByRole('link', { name: 'Ban Chỉ đạo CCHC' }).click();
  await p.getByRole('heading', { name: 'Tình hình thực hiện nhiệm vụ cải cách hành chính tháng 11/2026' }).waitFor();
  assert.equal(await p.getByLabel('Tháng', { exact: true }).inputValue(), '2026-11');
  // the top-level tasks: 1 done early, 2 not started, 3 in progress (3.1 at 50 %), 10 overdue
  const total = p.getByRole('list', { name: 'Tổng số nhiệm vụ' });
  const stat = async (key) => (await total.locator(`.k-${key} .n`).textContent()).trim();
  assert.deepEqual([await stat('plCompletion'), await stat('plDone'), await stat('plInProgress'), await stat('plOverdue'), await stat('plNotStarted')],
    ['1/4', '1', '1', '1', '1']);
  const planRow = p.getByRole('region', { name: 'Theo kế hoạch' }).getByRole('row', { name: new RegExp(plan.title) });
  assert.equal(await planRow.locator('td.completion').textContent(), '1/4');
  // by unit: the member's commune first and marked; each unit's reports as set up
  const units = p.getByRole('region', { name: 'Theo đơn vị' }).locator('tbody tr');
  assert.equal(await units.first().getAttribute('data-unit'), A.commune2);
  assert.match(await units.first().textContent(), /Xã Đức Phổ\s*Đơn vị bạn theo dõi/);
  assert.equal(await p.locator('tbody tr.mine').count(), 1);
  const cells = async (id) => (await p.locator(`tr[data-unit="${id}"] td`).allTextContents()).map((s) => s.trim());
  // completion, in progress, overdue, not started; owed, submitted, missing, late
  assert.deepEqual(await cells(A.commune2), ['0/2', '0', '1', '1', '2', '0', '2', '0']);
  assert.deepEqual(await cells(A.commune1), ['1/2', '1', '0', '0', '2', '2', '0', '0']);
  assert.deepEqual(await cells(A.justice), ['0/1', '0', '0', '1', '1', '0', '1', '0']);
  // the overdue task with its unit
  const overdue = p.getByRole('region', { name: 'Nhiệm vụ quá hạn chưa hoàn thành' }).locator('tbody tr');
  assert.equal(await overdue.count(), 1);
  assert.match(await overdue.textContent(), /^10Kiện toàn bộ phận một cửaXã Đức Phổ20\/11\/20260 %$/);
  // who has not reported, with the tasks
  const missing = p.getByRole('region', { name: 'Đơn vị chưa gửi báo cáo tháng 11/2026' });
  assert.deepEqual(await missing.locator('li[data-unit]').evaluateAll((li) => li.map((x) => x.dataset.unit)), [A.commune2, A.justice]);
  assert.deepEqual(await missing.locator(`li[data-unit="${A.commune2}"] li a`).allTextContents(),
    ['Nhiệm vụ 2: Rà soát, đơn giản hóa thủ tục hành chính', 'Nhiệm vụ 10: Kiện toàn bộ phận một cửa']);
  assert.equal(await missing.locator('.badge').count(), 0, 'nothing is late before the report day');
  // the reports side by side: task 1 (submitted by the test before) and 3.1
  const reports = p.getByRole('region', { name: 'Báo cáo tháng 11/2026 đã gửi' }).locator('tbody tr');
  assert.equal(await reports.count(), 2);
  const row = async (i) => (await reports.nth(i).locator('th, td').allTextContents()).map((s) => s.trim());
  assert.deepEqual((await row(0)).slice(0, 4), [`1. ${T.t1.title}`, 'Phường Đông Hà', '100 %', RESULTS]);
  assert.deepEqual(await row(1), [`3.1. ${T.t31.title}`, 'Phường Đông Hà', '50 %', 'Đã đăng 5 tin bài', '—', '—', 'Cấp kinh phí in tờ rơi', 'Đang thực hiện']);
  // the same figures as the API's
  const api = (await (await as(server, 'steering')).get('/api/v1/committee?month=2026-11')).json;
  assert.equal(api.counts.completion, '1/4');
  assert.equal(await units.count(), api.units.length);
  assert.equal(await reports.count(), api.reports.length);
  await shot(p, 'committee');
  // each task links to its page
  await overdue.getByRole('link', { name: 'Kiện toàn bộ phận một cửa' }).click();
  await p.getByRole('heading', { name: 'Nhiệm vụ 10: Kiện toàn bộ phận một cửa' }).waitFor();
  assert.equal(await p.locator('main > p .state').textContent(), 'Quá hạn chưa hoàn thành');
  assert.equal(await p.getByRole('form').count(), 0, 'the committee does not report');
  // another month
  await p.goBack();
  await p.getByLabel('Tháng', { exact: true }).fill('2026-10');
  await p.getByRole('button', { name: 'Xem' }).click();
  await p.getByRole('heading', { name: /tháng 10\/2026$/, level: 1 }).waitFor();
  assert.match(p.url(), /#\/ban-chi-dao\?month=2026-10$/);
  await p.getByText('Chưa có báo cáo nào được gửi.').waitFor();
  assert.deepEqual(p.problems, []);
});

test('the plan page shows the tasks as a tree and adds a task; a taken number is refused at its field', async () => {
  const p = await page(browser, server, { user: 'steering' });
  await p.open('/ke-hoach');
  await p.getByRole('link', { name: plan.title }).click();
  await p.getByRole('heading', { name: plan.title, level: 1 }).waitFor();
  const order = () => p.locator('table.tasks tbody tr').evaluateAll((trs) => trs.map((tr) => `${tr.dataset.task}:${tr.className}`));
  assert.deepEqual(await order(), ['1:depth-0', '2:depth-0', '3:depth-0', '3.1:depth-1', '3.2:depth-1', '10:depth-0']);
  const state = (no) => p.locator(`tr[data-task="${no}"] .state`).textContent();
  assert.equal(await state('1'), 'Hoàn thành trước hạn');
  assert.equal(await state('3'), 'Đang thực hiện');
  assert.equal(await state('10'), 'Quá hạn chưa hoàn thành');
  assert.match(await p.locator('tr[data-task="3.1"] th').textContent(), /^Nhiệm vụ con của nhiệm vụ 3:/);

  const form = p.getByRole('form', { name: 'Thêm nhiệm vụ' });
  await form.getByRole('textbox', { name: 'Số', exact: true }).fill('3.1');
  await form.getByLabel('Là nhiệm vụ con của').selectOption({ label: `3. ${T.t3.title}` });
  await form.getByRole('textbox', { name: 'Nhiệm vụ', exact: true }).fill('Xây dựng chuyên mục cải cách hành chính trên cổng thông tin');
  await form.getByLabel('Đơn vị chủ trì').selectOption(A.building);
  await form.getByRole('checkbox', { name: 'Phường Đông Hà' }).check();
  await form.getByRole('checkbox', { name: 'Xã Đức Phổ' }).check();
  await form.getByLabel('Thời hạn').fill('2026-12-20'); // a Sunday
  await form.getByLabel('Mức độ ưu tiên').selectOption({ label: 'Cao' });
  await form.getByLabel('Sản phẩm').fill('Chuyên mục được vận hành');
  await form.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
  await form.locator('#f-no-err').filter({ hasText: 'Số 3.1 đã có trong kế hoạch này' }).waitFor();
  assert.equal(await form.getByRole('textbox', { name: 'Số', exact: true }).getAttribute('aria-invalid'), 'true');
  await form.getByRole('textbox', { name: 'Số', exact: true }).fill('3.3');
  await form.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
  await p.getByRole('status').filter({ hasText: 'Đã thêm nhiệm vụ 3.3.' }).waitFor();
  await p.locator('tr[data-task="3.3"]').waitFor();
  assert.deepEqual(await order(), ['1:depth-0', '2:depth-0', '3:depth-0', '3.1:depth-1', '3.2:depth-1', '3.3:depth-1', '10:depth-0']);
  const added = await p.locator('tr[data-task="3.3"]').textContent();
  for (const s of ['Sở Xây dựng', 'Phường Đông Hà; Xã Đức Phổ', '21/12/2026', 'Chưa thực hiện']) assert.ok(added.includes(s), s);
  const id = sql(server.db, "SELECT id FROM tasks WHERE no = '3.3'");
  const x = (await (await as(server, 'steering')).get(`/api/v1/tasks/${id}`)).json;
  assert.deepEqual([x.lead.id, x.parent_id, x.priority, x.deadline, x.deadline_working, x.product, x.units.map((u) => u.id).sort()],
    [A.building, T.t3.id, 1, '2026-12-20', '2026-12-21', 'Chuyên mục được vận hành', [A.commune1, A.commune2]]);
  // the form is empty again for the next task
  assert.equal(await form.getByRole('textbox', { name: 'Số', exact: true }).inputValue(), '');
  assert.deepEqual(p.problems, []);
});

test('the committee marks a task done and reopens it, and edits a task', async () => {
  const p = await page(browser, server, { user: 'steering' });
  await p.open(`/ke-hoach/${plan.id}`);
  const row = p.locator('tr[data-task="2"]');
  await row.waitFor();
  await row.getByRole('button', { name: 'Đánh dấu hoàn thành 2' }).click();
  const done = row.getByRole('form', { name: 'Đánh dấu hoàn thành nhiệm vụ 2' });
  await done.getByLabel('Ngày hoàn thành').fill('2026-11-23');
  await done.getByRole('button', { name: 'Đánh dấu hoàn thành' }).click();
  await p.getByRole('status').filter({ hasText: 'Nhiệm vụ 2 đã hoàn thành.' }).waitFor();
  await row.locator('.state').filter({ hasText: 'Hoàn thành trước hạn' }).waitFor();
  assert.equal(sql(server.db, `SELECT done_day IS NOT NULL FROM tasks WHERE id = ${T.t2.id}`), '1');
  await row.getByRole('button', { name: 'Mở lại nhiệm vụ 2' }).click();
  await p.getByRole('status').filter({ hasText: 'Đã mở lại nhiệm vụ 2.' }).waitFor();
  await row.getByRole('button', { name: 'Đánh dấu hoàn thành 2' }).waitFor();
  assert.doesNotMatch(await row.locator('.state').textContent(), /^Hoàn thành/);
  assert.equal(sql(server.db, `SELECT done_day IS NULL FROM tasks WHERE id = ${T.t2.id}`), '1');
  await row.getByRole('button', { name: 'Sửa nhiệm vụ 2' }).click();
  const edit = p.getByRole('form', { name: 'Sửa nhiệm vụ 2' });
  assert.equal(await edit.getByRole('heading').evaluate((el) => el === document.activeElement), true);
  assert.equal(await edit.getByLabel('Đơn vị chủ trì').inputValue(), A.commune2);
  await edit.getByLabel('Thời hạn').fill('2026-12-30');
  await edit.getByRole('button', { name: 'Lưu nhiệm vụ' }).click();
  await p.getByRole('status').filter({ hasText: 'Đã lưu nhiệm vụ 2.' }).waitFor();
  await row.filter({ hasText: '30/12/2026' }).waitFor();
  assert.equal(await p.getByRole('form', { name: 'Thêm nhiệm vụ' }).count(), 1);
  assert.deepEqual(p.problems, []);
});

test('a member is assigned the units to follow', async () => {
  const p = await page(browser, server, { user: 'steering' });
  await p.open('/ban-chi-dao');
  await p.getByRole('link', { name: 'Phân công thành viên theo dõi đơn vị' }).click();
  const form = p.getByRole('form', { name: 'steering' });
  await form.getByRole('checkbox', { name: 'Xã Đức Phổ' }).waitFor();
  assert.equal(await form.getByRole('checkbox', { name: 'Xã Đức Phổ' }).isChecked(), true); // as set up
  await form.getByRole('checkbox', { name: 'Sở Tư pháp' }).check();
  await form.getByLabel('Lĩnh vực theo dõi (mỗi dòng một lĩnh vực)').fill('Chính phủ số\nCải cách thủ tục hành chính');
  await form.getByRole('button', { name: 'Lưu phân công steering' }).click();
  await p.getByRole('status').filter({ hasText: 'Đã lưu phân công của steering.' }).waitFor();
  const me = (await (await as(server, 'steering')).get('/api/v1/committee/members')).json.items.find((m) => m.username === 'steering');
  assert.deepEqual([me.units.sort(), me.areas.sort()], [[A.justice, A.commune2].sort(), ['Chính phủ số', 'Cải cách thủ tục hành chính'].sort()]);
  assert.deepEqual(p.problems, []);
});

test('every reform page passes axe-core in Vietnamese and English; an auditor reads without the forms', async () => {
  const pages = [
    ['steering', '/ban-chi-dao'], ['steering', '/ban-chi-dao/thanh-vien'], ['steering', '/ke-hoach'], ['steering', `/ke-hoach/${plan.id}`],
    ['steering', `/nhiem-vu/${T.t1.id}`], ['leader2', '/nhiem-vu'], ['leader2', `/nhiem-vu/${T.t10.id}`], ['auditor', '/ban-chi-dao'],
    ['auditor', `/ke-hoach/${plan.id}`],
  ];
  for (const lang of ['vi', 'en']) {
    for (const [user, hash] of pages) {
      const p = await page(browser, server, { user, bypassCSP: true, lang });
      await p.open(hash);
      await p.waitForLoadState('networkidle');
      await p.locator('main h1').first().waitFor();
      if (user === 'leader2' && hash.includes('nhiem-vu/')) {
        // with the confirmation open
        await p.locator('input[name=progress]').fill('10');
        await p.locator('.report-form button[type=button]').click();
        await p.locator('.confirm').waitFor();
      }
      const bad = await axe(p);
      assert.deepEqual(bad, [], `${lang} ${user} ${hash}: ${bad.join('; ')}`);
      assert.deepEqual(p.problems, [], `${lang} ${user} ${hash}`);
      if (user === 'auditor') {
        assert.equal(await p.locator('main form:not(.month-pick)').count(), 0, `${hash}: read-only`);
        assert.equal(await p.locator('header nav a[href="#/ban-chi-dao"]').count(), 1);
      }
      if (hash === '/ban-chi-dao' && user === 'steering')
        assert.equal(await p.locator('main h1').textContent(), lang === 'en' ? 'Administrative reform tasks in 11/2026' : 'Tình hình thực hiện nhiệm vụ cải cách hành chính tháng 11/2026');
      await p.context().close();
    }
  }
});

test('on a 360 px phone the reform pages do not overflow sideways', async () => {
  for (const [user, hash] of [['steering', '/ban-chi-dao'], ['steering', `/ke-hoach/${plan.id}`], ['leader2', '/nhiem-vu'], ['leader2', `/nhiem-vu/${T.t2.id}`]]) {
    const p = await page(browser, server, { user, viewport: { width: 360, height: 740 } });
    await p.open(hash);
    await p.locator('main h1').first().waitFor();
    await p.waitForLoadState('networkidle');
    const width = await p.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${hash}: ${width}px wide`);
    await p.context().close();
  }
});

test('past the report day the units that have not reported are marked late', async () => {
  await server.restart(clockAt('2026-12-01 09:00'));
  const p = await page(browser, server, { user: 'steering' });
  await p.open('/ban-chi-dao?month=2026-11');
  const missing = p.getByRole('region', { name: 'Đơn vị chưa gửi báo cáo tháng 11/2026' });
  await missing.locator(`li[data-unit="${A.commune2}"]`).waitFor();
  for (const li of await missing.locator(`li[data-unit="${A.commune2}"] li`).all()) assert.match(await li.textContent(), /Chưa báo cáo Trễ hạn/);
  assert.deepEqual(await p.locator(`tr[data-unit="${A.commune2}"] td`).allTextContents().then((c) => c.slice(4)), ['2', '0', '2', '2']);
  // December is the server's month now
  await p.getByRole('link', { name: 'Ban Chỉ đạo CCHC' }).click();
  await p.getByRole('heading', { name: /tháng 12\/2026$/, level: 1 }).waitFor();
  assert.deepEqual(p.problems, []);
});
