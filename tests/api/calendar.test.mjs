// Holidays, announced overrides and due times.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, as, problem, sql, motcua, dossierBody } from './helpers.mjs';

let server, admin, anon;
before(async () => { server = await startServer(); admin = await as(server, 'admin'); anon = new Client(server); });
after(async () => { await server.stop(); });

const days = (r) => r.json.items.filter((x) => !x.working).map((x) => x.date);

test('the holidays of 2026: statutory, lunar, compensatory, and the same as the command prints', async () => {
  const r = await anon.get('/api/v1/calendar/holidays?year=2026');
  assert.equal(r.status, 200);
  const d = days(r);
  for (const x of ['2026-01-01', '2026-02-16', '2026-02-17', '2026-02-20', '2026-04-26', '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-02', '2026-11-24'])
    assert.ok(d.includes(x), x);
  assert.equal(r.json.items.find((x) => x.date === '2026-04-27').kind, 'compensatory');
  const cli = motcua('calendar', 'holidays', '2026').trim().split('\n').map((l) => l.split('\t')[0]);
  assert.deepEqual(d, cli);
  problem(null, await anon.get('/api/v1/calendar/holidays'), 400);
  problem(null, await anon.get('/api/v1/calendar/holidays?year=1800'), 400);
  problem(null, await anon.get('/api/v1/calendar/holidays?year=20x6'), 400);
});

test('an administrator announces a day off and a swapped Saturday; due times follow', async () => {
  const due = async () => (await anon.get('/api/v1/calendar/due?from=2027-03-05T08:00:00%2B07:00&days=2')).json.due_at;
  assert.equal(await due(), '2027-03-09T08:00:00+07:00'); // Friday + 2 days: Tuesday
  let r = await admin.put('/api/v1/calendar/overrides/2027-03-08', { working: false, name: 'Nghỉ bù theo thông báo' });
  assert.equal(r.status, 200);
  assert.equal(await due(), '2027-03-10T08:00:00+07:00');
  r = await admin.put('/api/v1/calendar/overrides/2027-03-06', { working: true, name: 'Làm bù' });
  assert.equal(r.status, 200);
  assert.equal(await due(), '2027-03-09T08:00:00+07:00');
  const h = await anon.get('/api/v1/calendar/holidays?year=2027');
  const sat = h.json.items.find((x) => x.date === '2027-03-06');
  assert.deepEqual([sat.kind, sat.working, sat.name], ['extra_work', true, 'Làm bù']);
  assert.ok(days(h).includes('2027-03-08'));
  // the command reads the database's calendar with --db
  assert.match(motcua('calendar', 'holidays', '2027', '--db', server.db), /2027-03-08\tNghỉ bù theo thông báo/);
  assert.equal(motcua('calendar', 'due', '--from', '2027-03-05 08:00', '--days', '2', '--db', server.db).trim(), '2027-03-09 08:00');
  assert.equal((await admin.del('/api/v1/calendar/overrides/2027-03-06')).status, 204);
  assert.equal((await admin.del('/api/v1/calendar/overrides/2027-03-08')).status, 204);
  assert.equal(await due(), '2027-03-09T08:00:00+07:00');
  problem(null, await admin.del('/api/v1/calendar/overrides/2027-03-08'), 404);
  assert.equal(sql(server.db, "SELECT count(*) FROM audit_log WHERE action LIKE 'calendar.%'"), '4');
});

test('overrides: only administrators, valid dates and bodies', async () => {
  for (const u of ['receiver1', 'unitadmin', 'steering']) {
    const c = await as(server, u);
    problem(null, await c.put('/api/v1/calendar/overrides/2027-01-02', { working: true, name: 'x' }), 403);
  }
  problem(null, await anon.put('/api/v1/calendar/overrides/2027-01-02', { working: true, name: 'x' }), 401);
  problem(null, await admin.put('/api/v1/calendar/overrides/2027-02-30', { working: true, name: 'x' }), 404);
  problem(null, await admin.put('/api/v1/calendar/overrides/2027-02-03', { working: 'yes', name: 'x' }), 422, 'working');
  problem(null, await admin.put('/api/v1/calendar/overrides/2027-02-03', { working: true }), 422, 'name');
  problem(null, await admin.put('/api/v1/calendar/overrides/2027-02-03', { working: true, name: 'x', note: 1 }), 422, 'note');
  assert.equal(sql(server.db, 'SELECT count(*) FROM calendar_overrides'), '0');
});

