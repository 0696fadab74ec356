// The configuration file: `motcua serve --config FILE` (or MOTCUA_CONFIG) and `motcua config check`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, startServer } from './helpers.mjs';

const dir = mkdtempSync(join(tmpdir(), 'motcua-config-'));
const file = (name, text) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const check = (path, env = {}) => spawnSync(BIN, ['config', 'check', '--config', path], { encoding: 'utf8', env: { ...process.env, ...env } });

test('the server reads its settings from the file, under the environment and the flags', async () => {
  const conf = file('motcua.conf', '# the test server\n[limits]\nlookup-rate = 2\n\n[mail]\nsmtp-from = "Một cửa <motcua@example.vn>"\n');
  const server = await startServer({ seedFixtures: false, args: ['--config', conf] });
  // lookups of codes that do not exist until the address's allowance for the minute is spent
  let n = 0;
  const lookups = async (times) => {
    const got = [];
    for (let i = 0; i < times; i++, n++)
      got.push(429 === (await fetch(`${server.base}/api/v1/lookup?code=${encodeURIComponent(`H99.99-260101-${String(n).padStart(4, '0')}`)}&so=1234`)).status ? 'limited' : 'answered');
    return got;
  };
  try {
    assert.deepEqual(await lookups(3), ['answered', 'answered', 'limited'], 'the file allowed two lookups a minute');
    await server.restart({ ...process.env, MOTCUA_LOOKUP_RATE: '10' });
    assert.deepEqual(await lookups(3), ['answered', 'answered', 'answered'], 'the environment over the file');
    server.args.push('--lookup-rate', '1');
    await server.restart({ ...process.env, MOTCUA_LOOKUP_RATE: '10' });
    assert.deepEqual(await lookups(2), ['answered', 'limited'], 'the flag over the environment');
  } finally {
    await server.stop();
  }
});

test('a wrong line stops the server with the file, the line and the reason', () => {
  const conf = file('wrong.conf', 'listen = 127.0.0.1:1\nthread = 3\n');
  const r = spawnSync(BIN, ['serve', '--db', join(dir, 'x.db')], { encoding: 'utf8', env: { ...process.env, MOTCUA_CONFIG: conf } });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /wrong\.conf:2: unknown key 'thread'/);
  const twice = file('twice.conf', 'threads = 2\nthreads = 3\n');
  assert.match(check(twice).stderr, /twice\.conf:2: threads is set twice \(first on line 1\)/);
  const bad = file('bad.conf', 'threads = 0\n');
  assert.match(check(bad).stderr, /bad\.conf:1: threads must be a number from 1 to 256, not "0"/);
  assert.match(check(join(dir, 'none.conf')).stderr, /cannot read the configuration file .*none\.conf/);
});

test('config check prints the settings in effect and every problem with what they name', () => {
  const good = file('good.conf', `db = ${join(dir, 'motcua.db')}\nweb = ${join(ROOT, 'web')}\nlisten = 127.0.0.1:8080\nsmtp-password = bí-mật\n`);
  chmodSync(good, 0o600);
  let r = check(good, { MOTCUA_THREADS: '3' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^threads = 3$/m, 'the environment over the file, as serve reads it');
  assert.match(r.stdout, /^smtp-password = \*{8}$/m);
  assert.doesNotMatch(r.stdout, /bí-mật/);
  assert.match(r.stdout, /good\.conf: valid\n$/);
  assert.equal(r.stderr, '');
  chmodSync(good, 0o644);
  assert.match(check(good).stderr, /holds the mail password and others may read it/);
  const wrong = file('values.conf', `db = ${join(dir, 'no/such/dir/motcua.db')}\nweb = ${dir}\nlisten = localhost:80\ntrusted-proxy = proxy\npublic-url = motcua.example.vn\nsmtp-url = mail.example.vn\n`);
  r = check(wrong);
  assert.equal(r.status, 1);
  for (const m of [/db: the directory of .* does not exist/, /web: .* holds no index\.html/, /listen: bad IPv4 address/,
    /trusted-proxy: "proxy" is not an IPv4 address/, /public-url: .* http:\/\/ or https:\/\//, /smtp-url: .* smtp:\/\/ or smtps:\/\//, /6 problems/])
    assert.match(r.stderr, m);
  const empty = file('empty.conf', '');
  assert.match(check(empty).stderr, /db is not set/);
});

test('docs/configuration.md describes every key the server takes', () => {
  const help = spawnSync(BIN, ['serve', '--help'], { encoding: 'utf8' }).stdout;
  const keys = [...help.matchAll(/^ {2}--(\S+)/gm)].map((m) => m[1]);
  assert.ok(keys.length > 20);
  const doc = readFileSync(join(ROOT, 'docs/configuration.md'), 'utf8');
  for (const k of keys) assert.match(doc, new RegExp(`^### \`${k}\`$`, 'm'), `${k} is documented`);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
