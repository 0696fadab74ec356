// The Debian package (scripts/deb, `make deb`): its contents, its maintainer
// scripts, lintian, and the packaged server started from the package's files
// with the packaged configuration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, freePort } from './helpers.mjs';

const version = execFileSync(BIN, ['--version'], { encoding: 'utf8' }).trim().split(' ')[1];
const deb = execFileSync(join(ROOT, 'scripts/deb'), [version], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop();
const path = join(ROOT, deb);
const dir = mkdtempSync(join(tmpdir(), 'motcua-deb-'));
const root = join(dir, 'root');
execFileSync('dpkg-deb', ['-x', path, root]);
execFileSync('dpkg-deb', ['-e', path, join(dir, 'DEBIAN')]);

test('the package holds the binary, the web pages, the unit, the configuration and the docs', () => {
  const list = execFileSync('dpkg-deb', ['-c', path], { encoding: 'utf8' });
  for (const f of ['./usr/bin/motcua', './usr/share/motcua/web/index.html', './usr/share/motcua/web/app.js',
    './usr/share/motcua/web/vendor/preact.module.js', './lib/systemd/system/motcua.service', './etc/motcua/motcua.conf',
    './usr/share/doc/motcua/copyright', './usr/share/doc/motcua/changelog.gz', './usr/share/doc/motcua/configuration.md'])
    assert.match(list, new RegExp(` ${f.replace(/\./g, '\\.')}\n`), f);
  assert.doesNotMatch(list, /node_modules|\.o\n|tests\//);
  assert.match(list, /^-rwxr-xr-x root\/root .* \.\/usr\/bin\/motcua$/m);
  const info = (field) => execFileSync('dpkg-deb', ['-f', path, field], { encoding: 'utf8' }).trim();
  assert.equal(info('Package'), 'motcua');
  assert.equal(info('Version'), version);
  for (const lib of ['libmicrohttpd12', 'libsqlite3-0', 'libjansson4', 'libcairo2', 'adduser', 'fonts-noto-core'])
    assert.match(info('Depends'), new RegExp(`\\b${lib}\\b`));
  assert.equal(readFileSync(join(dir, 'DEBIAN/conffiles'), 'utf8'), '/etc/motcua/motcua.conf\n');
  // the binary is stripped (lintian's error otherwise) and still runs
  assert.doesNotMatch(execFileSync('file', ['-b', join(root, 'usr/bin/motcua')], { encoding: 'utf8' }), /not stripped/);
  const unit = readFileSync(join(root, 'lib/systemd/system/motcua.service'), 'utf8');
  assert.match(unit, /^ExecStart=\/usr\/bin\/motcua serve --config \/etc\/motcua\/motcua\.conf$/m);
  assert.match(unit, /^User=motcua$/m);
  assert.match(unit, /^StateDirectory=motcua$/m);
  assert.match(unit, /^WantedBy=multi-user\.target$/m);
});

test('the maintainer scripts make the user and its directory, start the service, and never delete the records', () => {
  for (const s of ['postinst', 'prerm', 'postrm']) {
    const file = join(dir, 'DEBIAN', s);
    assert.equal(statSync(file).mode & 0o777, 0o755, s);
    assert.equal(spawnSync('sh', ['-n', file]).status, 0, `${s} parses`);
  }
  const postinst = readFileSync(join(dir, 'DEBIAN/postinst'), 'utf8');
  assert.match(postinst, /adduser --system --group --home \/var\/lib\/motcua/);
  assert.match(postinst, /install -d -o motcua -g motcua -m 750 \/var\/lib\/motcua/);
  assert.match(postinst, /chmod 640 \/etc\/motcua\/motcua\.conf/);
  assert.match(postinst, /deb-systemd-helper enable 'motcua\.service'/);
  assert.match(postinst, /deb-systemd-invoke \$_action 'motcua\.service'/);
  assert.match(readFileSync(join(dir, 'DEBIAN/prerm'), 'utf8'), /deb-systemd-invoke stop 'motcua\.service'/);
  assert.doesNotMatch(readFileSync(join(dir, 'DEBIAN/postrm'), 'utf8'), /rm -r|\/var\/lib\/motcua\b.*rm/);
});

test('lintian finds no error in the package', () => {
  const r = spawnSync('lintian', ['--fail-on', 'error', '--no-tag-display-limit', path], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.doesNotMatch(r.stdout, /^E: /m);
});

test("the packaged server starts from the package's files with the packaged configuration and answers /healthz", async () => {
  const conf = join(root, 'etc/motcua/motcua.conf');
  const text = readFileSync(conf, 'utf8');
  assert.match(text, /^db = \/var\/lib\/motcua\/motcua\.db$/m);
  assert.match(text, /^web = \/usr\/share\/motcua\/web$/m);
  // the same file, with the places this machine lets a test use given by the environment over it
  const port = await freePort();
  const env = { ...process.env, MOTCUA_DB: join(dir, 'motcua.db'), MOTCUA_WEB: join(root, 'usr/share/motcua/web'), MOTCUA_LISTEN: `127.0.0.1:${port}` };
  const check = spawnSync(join(root, 'usr/bin/motcua'), ['config', 'check', '--config', conf], { encoding: 'utf8', env });
  assert.equal(check.status, 0, check.stderr);
  assert.match(check.stdout, new RegExp(`^listen = 127\\.0\\.0\\.1:${port}$`, 'm'));
  const proc = spawn(join(root, 'usr/bin/motcua'), ['serve', '--config', conf], { env, stdio: 'ignore' });
  try {
    let ok = false;
    for (let i = 0; i < 100 && !ok; i++) {
      try { ok = (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200; } catch {}
      if (!ok) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(ok, '/healthz answered 200');
    const page = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<html lang="vi"/);
  } finally {
    const exited = new Promise((r) => proc.on('exit', r));
    proc.kill('SIGTERM');
    assert.equal(await exited, 0, 'it stops cleanly on SIGTERM');
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
