// The small things a user sees, walked through in a real browser on the demo province (made for
// and served at a pinned moment, 20 November 2026 10:00, so nothing depends on the day the tests
// run): a locked login saying so and for how long; the dashboard's chart on an axis fitted to the
// rates, each month's label under its point and our own legend; one on-time rate, named; the late
// list's heading giving the number listed and the total; the one-stop centre shown as the
// receiving unit it is; the phone header as a compact bar with a menu button; and the late,
// satisfaction and register reports as pages with rows. Both languages, a desktop and a 360 px
// phone, axe-core on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, motcua, clockAt } from '../api/helpers.mjs';
import { launch, page, axe, shot } from './browser.mjs';

const DEMO_PASSWORD = 'motcua2026';
const PROVINCE = '000.00.00.H99', CENTRE = '000.00.01.H99';
const PERIOD = 'from=2026-01-01&to=2026-11-20';
const PHONE = { width: 360, height: 740 }, DESKTOP = { width: 1280, height: 900 };
const LOCK = 900; // seconds: "15 minutes"

let server, browser, steering;
before(async () => {
  server = await startServer({
    prepare: (db) => motcua('demo', '--db', db, '--now', '2026-11-20 10:00'),
    args: ['--web', 'web', '--login-attempts', '3', '--login-lock', String(LOCK)],
    env: clockAt('2026-11-20 10:00'),
  });
  browser = await launch();
  steering = new Client(server);
  await steering.login('bcd.cchc', DEMO_PASSWORD);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

// A page signed in as a demo user (their password is the demo's).
async function as(user, opts) {
  const p = await page(browser, server, opts);
  if (user) {
    const c = new Client(server);
    await c.login(user, DEMO_PASSWORD);
    await p.context().addCookies([{ name: 'motcua_session', value: c.cookie.split('=')[1], url: server.base, httpOnly: true, sameSite: 'Strict' }]);
  }
  return p;
}

// Waits for a table to hold the API's number of rows (the page loads the report after the address changes).
const rowsAre = (p, selector, n) => p.waitForFunction(([sel, want]) => document.querySelectorAll(sel).length === want, [selector, n], { timeout: 10000 });

const COMBOS = [['vi', DESKTOP], ['en', DESKTOP], ['vi', PHONE], ['en', PHONE]];
const fmt = (lang, n) => new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN').format(n);
const T = {
  vi: {
    locked: /^Tài khoản tạm khóa do đăng nhập sai nhiều lần\. Thử lại sau 1[45] phút\.$/, login: 'Đăng nhập',
    onTime: 'Tỷ lệ giải quyết đúng hạn', onTimeOf: '(trước hạn và đúng hạn trên hồ sơ đã giải quyết)',
    late: (shown, total) => `Hồ sơ trễ hạn: ${shown} trên tổng số ${total} hồ sơ`, all: /^Xem tất cả/,
    desk: (n) => `đã tiếp nhận ${n} hồ sơ cho các đơn vị giải quyết`, receiving: 'Đơn vị tiếp nhận', menu: 'Danh mục',
    reports: 'Báo cáo', titles: ['Báo cáo hồ sơ trễ hạn', 'Báo cáo mức độ hài lòng', 'Sổ theo dõi hồ sơ (mẫu 06)'],
  },
  en: {
    locked: /^The account is locked for a while after too many failed logins\. Try again in 1[45] minutes\.$/, login: 'Log in',
    onTime: 'On-time rate', onTimeOf: '(early and on time of the dossiers resolved)',
    late: (shown, total) => `Late dossiers: ${shown} of ${total} dossiers`, all: /^Show all/,
    desk: (n) => `received ${n} dossiers for the units resolving them`, receiving: 'Receiving unit', menu: 'Menu',
    reports: 'Reports', titles: ['Late dossiers report', 'Satisfaction report', 'Dossier register (form 06)'],
  },
};

test('a locked account is told so and for how long, in both languages, on a phone and a desktop', async () => {
  const anon = new Client(server);
  for (let i = 0; i < 3; i++) assert.equal((await anon.post('/api/v1/auth/login', { username: 'lanhdao.bacson', password: 'sai' })).status, 401);
  const r = await anon.post('/api/v1/auth/login', { username: 'lanhdao.bacson', password: DEMO_PASSWORD });
  assert.equal(r.status, 429);
  assert.ok(r.json.retry_after > LOCK - 120 && r.json.retry_after <= LOCK, String(r.json.retry_after));
  for (const [lang, viewport] of COMBOS) {
    const p = await as(null, { lang, viewport });
    await p.open('/dang-nhap');
    await p.locator('input[name=username]').fill('lanhdao.bacson');
    await p.locator('input[name=password]').fill(DEMO_PASSWORD);
    await p.locator('main button[type=submit]').click();
    const alert = p.getByRole('alert');
    await alert.waitFor();
    assert.match((await alert.textContent()).trim(), T[lang].locked);
    assert.deepEqual(await axe(p), [], `${lang} ${viewport.width}`);
    assert.deepEqual(p.problems, []);
    await p.context().close();
  }
});

test('the dashboard: a fitted axis, labels under their points, our legend, one on-time rate, the late count, the centre', async () => {
  const res = (await steering.get(`/api/v1/reports/resolution?agency=${PROVINCE}&${PERIOD}`)).json;
  const late = (await steering.get(`/api/v1/reports/late?agency=${PROVINCE}&${PERIOD}`)).json;
  const index = (await steering.get(`/api/v1/index?agency=${PROVINCE}&${PERIOD}&children=1`)).json;
  const centre = index.children.find((c) => c.agency.id === CENTRE);
  assert.ok(centre.received_at_desk > 100, 'the demo centre receives for the departments');
  assert.ok(late.dossiers.length > 50, 'more late dossiers than the list shows at first');
  for (const [lang, viewport] of COMBOS) {
    const t = T[lang];
    const p = await as('bcd.cchc', { lang, viewport });
    await p.open(`/bang-dieu-khien?agency=${PROVINCE}&${PERIOD}`);
    await p.locator('#h-late').waitFor();
    await p.locator('.chart canvas').waitFor();

    // the axis fits the rates: from 5 points under the lowest (rounded down to 5) to 100, not 0-100
    const chart = await p.evaluate(() => {
      const u = document.querySelector('.chart').chart;
      return { min: u.scales.rate.min, max: u.scales.rate.max, x: u.data[0], rates: u.data[1], splits: u.axes[0]._splits };
    });
    const known = chart.rates.filter((v) => v !== null);
    assert.ok(known.length >= 10);
    assert.equal(chart.max, 100);
    assert.equal(chart.min, Math.floor((Math.min(...known) - 1) / 5) * 5);
    assert.ok(chart.min >= 80, `the axis starts at ${chart.min}`);
    // one tick for each month, at its point (the months are the axis's categories)
    assert.deepEqual(chart.splits, chart.x);
    // our own legend, not the library's
    assert.equal(await p.locator('.u-legend').count(), 0);
    assert.match(await p.locator('ul.legend').textContent(), new RegExp(`${t.onTime} \\(`));

    // one on-time rate: the resolution report's, named with what it counts, the same in the figures
    const fig = p.locator('li[data-measure=on-time]');
    assert.equal(await fig.count(), 1);
    assert.equal((await fig.locator('.n').textContent()).trim(), `${fmt(lang, res.total.on_time_rate)} %`);
    assert.ok((await fig.textContent()).includes(t.onTimeOf));

    // the late list: the heading says how many are listed of how many, and all can be shown
    const rows = () => p.locator('#late-list tbody tr').count();
    assert.equal(await rows(), 50);
    assert.equal((await p.locator('#h-late').textContent()).trim(), t.late(50, fmt(lang, late.dossiers.length)));
    await p.getByRole('button', { name: t.all }).click();
    assert.equal(await rows(), late.dossiers.length);
    assert.equal((await p.locator('#h-late').textContent()).trim(), t.late(fmt(lang, late.dossiers.length), fmt(lang, late.dossiers.length)));

    // the centre: a receiving unit with what it received, not "no data 0 / 0"
    const row = p.locator('tr', { has: p.getByRole('link', { name: centre.agency.name }) });
    const text = await row.textContent();
    assert.ok(text.includes(t.receiving), text);
    assert.ok(text.includes(t.desk(fmt(lang, centre.received_at_desk))), text);
    assert.ok(!text.includes('0 / 0'), text);

    assert.deepEqual(await axe(p), [], `${lang} ${viewport.width}`);
    assert.deepEqual(p.problems, []);
    await p.context().close();
  }
});

test('on a 360 px phone the header is a compact bar whose menu button opens the links', async () => {
  for (const lang of ['vi', 'en']) {
    const t = T[lang];
    const p = await as('bcd.cchc', { lang, viewport: PHONE });
    await p.open('/bang-dieu-khien');
    const button = p.getByRole('button', { name: t.menu });
    await button.waitFor();
    const height = await p.locator('header').evaluate((h) => h.getBoundingClientRect().height);
    assert.ok(height < 64, `the header is ${height} px high`);
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    const reports = p.locator('header nav').getByRole('link', { name: t.reports });
    assert.equal(await reports.isVisible(), false);
    // the keyboard opens it, Escape closes it and gives the focus back to the button
    await button.focus();
    await p.keyboard.press('Enter');
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    assert.equal(await reports.isVisible(), true);
    if (lang === 'vi') await shot(p, 'phone-menu');
    assert.deepEqual(await axe(p), [], `${lang}: the menu open`);
    await p.keyboard.press('Escape');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal(await reports.isVisible(), false);
    // the focus goes back to the button (it may move after the menu is drawn closed)
    await p.waitForFunction(() => document.activeElement && document.activeElement.getAttribute('aria-controls') === 'site-menu', null, { timeout: 10000 });
    // a link followed closes the menu
    await button.click();
    await reports.click();
    await p.getByRole('heading', { name: new RegExp(`^${t.titles[0]}`) }).waitFor();
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.deepEqual(p.problems, []);
    await p.context().close();
  }
  // on a desktop there is no menu button: the links are in the bar
  const d = await as('bcd.cchc', { viewport: DESKTOP });
  await d.open('/bang-dieu-khien');
  await d.locator('header nav').getByRole('link', { name: 'Báo cáo' }).waitFor();
  assert.equal(await d.getByRole('button', { name: 'Danh mục' }).isVisible(), false);
  await d.context().close();
});

test('the late, satisfaction and register reports as pages, with the API\'s rows and their files', async () => {
  const late = (await steering.get(`/api/v1/reports/late?agency=${PROVINCE}&${PERIOD}`)).json;
  const sat = (await steering.get(`/api/v1/reports/satisfaction?agency=${PROVINCE}&${PERIOD}`)).json;
  const REG = 'from=2026-11-01&to=2026-11-20';
  const reg = (await steering.get(`/api/v1/agencies/${CENTRE}/register.json?${REG}`)).json;
  assert.ok(late.dossiers.length > 0 && sat.rows.length > 0 && reg.count > 0);
  for (const [lang, viewport] of COMBOS) {
    const t = T[lang];
    const p = await as('bcd.cchc', { lang, viewport });
    // from the menu (on a phone, behind its button)
    await p.open('/');
    if (viewport === PHONE) await p.getByRole('button', { name: t.menu }).click();
    await p.locator('header nav').getByRole('link', { name: t.reports }).click();
    await p.getByRole('heading', { name: new RegExp(`^${t.titles[0]}`) }).waitFor();

    await p.open(`/bao-cao/tre-han?agency=${PROVINCE}&${PERIOD}`);
    await rowsAre(p, 'table.report-rows tbody tr', late.dossiers.length);
    assert.equal(await p.locator('table.report-rows tbody tr').first().locator('a').textContent(), late.dossiers[0].code);
    assert.equal(await p.getByRole('link', { name: 'Excel' }).getAttribute('href'), `/api/v1/reports/late?agency=${PROVINCE}&${PERIOD}&format=xlsx`);
    if (lang === 'vi' && viewport === DESKTOP) {
      await p.evaluate(() => document.activeElement?.blur()); // no focus ring on the menu link followed
      await shot(p, 'report-late');
    }
    assert.deepEqual(await axe(p), [], `late ${lang} ${viewport.width}`);

    await p.getByRole('link', { name: lang === 'en' ? 'Satisfaction' : 'Mức độ hài lòng' }).click();
    await p.getByRole('heading', { name: new RegExp(`^${t.titles[1]}`) }).waitFor();
    await rowsAre(p, 'table.report-rows tbody tr', sat.rows.length);
    assert.ok((await p.locator('table.report-rows tfoot').textContent()).includes(`${fmt(lang, sat.total.satisfied_rate)} %`));
    assert.deepEqual(await axe(p), [], `satisfaction ${lang} ${viewport.width}`);

    await p.open(`/bao-cao/so-theo-doi?agency=${CENTRE}&${REG}`);
    await rowsAre(p, 'table.register tbody tr', reg.count);
    assert.equal(await p.locator('table.register tbody tr').first().locator('a').textContent(), reg.items[0].code);
    assert.equal(await p.getByRole('link', { name: 'PDF' }).getAttribute('href'), `/api/v1/agencies/${CENTRE}/register.pdf?${REG}`);
    assert.deepEqual(await axe(p), [], `register ${lang} ${viewport.width}`);
    assert.deepEqual(p.problems, []);
    await p.context().close();
  }
});
