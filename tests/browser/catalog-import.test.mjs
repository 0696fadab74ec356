// The administrator's catalog import in a real browser: a file checked first (rows that cannot be
// read named with their reasons, nothing stored), then with its bad rows skipped, then imported;
// Vietnamese and English, a phone and a desktop, axe-core clean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from '../api/helpers.mjs';
import { xlsx } from '../api/xlsx.mjs';
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

const ANNEX = xlsx([
  ['A. THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH'],
  ['STT', 'Mã TTHC', 'Tên thủ tục hành chính', 'Thời hạn giải quyết', 'Phí, lệ phí', 'Căn cứ pháp lý', 'Cơ quan thực hiện'],
  ['I', 'THỦ TỤC HÀNH CHÍNH CẤP TỈNH'],
  ['1', 'Lĩnh vực Lý lịch tư pháp'],
  [1, '2.000505', 'Cấp Phiếu lý lịch tư pháp cho người nước ngoài', '10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', '200.000 đồng/lần/người', 'Luật Lý lịch tư pháp năm 2009', 'Sở Tư pháp'],
  [2, '1.009001', 'Nhập quốc tịch Việt Nam', '03 tháng', 'Không', 'Luật Quốc tịch Việt Nam', 'Sở Tư pháp'],
]);
const file = { name: 'phu-luc.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: ANNEX };

const TEXT = {
  vi: { tab: 'Nhập danh mục thủ tục', check: 'Kiểm tra tệp', import: 'Nhập danh mục', partial: /Bỏ qua các dòng/, refused: /chưa nhập gì/, dry: 'Kết quả kiểm tra (chưa lưu)', done: 'Đã nhập danh mục', file: 'Tệp danh mục' },
  en: { tab: 'Import the catalog', check: 'Check the file', import: 'Import the catalog', partial: /Skip the rows/, refused: /nothing was imported/, dry: 'Check result (nothing stored yet)', done: 'Catalog imported', file: 'Catalog file' },
};

for (const lang of ['vi', 'en']) {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 740 }]) {
    test(`${lang} ${viewport.width}px: a file checked, its bad rows named, then imported without them`, async () => {
      const x = TEXT[lang], first = lang === 'vi' && viewport.width === 1280;
      const p = await page(browser, server, { user: 'admin', bypassCSP: true, lang, viewport });
      await p.open('/quan-tri');
      await p.getByRole('tab', { name: x.tab }).click();
      await p.getByLabel(x.file).setInputFiles(file);
      await p.getByRole('button', { name: x.check }).click();
      await p.getByRole('alert').filter({ hasText: x.refused }).waitFor();
      const bad = p.getByRole('row', { name: /1\.009001/ });
      assert.match(await bad.textContent(), /cannot read the processing time '03 tháng'/);
      assert.equal(await p.getByRole('button', { name: x.import, exact: true }).count(), 0, 'no import while rows are refused');
      let problems = await axe(p);
      assert.deepEqual(problems, [], `refused: ${problems.join('; ')}`);
      if (viewport.width === 360)
        assert.ok(await p.evaluate(() => document.documentElement.scrollWidth <= 362), 'no horizontal scroll on a phone');

      await p.getByLabel(x.partial).check();
      await p.getByRole('button', { name: x.check }).click();
      await p.getByRole('heading', { name: x.dry }).waitFor();
      // the report takes the focus once it is drawn (the heading may come first)
      await p.waitForFunction(() => document.activeElement && document.activeElement.id === 'ci-report', null, { timeout: 10000 });
      if (first) await shot(p, 'catalog-import');
      problems = await axe(p);
      assert.deepEqual(problems, [], `dry run: ${problems.join('; ')}`);
      assert.equal(sql(server.db, "SELECT count(*) FROM procedures WHERE code = '2.000505'"), first ? '0' : '1', 'a dry run stores nothing');
      if (!first) {
        assert.deepEqual(p.problems, []);
        return; // imported by the first run: the others check and stop here
      }
      await p.getByRole('button', { name: x.import, exact: true }).click();
      await p.getByRole('heading', { name: x.done }).waitFor();
      assert.equal(sql(server.db, "SELECT name || ' | ' || level || ' | ' || duration_days FROM procedures WHERE code = '2.000505'"),
        'Cấp Phiếu lý lịch tư pháp cho người nước ngoài | province | 10.0');
      assert.equal(sql(server.db, "SELECT count(*) FROM procedures WHERE code = '1.009001'"), '0');
      problems = await axe(p);
      assert.deepEqual(problems, [], `imported: ${problems.join('; ')}`);
      assert.deepEqual(p.problems, []);
    });
  }
}
