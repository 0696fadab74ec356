// Debian's Chromium driven by playwright-core, against the real server serving web/.
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from '../api/helpers.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

// A page that records console errors and CSP violations, logged in as `user` when given.
export async function page(browser, server, { user, viewport = { width: 1280, height: 900 }, bypassCSP = false, lang = 'vi' } = {}) {
  const context = await browser.newContext({ viewport, bypassCSP, acceptDownloads: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  await context.addInitScript(`localStorage.setItem('motcua.lang', '${lang}')`);
  if (user) {
    const r = await fetch(`${server.base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: user, password: 'mat-khau-thu-nghiem' }) });
    if (r.status !== 200) throw new Error(`login ${user}: ${r.status}`);
    const token = r.headers.get('set-cookie').split(';')[0].split('=')[1];
    await context.addCookies([{ name: 'motcua_session', value: token, url: server.base, httpOnly: true, sameSite: 'Strict' }]);
  }
  const p = await context.newPage();
  p.problems = [];
  p.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) p.problems.push(m.text()); });
  p.on('pageerror', (e) => p.problems.push(String(e)));
  p.base = server.base;
  p.open = (hash) => p.goto(`${server.base}/${hash ? `#${hash}` : ''}`);
  return p;
}

// axe-core on the page as it is: the serious and critical violations, with their targets.
export async function axe(p) {
  await p.evaluate(AXE);
  const result = await p.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// Saves a screenshot for the README when SCREENSHOTS names a directory: the viewport, or the
// whole page with { fullPage: true } when what it is about runs below the fold.
export async function shot(p, name, { fullPage = false } = {}) {
  const dir = process.env.SCREENSHOTS;
  if (!dir) return;
  mkdirSync(join(ROOT, dir), { recursive: true });
  await p.screenshot({ path: join(ROOT, dir, `${name}.png`), fullPage });
}
