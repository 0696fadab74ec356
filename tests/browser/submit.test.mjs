// The online submission and the supplement as a citizen goes through them, in Vietnamese and
// English, on a desktop and a 360 px phone: a file refused beside its component and nothing
// created, then exactly one dossier with its code; the lookup's list of what is missing and the
// supplement sent from it, seen by the officer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, as, sql, A, PROC } from '../api/helpers.mjs';
import { launch, page, axe, shot } from './browser.mjs';

let server, browser, desk;
before(async () => {
  server = await startServer({ args: ['--web', 'web', '--lookup-rate', '1000'] });
  browser = await launch();
  desk = await as(server, 'receiver1');
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const TEXT = {
  vi: { required: 'Bắt buộc tải lên', counter: 'Nộp bản giấy tại quầy', optional: 'Không bắt buộc', badType: 'Tệp không phải PDF, JPEG hoặc PNG',
    missing: 'Thành phần này bắt buộc', received: 'Đã nhận tệp', items: 'Giấy tờ cần bổ sung', sent: 'Đã gửi hồ sơ bổ sung' },
  en: { required: 'Upload required', counter: 'Paper at the counter', optional: 'Optional', badType: 'The file is not a PDF, JPEG or PNG',
    missing: 'This document is required', received: 'File to-khai.pdf received', items: 'Documents asked for', sent: 'Supplement sent on' },
};
const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 360, height: 740 } };
const count = (table) => Number(sql(server.db, `SELECT count(*) FROM ${table}`));
const fitsWidth = (p) => p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

for (const lang of ['vi', 'en']) {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    test(`${lang}, ${size}: a refused file creates nothing; fixed, one dossier; the supplement is sent from the lookup`, async () => {
      const T = TEXT[lang];
      const fake = join(server.dir, 'gia-mao.pdf'), good = join(server.dir, 'to-khai.pdf'), sup = join(server.dir, 'giay-ket-hon.pdf');
      writeFileSync(fake, 'MZ this is a program named as a PDF');
      writeFileSync(good, PDF);
      writeFileSync(sup, PDF);
      const p = await page(browser, server, { user: 'citizen', viewport, lang });
      await p.open(`/nop/${PROC.birth}`);
      await p.locator('#f-name').fill('Võ Thị Kim Chi');
      await p.locator('#f-id-number').fill('001190054321');
      await p.locator('#f-phone').fill('0987 654 321');
      await p.locator('#f-agency').selectOption(A.commune1);
      await p.locator('form button[type=submit]').click();
      // each component says how it is handed in
      for (const s of [T.required, T.counter, T.optional]) await p.getByText(s, { exact: true }).first().waitFor();
      assert.equal(await p.locator('#file-2').count(), 0, 'the paper brought to the counter has no upload');
      const dossiers = count('dossiers'), files = count('files');
      // Next without the required file: the reason beside it, nothing sent
      await p.locator('form button[type=submit]').click();
      await p.getByText(T.missing).waitFor();
      // a fake PDF: refused by the server at once, beside its component
      await p.locator('#file-1').setInputFiles(fake);
      await p.getByText(T.badType).waitFor();
      assert.equal(await p.locator('#file-1').getAttribute('aria-invalid'), 'true');
      await p.locator('form button[type=submit]').click();
      assert.equal(await p.locator('#file-1').isVisible(), true, 'still on the files step');
      if (lang === 'vi' && size === 'desktop') await shot(p, 'submit-components');
      assert.deepEqual(await axe(p), []);
      assert.ok(await fitsWidth(p), 'no sideways scrolling');
      assert.equal(count('dossiers'), dossiers);
      assert.equal(count('files'), files);
      // the right file: accepted, then one submission makes exactly one dossier
      await p.locator('#file-1').setInputFiles(good);
      await p.getByText(T.received).waitFor();
      await p.locator('form button[type=submit]').click();
      await p.locator('section[aria-labelledby=h-sum] button:not(.secondary)').click();
      const code = (await p.locator('.code').textContent()).trim();
      assert.match(code, /^000\.\d\d\.\d\d\.H88-\d{6}-\d{4}$/);
      assert.equal(count('dossiers'), dossiers + 1);
      assert.equal(sql(server.db, `SELECT count(*) FROM files f JOIN dossiers d ON d.id = f.dossier_id WHERE d.code = '${code}' AND f.component = 1`), '1');
      assert.deepEqual(await axe(p), []);

      // the desk asks for a supplement; the citizen sees what is missing in the lookup and sends it
      const r = await desk.post(`/api/v1/dossiers/${code}/request-supplement`, { items: ['Bản sao giấy chứng nhận kết hôn của cha mẹ'], reason: 'Thiếu giấy tờ chứng minh quan hệ' });
      assert.equal(r.status, 200, r.text);
      const q = await page(browser, server, { viewport, lang });
      await q.open(`/tra-cuu?code=${encodeURIComponent(code)}&so=4321`);
      await q.getByText(T.items).waitFor();
      await q.getByText('Bản sao giấy chứng nhận kết hôn của cha mẹ').waitFor();
      await q.getByText('Thiếu giấy tờ chứng minh quan hệ').waitFor();
      await q.locator('#sup-file').setInputFiles(fake);
      await q.getByText(T.badType).waitFor();
      await q.locator('#sup-file').setInputFiles(sup);
      await q.getByText('giay-ket-hon.pdf').waitFor();
      await q.locator('#f-note').fill('Bản chính mang đến khi nhận kết quả');
      if (lang === 'vi' && size === 'desktop') await shot(q, 'lookup-supplement');
      assert.deepEqual(await axe(q), []);
      assert.ok(await fitsWidth(q), 'no sideways scrolling');
      await q.locator('.supplement form button[type=submit]').click();
      await q.getByText(T.sent).waitFor();
      // the officer sees the file and the row of the control sheet; the dossier still waits for the desk
      const d = (await desk.get(`/api/v1/dossiers/${code}`)).json;
      assert.equal(d.status, 'supplement');
      assert.deepEqual(d.files.filter((f) => f.supplement).map((f) => f.name), ['giay-ket-hon.pdf']);
      const h = (await desk.get(`/api/v1/dossiers/${code}/history`)).json.rows;
      assert.match(h.find((x) => x.action === 'supplement-sent').note, /Bản chính mang đến/);
      const o = await page(browser, server, { user: 'receiver1', viewport, lang });
      await o.open(`/ho-so/${code}`);
      await o.getByRole('link', { name: 'giay-ket-hon.pdf' }).waitFor();
      assert.deepEqual([...p.problems, ...q.problems, ...o.problems], []);
      await p.context().close();
      await q.context().close();
      await o.context().close();
    });
  }
}
