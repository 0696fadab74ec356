// The web pages in a real browser: the citizen's and the officers' main flows, accessibility, phones, CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, as, sql, motcua, backdate, A, PROC, dossierBody } from '../api/helpers.mjs';
import { launch, page, axe, shot } from './browser.mjs';

let server, browser;
before(async () => {
  server = await startServer({ args: ['--web', 'web'] });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

test('a citizen finds a procedure typing without diacritics', async () => {
  const p = await page(browser, server);
  await p.open('/');
  await p.getByLabel('Tìm thủ tục hành chính').fill('dang ky khai sinh');
  await p.getByRole('button', { name: 'Tìm kiếm' }).click();
  await p.getByRole('link', { name: 'Đăng ký khai sinh' }).click();
  await p.getByRole('heading', { name: 'Đăng ký khai sinh' }).waitFor();
  for (const s of ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh', '1 ngày làm việc', 'Toàn trình', 'Cấp xã']) assert.ok(await p.getByText(s).first().isVisible(), s);
  await shot(p, 'procedure');
  assert.deepEqual(p.problems, []);
});

test('a citizen submits online with a file and looks the dossier up', async () => {
  const p = await page(browser, server, { user: 'citizen' });
  await p.open(`/thu-tuc/${PROC.birth}`);
  await p.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
  await p.getByLabel('Họ và tên').fill('Võ Thị Kim Chi');
  await p.getByLabel('Số định danh cá nhân (CCCD)').fill('12345');
  await p.getByLabel('Số điện thoại').fill('0987 654 321');
  await p.getByLabel('Thư điện tử').fill('chi@example.vn');
  await p.getByLabel('Nơi nộp hồ sơ').selectOption(A.commune1);
  await p.getByRole('button', { name: 'Tiếp tục' }).click();
  const file = join(server.dir, 'to-khai.pdf');
  writeFileSync(file, PDF);
  await p.getByLabel(/1\. Tờ khai đăng ký khai sinh/).setInputFiles(file);
  await p.getByText(/Đã nhận tệp/).waitFor();
  await p.getByRole('button', { name: 'Tiếp tục' }).click();
  await p.getByRole('button', { name: 'Xác nhận nộp hồ sơ' }).click();
  // the ID number was wrong: the error shows at the field, in Vietnamese
  await p.getByText('Số định danh gồm 12 chữ số (hoặc CMND 9 chữ số)').waitFor();
  assert.equal(await p.getByLabel('Số định danh cá nhân (CCCD)').getAttribute('aria-invalid'), 'true');
  await p.getByLabel('Số định danh cá nhân (CCCD)').fill('001190054321');
  await p.getByRole('button', { name: 'Tiếp tục' }).click();
  await p.getByLabel(/1\. Tờ khai đăng ký khai sinh/).setInputFiles(file);
  await p.getByText(/Đã nhận tệp/).waitFor();
  await p.getByRole('button', { name: 'Tiếp tục' }).click();
  await shot(p, 'submit');
  await p.getByRole('button', { name: 'Xác nhận nộp hồ sơ' }).click();
  const code = (await p.locator('.code').textContent()).trim();
  assert.match(code, new RegExp(`^${A.commune1.replace(/\./g, '\\.')}-\\d{6}-\\d{4}$`));
  assert.equal(sql(server.db, `SELECT count(*) FROM files f JOIN dossiers d ON d.id = f.dossier_id WHERE d.code = '${code}' AND f.component = 1`), '1');
  // the lookup, as a receipt's QR code opens it
  const q = await page(browser, server);
  await q.goto(`${server.base}/?code=${encodeURIComponent(code)}`);
  await q.getByLabel('4 số cuối điện thoại người nộp').fill('4321');
  await q.getByRole('button', { name: 'Tra cứu hồ sơ' }).click();
  await q.getByText('Mới đăng ký').first().waitFor();
  assert.ok(await q.getByText('Đăng ký khai sinh').first().isVisible());
  await shot(q, 'lookup');
  assert.deepEqual([...p.problems, ...q.problems], []);
});

test('an officer receives at the counter and prints the receipt', async () => {
  const p = await page(browser, server, { user: 'receiver1' });
  await p.open('/tiep-nhan');
  await p.getByLabel('Tìm thủ tục hành chính').fill('khai sinh');
  await p.getByRole('button', { name: 'Đăng ký khai sinh' }).click();
  await p.getByLabel('Họ và tên').fill('Lý Văn Phúc');
  await p.getByLabel('Số định danh cá nhân (CCCD)').fill('001095012345');
  await p.getByLabel('Số điện thoại').fill('0905 111 222');
  await p.getByRole('checkbox', { name: /3\. Bản sao Căn cước công dân/ }).uncheck();
  await shot(p, 'intake');
  const [popup] = await Promise.all([p.waitForEvent('popup'), p.getByRole('button', { name: 'Tiếp nhận và in phiếu' }).click()]);
  const receipt = await popup.waitForResponse((r) => r.url().includes('/forms/01.pdf'));
  assert.equal(receipt.status(), 200);
  assert.equal(receipt.headers()['content-type'], 'application/pdf');
  const msg = await p.getByRole('status').filter({ hasText: 'Đã tiếp nhận hồ sơ' }).textContent();
  const code = msg.match(/\S+-\d{6}-\d{4}/)[0];
  assert.equal(sql(server.db, `SELECT group_concat(received) FROM dossier_components c JOIN dossiers d ON d.id = c.dossier_id WHERE d.code = '${code}'`), '1,1,0');
  assert.deepEqual(p.problems, []);
});

test('processing officers move a dossier through to the result', async () => {
  const centre = await as(server, 'centre');
  const d = (await centre.post('/api/v1/dossiers', dossierBody({ procedure: PROC.record, agency: A.centre }))).json;
  const desk = await page(browser, server, { user: 'centre' });
  await desk.open(`/ho-so/${d.code}`);
  await desk.getByRole('button', { name: 'Chuyển xử lý' }).click();
  await desk.getByText('Đang xử lý').first().waitFor();
  const proc = await page(browser, server, { user: 'jprocessor' });
  await proc.open('/ho-so');
  await proc.getByRole('tab', { name: /Của tôi/ }).click();
  await proc.getByRole('link', { name: d.code }).click();
  await proc.getByRole('button', { name: 'Chuyển bước tiếp theo' }).click();
  await proc.getByRole('button', { name: 'Chuyển bước tiếp theo' }).last().click();
  await proc.getByText('Đã thực hiện').waitFor();
  const lead = await page(browser, server, { user: 'jleader' });
  await lead.open(`/ho-so/${d.code}`);
  await lead.getByRole('button', { name: 'Có kết quả' }).click();
  await lead.getByLabel('Số văn bản kết quả').fill('321/LLTP');
  await lead.getByLabel('Người ký').fill('Giám đốc Sở Tư pháp');
  await lead.getByRole('button', { name: 'Có kết quả' }).last().click();
  await lead.getByText('Đã có kết quả').first().waitFor();
  await shot(lead, 'dossier');
  assert.equal(sql(server.db, `SELECT status || '/' || result_number FROM dossiers WHERE code = '${d.code}'`), '9/321/LLTP');
  // the history reloads after the status: wait for its fourth row, then count
  const history = lead.locator('section[aria-labelledby="h-history"] tbody tr');
  await history.nth(3).waitFor();
  assert.equal(await history.count(), 4); // received, handed over, forwarded, result
  assert.deepEqual([...desk.problems, ...proc.problems, ...lead.problems], []);
});

test('an administrator announces a day off and sees the due time move', async () => {
  const p = await page(browser, server, { user: 'admin' });
  await p.open('/quan-tri');
  await p.getByRole('tab', { name: 'Ngày nghỉ, ngày làm bù' }).click();
  await p.getByLabel('Năm').fill('2027');
  await p.getByLabel('Tiếp nhận lúc').fill('2027-03-05T08:00');
  await p.getByLabel('Số ngày làm việc').fill('2');
  await p.getByRole('button', { name: 'Tính hạn giải quyết' }).click();
  await p.locator('.due-result').filter({ hasText: '08:00 09/03/2027' }).waitFor();
  await p.locator('input[name=date]').fill('2027-03-08');
  await p.getByLabel('Tên ngày nghỉ, ngày làm bù').fill('Nghỉ bù theo thông báo');
  await p.getByRole('button', { name: 'Thêm' }).click();
  await p.getByRole('cell', { name: 'Nghỉ bù theo thông báo' }).waitFor();
  await p.getByRole('button', { name: 'Tính hạn giải quyết' }).click();
  await p.locator('.due-result').filter({ hasText: '08:00 10/03/2027' }).waitFor();
  await shot(p, 'admin-calendar');
  await p.getByRole('button', { name: 'Xóa 08/03/2027' }).click();
  await p.getByRole('cell', { name: 'Nghỉ bù theo thông báo' }).waitFor({ state: 'detached' });
  assert.deepEqual(p.problems, []);
});

test('the staff queue shows counts on each tab', async () => {
  const p = await page(browser, server, { user: 'receiver1' });
  await p.open('/ho-so');
  await p.getByRole('tab', { name: /Tất cả/ }).click();
  const counts = (await (await fetch(`${server.base}/api/v1/dossiers/counts`, { headers: { Cookie: (await p.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } })).json());
  // the counts arrive after the list: wait for the number, then compare it
  const tab = p.getByRole('tab', { name: /Tất cả/ });
  await p.waitForFunction((el) => /\d/.test(el.textContent), await tab.elementHandle());
  const text = await tab.textContent();
  assert.ok(text.includes(String(counts.all)), `${text} vs ${counts.all}`);
  await p.locator('table.queue tbody tr').first().waitFor();
  assert.equal(await p.locator('table.queue tbody tr').count(), Math.min(50, counts.all)); // 50 a page unless chosen otherwise
  await shot(p, 'queue');
});

test('the dashboard drills down from the province to a commune to a late dossier', async () => {
  const d = (await (await as(server, 'receiver1')).post('/api/v1/dossiers', dossierBody({ summary: 'Hồ sơ trễ hạn' }))).json;
  backdate(server.db, d.code, 10 * 86400); // received ten days ago: past its due time
  const p = await page(browser, server, { user: 'steering' });
  await p.open('/bang-dieu-khien');
  await p.getByRole('heading', { name: /Bảng điều khiển: Ủy ban nhân dân tỉnh Thử Nghiệm/ }).waitFor();
  await p.locator('.chart canvas').first().waitFor();
  await p.getByRole('heading', { name: 'Chỉ số phục vụ người dân, doanh nghiệp' }).waitFor();
  // the ranking shows each unit's sample, and flags the small ones
  const row = p.getByRole('region', { name: 'Xếp hạng các đơn vị trực thuộc' }).getByRole('row', { name: /Phường Đông Hà/ });
  assert.match(await row.textContent(), /ít hồ sơ/);
  await shot(p, 'dashboard');
  await row.getByRole('link', { name: 'Phường Đông Hà' }).click();
  await p.getByRole('heading', { name: 'Bảng điều khiển: Phường Đông Hà' }).waitFor();
  await p.getByRole('navigation', { name: 'Đơn vị cấp trên' }).getByRole('link', { name: 'Ủy ban nhân dân tỉnh Thử Nghiệm' }).waitFor();
  const overdue = await p.locator('.stats li').filter({ hasText: 'Quá hạn' }).locator('.n').textContent();
  assert.ok(Number(overdue) >= 1, overdue);
  await p.getByRole('link', { name: d.code }).click();
  await p.getByText('Hồ sơ trễ hạn').first().waitFor();
  assert.deepEqual(p.problems, []);
});

test('every page passes axe-core without serious or critical violations', async () => {
  const d = (await (await as(server, 'receiver1')).post('/api/v1/dossiers', dossierBody())).json;
  const pages = [
    [null, '/'], [null, '/thu-tuc?q=dang%20ky'], [null, `/thu-tuc/${PROC.birth}`], [null, `/tra-cuu?code=${d.code}&so=5678`], [null, '/dang-nhap'],
    ['citizen', `/nop/${PROC.birth}`], ['receiver1', '/ho-so'], ['receiver1', '/tiep-nhan'], ['receiver1', `/ho-so/${d.code}`],
    ['admin', '/quan-tri?tab=agencies'], ['admin', '/quan-tri?tab=users'], ['admin', '/quan-tri?tab=procedures'], ['admin', '/quan-tri?tab=calendar'], ['admin', '/quan-tri?tab=open311'],
    ['leader1', '/bang-dieu-khien'],
  ];
  for (const lang of ['vi', 'en']) {
    for (const [user, hash] of pages) {
      const p = await page(browser, server, { user, bypassCSP: true, lang });
      await p.open(hash);
      await p.waitForLoadState('networkidle');
      await p.locator('main h1').first().waitFor();
      const bad = await axe(p);
      assert.deepEqual(bad, [], `${lang} ${hash}: ${bad.join('; ')}`);
      await p.context().close();
    }
  }
});

test('on a 360 px phone nothing overflows sideways; the English switch works', async () => {
  for (const hash of ['/', `/thu-tuc/${PROC.birth}`, '/tra-cuu', '/dang-nhap']) {
    const p = await page(browser, server, { viewport: { width: 360, height: 740 } });
    await p.open(hash);
    await p.locator('main h1').first().waitFor();
    const width = await p.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${hash}: ${width}px wide`);
    if (hash === '/') await shot(p, 'phone-home');
    await p.context().close();
  }
  const p = await page(browser, server);
  await p.open('/');
  await p.getByRole('button', { name: 'English' }).click();
  await p.getByRole('heading', { name: 'One-stop electronic service' }).waitFor();
  assert.equal(await p.evaluate(() => document.documentElement.lang), 'en');
  await p.getByRole('button', { name: 'Tiếng Việt' }).click();
  await p.getByRole('heading', { name: 'Hệ thống một cửa điện tử' }).waitFor();
});

test('text from the server is escaped, and the CSP holds with no inline script', async () => {
  const admin = await as(server, 'admin');
  const evil = '<img src=x onerror="window.pwned=1">Thủ tục <b>độc hại</b>';
  const r = await admin.post('/api/v1/procedures', { code: '9.999999', name: evil, field: 'Kiểm thử', level: 'commune', agency: A.province, duration_days: 1, duration_kind: 'working' });
  const p = await page(browser, server);
  await p.open(`/thu-tuc/${r.json.id}`);
  await p.getByRole('heading', { name: evil }).waitFor();
  assert.equal(await p.locator('main img').count(), 0);
  assert.equal(await p.evaluate(() => window.pwned), undefined);
  const csp = (await p.goto(`${server.base}/`)).headers()['content-security-policy'];
  assert.match(csp, /default-src 'self'/);
  await p.locator('main h1').first().waitFor();
  assert.deepEqual(p.problems.filter((x) => /Content Security Policy|Refused/.test(x)), []);
  await shot(p, 'home');
});
