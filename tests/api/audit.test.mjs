// The audit log: every change by anyone, hash-chained; `motcua audit verify` finds tampering.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { startServer, as, sql, BIN, dossierBody } from './helpers.mjs';

let server;
before(async () => {
  server = await startServer();
  const desk = await as(server, 'receiver1');
  for (let i = 0; i < 3; i++) {
    const d = await desk.post('/api/v1/dossiers', dossierBody());
    await desk.post(`/api/v1/dossiers/${d.json.code}/handover`, {});
  }
});
after(async () => { await server.stop(); });

const verify = (db) => spawnSync(BIN, ['audit', 'verify', '--db', db], { encoding: 'utf8' });

// A copy of the live database (WAL included, through SQLite's backup) to tamper with.
function copy(name) {
  const path = join(server.dir, name);
  sql(server.db, `VACUUM INTO '${path}'`);
  return path;
}

test('every change is in the log, and the chain is intact', () => {
  const actions = sql(server.db, 'SELECT group_concat(DISTINCT action) FROM audit_log').split(',');
  for (const a of ['user.create', 'agency.create', 'procedure.create', 'procedure.variants', 'login', 'dossier.create', 'dossier.handover'])
    assert.ok(actions.includes(a), a);
  const r = verify(server.db);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /chain is intact/);
});

test('an edited row is found', () => {
  const db = copy('edited.db');
  sql(db, "UPDATE audit_log SET detail = 'sửa trái phép' WHERE id = 7");
  const r = verify(db);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /row 7: its content was edited/);
});

test('a deleted row is found at the row after it', () => {
  const db = copy('deleted.db');
  sql(db, 'DELETE FROM audit_log WHERE id = 5');
  const r = verify(db);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /row 6: rows before it were deleted/);
});

test('a row re-chained after a deletion still breaks the chain', () => {
  const db = copy('rechained.db');
  sql(db, 'DELETE FROM audit_log WHERE id = 5; UPDATE audit_log SET id = id - 1 WHERE id > 5');
  const r = verify(db);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /row 5: /);
});

test('the last rows deleted are found too', () => {
  const db = copy('truncated.db');
  sql(db, 'DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)');
  const r = verify(db);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /the log ends early/);
});

test('a row dated before the one it follows is out of order, even with a forged hash', () => {
  const db = copy('order.db');
  const n = Number(sql(db, 'SELECT max(id) FROM audit_log'));
  const [prev, actor, action, object, detail] = sql(db, `SELECT prev_hash, coalesce(actor_id, 0), action, object, detail FROM audit_log WHERE id = ${n}`).split('|');
  const forged = createHash('sha256').update(`${prev}|${n}|1|${actor}|${action}|${object}|${detail}`).digest('hex');
  sql(db, `UPDATE audit_log SET at = 1, hash = '${forged}' WHERE id = ${n}; UPDATE meta SET value = '${n}:${forged}' WHERE key = 'audit_head'`);
  const r = verify(db);
  assert.equal(r.status, 1);
  assert.match(r.stdout, new RegExp(`row ${n}: it is dated before the row it follows`));
});
