// Finding things in a real browser: the staff queue searched by name without diacritics, by the end
// of a code and by identity number, its tab, search, order and page kept in the address; its
// procedure filter limited to the caller's units; the catalog searched by what people call a
// procedure and browsed by field, agency and level.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, as, A, dossierBody, applicant } from '../api/helpers.mjs';
import { launch, page, axe } from './browser.mjs';

let server, browser, anh;
before(async () => {
  server = await startServer({ args: ['--web', 'web'] });
  browser = await launch();
  const desk = await as(server, 'receiver1');
  const post = async (body) => {
    const r = await desk.post('/api/v1/dossiers', body);
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  anh = await post(dossierBody({ applicant: applicant({ name: 'Đặng Thị Ngọc Ánh', id_number: '001190099887', phone: '0911 222 333' }) }));
  for (let i = 0; i < 32; i++) await post(dossierBody({ applicant: applicant({ name: 'Lê Văn Phân', id_number: '001190011111' }) }));
  // another commune's dossier of the same name: not the receiver's
  await (await as(server, 'receiver2')).post('/api/v1/dossiers', dossierBody({ agency: A.commune2, applicant: applicant({ name: 'Đặng Thị Ngọc Ánh' }) }));
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const rows = (p) => p.locator('table.queue tbody tr');
const codes = async (p) => (await rows(p).locator('td:first-child').allTextContents()).map((s) => s.trim());
const selectedTab = async (p) => (await p.getByRole('tab', { selected: true }).textContent()).replace(/\s*\d+$/, '').trim();

// The queue's rows for the address now shown, once they have come.
async function settled(p) {
  await p.getByRole('status').filter({ hasText: /Hồ sơ \d|Dossiers \d/ }).or(p.getByText('Không có hồ sơ.')).first().waitFor();
}

test('a receiver finds a dossier by the name without diacritics and by the end of its code; the address keeps the search', async () => {
  const p = await page(browser, server, { user: 'receiver1' });
  await p.open('/ho-so');
  await p.getByRole('heading', { name: 'Hồ sơ cần xử lý' }).waitFor();
  await p.getByRole('tab', { name: /Tất cả/ }).click();
  await p.waitForURL(/view=all/);
  await p.getByLabel('Tìm hồ sơ').fill('dang thi ngoc anh');
  await p.getByRole('button', { name: 'Tìm kiếm' }).click();
  await p.waitForURL(/q=dang\+thi\+ngoc\+anh/);
  await settled(p);
  assert.deepEqual(await codes(p), [anh.code]);
  await p.getByText('Hồ sơ 1–1 trong tổng số 1').waitFor();
  assert.match(await p.getByRole('tab', { name: /Tất cả/ }).textContent(), /Tất cả\s*1$/);

  // a reload keeps the tab and the search
  await p.reload();
  await settled(p);
  assert.equal(await p.getByLabel('Tìm hồ sơ').inputValue(), 'dang thi ngoc anh');
  assert.equal(await selectedTab(p), 'Tất cả');
  assert.deepEqual(await codes(p), [anh.code]);

  // the end of the code (its day and number), then the identity number
  const end = anh.code.slice(-11);
  await p.getByLabel('Tìm hồ sơ').fill(end);
  await p.getByRole('button', { name: 'Tìm kiếm' }).click();
  await p.waitForURL(new RegExp(`q=${end}`));
  await settled(p);
  assert.deepEqual(await codes(p), [anh.code]);
  await p.getByLabel('Tìm hồ sơ').fill('001190099887');
  await p.getByRole('button', { name: 'Tìm kiếm' }).click();
  await p.waitForURL(/q=001190099887/);
  await settled(p);
  assert.deepEqual(await codes(p), [anh.code]);

  // back: the previous search, as it was
  await p.goBack();
  await p.waitForURL(new RegExp(`q=${end}`));
  await settled(p);
  assert.equal(await p.getByLabel('Tìm hồ sơ').inputValue(), end);
  assert.deepEqual(await codes(p), [anh.code]);

  // nothing found, then the search cleared
  await p.getByLabel('Tìm hồ sơ').fill('khong co ai ten nay');
  await p.getByRole('button', { name: 'Tìm kiếm' }).click();
  await p.getByText('Không có hồ sơ.').waitFor();
  await p.getByRole('link', { name: 'Bỏ tìm kiếm và bộ lọc' }).click();
  await p.waitForURL((u) => !u.hash.includes('q='));
  await settled(p);
  assert.equal(await p.getByLabel('Tìm hồ sơ').inputValue(), '');
  assert.equal(await rows(p).count(), 33);
  assert.deepEqual(p.problems, []);
});

test('the queue pages by the size chosen, in either order, and the address keeps the page', async () => {
  const p = await page(browser, server, { user: 'receiver1' });
  await p.open('/ho-so?view=all&q=le+van+phan');
  await settled(p);
  assert.equal(await rows(p).count(), 32);
  await p.getByLabel('Số hồ sơ mỗi trang').selectOption('30');
  await p.getByLabel('Sắp xếp').selectOption('due');
  await p.getByRole('button', { name: 'Tìm kiếm' }).click();
  await p.waitForURL(/size=30/);
  await settled(p);
  assert.match(p.url(), /sort=due/);
  assert.equal(await rows(p).count(), 30);
  await p.getByText('Hồ sơ 1–30 trong tổng số 32').waitFor();
  const first = await codes(p);
  await p.getByRole('link', { name: 'Trang sau' }).click();
  await p.getByText('Hồ sơ 31–32 trong tổng số 32').waitFor();
  await p.getByText('Trang 2').waitFor();
  const second = await codes(p);
  assert.equal(second.length, 2);
  assert.equal(new Set([...first, ...second]).size, 32);
  await p.reload();
  await p.getByText('Hồ sơ 31–32 trong tổng số 32').waitFor();
  assert.deepEqual(await codes(p), second);
  await p.getByRole('link', { name: 'Trang trước' }).click();
  await p.getByText('Hồ sơ 1–30 trong tổng số 32').waitFor();
  assert.deepEqual(await codes(p), first);
  assert.equal(await p.getByRole('link', { name: 'Trang trước' }).count(), 0);

  // newest first: the last one filed leads
  await p.getByLabel('Sắp xếp').selectOption('newest');
  await p.getByRole('button', { name: 'Tìm kiếm' }).click();
  await p.waitForURL(/sort=newest/);
  await settled(p);
  const newest = await codes(p);
  assert.deepEqual(newest, [...newest].sort().reverse());
  assert.deepEqual(p.problems, []);
});

test("the procedure filter holds the procedures of the caller's units", async () => {
  const options = async (user) => {
    const p = await page(browser, server, { user });
    await p.open('/ho-so');
    const select = p.getByLabel('Thủ tục', { exact: true });
    await p.waitForFunction((el) => el.options.length > 1, await select.elementHandle());
    const names = (await select.locator('option').allTextContents()).slice(1);
    await p.context().close();
    return names.sort();
  };
  // a commune's desk: the province's procedures done at communes
  assert.deepEqual(await options('receiver1'), ['Thủ tục đất đai: đăng ký biến động quyền sử dụng đất', 'Đăng ký khai sinh'].sort());
  // a department: its own
  assert.deepEqual(await options('jprocessor'), ['Cấp Phiếu lý lịch tư pháp']);
  // the province's one-stop centre, and a system-wide role: all of them
  assert.equal((await options('centre')).length, 4);
  assert.equal((await options('steering')).length, 4);
});

test('a citizen typing "giay khai sinh" finds "Đăng ký khai sinh"; the catalog is browsed by field, agency and level', async () => {
  const p = await page(browser, server);
  await p.open('/');
  await p.getByLabel('Tìm thủ tục hành chính').fill('giay khai sinh');
  await p.getByRole('button', { name: 'Tìm kiếm' }).click();
  await p.getByRole('heading', { name: 'Thủ tục tìm được' }).waitFor();
  const results = p.locator('ul.cards > li > a');
  await results.first().waitFor();
  assert.deepEqual(await results.allTextContents(), ['Đăng ký khai sinh']);
  for (const [q, name] of [['sổ đỏ', 'Thủ tục đất đai: đăng ký biến động quyền sử dụng đất'], ['LLTP', 'Cấp Phiếu lý lịch tư pháp']]) {
    await p.getByLabel('Tìm thủ tục hành chính').fill(q);
    await p.getByRole('button', { name: 'Tìm kiếm' }).click();
    await p.waitForURL(new RegExp(`q=${encodeURIComponent(q).replace(/%20/g, '(\\+|%20)')}`));
    await p.locator('ul.cards > li > a', { hasText: name }).waitFor();
    assert.equal((await results.allTextContents())[0], name);
  }

  // browsing: the fields and the agencies with their counts
  await p.getByRole('link', { name: 'Thủ tục hành chính' }).first().click();
  await p.getByRole('heading', { name: 'Thủ tục theo lĩnh vực' }).waitFor();
  const byField = p.getByRole('region', { name: 'Thủ tục theo lĩnh vực' });
  assert.match(await byField.getByRole('listitem').filter({ hasText: 'Hộ tịch' }).textContent(), /Hộ tịch \(1 thủ tục\)/);
  await byField.getByRole('link', { name: 'Hộ tịch' }).click();
  await p.waitForURL(/field=/);
  await p.getByRole('heading', { name: 'Thủ tục tìm được' }).waitFor();
  await p.locator('ul.cards > li > a').first().waitFor();
  assert.deepEqual(await results.allTextContents(), ['Đăng ký khai sinh']);
  assert.equal(await p.getByLabel('Lĩnh vực').inputValue(), 'Hộ tịch');
  await p.getByRole('link', { name: 'Bỏ lọc' }).click();
  const byAgency = p.getByRole('region', { name: 'Thủ tục theo cơ quan thực hiện' });
  assert.match(await byAgency.getByRole('listitem').filter({ hasText: 'Ủy ban nhân dân tỉnh Thử Nghiệm' }).textContent(), /\(4 thủ tục\)/);
  await byAgency.getByRole('link', { name: 'Sở Tư pháp' }).click();
  await p.waitForURL(new RegExp(`agency=${A.justice}`));
  await p.getByRole('heading', { name: 'Thủ tục tìm được' }).waitFor();
  await p.locator('ul.cards > li > a', { hasText: 'Cấp Phiếu lý lịch tư pháp' }).waitFor();
  assert.deepEqual(await results.allTextContents(), ['Cấp Phiếu lý lịch tư pháp']);

  // the level, with the form
  await p.getByLabel('Cơ quan thực hiện').selectOption('');
  await p.getByLabel('Cấp thực hiện').selectOption('commune');
  await p.getByRole('button', { name: 'Tìm kiếm' }).click();
  await p.waitForURL(/level=commune/);
  await p.locator('ul.cards > li > a', { hasText: 'Đăng ký khai sinh' }).waitFor();
  assert.deepEqual((await results.allTextContents()).sort(), ['Thủ tục đất đai: đăng ký biến động quyền sử dụng đất', 'Đăng ký khai sinh'].sort());
  assert.deepEqual(p.problems, []);
});

test('the queue and the catalog pass axe-core in both languages and fit a 360 px phone', async () => {
  const pages = [['receiver1', '/ho-so?view=all&q=le+van+phan&size=30'], ['auditor', '/ho-so?view=all'], [null, '/thu-tuc'],
    [null, '/thu-tuc?q=giay+khai+sinh&level=commune']];
  for (const lang of ['vi', 'en']) {
    for (const [user, hash] of pages) {
      for (const width of [1280, 360]) {
        const p = await page(browser, server, { user, lang, viewport: { width, height: 800 }, bypassCSP: true });
        await p.open(hash);
        await p.waitForLoadState('networkidle');
        await p.locator('main h1').first().waitFor();
        if (width > 360) {
          const bad = await axe(p);
          assert.deepEqual(bad, [], `${lang} ${hash}: ${bad.join('; ')}`);
        } else {
          const scroll = await p.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(scroll <= 360, `${lang} ${hash}: ${scroll}px wide`);
        }
        assert.deepEqual(p.problems, []);
        await p.context().close();
      }
    }
  }
});