test('the due-time calculator: calendar days, agencies, bad input', async () => {
  let r = await anon.get('/api/v1/calendar/due?from=2024-03-11T10:00:00%2B07:00&days=5&kind=calendar');
  assert.equal(r.json.due_at, '2024-03-18T17:00:00+07:00');
  r = await anon.get('/api/v1/calendar/due?from=2025-01-27T08:00:00%2B07:00&days=2');
  assert.equal(r.json.due_at, '2025-02-05T08:00:00+07:00'); // across Tết 2025
  problem(null, await anon.get('/api/v1/calendar/due?from=soon&days=2'), 400);
  problem(null, await anon.get('/api/v1/calendar/due?from=2025-01-27&days=-1'), 400);
  problem(null, await anon.get('/api/v1/calendar/due?from=2025-01-27&days=2&kind=lunar'), 400);
  problem(null, await anon.get('/api/v1/calendar/due?from=2025-01-27&days=2&agency=nope'), 400);
});

// The server holds one working calendar, built at start and swapped whole on a change.
test('a changed override is the very next answer and the next intake; earlier dossiers keep their due time', async () => {
  const receiver = await as(server, 'receiver1');
  const version = () => Number(sql(server.db, "SELECT coalesce((SELECT value FROM meta WHERE key = 'calendar_version'), 0)"));
  const dueFrom = async (from) => (await anon.get(`/api/v1/calendar/due?from=${encodeURIComponent(from)}&days=1`)).json.due_at;
  const localDay = (iso) => iso.slice(0, 10);
  const before = await receiver.post('/api/v1/dossiers', dossierBody());
  assert.equal(before.status, 201, before.text);
  const probe = before.json.received_at;
  const due0 = await dueFrom(probe);
  // the day the first dossier is due is a working day; announce it as a day off
  const day = localDay(before.json.due_at);
  const v0 = version();
  const r = await admin.put(`/api/v1/calendar/overrides/${day}`, { working: false, name: 'Nghỉ theo thông báo' });
  assert.equal(r.status, 200, r.text);
  assert.equal(version(), v0 + 1);
  const due1 = await dueFrom(probe);
  assert.ok(due1 > due0, `${due1} after ${due0}`);
  assert.notEqual(localDay(due1), day);
  const after = await receiver.post('/api/v1/dossiers', dossierBody());
  assert.equal(after.status, 201, after.text);
  assert.ok(localDay(after.json.due_at) > day, `${after.json.due_at} after ${day}`);
  assert.equal(after.json.due_at, await dueFrom(after.json.received_at));
  // the dossier received before the change keeps the due time it was given
  const again = await receiver.get(`/api/v1/dossiers/${before.json.code}`);
  assert.equal(again.json.due_at, before.json.due_at);
  // removing it brings the old answer back, again without a restart
  assert.equal((await admin.del(`/api/v1/calendar/overrides/${day}`)).status, 204);
  assert.equal(version(), v0 + 2);
  assert.equal(await dueFrom(probe), due0);
  // another process changing the database: the server looks at the version once a second
  sql(server.db, `INSERT INTO calendar_overrides (day, work, name, updated_at) VALUES ('${day}', 0, 'x', 0);
    UPDATE meta SET value = value + 1 WHERE key = 'calendar_version'`);
  let seen;
  for (let i = 0; i < 40 && (seen = await dueFrom(probe)) === due0; i++) await new Promise((ok) => setTimeout(ok, 100));
  assert.equal(seen, due1);
  assert.equal((await admin.del(`/api/v1/calendar/overrides/${day}`)).status, 204);
  assert.equal(await dueFrom(probe), due0);
});
