// When storage fails. The database and the files live on a real file system
// of their own (tmpfs, a few megabytes, mounted for the test): it is filled
// to the last block, and the files directory is made read-only under the
// running server. Each time: a clear problem to the client (507 full, 503
// read-only), the reason in the log, nothing half-written, reads still
// served, and writes again once the disk is back. A database on a file system
// that is read-only from the start is refused with the reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, Client, as, problem, sql, motcua, dossierBody, BIN } from './helpers.mjs';

const run = (cmd, ...args) => execFileSync(cmd, args, { stdio: 'pipe', encoding: 'utf8' });
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

let server, desk, files;
before(async () => {
  server = await startServer({
    mount: (dir) => run('mount', '-t', 'tmpfs', '-o', 'size=16m,mode=0700', 'motcua-test', dir),
    unmount: (dir) => run('umount', '-R', dir),
  });
  desk = await as(server, 'receiver1');
  files = join(server.dir, 'files');
});
after(async () => { await server.stop(); });

async function upload(code, data) {
  const form = new FormData();
  form.append('kind', 'component');
  form.append('component', '1');
  form.append('file', new Blob([data], { type: 'application/pdf' }), 'to-khai.pdf');
  const r = await fetch(`${server.base}/api/v1/dossiers/${code}/files`, { method: 'POST', body: form, headers: { Cookie: desk.cookie, 'X-CSRF-Token': desk.csrf } });
  const text = await r.text();
  return { status: r.status, headers: r.headers, text, json: text ? JSON.parse(text) : null };
}

// Writes a file until the file system has not one block left.
function fill(path) {
  const fd = openSync(path, 'w');
  for (const size of [1 << 20, 65536, 4096, 512]) {
    const chunk = Buffer.alloc(size, 1);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (err) {
      if (err.code !== 'ENOSPC') throw err;
    }
  }
  closeSync(fd);
}

const count = (table) => Number(sql(server.db, `SELECT count(*) FROM ${table}`));
const stored = () => readdirSync(files).filter((d) => d !== 'tmp').flatMap((d) => readdirSync(join(files, d)));
const whole = () => {
  assert.equal(sql(server.db, 'PRAGMA integrity_check'), 'ok');
  server.verifyStats();
  motcua('audit', 'verify', '--db', server.db);
};

test('a full disk: 507 with the reason, nothing half-written, reads still served, writes again once there is room', async () => {
  const first = (await desk.post('/api/v1/dossiers', dossierBody())).json;
  // the session was last seen long ago, so reading will try to record its use
  sql(server.db, "UPDATE sessions SET last_seen = last_seen - 600");
  // an empty write-ahead log: the next change needs new blocks
  sql(server.db, 'PRAGMA wal_checkpoint(TRUNCATE)');
  const dossiers = count('dossiers'), audit = count('audit_log'), kept = stored().length;
  fill(join(server.dir, 'ballast'));

  const acked = [];
  let refused = null;
  for (let i = 0; i < 300 && !refused; i++) {
    const r = await desk.post('/api/v1/dossiers', dossierBody({ summary: `Hồ sơ lúc đầy đĩa ${i}` }));
    if (r.status === 201) acked.push(r.json.code);
    else refused = r;
  }
  assert.ok(refused, 'the disk never filled');
  problem(null, refused, 507);
  assert.equal(refused.json.type, 'urn:motcua:problem:storage_full');
  assert.match(refused.json.detail, /No space left on device/);
  problem(null, await desk.post(`/api/v1/dossiers/${first.code}/handover`, {}), 507);
  const up = await upload(first.code, PDF);
  problem(null, up, 507);

  // nothing half-written: exactly the acknowledged dossiers, no stray file
  assert.equal(count('dossiers'), dossiers + acked.length);
  assert.equal(sql(server.db, `SELECT status FROM dossiers WHERE code = '${first.code}'`), '2');
  assert.equal(count('files'), 0);
  assert.equal(stored().length, kept);
  assert.deepEqual(readdirSync(join(files, 'tmp')), []);
  assert.ok(count('audit_log') <= audit + acked.length * 2);

  // reads go on: the officer's dossier and queue, the public catalogue and lookup
  assert.equal((await desk.get(`/api/v1/dossiers/${first.code}`)).status, 200);
  assert.equal((await desk.get('/api/v1/dossiers?view=open')).status, 200);
  const anon = new Client(server);
  assert.equal((await anon.get('/api/v1/procedures?q=khai%20sinh')).status, 200);
  assert.equal((await anon.get(`/api/v1/lookup?code=${first.code}&phone_last4=5678`)).status, 200);

  // whoever runs the server sees why
  assert.match(server.log(), /POST \/api\/v1\/dossiers: 507 storage_full: .*No space left on device/);
  whole();

  // room again: writes work without a restart
  rmSync(join(server.dir, 'ballast'));
  const again = await desk.post('/api/v1/dossiers', dossierBody());
  assert.equal(again.status, 201, again.text);
  assert.equal((await desk.post(`/api/v1/dossiers/${first.code}/handover`, {})).status, 200);
  assert.equal((await upload(first.code, PDF)).status, 201);
  whole();
});

test('an unwritable files directory: 503 with the reason, the dossier unchanged, uploads again once it is writable', async () => {
  const code = (await desk.post('/api/v1/dossiers', dossierBody())).json.code;
  const filesBefore = count('files'), kept = stored().length;
  // a read-only mount over the directory refuses writes even to root
  run('mount', '--bind', files, files);
  run('mount', '-o', 'remount,bind,ro', files);
  let r;
  try {
    r = await upload(code, Buffer.concat([PDF, Buffer.from('read-only')]));
  } finally {
    run('umount', files);
  }
  problem(null, r, 503);
  assert.equal(r.json.type, 'urn:motcua:problem:storage_read_only');
  assert.match(r.json.detail, /Read-only file system/);
  assert.equal(count('files'), filesBefore);
  assert.equal(stored().length, kept);
  assert.equal(sql(server.db, `SELECT count(*) FROM dossier_components c JOIN dossiers d ON d.id = c.dossier_id WHERE d.code = '${code}' AND c.digitized`), '0');
  assert.match(server.log(), /files: 503 storage_read_only: .*Read-only file system/);
  assert.equal((await desk.get(`/api/v1/dossiers/${code}`)).status, 200);
  const ok = await upload(code, Buffer.concat([PDF, Buffer.from('read-only')]));
  assert.equal(ok.status, 201, ok.text);
  whole();
});

test('a database on a read-only file system is refused at start, with the reason', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-ro-'));
  run('mount', '-t', 'tmpfs', '-o', 'size=4m', 'motcua-test', dir);
  try {
    motcua('init', '--db', join(dir, 'ro.db'));
    run('mount', '-o', 'remount,ro', dir);
    const r = spawnSync(BIN, ['serve', '--db', join(dir, 'ro.db'), '--listen', '127.0.0.1:1'], { encoding: 'utf8', timeout: 10000 });
    assert.equal(r.status, 1);
    assert.match(r.stderr, new RegExp(`storage refuses writes: ${dir}: Read-only file system`));
  } finally {
    run('umount', dir);
    rmSync(dir, { recursive: true });
  }
});
