// Citizens' feedback in a real browser: the form and its errors, following an item, the queue's
// tabs and counts, the officers' steps through to the published answer, the rating, the public
// answers, the hotline, accessibility.
// The tests run in order: the later ones follow the item the first one files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, as, sql, A, dossierBody } from '../api/helpers.mjs';
import { launch, page, axe, shot } from './browser.mjs';

let server, browser, code;
before(async () => {
  server = await startServer({ args: ['--web', 'web'] });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const ANSWER = 'Hồ sơ đã có kết quả; cán bộ chậm trễ đã được nhắc nhở bằng văn bản.';
const sheet = (p) => p.locator('section[aria-labelledby="h-history"] tbody tr');

test('an anonymous citizen files feedback about a dossier; bad fields are shown at their fields first', async () => {
  const d = (await (await as(server, 'receiver1')).post('/api/v1/dossiers', dossierBody())).json;
  const p = await page(browser, server);
  await p.open('/');
  await p.getByRole('link', { name: 'Phản ánh, kiến nghị' }).click();
  await p.getByRole('heading', { name: 'Gửi phản ánh, kiến nghị' }).waitFor();
  await p.getByLabel('Loại phản ánh, kiến nghị').selectOption({ label: 'Việc giải quyết thủ tục, hồ sơ' });
  const text = p.getByLabel('Nội dung phản ánh, kiến nghị');
  await text.fill('Hồ sơ <b>quá hẹn</b> mà chưa có kết quả.');
  assert.ok(await p.getByText('Đã nhập 40/4000 ký tự.').isVisible());
  await p.getByLabel('Mã hồ sơ liên quan (nếu có)').fill(d.code);
  await p.getByLabel('Họ và tên').fill('Nguyễn Thị Hoa');
  await p.getByRole('button', { name: 'Gửi phản ánh' }).click();
  // markup is refused, at the text
  await p.locator('#f-text-err').filter({ hasText: 'Chỉ nhập văn bản, không dùng thẻ HTML' }).waitFor();
  assert.equal(await text.getAttribute('aria-invalid'), 'true');
  await text.fill('Hồ sơ quá hẹn mà chưa có kết quả.');
  await p.getByRole('button', { name: 'Gửi phản ánh' }).click();
  // without an account, a phone or an e-mail address is needed: said at the phone
  await p.locator('#f-phone-err').filter({ hasText: 'Nhập số điện thoại hoặc thư điện tử để theo dõi kết quả trả lời' }).waitFor();
  assert.equal(await p.getByLabel('Số điện thoại').getAttribute('aria-invalid'), 'true');
  assert.equal(await text.getAttribute('aria-invalid'), null);
  await p.getByLabel('Số điện thoại').fill('0912 345 678');
  await p.getByRole('button', { name: 'Gửi phản ánh' }).click();
  await p.getByRole('heading', { name: 'Đã gửi phản ánh, kiến nghị' }).waitFor();
  code = (await p.locator('.code').textContent()).trim();
  assert.match(code, /^PAKN-\d{6}-\d{4}$/);
  assert.equal(sql(server.db, `SELECT agency || '/' || dossier_code FROM feedback WHERE code = '${code}'`), `${A.commune1}/${d.code}`);
  const follow = await p.getByRole('link', { name: 'Theo dõi phản ánh, kiến nghị' }).getAttribute('href');
  assert.equal(follow, `#/phan-anh/theo-doi?code=${code}&contact=5678`);
  await shot(p, 'feedback-sent');
  assert.deepEqual(p.problems, []);
});

test('the follow page shows the status to the code with the last four phone digits', async () => {
  const p = await page(browser, server);
  await p.open('/phan-anh/theo-doi');
  await p.getByLabel('Mã phản ánh').fill(code);
  await p.getByLabel('4 số cuối điện thoại hoặc thư điện tử người gửi').fill('0000');
  await p.getByRole('button', { name: 'Theo dõi', exact: true }).click();
  await p.getByText('Không tìm thấy phản ánh với mã và thông tin liên hệ này.').waitFor();
  await p.getByLabel('4 số cuối điện thoại hoặc thư điện tử người gửi').fill('5678');
  await p.getByRole('button', { name: 'Theo dõi', exact: true }).click();
  await p.getByRole('heading', { name: `Phản ánh, kiến nghị ${code}` }).waitFor();
  assert.equal(await p.locator('.status').textContent(), 'Đã tiếp nhận');
  assert.ok(await p.getByText('Phường Đông Hà').isVisible());
  assert.equal(await sheet(p).count(), 1);
  assert.match(await sheet(p).first().textContent(), /Gửi phản ánh, kiến nghị/);
  // nothing to rate before an answer is published
  assert.equal(await p.getByRole('heading', { name: 'Đánh giá kết quả trả lời' }).count(), 0);
  assert.deepEqual(p.problems, []);
});

test('officers accept and answer it, the leader publishes it; its sender reads the answer and rates it once', async () => {
  // another item of the commune, past its answering time: the overdue view shows it with a badge
  const late = (await new Client(server).post('/api/v1/feedback', { category: 'conduct', text: 'Cán bộ tiếp dân chưa đúng mực.',
    dossier_code: (await (await as(server, 'receiver1')).post('/api/v1/dossiers', dossierBody())).json.code, email: 'lan@example.vn' })).json;
  sql(server.db, `UPDATE feedback SET answer_due = 1 WHERE code = '${late.code}'`);
  const proc = await page(browser, server, { user: 'processor1' });
  await proc.open('/');
  await proc.getByRole('link', { name: 'Xử lý phản ánh' }).click();
  await proc.getByRole('heading', { name: 'Xử lý phản ánh' }).waitFor();
  // an officer who processes starts on "mine": the commune's items, both of them open
  const mine = proc.getByRole('tab', { name: /^Của tôi/ });
  assert.equal(await mine.getAttribute('aria-selected'), 'true');
  assert.equal(await mine.getAttribute('aria-controls'), 'fb-panel');
  assert.equal(await proc.getByRole('tabpanel').getAttribute('aria-labelledby'), 'tab-mine');
  await proc.getByRole('link', { name: code }).waitFor();
  await proc.getByRole('link', { name: late.code }).waitFor();
  // the overdue item is under "late", with its badge, and the tab's count is the rows it shows
  const lateTab = proc.getByRole('tab', { name: /^Quá hạn/ });
  await lateTab.click();
  assert.equal(await lateTab.getAttribute('aria-selected'), 'true');
  await proc.getByRole('row', { name: new RegExp(late.code) }).waitFor();
  assert.match(await proc.getByRole('row', { name: new RegExp(late.code) }).locator('.badge').textContent(), /Quá hạn/);
  assert.equal(await proc.getByRole('link', { name: code }).count(), 0);
  await proc.waitForFunction((el) => /^\d+$/.test(el.textContent), await lateTab.locator('.count').elementHandle());
  const rows = proc.locator('#fb-panel tbody tr');
  assert.equal(Number(await lateTab.locator('.count').textContent()), await rows.count());
  assert.equal(await rows.count(), 1);
  // the counts are the API's, the same for every tab
  const counts = (await (await as(server, 'processor1')).get('/api/v1/feedback/counts')).json;
  for (const [name, k] of [[/^Của tôi/, 'mine'], [/^Sắp đến hạn/, 'due_soon'], [/^Quá hạn/, 'late'], [/^Đang xử lý/, 'open'], [/^Tất cả/, 'all']])
    assert.equal(await proc.getByRole('tab', { name }).locator('.count').textContent(), String(counts[k]), k);
  await proc.getByRole('tab', { name: /^Đang xử lý/ }).click();
  await proc.getByRole('link', { name: code }).click();
  await proc.getByRole('heading', { name: `Phản ánh, kiến nghị ${code}` }).waitFor();
  assert.ok(await proc.getByText('0912 345 678').isVisible()); // the commune's officer sees the contact in full
  await proc.getByRole('button', { name: 'Tiếp nhận xử lý' }).click();
  const accept = proc.getByRole('form', { name: 'Tiếp nhận xử lý' });
  await accept.getByLabel('Ghi chú').fill('Đúng thẩm quyền của phường');
  await accept.getByRole('button', { name: 'Tiếp nhận xử lý' }).click();
  await proc.locator('.status').filter({ hasText: 'Đang xem xét, xử lý' }).waitFor();
  await proc.getByRole('button', { name: 'Trả lời', exact: true }).click();
  const answer = proc.getByRole('form', { name: 'Trả lời' });
  await answer.getByLabel('Nội dung trả lời').fill(ANSWER);
  await answer.getByRole('button', { name: 'Trả lời' }).click();
  await proc.locator('.status').filter({ hasText: 'Đã có kết quả trả lời' }).waitFor();
  // publishing is a leader's: offered, but not to this officer, and said why
  const publish = proc.getByRole('button', { name: 'Công khai kết quả trả lời' });
  assert.equal(await publish.isDisabled(), true);
  assert.equal(await publish.getAttribute('aria-describedby'), 'why-leader');
  assert.match(await proc.locator('#why-leader').textContent(), /do lãnh đạo cơ quan đang xử lý phản ánh thực hiện/);
  await sheet(proc).nth(2).waitFor();
  assert.equal(await sheet(proc).count(), 3); // sent, accepted, answered
  await shot(proc, 'feedback-item');
  const lead = await page(browser, server, { user: 'leader1' });
  await lead.open(`/phan-anh/${code}`);
  await lead.getByRole('button', { name: 'Công khai kết quả trả lời' }).click();
  await lead.getByRole('form', { name: 'Công khai kết quả trả lời' }).getByRole('button', { name: 'Công khai kết quả trả lời' }).click();
  await lead.locator('.status').filter({ hasText: 'Đã công khai kết quả trả lời' }).waitFor();
  assert.equal(await lead.getByText('Phản ánh này không còn thao tác nào.').isVisible(), true);
  // the sender follows it: the answer, and the rating, once
  const q = await page(browser, server);
  await q.open(`/phan-anh/theo-doi?code=${code}&contact=5678`);
  await q.getByText(ANSWER).first().waitFor();
  await q.getByRole('radio', { name: 'Hài lòng', exact: true }).check();
  await q.getByLabel('Góp ý').fill('Trả lời rõ ràng');
  await q.getByRole('button', { name: 'Gửi', exact: true }).click();
  await q.getByText('Cảm ơn Ông/Bà đã đánh giá.').waitFor();
  assert.equal(sql(server.db, `SELECT r.level || '/' || r.comment FROM feedback_ratings r JOIN feedback f ON f.id = r.feedback_id WHERE f.code = '${code}'`), '2/Trả lời rõ ràng');
  // once rated, the page says so and offers no second rating
  await q.reload();
  await q.getByText('Kết quả trả lời này đã được đánh giá.').waitFor();
  assert.equal(await q.getByRole('radio', { name: 'Rất hài lòng' }).count(), 0);
  assert.equal(sql(server.db, `SELECT count(*) FROM feedback_ratings r JOIN feedback f ON f.id = r.feedback_id WHERE f.code = '${code}'`), '1');
  assert.deepEqual([...proc.problems, ...lead.problems, ...q.problems], []);
});

test('the public answers page finds the answer by one of its words, without the sender', async () => {
  const p = await page(browser, server);
  await p.open('/phan-anh');
  await p.getByRole('link', { name: 'Xem kết quả trả lời phản ánh, kiến nghị đã công khai' }).click();
  await p.getByRole('heading', { name: 'Kết quả trả lời phản ánh, kiến nghị' }).waitFor();
  await p.getByLabel('Tìm trong nội dung phản ánh và kết quả trả lời').fill('không-có-từ-này');
  await p.getByRole('button', { name: 'Tìm kiếm' }).click();
  await p.getByText('Chưa có kết quả trả lời phù hợp.').waitFor();
  await p.getByLabel('Tìm trong nội dung phản ánh và kết quả trả lời').fill('nhắc nhở');
  await p.getByRole('button', { name: 'Tìm kiếm' }).click();
  await p.getByRole('heading', { name: new RegExp(code) }).waitFor();
  assert.equal(await p.locator('.cards > li').count(), 1);
  assert.equal(await p.locator('dd.answer').textContent(), ANSWER);
  assert.ok(await p.getByText('Hồ sơ quá hẹn mà chưa có kết quả.').isVisible());
  const main = await p.locator('main').textContent();
  assert.ok(!main.includes('0912') && !main.includes('Nguyễn Thị Hoa'), 'no personal data');
  assert.match(p.url(), /#\/phan-anh\/tra-loi\?q=nh%E1%BA%AFc/);
  await shot(p, 'feedback-answers');
  assert.deepEqual(p.problems, []);
});

test('the hotline operator records a call', async () => {
  const p = await page(browser, server, { user: 'receiver1' });
  await p.open('/phan-anh');
  await p.getByRole('heading', { name: 'Ghi nhận phản ánh qua đường dây nóng' }).waitFor();
  await p.getByLabel('Loại phản ánh, kiến nghị').selectOption('other');
  await p.getByLabel('Nội dung phản ánh, kiến nghị').fill('Người gọi đề nghị bố trí thêm chỗ để xe tại bộ phận một cửa.');
  await p.getByLabel('Số điện thoại').fill('0905 222 333');
  await p.getByRole('button', { name: 'Ghi nhận phản ánh' }).click();
  await p.getByRole('heading', { name: 'Đã ghi nhận phản ánh, kiến nghị' }).waitFor();
  const recorded = (await p.locator('.code').textContent()).trim();
  const item = await (await as(server, 'steering')).get(`/api/v1/feedback/${recorded}`);
  assert.equal(item.json.channel, 'hotline');
  await p.getByRole('button', { name: 'Ghi nhận phản ánh khác' }).click();
  assert.equal(await p.getByLabel('Nội dung phản ánh, kiến nghị').inputValue(), '');
  assert.deepEqual(p.problems, []);
});

test('the queue opens on "open" for those who do not process, and on "late" for the old view=overdue', async () => {
  const p = await page(browser, server, { user: 'steering' });
  await p.open('/phan-anh/xu-ly');
  await p.getByRole('heading', { name: 'Xử lý phản ánh' }).waitFor();
  assert.equal(await p.getByRole('tab', { name: /^Đang xử lý/ }).getAttribute('aria-selected'), 'true');
  assert.equal(await p.getByRole('tab', { selected: true }).count(), 1);
  await p.context().close();
  const q = await page(browser, server, { user: 'processor1' });
  await q.open('/phan-anh/xu-ly?view=overdue');
  await q.getByRole('heading', { name: 'Xử lý phản ánh' }).waitFor();
  assert.equal(await q.getByRole('tab', { name: /^Quá hạn/ }).getAttribute('aria-selected'), 'true');
  await q.locator('#fb-panel tbody tr').first().waitFor();
  assert.deepEqual([...p.problems, ...q.problems], []);
});

test('every feedback page passes axe-core in Vietnamese and English, without console errors', async () => {
  const open = (await new Client(server).post('/api/v1/feedback', { category: 'rule', text: 'Quy định chưa rõ.', phone: '0977 111 222',
    dossier_code: (await (await as(server, 'receiver1')).post('/api/v1/dossiers', dossierBody())).json.code })).json;
  const pages = [
    [null, '/phan-anh'], [null, `/phan-anh/theo-doi?code=${code}&contact=5678`], [null, '/phan-anh/tra-loi?q=nh%E1%BA%AFc'],
    ['citizen', '/phan-anh'], ['receiver1', '/phan-anh'], ['processor1', '/phan-anh/xu-ly'], ['processor1', `/phan-anh/${open.code}`],
    ['leader1', `/phan-anh/${code}`], ['steering', `/phan-anh/${open.code}`],
  ];
  for (const lang of ['vi', 'en']) {
    for (const [user, hash] of pages) {
      const p = await page(browser, server, { user, bypassCSP: true, lang });
      await p.open(hash);
      await p.waitForLoadState('networkidle');
      await p.locator('main h1').first().waitFor();
      if (user === 'processor1' && hash.endsWith(open.code)) {
        // with an action's form open
        await p.locator('.actions button').nth(1).click();
        await p.locator('form.panel').waitFor();
      }
      const bad = await axe(p);
      assert.deepEqual(bad, [], `${lang} ${user} ${hash}: ${bad.join('; ')}`);
      assert.deepEqual(p.problems, [], `${lang} ${user} ${hash}`);
      if (hash === '/phan-anh' && !user) assert.equal(await p.locator('main h1').textContent(), lang === 'en' ? 'Send feedback' : 'Gửi phản ánh, kiến nghị');
      await p.context().close();
    }
  }
});

test('on a 360 px phone the feedback pages and the header do not overflow sideways', async () => {
  for (const [user, hash] of [[null, '/phan-anh'], [null, '/phan-anh/tra-loi'], ['processor1', '/phan-anh/xu-ly'], ['leader1', `/phan-anh/${code}`]]) {
    const p = await page(browser, server, { user, viewport: { width: 360, height: 740 } });
    await p.open(hash);
    await p.locator('main h1').first().waitFor();
    await p.waitForLoadState('networkidle');
    const width = await p.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${hash}: ${width}px wide`);
    // every header link is on the screen
    for (const box of await p.locator('header a').evaluateAll((as) => as.map((a) => a.getBoundingClientRect().right)))
      assert.ok(box <= 360, `${hash}: a header link ends at ${box}px`);
    await p.context().close();
  }
});
