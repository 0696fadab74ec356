// What the web pages need: queue views and their counts, popular procedures, ratings, user administration.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, as, problem, sql, A, PROC, dossierBody, PASSWORD, motcua, today } from './helpers.mjs';

let server, desk, centre, jproc, jlead, admin;
before(async () => {
  server = await startServer({ check: false }); // due times moved by hand to stage the views
  desk = await as(server, 'receiver1');
  centre = await as(server, 'centre');
  jproc = await as(server, 'jprocessor');
  jlead = await as(server, 'jleader');
  admin = await as(server, 'admin');
});
after(async () => { await server.stop(); });
afterEach(() => server.verifyStats());

test('queue views: open, mine, due soon, late, with counts for the tabs', async () => {
  const a = (await centre.post('/api/v1/dossiers', dossierBody({ procedure: PROC.record, agency: A.centre }))).json;
  const b = (await centre.post('/api/v1/dossiers', dossierBody({ procedure: PROC.record, agency: A.centre }))).json;
  const c = (await centre.post('/api/v1/dossiers', dossierBody({ procedure: PROC.record, agency: A.centre }))).json;
  await centre.post(`/api/v1/dossiers/${b.code}/handover`, {});
  await centre.post(`/api/v1/dossiers/${c.code}/withdraw`, { reason: 'x' });
  // one is late, one is due within two days
  const past = Math.floor(Date.now() / 1000) - 3600;
  sql(server.db, `UPDATE dossiers SET due_at = ${past}, original_due_at = ${past} WHERE code = '${a.code}'`);
  const soon = Math.floor(Date.now() / 1000) + 3600;
  sql(server.db, `UPDATE dossiers SET due_at = ${soon}, original_due_at = ${soon} WHERE code = '${b.code}'`);
  motcua('report', 'rebuild', '--db', server.db); // the edit above bypassed the counters
  const codes = async (c2, q) => (await c2.get(`/api/v1/dossiers?${q}`)).json.items.map((x) => x.code).sort();
  assert.deepEqual(await codes(centre, 'view=open'), [a.code, b.code].sort());
  assert.deepEqual(await codes(centre, 'view=late'), [a.code]);
  assert.deepEqual(await codes(centre, 'view=due_soon'), [b.code]);
  assert.deepEqual(await codes(centre, 'view=mine'), [a.code]); // b is at the department now
  assert.deepEqual(await codes(jproc, 'view=mine'), [b.code]);
  assert.deepEqual(await codes(centre, 'view=all'), [a.code, b.code, c.code].sort());
  const counts = (await centre.get('/api/v1/dossiers/counts')).json;
  assert.deepEqual([counts.all, counts.open, counts.mine, counts.due_soon, counts.late], [3, 2, 1, 1, 1]);
  assert.equal(counts.by_status.withdrawn, 1);
  assert.equal(counts.by_status.processing, 1);
  // sorted by due time, paged by offset
  const sorted = (await centre.get('/api/v1/dossiers?view=open&sort=due&limit=1')).json;
  assert.equal(sorted.items[0].code, a.code);
  const next = (await centre.get(`/api/v1/dossiers?view=open&sort=due&limit=1&cursor=${sorted.next_cursor}`)).json;
  assert.equal(next.items[0].code, b.code);
  problem(null, await centre.get('/api/v1/dossiers?view=everything'), 400);
  problem(null, await centre.get('/api/v1/dossiers?sort=name'), 400);
  // the result goes back to the desk: it is the desk's again
  await jproc.post(`/api/v1/dossiers/${b.code}/forward`, {});
  await jlead.post(`/api/v1/dossiers/${b.code}/finish`, { result_number: '1', result_date: today(), signer: 'x' });
  assert.deepEqual(await codes(centre, 'view=mine'), [a.code, b.code].sort());
  // finished in time, its due time passed while it waits to be collected: not late (it was listed)
  const now = Math.floor(Date.now() / 1000);
  sql(server.db, `UPDATE dossiers SET finished_at = ${now - 7200}, due_at = ${now - 3600}, original_due_at = ${now - 3600} WHERE code = '${b.code}'`);
  motcua('report', 'rebuild', '--db', server.db);
  assert.deepEqual(await codes(centre, 'view=late'), [a.code]);
  assert.equal((await centre.get('/api/v1/dossiers/counts')).json.late, 1);
});

test('the most filed procedures come first when asked', async () => {
  const r = (await new Client(server).get('/api/v1/procedures?sort=popular&limit=2')).json;
  assert.equal(r.items[0].id, PROC.record);
  assert.ok(r.next_cursor);
  const all = (await new Client(server).get('/api/v1/procedures?sort=popular')).json.items.map((x) => x.id);
  assert.equal(new Set(all).size, all.length);
  problem(null, await new Client(server).get('/api/v1/procedures?sort=random'), 400);
});

