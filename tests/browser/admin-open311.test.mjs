// The administrator's Open311 clients in a real browser: a key issued and shown once, used by a
// client, revoked after a confirmation; a name taken; the tab for the system administrator alone;
// accessibility in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from '../api/helpers.mjs';
import { launch, page, axe } from './browser.mjs';

let server, browser;
before(async () => {
  server = await startServer({ args: ['--web', 'web'] });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const NAME = 'Ứng dụng phản ánh Sơn Hà';
// a request through Open311, as a client app posts it (form-encoded)
const report = (key) => fetch(`${server.base}/open311/v2/requests.json`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ api_key: key, service_code: 'other', lat: '21.02', long: '105.85', description: 'Đèn chiếu sáng trước trụ sở phường bị hỏng.' }).toString(),
});

test('the administrator issues a key, sees it once, a client uses it, and the key is revoked after a confirmation', async () => {
  const p = await page(browser, server, { user: 'admin' });
  await p.open('/quan-tri');
  await p.getByRole('tab', { name: 'Ứng dụng Open311' }).click();
  await p.getByText('Chưa cấp khóa cho ứng dụng nào.').waitFor();
  // without a name the browser asks for one first
  await p.getByRole('button', { name: 'Cấp khóa', exact: true }).click();
  const field = p.getByLabel('Tên ứng dụng');
  assert.equal(await field.evaluate((el) => el.validity.valueMissing), true);
  await field.fill(NAME);
  await p.getByRole('button', { name: 'Cấp khóa', exact: true }).click();

  // the key, once, in its own box that takes the focus
  const box = p.getByRole('region', { name: `Khóa API của ứng dụng ${NAME}` });
  await box.waitFor();
  assert.equal(await box.evaluate((el) => el === document.activeElement), true);
  assert.match(await box.textContent(), /khóa sẽ không được hiển thị lại/);
  const key = await box.getByLabel('Khóa API').inputValue();
  assert.match(key, /^[A-Za-z0-9_-]{40,}$/);
  assert.equal(await field.inputValue(), '');
  assert.equal(sql(server.db, `SELECT count(*) FROM open311_keys WHERE key_hash = '${key}'`), '0'); // only its hash is kept

  // the list shows the client, active, never used
  const row = p.getByRole('row', { name: new RegExp(NAME) });
  await row.waitFor();
  assert.match(await row.textContent(), /Đang hoạt động/);
  assert.match(await row.textContent(), /Chưa dùng/);

  // the client posts a request with it
  let r = await report(key);
  assert.equal(r.status, 201, await r.clone().text());
  const [posted] = await r.json();
  assert.match(posted.service_request_id, /^PAKN-\d{6}-\d{4}$/);

  // hidden, the key is gone for good: reloading shows the client and its use, never the key
  await box.getByRole('button', { name: 'Đã lưu khóa, ẩn khóa đi' }).click();
  await box.waitFor({ state: 'detached' });
  await p.reload();
  await p.getByRole('tab', { name: 'Ứng dụng Open311' }).click();
  await row.waitFor();
  assert.ok(!(await p.locator('main').textContent()).includes(key));
  assert.equal(await row.locator('td').nth(4).textContent(), '1');
  assert.doesNotMatch(await row.textContent(), /Chưa dùng/);

  // the same name again: said at the field
  await field.fill(NAME);
  await p.getByRole('button', { name: 'Cấp khóa', exact: true }).click();
  await p.locator('#f-name-err').filter({ hasText: 'Đã có ứng dụng mang tên này' }).waitFor();
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  assert.equal(sql(server.db, 'SELECT count(*) FROM open311_keys'), '1');

  // revoking asks first; cancelling leaves the key alone
  await row.getByRole('button', { name: `Thu hồi khóa ${NAME}` }).click();
  const confirm = row.getByRole('button', { name: `Xác nhận thu hồi ${NAME}` });
  await confirm.waitFor();
  assert.equal(await confirm.evaluate((el) => el === document.activeElement), true);
  await row.getByRole('button', { name: 'Hủy' }).click();
  await confirm.waitFor({ state: 'detached' });
  assert.equal(sql(server.db, 'SELECT revoked_at IS NULL FROM open311_keys'), '1');
  await row.getByRole('button', { name: `Thu hồi khóa ${NAME}` }).click();
  await confirm.click();
  await p.getByRole('status').filter({ hasText: `Đã thu hồi khóa của ứng dụng ${NAME}.` }).waitFor();
  assert.match(await row.textContent(), /Đã thu hồi/);
  assert.equal(await row.getByRole('button').count(), 0);
  assert.equal(sql(server.db, 'SELECT revoked_at IS NOT NULL FROM open311_keys'), '1');

  // the revoked key is refused
  r = await report(key);
  assert.equal(r.status, 403);
  assert.deepEqual(p.problems, []);
});

test('the tab is the system administrator\'s alone', async () => {
  const p = await page(browser, server, { user: 'unitadmin' });
  await p.open('/quan-tri?tab=open311');
  await p.getByRole('heading', { name: 'Quản trị' }).waitFor();
  await p.getByRole('tab').first().waitFor();
  assert.equal(await p.getByRole('tab', { name: 'Ứng dụng Open311' }).count(), 0);
  assert.equal(await p.getByRole('tab', { selected: true }).count(), 1);
  assert.deepEqual(p.problems, []);
});

test('the Open311 tab passes axe-core in Vietnamese and English, with a key shown and a revocation asked', async () => {
  for (const lang of ['vi', 'en']) {
    const p = await page(browser, server, { user: 'admin', bypassCSP: true, lang });
    await p.open('/quan-tri?tab=open311');
    await p.locator('main table').waitFor();
    await p.waitForLoadState('networkidle');
    let bad = await axe(p);
    assert.deepEqual(bad, [], `${lang} list: ${bad.join('; ')}`);
    await p.locator('input[name=name]').fill(`Ki-ốt ${lang}`);
    await p.locator('form button[type=submit]').click();
    await p.locator('.secret input').waitFor();
    await p.locator('tbody tr').filter({ hasText: `Ki-ốt ${lang}` }).locator('button').click();
    await p.locator('button.danger').waitFor();
    assert.equal(await p.locator('main h1').textContent(), lang === 'en' ? 'Administration' : 'Quản trị');
    assert.equal(await p.locator('#tab-open311').textContent(), lang === 'en' ? 'Open311 clients' : 'Ứng dụng Open311');
    bad = await axe(p);
    assert.deepEqual(bad, [], `${lang} key and confirmation: ${bad.join('; ')}`);
    assert.deepEqual(p.problems, [], lang);
    await p.context().close();
  }
});
