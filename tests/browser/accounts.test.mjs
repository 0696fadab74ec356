// Citizens' own accounts in a real browser: registering, the e-mailed links read from the outbox,
// a forgotten password, "my dossiers" with an electronic result, and the lookup's download of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, as, sql, today, Client, A, PROC, PASSWORD, dossierBody, onlineBody } from '../api/helpers.mjs';
import { launch, page, axe, shot } from './browser.mjs';

let server, browser;
before(async () => {
  // many registrations and lookups from one address: a public allowance that does not get in the way
  server = await startServer({ args: ['--web', 'web', '--lookup-rate', '1000'] });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

// The link of the last message sent to an address, as the page and its token.
function mailedLink(to) {
  const body = sql(server.db, `SELECT body FROM outbox WHERE recipient = '${to}' ORDER BY id DESC LIMIT 1`);
  const m = body.match(/#(\/[a-z-]+)\?token=([A-Za-z0-9_-]+)/);
  assert.ok(m, `no link in the message to ${to}: ${body}`);
  return { path: m[1], token: m[2] };
}

// A citizen's account made and confirmed through the API.
async function account(email, password) {
  const anon = new Client(server);
  assert.equal((await anon.post('/api/v1/auth/register', { email, password, full_name: 'Phạm Văn Bình', phone: '0903 222 333' })).status, 202);
  assert.equal((await anon.post('/api/v1/auth/verify', { token: mailedLink(email).token })).status, 200);
  const c = new Client(server);
  await c.login(email, password);
  return c;
}

async function upload(c, code, name) {
  const form = new FormData();
  form.append('kind', 'result');
  form.append('file', new Blob([PDF], { type: 'application/pdf' }), name);
  const r = await fetch(`${server.base}/api/v1/dossiers/${code}/files`, { method: 'POST', body: form, headers: { Cookie: c.cookie, 'X-CSRF-Token': c.csrf } });
  assert.equal(r.status, 201, await r.text());
}

// A criminal record certificate taken to its electronic result, returned online; `accept` first
// when it was filed online.
async function toResult(code, { online = false } = {}) {
  const centre = await as(server, 'centre');
  const ok = async (c, action, body = {}) => {
    const r = await c.post(`/api/v1/dossiers/${code}/${action}`, body);
    assert.equal(r.status, 200, `${action}: ${r.text}`);
  };
  if (online) await ok(centre, 'accept');
  await ok(centre, 'handover');
  const jproc = await as(server, 'jprocessor');
  await upload(jproc, code, 'phieu-ly-lich-tu-phap.pdf');
  await ok(jproc, 'forward');
  await ok(await as(server, 'jleader'), 'finish', { result_number: '12/LLTP', result_date: today(), signer: 'Giám đốc Sở Tư pháp' });
  await ok(centre, 'return', { method: 'online' });
}

async function downloaded(p, link) {
  const [download] = await Promise.all([p.waitForEvent('download'), link.click()]);
  return readFileSync(await download.path());
}

test('a citizen registers, confirms the address by the e-mailed link, signs in and finds "Hồ sơ của tôi"', async () => {
  const p = await page(browser, server);
  await p.open('/');
  await p.getByRole('banner').getByRole('link', { name: 'Đăng ký' }).click();
  await p.getByRole('heading', { name: 'Đăng ký tài khoản công dân' }).waitFor();
  await p.getByLabel('Họ và tên').fill('Trương Thị Hồng Nhung');
  await p.getByLabel('Thư điện tử').fill('Hong.Nhung@Example.vn');
  await p.getByLabel('Số điện thoại').fill('0977 123 456');
  // a short password: the server's refusal at its field, in Vietnamese, and the focus on it
  await p.getByLabel(/^Mật khẩu/).fill('ngan');
  await p.getByLabel('Nhập lại mật khẩu').fill('ngan');
  await p.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await p.getByText('Tối thiểu 8 ký tự').waitFor();
  assert.equal(await p.getByLabel(/^Mật khẩu/).getAttribute('aria-invalid'), 'true');
  // the focus moves once the errors are drawn: wait for it rather than read it at once
  await p.waitForFunction(() => document.activeElement && document.activeElement.name === 'password');
  // two passwords that differ are caught before asking
  await p.getByLabel(/^Mật khẩu/).fill('mat-khau-cua-nhung');
  await p.getByLabel('Nhập lại mật khẩu').fill('mat-khau-cua-nhun');
  await p.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await p.getByText('Hai mật khẩu đã nhập không giống nhau').waitFor();
  assert.equal(sql(server.db, "SELECT count(*) FROM users WHERE username = 'hong.nhung@example.vn'"), '0');
  await p.getByLabel('Nhập lại mật khẩu').fill('mat-khau-cua-nhung');
  await p.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await p.getByRole('heading', { name: 'Vui lòng kiểm tra thư điện tử' }).waitFor();
  assert.ok(await p.getByText('Thư xác nhận đã được gửi đến Hong.Nhung@Example.vn').isVisible());
  assert.equal(sql(server.db, "SELECT active FROM users WHERE username = 'hong.nhung@example.vn'"), '0');

  // the link of the e-mail confirms the address as the page opens, then leaves the address
  const link = mailedLink('hong.nhung@example.vn');
  assert.equal(link.path, '/xac-nhan');
  await p.open(`${link.path}?token=${link.token}`);
  await p.getByText('Tài khoản hong.nhung@example.vn đã được kích hoạt. Mời Ông/Bà đăng nhập.').waitFor();
  assert.ok(!p.url().includes(link.token), p.url());
  assert.equal(sql(server.db, "SELECT active FROM users WHERE username = 'hong.nhung@example.vn'"), '1');
  await p.getByRole('main').getByRole('link', { name: 'Đăng nhập' }).click();
  assert.equal(await p.getByLabel('Tên đăng nhập').inputValue(), 'hong.nhung@example.vn');
  await p.getByLabel('Mật khẩu').fill('mat-khau-cua-nhung');
  await p.getByRole('button', { name: 'Đăng nhập' }).click();
  await p.getByRole('heading', { name: 'Hồ sơ của tôi' }).waitFor();
  await p.getByText('Ông/Bà chưa nộp hồ sơ nào.').waitFor();
  assert.ok(await p.getByRole('navigation').getByRole('link', { name: 'Hồ sơ của tôi' }).isVisible());

  // the queue's address sends a citizen to their own page, never to the staff queue
  await p.open('/ho-so');
  await p.waitForURL(/#\/ho-so-cua-toi$/);
  await p.getByRole('heading', { name: 'Hồ sơ của tôi' }).waitFor();
  assert.equal(await p.getByText('Hồ sơ cần xử lý').count(), 0);

  // a dossier filed online, then its result: the row, its status and the signed file
  const nhung = new Client(server);
  await nhung.login('hong.nhung@example.vn', 'mat-khau-cua-nhung');
  const d = await nhung.post('/api/v1/dossiers', dossierBody({ procedure: PROC.record, agency: A.centre, channel: 'online' }));
  assert.equal(d.status, 201, d.text);
  await p.reload();
  const row = p.getByRole('row', { name: new RegExp(d.json.code) });
  await row.waitFor();
  assert.match(await row.textContent(), /Cấp Phiếu lý lịch tư pháp.*Mới đăng ký/);
  assert.equal(await row.getByRole('link').count(), 0);
  await toResult(d.json.code, { online: true });
  await p.reload();
  const link2 = p.getByRole('row', { name: new RegExp(d.json.code) }).getByRole('link', { name: `Tải kết quả ${d.json.code}` });
  await link2.waitFor();
  assert.match(await p.getByRole('row', { name: new RegExp(d.json.code) }).textContent(), /Đã trả kết quả.*phieu-ly-lich-tu-phap\.pdf/);
  assert.deepEqual(await downloaded(p, link2), PDF);

  // the link works once
  await p.open(`${link.path}?token=${link.token}`);
  await p.getByText('Đường dẫn xác nhận không hợp lệ, đã được dùng hoặc đã hết hạn (3 ngày).').waitFor();
  assert.deepEqual(p.problems, []);
});

test('a forgotten password is set again by the e-mailed link, once', async () => {
  await account('quen.mat.khau@example.vn', 'mat-khau-cu-cua-binh');
  const p = await page(browser, server);
  await p.open('/dang-nhap');
  await p.getByRole('link', { name: 'Quên mật khẩu?' }).click();
  await p.getByRole('heading', { name: 'Quên mật khẩu' }).waitFor();
  await p.getByLabel('Thư điện tử').fill('quen.mat.khau@example.vn');
  await p.getByRole('button', { name: 'Gửi đường dẫn' }).click();
  await p.getByRole('heading', { name: 'Đã gửi yêu cầu' }).waitFor();
  const link = mailedLink('quen.mat.khau@example.vn');
  assert.equal(link.path, '/dat-lai-mat-khau');

  await p.open(`${link.path}?token=${link.token}`);
  await p.getByRole('heading', { name: 'Đặt mật khẩu mới' }).waitFor();
  await p.getByLabel('Mật khẩu mới').fill('ngan');
  await p.getByLabel('Nhập lại mật khẩu').fill('ngan');
  await p.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
  await p.getByText('Tối thiểu 8 ký tự').waitFor();
  assert.equal(await p.getByLabel('Mật khẩu mới').getAttribute('aria-invalid'), 'true');
  await p.getByLabel('Mật khẩu mới').fill('mat-khau-moi-cua-binh');
  await p.getByLabel('Nhập lại mật khẩu').fill('mat-khau-moi-cua-binh');
  await p.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
  await p.getByText('Đã đặt mật khẩu mới.').waitFor();
  assert.ok(!p.url().includes(link.token), p.url());
  await p.getByRole('main').getByRole('link', { name: 'Đăng nhập' }).click();
  await p.getByLabel('Tên đăng nhập').fill('quen.mat.khau@example.vn');
  await p.getByLabel('Mật khẩu').fill('mat-khau-cu-cua-binh');
  await p.getByRole('button', { name: 'Đăng nhập' }).click();
  await p.getByText('Sai tên đăng nhập hoặc mật khẩu.').waitFor();
  await p.getByLabel('Mật khẩu').fill('mat-khau-moi-cua-binh');
  await p.getByRole('button', { name: 'Đăng nhập' }).click();
  await p.getByRole('heading', { name: 'Hồ sơ của tôi' }).waitFor();

  // the same link a second time: refused, with the way to ask for another
  const q = await page(browser, server);
  await q.open(`${link.path}?token=${link.token}`);
  await q.getByLabel('Mật khẩu mới').fill('mat-khau-lan-thu-ba');
  await q.getByLabel('Nhập lại mật khẩu').fill('mat-khau-lan-thu-ba');
  await q.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
  await q.getByText('Đường dẫn đặt mật khẩu mới không hợp lệ, đã được dùng hoặc đã hết hạn (1 giờ).').waitFor();
  await q.getByRole('link', { name: 'Yêu cầu đường dẫn mới' }).click();
  await q.getByRole('heading', { name: 'Quên mật khẩu' }).waitFor();
  assert.deepEqual([...p.problems, ...q.problems], []);
});

test('the lookup offers a returned electronic result for download', async () => {
  const centre = await as(server, 'centre');
  const d = (await centre.post('/api/v1/dossiers', dossierBody({ procedure: PROC.record, agency: A.centre }))).json;
  const p = await page(browser, server);
  await p.open(`/tra-cuu?code=${d.code}&so=5678`);
  await p.getByText('Đã tiếp nhận').first().waitFor();
  assert.equal(await p.getByRole('link', { name: 'Tải kết quả' }).count(), 0);
  await toResult(d.code);
  await p.reload();
  const link = p.getByRole('link', { name: 'Tải kết quả' });
  await link.waitFor();
  assert.ok(await p.getByText('Kết quả điện tử: phieu-ly-lich-tu-phap.pdf, 1 KB').isVisible());
  assert.deepEqual(await downloaded(p, link), PDF);
  assert.equal(sql(server.db, `SELECT count(*) FROM audit_log WHERE action = 'dossier.result.download' AND object = 'dossier:${d.code}'`), '1');
  assert.deepEqual(p.problems, []);
});

test("citizens' pages pass axe-core in both languages and fit a 360 px phone", async () => {
  const c = await account('axe.kiem.tra@example.vn', PASSWORD); // the password page() signs in with
  const d = (await c.post('/api/v1/dossiers', dossierBody({ procedure: PROC.record, agency: A.centre, channel: 'online' }))).json;
  await toResult(d.code, { online: true });
  await c.post('/api/v1/dossiers', await onlineBody(c));
  const pages = [[null, '/dang-ky'], [null, '/quen-mat-khau'], [null, '/dat-lai-mat-khau?token=khong-hop-le'], [null, '/xac-nhan'],
    [null, `/tra-cuu?code=${d.code}&so=5678`], ['axe.kiem.tra@example.vn', '/ho-so-cua-toi']];
  for (const lang of ['vi', 'en']) {
    for (const [user, hash] of pages) {
      for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 740 }]) {
        const p = await page(browser, server, { user, lang, viewport, bypassCSP: true });
        await p.open(hash);
        await p.waitForLoadState('networkidle');
        await p.locator('main h1').first().waitFor();
        if (hash === '/ho-so-cua-toi') await p.locator('table.queue tbody tr').nth(1).waitFor();
        if (hash === '/ho-so-cua-toi' && lang === 'vi' && viewport.width > 360) await shot(p, 'my-dossiers');
        if (hash === '/dang-ky') await p.locator('form button[type=submit]').click(); // with every field refused
        if (hash === '/dang-ky') await p.locator('[aria-invalid=true]').first().waitFor();
        if (viewport.width > 360) {
          const bad = await axe(p);
          assert.deepEqual(bad, [], `${lang} ${hash}: ${bad.join('; ')}`);
        } else {
          const width = await p.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= 360, `${lang} ${hash}: ${width}px wide`);
        }
        assert.deepEqual(p.problems, []);
        await p.context().close();
      }
    }
  }
});
