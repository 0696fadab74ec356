// Labels that say what they hold, in both languages: column headings of the administration, levels,
// payment methods and file kinds in words, days as dd/mm/yyyy; the agency tree as a tree; adding a
// procedure (a refused field first); the process editor opening under its button with units
// chosen by name; a consultation's agency chosen by name; and a procedure's public page: who
// implements it, its steps, conditions, forms to download, where to file it and when. axe-core
// clean, in Vietnamese and English, on a 360 px phone and a desktop.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, as, A, PROC, dossierBody } from '../api/helpers.mjs';
import { launch, page, axe, shot } from './browser.mjs';

let server, browser, admin;
const HOURS = 'Sáng 7h30–11h30, chiều 13h30–17h00, thứ Hai đến thứ Sáu; sáng thứ Bảy';
const ADDRESS = 'Số 1 Trần Phú, phường Đông Hà';
const CONDITION = 'Trẻ em sinh ra tại Việt Nam';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const SIZES = [{ width: 1280, height: 900 }, { width: 360, height: 740 }];

before(async () => {
  server = await startServer({ args: ['--web', 'web'] });
  browser = await launch();
  admin = await as(server, 'admin');
  const ag = (await admin.get(`/api/v1/agencies/${A.commune1}`)).json;
  assert.equal((await admin.patch(`/api/v1/agencies/${A.commune1}`, { address: ADDRESS, opening_hours: HOURS, version: ag.version })).status, 200);
  const p = (await admin.get(`/api/v1/procedures/${PROC.birth}`)).json;
  assert.equal((await admin.patch(`/api/v1/procedures/${PROC.birth}`, { conditions: `${CONDITION}.\nNgười đi đăng ký là cha, mẹ của trẻ.`, version: p.version })).status, 200);
  const v = await admin.put(`/api/v1/procedures/${PROC.birth}/variants`, { variants: [{ name: 'Đăng ký khai sinh', duration_days: 1, duration_kind: 'working', steps: [
    { name: 'Tiếp nhận, kiểm tra hồ sơ', role: 'process', hours: 4 }, { name: 'Ký giấy khai sinh', role: 'approve', hours: 4 }] }] });
  assert.equal(v.status, 200, v.text);
  const form = new FormData();
  form.append('title', 'Tờ khai đăng ký khai sinh');
  form.append('file', new Blob([PDF]), 'to-khai-khai-sinh.pdf');
  const f = await fetch(`${server.base}/api/v1/procedures/${PROC.birth}/forms`, { method: 'POST', body: form, headers: { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf } });
  assert.equal(f.status, 201);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const fits = async (p, width) => assert.ok(await p.evaluate(() => document.documentElement.scrollWidth) <= width, `wider than ${width} px`);

test("a commune procedure's page: the commune's committee implements it, its steps, conditions, form, where and when", async () => {
  for (const lang of ['vi', 'en']) {
    for (const viewport of SIZES) {
      const p = await page(browser, server, { lang, viewport });
      await p.open(`/thu-tuc/${PROC.birth}`);
      await p.locator('h1', { hasText: 'Đăng ký khai sinh' }).waitFor();
      const impl = await p.locator('.implementer').textContent();
      assert.equal(impl, lang === 'vi' ? 'Ủy ban nhân dân cấp xã (xã, phường nơi nộp hồ sơ)' : "The commune's People's Committee (where the dossier is filed)");
      assert.doesNotMatch(await p.locator('main').textContent(), /Ủy ban nhân dân tỉnh Thử Nghiệm/);
      await p.getByRole('heading', { name: lang === 'vi' ? 'Trình tự thực hiện' : 'Steps' }).waitFor();
      const steps = await p.locator('ol.steps li').allTextContents();
      assert.equal(steps.length, 2);
      assert.match(steps[0], /Tiếp nhận, kiểm tra hồ sơ/);
      assert.match(steps[0], lang === 'vi' ? /Đơn vị thụ lý hồ sơ; 4 giờ làm việc/ : /The processing unit; 4 working hours/);
      assert.match(steps[1], /Ký giấy khai sinh/);
      assert.equal(await p.getByRole('heading', { name: lang === 'vi' ? 'Yêu cầu, điều kiện thực hiện' : 'Conditions' }).count(), 1);
      assert.deepEqual(await p.locator('ul.conditions li').allTextContents(), [`${CONDITION}.`, 'Người đi đăng ký là cha, mẹ của trẻ.']);
      const link = p.getByRole('link', { name: 'Tờ khai đăng ký khai sinh', exact: true });
      assert.match(await link.getAttribute('href'), new RegExp(`^/api/v1/procedures/${PROC.birth}/forms/\\d+$`));
      const got = await p.evaluate(async (href) => (await fetch(href)).text(), await link.getAttribute('href'));
      assert.equal(got, PDF.toString());
      // where to file: the centre first, and a commune chosen by name with its address and hours
      await p.getByRole('heading', { name: lang === 'vi' ? 'Nơi tiếp nhận hồ sơ' : 'Where to file' }).waitFor();
      const where = p.getByLabel(lang === 'vi' ? 'Chọn nơi nộp hồ sơ' : 'Choose where to file');
      assert.equal(await where.locator('option:checked').textContent(), 'Trung tâm Phục vụ hành chính công');
      assert.match(await p.locator('.unit-hours').textContent(), lang === 'vi' ? /^07:30–11:30, 13:00–17:00, các ngày làm việc$/ : /^07:30–11:30, 13:00–17:00, working days$/);
      await where.selectOption({ label: 'Phường Đông Hà' });
      await p.locator('.unit-address', { hasText: ADDRESS }).waitFor();
      assert.equal(await p.locator('.unit-hours').textContent(), HOURS);
      if (lang === 'vi' && viewport.width === 1280) await shot(p, 'procedure-commune', { fullPage: true }); // where and when are below the fold
      assert.deepEqual(await axe(p), [], `${lang} ${viewport.width}`);
      await fits(p, viewport.width);
      assert.deepEqual(p.problems, []);
      await p.context().close();
    }
  }
});

test("a department's procedure names the department, and its steps' units by name", async () => {
  const p = await page(browser, server);
  await p.open(`/thu-tuc/${PROC.record}`);
  assert.equal(await p.locator('.implementer').textContent(), 'Sở Tư pháp');
  await p.getByRole('heading', { name: 'Trường hợp: Cấp Phiếu lý lịch tư pháp số 2' }).waitFor();
  assert.match((await p.locator('ol.steps li').allTextContents()).join('|'), /Thẩm định — Sở Tư pháp; 72 giờ làm việc/);
  assert.equal(await p.getByText('Thủ tục này không có mẫu đơn, tờ khai.').count(), 1);
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test('the administration says what each column holds, levels and days in words, the agencies as a tree', async () => {
  for (const lang of ['vi', 'en']) {
    for (const viewport of SIZES) {
      const vi = lang === 'vi';
      const p = await page(browser, server, { user: 'admin', lang, viewport });
      await p.open('/quan-tri?tab=procedures');
      await p.locator('table.procedures tbody tr').first().waitFor();
      const heads = await p.locator('table.procedures thead th').allTextContents();
      assert.deepEqual(heads.slice(0, 4), vi ? ['Mã thủ tục', 'Tên thủ tục', 'Cấp thực hiện', 'Thời hạn giải quyết'] : ['Procedure code', 'Procedure name', 'Level', 'Time limit']);
      assert.equal(await p.locator('table.procedures td', { hasText: vi ? 'Cấp xã' : 'Commune' }).count() > 0, true);
      assert.deepEqual(await axe(p), [], `procedures ${lang} ${viewport.width}`);
      await fits(p, viewport.width);

      await p.getByRole('tab', { name: vi ? 'Cơ quan, đơn vị' : 'Agencies' }).click();
      const tree = p.locator('ul.agency-tree');
      await tree.waitFor();
      // a commune is a list item inside its province's
      const commune = tree.locator(`li[data-agency="${A.commune1}"]`);
      assert.equal(await commune.locator('xpath=ancestor::li[1]').getAttribute('data-agency'), A.province);
      assert.equal(await tree.locator(`li[data-agency="${A.other}"] li`).count(), 0);
      assert.match(await commune.locator('.node').first().textContent(), vi ? /Phường Đông Hà.*Cấp xã/ : /Phường Đông Hà.*Commune/);
      assert.doesNotMatch(await tree.textContent(), /\b(commune|province|department|centre)\b/);
      if (vi && viewport.width === 1280) await shot(p, 'admin-agencies');
      assert.deepEqual(await axe(p), [], `agencies ${lang} ${viewport.width}`);
      await fits(p, viewport.width);

      await p.getByRole('tab', { name: vi ? 'Ngày nghỉ, ngày làm bù' : 'Days off and swapped days' }).click();
      await p.getByLabel(vi ? 'Năm' : 'Year').fill('2027');
      await p.getByRole('cell', { name: '01/01/2027' }).waitFor();
      const cal = await p.locator('table thead th').allTextContents();
      assert.deepEqual(cal.slice(0, 2), vi ? ['Ngày', 'Tên ngày nghỉ, ngày làm bù'] : ['Date', 'Name of the day']);
      assert.equal(await p.getByRole('cell', { name: '2027-01-01' }).count(), 0);
      assert.deepEqual(await axe(p), [], `calendar ${lang} ${viewport.width}`);
      assert.deepEqual(p.problems, []);
      await p.context().close();
    }
  }
});

test("an agency's opening hours are edited under it in the tree and shown on the procedure's page", async () => {
  const p = await page(browser, server, { user: 'admin' });
  await p.open('/quan-tri?tab=agencies');
  const node = p.locator(`li[data-agency="${A.commune2}"]`);
  await node.getByRole('button', { name: 'Sửa Xã Đức Phổ' }).click();
  const form = node.locator('form.agency-edit');
  await form.getByLabel('Thời gian tiếp nhận hồ sơ').fill('Sáng thứ Hai đến sáng thứ Bảy');
  await form.getByLabel('Địa chỉ').fill('Thôn Đông, xã Đức Phổ');
  await form.getByLabel('Số điện thoại').fill('12');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await form.locator('.error', { hasText: 'Số điện thoại không hợp lệ' }).waitFor();
  await form.getByLabel('Số điện thoại').fill('0255 3822 111');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await p.getByRole('status').filter({ hasText: 'Đã lưu' }).waitFor();
  const ag = (await admin.get(`/api/v1/agencies/${A.commune2}`)).json;
  assert.deepEqual([ag.opening_hours, ag.address, ag.phone], ['Sáng thứ Hai đến sáng thứ Bảy', 'Thôn Đông, xã Đức Phổ', '0255 3822 111']);
  await p.open(`/thu-tuc/${PROC.birth}`);
  await p.getByLabel('Chọn nơi nộp hồ sơ').selectOption({ label: 'Xã Đức Phổ' });
  await p.locator('.unit-hours', { hasText: 'Sáng thứ Hai đến sáng thứ Bảy' }).waitFor();
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test('an administrator adds a procedure: a refused field first, shown at the field, then added', async () => {
  for (const lang of ['vi', 'en']) {
    const vi = lang === 'vi';
    const p = await page(browser, server, { user: 'admin', lang });
    await p.open('/quan-tri?tab=procedures');
    const form = p.locator('section.add-procedure');
    const code = `1.0090${vi ? '01' : '02'}`;
    await form.getByLabel(vi ? 'Mã thủ tục' : 'Procedure code').fill('1 001 sai');
    await form.getByLabel(vi ? 'Tên thủ tục' : 'Procedure name').fill(`Đăng ký thường trú ${lang}`);
    await form.getByLabel(vi ? 'Lĩnh vực' : 'Field').fill('Cư trú');
    await form.getByLabel(vi ? 'Cơ quan quản lý, công bố thủ tục' : 'Agency that owns and publishes it').selectOption({ label: 'Ủy ban nhân dân tỉnh Thử Nghiệm' });
    await form.getByLabel(vi ? 'Thời hạn giải quyết' : 'Time limit').fill('7');
    await form.getByLabel(vi ? 'Thành phần hồ sơ' : 'Required documents').fill('Tờ khai thay đổi thông tin cư trú\nGiấy tờ chứng minh chỗ ở hợp pháp');
    await form.getByLabel(vi ? 'Yêu cầu, điều kiện thực hiện' : 'Conditions').fill('Có chỗ ở hợp pháp.');
    await form.getByRole('button', { name: vi ? 'Thêm thủ tục hành chính' : 'Add a procedure' }).click();
    const field = form.getByLabel(vi ? 'Mã thủ tục' : 'Procedure code');
    await form.locator('#f-code-err').waitFor();
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.equal(await form.locator('#f-code-err').textContent(), vi ? 'Chỉ gồm chữ cái, chữ số, dấu chấm và dấu gạch ngang (ví dụ 1.001234)'
      : 'must hold only letters, digits, dots and dashes (e.g. 1.001234)');
    await p.waitForFunction(() => document.activeElement && document.activeElement.id === 'f-code');
    assert.deepEqual(await axe(p), [], `refused ${lang}`);
    const names = async () => (await admin.get('/api/v1/procedures?limit=200')).json.items.map((x) => x.name);
    assert.ok(!(await names()).includes(`Đăng ký thường trú ${lang}`), 'nothing was added');
    await field.fill(code);
    await form.getByRole('button', { name: vi ? 'Thêm thủ tục hành chính' : 'Add a procedure' }).click();
    await form.getByRole('status').filter({ hasText: vi ? `Đã thêm thủ tục Đăng ký thường trú ${lang}.` : `Procedure Đăng ký thường trú ${lang} added.` }).waitFor();
    await p.locator('table.procedures td', { hasText: code }).waitFor();
    const added = (await admin.get('/api/v1/procedures?q=' + encodeURIComponent(code))).json.items[0];
    const full = (await admin.get(`/api/v1/procedures/${added.id}`)).json;
    assert.deepEqual([full.level, full.agency.id, full.duration_days, full.conditions, full.components.map((c) => c.name)],
      ['commune', A.province, 7, 'Có chỗ ở hợp pháp.', ['Tờ khai thay đổi thông tin cư trú', 'Giấy tờ chứng minh chỗ ở hợp pháp']]);
    assert.deepEqual(p.problems, []);
    await p.context().close();
  }
});

test('the process editor opens under its button, and a step\'s unit is chosen by name', async () => {
  for (const viewport of SIZES) {
    const p = await page(browser, server, { user: 'admin', viewport });
    await p.open('/quan-tri?tab=procedures');
    const button = p.getByRole('button', { name: 'Trường hợp và quy trình Cấp Phiếu lý lịch tư pháp' });
    await button.scrollIntoViewIfNeeded();
    await button.click();
    const editor = p.locator('.process-editor');
    await editor.getByRole('heading', { name: 'Trường hợp và quy trình: Cấp Phiếu lý lịch tư pháp' }).waitFor();
    const b = await button.boundingBox(), e = await editor.boundingBox();
    assert.ok(e.y >= b.y + b.height - 2 && e.y - (b.y + b.height) < 120, `the editor's top ${e.y} is right under the button (${b.y + b.height})`);
    // the second case's step shows its unit by name; the first's, the processing unit
    const units = editor.locator('select.step-unit');
    assert.equal(await units.count(), 3);
    assert.equal(await units.nth(0).locator('option:checked').textContent(), 'Đơn vị thụ lý hồ sơ');
    assert.equal((await units.nth(2).locator('option:checked').textContent()).trim(), 'Sở Tư pháp');
    assert.equal(await editor.locator('input[aria-label^="Đơn vị"]').count(), 0);
    if (viewport.width > 360) {
      await units.nth(1).selectOption({ label: '\u00a0\u00a0\u00a0Sở Tư pháp' });
      await editor.getByRole('button', { name: 'Lưu' }).click();
      await editor.getByRole('status').filter({ hasText: 'Đã lưu' }).waitFor();
      const v = (await admin.get(`/api/v1/procedures/${PROC.record}/variants`)).json.variants;
      assert.deepEqual(v.map((x) => x.steps.map((s) => s.unit)), [[null, A.justice], [A.justice]]);
    }
    assert.deepEqual(await axe(p), [], `${viewport.width}`);
    assert.deepEqual(p.problems, []);
    await p.context().close();
  }
});

test("a procedure's details: conditions saved, a form added (its name required first) and removed", async () => {
  const p = await page(browser, server, { user: 'admin' });
  await p.open('/quan-tri?tab=procedures');
  await p.getByRole('button', { name: 'Thông tin thủ tục Cấp giấy phép tổ chức lễ hội' }).click();
  const panel = p.locator('.procedure-details');
  await panel.getByLabel('Yêu cầu, điều kiện thực hiện').fill('Lễ hội có trong danh mục được phép tổ chức.');
  await panel.getByRole('button', { name: 'Lưu' }).click();
  await panel.getByRole('status').filter({ hasText: 'Đã lưu' }).waitFor();
  assert.equal((await admin.get(`/api/v1/procedures/${PROC.festival}`)).json.conditions, 'Lễ hội có trong danh mục được phép tổ chức.');
  await panel.locator('input[type=file]').setInputFiles({ name: 'don.pdf', mimeType: 'application/pdf', buffer: PDF });
  await panel.getByRole('button', { name: 'Thêm mẫu' }).click();
  await panel.locator('.error', { hasText: 'Bắt buộc nhập' }).waitFor();
  await panel.getByLabel('Tên mẫu đơn, tờ khai').fill('Đơn đề nghị cấp giấy phép tổ chức lễ hội');
  await panel.locator('input[type=file]').setInputFiles({ name: 'don.pdf', mimeType: 'application/pdf', buffer: PDF });
  await panel.getByRole('button', { name: 'Thêm mẫu' }).click();
  await panel.getByRole('link', { name: 'Đơn đề nghị cấp giấy phép tổ chức lễ hội' }).waitFor();
  assert.deepEqual((await admin.get(`/api/v1/procedures/${PROC.festival}`)).json.forms.map((f) => f.title), ['Đơn đề nghị cấp giấy phép tổ chức lễ hội']);
  assert.deepEqual(await axe(p), []);
  await panel.getByRole('button', { name: 'Xóa mẫu Đơn đề nghị cấp giấy phép tổ chức lễ hội' }).click();
  await panel.getByText('Thủ tục này không có mẫu đơn, tờ khai.').waitFor();
  assert.deepEqual((await admin.get(`/api/v1/procedures/${PROC.festival}`)).json.forms, []);
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test("a dossier's consulted agency is chosen by name; files' kinds and sizes in words", async () => {
  const desk = await as(server, 'receiver1');
  const r = await desk.post('/api/v1/dossiers', dossierBody());
  assert.equal(r.status, 201, r.text);
  const code = r.json.code;
  const form = new FormData();
  form.append('kind', 'component');
  form.append('component', '1');
  form.append('file', new Blob([PDF]), 'to-khai.pdf');
  assert.equal((await fetch(`${server.base}/api/v1/dossiers/${code}/files`, { method: 'POST', body: form, headers: { Cookie: desk.cookie, 'X-CSRF-Token': desk.csrf } })).status, 201);
  const d = (await desk.get(`/api/v1/dossiers/${code}`)).json;
  assert.equal((await desk.post(`/api/v1/dossiers/${code}/handover`, { version: d.version })).status, 200);
  for (const lang of ['vi', 'en']) {
    for (const viewport of SIZES) {
      const vi = lang === 'vi';
      const p = await page(browser, server, { user: 'processor1', lang, viewport });
      await p.open(`/ho-so/${code}`);
      await p.locator('li', { hasText: 'to-khai.pdf' }).waitFor();
      assert.match(await p.locator('li', { hasText: 'to-khai.pdf' }).textContent(), vi ? /\(Thành phần hồ sơ, 1 KB\)/ : /\(Dossier document, 1 KB\)/);
      await p.getByRole('button', { name: vi ? 'Lấy ý kiến, liên thông cơ quan khác' : 'Consult an agency', exact: true }).click();
      const agency = p.getByLabel(vi ? 'Cơ quan được lấy ý kiến' : 'Agency consulted');
      assert.equal(await agency.evaluate((el) => el.tagName), 'SELECT');
      const options = await agency.locator('option').allTextContents();
      assert.ok(options.some((o) => o.trim() === 'Sở Xây dựng'), options.join('|'));
      assert.ok(!options.some((o) => o.trim() === 'Phường Đông Hà'), 'not its own unit');
      assert.deepEqual(await axe(p), [], `${lang} ${viewport.width}`);
      await fits(p, viewport.width);
      assert.deepEqual(p.problems, []);
      await p.context().close();
    }
  }
});