test('a rating once the result is ready, proven with the code and the phone digits, once', async () => {
  const d = (await desk.post('/api/v1/dossiers', dossierBody())).json;
  const anon = new Client(server);
  const body = { code: d.code, phone_last4: '5678', level: 'very_satisfied', criteria: { access: 5, procedure: 4, officer: 5, result: 5 }, comment: 'Cán bộ nhiệt tình' };
  problem(null, await anon.post('/api/v1/ratings', body), 409);
  assert.equal((await anon.get(`/api/v1/lookup?code=${d.code}&phone_last4=5678`)).json.can_rate, false);
  await desk.post(`/api/v1/dossiers/${d.code}/handover`, {});
  const lead = await as(server, 'leader1');
  await lead.post(`/api/v1/dossiers/${d.code}/finish`, { result_number: '12/KS', result_date: today(), signer: 'Chủ tịch' });
  assert.equal((await anon.get(`/api/v1/lookup?code=${d.code}&phone_last4=5678`)).json.can_rate, true);
  problem(null, await anon.post('/api/v1/ratings', { ...body, phone_last4: '0000' }), 404);
  problem(null, await anon.post('/api/v1/ratings', { ...body, level: 'ecstatic' }), 422, 'level');
  problem(null, await anon.post('/api/v1/ratings', { ...body, criteria: { speed: 5 } }), 422, 'criteria.speed');
  problem(null, await anon.post('/api/v1/ratings', { ...body, criteria: { access: 9 } }), 422, 'criteria.access');
  const r = await anon.post('/api/v1/ratings', body);
  assert.equal(r.status, 201, r.text);
  assert.equal(sql(server.db, `SELECT level || '/' || access || '/' || coalesce(feedback, '-') FROM ratings r JOIN dossiers d ON d.id = r.dossier_id WHERE d.code = '${d.code}'`), '1/5/-');
  problem(null, await anon.post('/api/v1/ratings', body), 409);
  const l = (await anon.get(`/api/v1/lookup?code=${d.code}&phone_last4=5678`)).json;
  assert.deepEqual([l.rated, l.can_rate], [true, false]);
});

test('users: administrators add staff with roles; unit administrators only in their units', async () => {
  let r = await admin.post('/api/v1/users', { username: 'nguyen.van.b', password: 'mat-khau-dai', full_name: 'Nguyễn Văn B', roles: [{ role: 'processor', agency: A.building }] });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.roles.map((x) => [x.role, x.agency]), [['processor', A.building]]);
  const b = await as(server, 'nguyen.van.b').catch(() => null);
  assert.equal(b, null, 'the password is not the fixture one');
  const c = new Client(server);
  assert.equal((await c.post('/api/v1/auth/login', { username: 'nguyen.van.b', password: 'mat-khau-dai' })).status, 200);
  problem(null, await admin.post('/api/v1/users', { username: 'nguyen.van.b', password: 'mat-khau-dai', roles: [{ role: 'citizen' }] }), 409);
  problem(null, await admin.post('/api/v1/users', { username: 'x y', password: 'short', roles: [] }), 422, 'password');
  problem(null, await admin.post('/api/v1/users', { username: 'xy', password: 'mat-khau-dai', roles: [{ role: 'receiver' }] }), 422, 'roles[0].role');
  problem(null, await admin.post('/api/v1/users', { username: 'xy', password: 'mat-khau-dai', roles: [{ role: 'king', agency: A.centre }] }), 422, 'roles[0].role');
  // a unit administrator of the justice department
  const ua = await as(server, 'unitadmin');
  r = await ua.post('/api/v1/users', { username: 'tp.moi', password: 'mat-khau-dai', roles: [{ role: 'processor', agency: A.justice }] });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  problem(null, await ua.post('/api/v1/users', { username: 'tp.khac', password: 'mat-khau-dai', roles: [{ role: 'processor', agency: A.building }] }), 403);
  problem(null, await ua.post('/api/v1/users', { username: 'tp.admin', password: 'mat-khau-dai', roles: [{ role: 'admin' }] }), 403);
  const list = (await ua.get('/api/v1/users')).json.items.map((x) => x.username);
  assert.ok(list.includes('tp.moi') && list.includes('jprocessor') && !list.includes('receiver1') && !list.includes('admin'));
  assert.ok((await admin.get('/api/v1/users')).json.items.length >= 15);
  // changes: roles, deactivation (logins stop), not someone else's user
  r = await ua.patch(`/api/v1/users/${id}`, { roles: [{ role: 'leader', agency: A.justice }], full_name: 'Trần Mới' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.full_name, r.json.roles[0].role], ['Trần Mới', 'leader']);
  r = await ua.patch(`/api/v1/users/${id}`, { active: false });
  assert.equal(r.json.active, false);
  problem(null, await new Client(server).post('/api/v1/auth/login', { username: 'tp.moi', password: 'mat-khau-dai' }), 401);
  const other = Number(sql(server.db, "SELECT id FROM users WHERE username = 'receiver1'"));
  problem(null, await ua.patch(`/api/v1/users/${other}`, { active: false }), 404);
  const me = Number(sql(server.db, "SELECT id FROM users WHERE username = 'admin'"));
  problem(null, await admin.patch(`/api/v1/users/${me}`, { active: false }), 422, 'active');
  for (const u of ['receiver1', 'steering', 'citizen']) problem(null, await (await as(server, u)).get('/api/v1/users'), 403);
  void PASSWORD;
});
