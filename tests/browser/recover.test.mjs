// The service index's points to win back in a real browser: the units side by side in the order
// and with the figures the API gives, a commune's parts with the sentence of what to do, its
// online procedure without an online dossier and its dossier at risk of being late (which opens
// the dossier), in both languages with axe-core. The server's clock is pinned to Monday
// 16 March 2026 (libfaketime) and the page's period to that month: nothing depends on the day
// the tests run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, as, clockAt, A, dossierBody } from '../api/helpers.mjs';
import { launch, page, axe, shot } from './browser.mjs';

let server, browser, code;
const PERIOD = 'from=2026-03-01&to=2026-03-31';
const ADDRESS = `/diem-can-cai-thien?agency=${A.province}&${PERIOD}`;

before(async () => {
  server = await startServer({ args: ['--web', 'web'], env: clockAt('2026-03-16 09:00') });
  browser = await launch();
  // a dossier received at commune 2's counter this morning and handed over: due tomorrow
  const desk = await as(server, 'receiver2');
  const d = await desk.post('/api/v1/dossiers', dossierBody({ agency: A.commune2 }));
  assert.equal(d.status, 201, d.text);
  code = d.json.code;
  assert.equal((await desk.post(`/api/v1/dossiers/${code}/handover`, {})).status, 200);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const vi = (n) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(n);

test('the units side by side, and a commune\'s parts with what to do, its unused online procedure and its dossier at risk', async () => {
  const api = (await (await as(server, 'steering')).get(`/api/v1/index/recover?agency=${A.province}&${PERIOD}&children=1`)).json;
  const p = await page(browser, server, { user: 'steering' });
  await p.open('/');
  await p.getByRole('link', { name: 'Điểm cần cải thiện' }).click();
  await p.getByRole('heading', { name: /^Điểm cần cải thiện/ }).waitFor(); // this month: whatever the day
  await p.open(ADDRESS);
  await p.getByRole('heading', { name: 'Điểm cần cải thiện: Ủy ban nhân dân tỉnh Thử Nghiệm' }).waitFor();
  await p.getByText('Kỳ từ 01/03/2026 đến 31/03/2026.').waitFor();
  assert.equal(await p.getByLabel('Kỳ').inputValue(), 'custom');

  // the province first, then its units ranked by what winning their points back adds
  const units = p.getByRole('region', { name: 'Điểm có thể lấy lại của các đơn vị' });
  const rows = await units.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  assert.deepEqual(rows.map((r) => r[1].replace(' (toàn đơn vị)', '')), [api.agency.name, ...api.children.map((u) => u.agency.name)]);
  assert.deepEqual(rows.slice(1).map((r) => r[0]), api.children.map((u) => String(u.rank)));
  assert.deepEqual(rows.slice(1).map((r) => r[3]), api.children.map((u) => `+${vi(u.recoverable_total)}`));
  assert.equal(rows[1][1], 'Xã Đức Phổ'); // its online procedure unused and its dossiers not online: the most to win back

  // commune 2: each part with its loss and the sentence of what to do
  await units.getByRole('link', { name: 'Xã Đức Phổ' }).click();
  const detail = p.getByRole('region', { name: 'Chi tiết: Xã Đức Phổ' });
  await detail.waitFor();
  assert.match(p.url(), new RegExp(`unit=${A.commune2.replace(/\./g, '\\.')}`));
  assert.equal(await units.getByRole('link', { name: 'Xã Đức Phổ' }).getAttribute('aria-current'), 'true');
  const c2 = api.children.find((u) => u.agency.id === A.commune2);
  const parts = await detail.locator('table').first().locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  assert.deepEqual(parts.map((r) => [r[0], r[3], r[5]]), c2.parts.map((x) => [x.name, vi(x.lost), x.action]));
  const used = parts.find((r) => r[0] === 'Dịch vụ công trực tuyến có phát sinh hồ sơ');
  assert.deepEqual([used[1], used[2], used[3], used[4]], ['4', '0', '4', '0 / 1']);
  assert.equal(used[5], 'Có hồ sơ nộp trực tuyến trong kỳ cho thêm 1 thủ tục trực tuyến chưa phát sinh hồ sơ để đạt đủ 4 điểm');
  const online = parts.find((r) => r[0] === 'Hồ sơ nộp trực tuyến');
  assert.equal(online[5], 'Tiếp nhận trực tuyến thêm 1 hồ sơ trong kỳ để đạt đủ 6 điểm'); // 1 of 2 reaches 50 %
  // the national portal: recorded, and the dossier of the month never reached it (no --portal-url)
  const synced = parts.find((r) => r[0] === 'Hồ sơ được đồng bộ lên Cổng Dịch vụ công quốc gia');
  assert.equal(synced[5], 'Đồng bộ kịp thời (trong vòng 24 giờ) thêm 1 hồ sơ lên Cổng Dịch vụ công quốc gia để đạt đủ 6 điểm');
  // what motcua does not record, apart, with its loss
  assert.match(await detail.getByRole('row', { name: /Tái sử dụng dữ liệu đã số hóa/ }).textContent(), /Chưa ghi nhận/);
  // the online procedure without an online dossier, and the dossier at risk
  await detail.getByRole('link', { name: '1.001193 — Đăng ký khai sinh' }).waitFor();
  // the next 7 working days from Monday 16 March: to the end of Tuesday 24 March
  const risk = detail.getByRole('table', { name: 'Hồ sơ có nguy cơ trễ hạn (hạn đến hết ngày 24/03/2026) (1)' });
  const row = risk.getByRole('row', { name: new RegExp(code) });
  assert.match(await row.textContent(), /Đăng ký khai sinh.*Xã Đức Phổ.*\d+ giờ \d+ phút/);
  await shot(p, 'recover');
  await row.getByRole('link', { name: code }).click();
  await p.getByRole('heading', { name: 'Đăng ký khai sinh' }).waitFor();
  await p.locator('main p.muted').filter({ hasText: code }).waitFor();
  assert.deepEqual(p.problems, []);
});

test('the period picker, the English page, and axe-core in both languages', async () => {
  const p = await page(browser, server, { user: 'leader2' });
  await p.open(`/diem-can-cai-thien?${PERIOD}`);
  // a commune's leader: their commune, no units under it
  await p.getByRole('heading', { name: 'Điểm cần cải thiện: Xã Đức Phổ' }).waitFor();
  await p.getByLabel('Kỳ').selectOption('quarter');
  assert.equal(await p.getByLabel('Từ ngày').count(), 0);
  await p.getByRole('button', { name: 'Xem' }).click();
  await p.waitForURL(/period=quarter/);
  await p.getByLabel('Kỳ').selectOption('custom');
  await p.getByLabel('Từ ngày').fill('2026-03-01');
  await p.getByLabel('Đến ngày').fill('2026-03-31');
  await p.getByRole('button', { name: 'Xem' }).click();
  await p.waitForURL(new RegExp(`agency=${A.commune2.replace(/\./g, '\\.')}&${PERIOD}$`));
  await p.getByText('Kỳ từ 01/03/2026 đến 31/03/2026.').waitFor();
  await p.getByRole('button', { name: 'English' }).click();
  await p.getByRole('heading', { name: 'Points to win back: Xã Đức Phổ' }).waitFor();
  await p.getByRole('heading', { name: 'Parts losing points and what to do' }).waitFor();
  // the sentences are the server's, in Vietnamese
  await p.getByRole('cell', { name: 'Tiếp nhận trực tuyến thêm 1 hồ sơ trong kỳ để đạt đủ 6 điểm' }).waitFor();
  assert.deepEqual(p.problems, []);

  for (const lang of ['vi', 'en']) {
    for (const [user, hash] of [['steering', `${ADDRESS}&unit=${A.commune2}`], ['leader2', `/diem-can-cai-thien?${PERIOD}`]]) {
      const q = await page(browser, server, { user, bypassCSP: true, lang });
      await q.open(hash);
      await q.waitForLoadState('networkidle');
      await q.locator('main table').first().waitFor();
      const bad = await axe(q);
      assert.deepEqual(bad, [], `${lang} ${hash}: ${bad.join('; ')}`);
      await q.context().close();
    }
  }
});
