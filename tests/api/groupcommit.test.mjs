// Group commit: write transactions arriving together share one commit, and each answer still
// means its data is on disk; a refused one leaves nothing and fails no other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, as, motcua, sql, clockAt, A, PROC, dossierBody } from './helpers.mjs';

let server, centre;
before(async () => {
  // enough threads for many transactions to wait for the writer at once
  server = await startServer({ args: ['--threads', '16', '--connections-per-address', '0'], env: clockAt('2026-03-10 09:00') });
  centre = await as(server, 'centre');
});
after(async () => { await server.stop(); });

const intake = () => centre.post('/api/v1/dossiers', dossierBody({ procedure: PROC.record, agency: A.centre }));

test('concurrent intakes and handovers, some refused: every 2xx is there, codes gap-free, counters and audit agree', async () => {
  // dossiers to hand over, each by two requests at once: one is done, the other refused in its transaction
  const first = await Promise.all(Array.from({ length: 30 }, intake));
  for (const r of first) assert.equal(r.status, 201, r.text);
  const handovers = first.flatMap((r) => [r.json.code, r.json.code])
    .map((code) => centre.post(`/api/v1/dossiers/${code}/handover`, {}).then((r) => ({ code, r })));
  const intakes = Array.from({ length: 120 }, intake);
  const [done, taken] = await Promise.all([Promise.all(handovers), Promise.all(intakes)]);

  for (const r of taken) assert.equal(r.status, 201, r.text);
  const byCode = new Map();
  for (const { code, r } of done) {
    assert.ok([200, 409].includes(r.status), `${code}: ${r.status} ${r.text}`);
    byCode.set(code, [...(byCode.get(code) ?? []), r.status]);
  }
  for (const [code, statuses] of byCode) assert.deepEqual(statuses.sort(), [200, 409], code);

  // every dossier answered 201 is there, readable at once
  const codes = [...first, ...taken].map((r) => r.json.code);
  for (const code of codes.slice(-20)) assert.equal((await centre.get(`/api/v1/dossiers/${code}`)).status, 200);
  // codes unique and without gaps: the counter was read and written inside each transaction
  assert.equal(new Set(codes).size, codes.length);
  const numbers = sql(server.db, `SELECT code FROM dossiers WHERE agency = '${A.centre}' ORDER BY code`)
    .split('\n').map((c) => Number(c.slice(-4)));
  assert.deepEqual(numbers, Array.from({ length: codes.length }, (_, i) => i + 1));
  assert.ok(codes.every((c) => c.startsWith(`${A.centre}-260310-`)), codes[0]);
  // the refused handovers left nothing: one handover row and one audit row per dossier
  assert.equal(sql(server.db, "SELECT count(*) FROM dossier_events WHERE action = 'handover'"), '30');
  assert.equal(sql(server.db, "SELECT count(DISTINCT dossier_id) FROM dossier_events WHERE action = 'handover'"), '30');
  assert.equal(sql(server.db, "SELECT count(*) FROM audit_log WHERE action = 'dossier.create'"), String(codes.length));
  // the chain of the audit log holds, the counters agree with the dossiers
  motcua('audit', 'verify', '--db', server.db);
  motcua('report', 'verify', '--db', server.db);
});

test('a command-line writer while the server writes: both serialised, nothing lost', async () => {
  const before = Number(sql(server.db, 'SELECT count(*) FROM dossiers'));
  const writes = Array.from({ length: 40 }, intake);
  motcua('user', 'add', '--db', server.db, '--username', 'cli_writer', '--password', 'mat-khau-cli-1',
    '--role', 'auditor');
  const answers = await Promise.all(writes);
  for (const r of answers) assert.equal(r.status, 201, r.text);
  assert.equal(Number(sql(server.db, 'SELECT count(*) FROM dossiers')), before + 40);
  assert.equal(sql(server.db, "SELECT count(*) FROM users WHERE username = 'cli_writer'"), '1');
  motcua('audit', 'verify', '--db', server.db);
});
