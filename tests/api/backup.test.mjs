// Backups taken while the server writes are whole snapshots; a restore gives
// back exactly the backup, and a server runs on it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, as, sql, motcua, BIN, A, dossierBody } from './helpers.mjs';

let server, restored;
after(async () => {
  await restored?.stop();
  await server?.stop();
});

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const dump = (db) => sql(db, 'SELECT code, status, received_at FROM dossiers ORDER BY id')
  + sql(db, 'SELECT id, hash FROM audit_log ORDER BY id') + sql(db, 'SELECT * FROM stats ORDER BY 1, 2, 3, 4');

test('backups under write load hold every dossier acknowledged before they began', async () => {
  server = await startServer();
  const desk = await as(server, 'receiver1');
  const acked = [];
  let running = true;
  const load = (async () => {
    while (running) {
      const r = await desk.post('/api/v1/dossiers', dossierBody({ agency: A.commune1 }));
      assert.equal(r.status, 201, r.text);
      acked.push(r.json.code);
      if (acked.length % 3 === 0) assert.equal((await desk.post(`/api/v1/dossiers/${r.json.code}/handover`, {})).status, 200);
    }
  })();
  const backups = [];
  for (let i = 0; i < 3; i++) {
    await sleep(300);
    const before = acked.length;
    const file = join(server.dir, `backup-${i}.db`);
    assert.match(motcua('backup', '--db', server.db, '--to', file), /^backup: .*dossiers/);
    backups.push({ file, before: acked.slice(0, before) });
  }
  running = false;
  await load;
  for (const { file, before } of backups) {
    assert.ok(!existsSync(`${file}.part`));
    assert.equal(sql(file, 'PRAGMA integrity_check'), 'ok');
    const codes = new Set(sql(file, 'SELECT code FROM dossiers').split('\n'));
    for (const code of before) assert.ok(codes.has(code), `${code} is missing from ${file}`);
    motcua('report', 'verify', '--db', file);
    motcua('audit', 'verify', '--db', file);
  }
  assert.ok(backups.at(-1).before.length > 5);

  // restore the last one into a new place: the same data, and a server runs on it
  const { file } = backups.at(-1);
  const target = join(server.dir, 'restored.db');
  assert.match(motcua('restore', '--from', file, '--db', target), /^restore: /);
  assert.equal(dump(target), dump(file));
  restored = await startServer({ prepare: (db) => motcua('restore', '--from', file, '--db', db) });
  const lead = await as(restored, 'leader1');
  const r = await lead.get(`/api/v1/dossiers/${backups.at(-1).before[0]}`);
  assert.equal(r.status, 200);
});

test('a damaged or foreign file is not restored, and nothing is touched', async () => {
  const target = join(server.dir, 'untouched.db');
  const bad = join(server.dir, 'bad.db');
  sql(bad, 'CREATE TABLE t (x); INSERT INTO t VALUES (1)');
  let r = spawnSync(BIN, ['restore', '--from', bad, '--db', target], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /not a motcua database/);
  assert.ok(!existsSync(target));
  r = spawnSync(BIN, ['restore', '--from', join(server.dir, 'none.db'), '--db', target], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  r = spawnSync(BIN, ['backup', '--db', server.db], { encoding: 'utf8' });
  assert.equal(r.status, 2);
});
