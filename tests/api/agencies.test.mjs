// The agency tree: public reading, administrators' changes, unit administrators' subtrees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, as, problem, sql, A } from './helpers.mjs';

let server, admin;
before(async () => { server = await startServer(); admin = await as(server, 'admin'); });
after(async () => { await server.stop(); });

test('the tree is public and nested', async () => {
  const r = await new Client(server).get('/api/v1/agencies');
  assert.equal(r.status, 200);
  const roots = r.json.items.map((x) => x.id).sort();
  assert.deepEqual(roots, [A.other, A.province].sort());
  const prov = r.json.items.find((x) => x.id === A.province);
  assert.deepEqual(prov.children.map((x) => x.id).sort(), [A.centre, A.justice, A.building, A.commune1, A.commune2].sort());
  const flat = await new Client(server).get(`/api/v1/agencies?flat=1&root=${A.province}`);
  assert.equal(flat.json.items.length, 6);
});

test('get one; 404 for an unknown one', async () => {
  const r = await new Client(server).get(`/api/v1/agencies/${A.commune1}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.name, 'Phường Đông Hà');
  assert.equal(r.json.parent, A.province);
  assert.equal(r.json.office_hours, '07:30-11:30,13:00-17:00');
  problem(null, await new Client(server).get('/api/v1/agencies/000.00.99.H88'), 404);
});

test('create: 201, then 409 for the same id', async () => {
  const body = { id: '000.01.02.H88', name: 'Phòng Hành chính tư pháp', parent: A.justice, level: 'division', office_hours: '07:00-11:00,13:30-17:30' };
  const r = await admin.post('/api/v1/agencies', body);
  assert.equal(r.status, 201);
  assert.equal(r.json.office_hours, '07:00-11:00,13:30-17:30');
  assert.equal(r.json.version, 1);
  problem(null, await admin.post('/api/v1/agencies', body), 409);
});

test('create: each bad field gets its reason and nothing is written', async () => {
  const before = sql(server.db, 'SELECT count(*) FROM agencies') + sql(server.db, 'SELECT count(*) FROM audit_log');
  problem(null, await admin.post('/api/v1/agencies', { id: '000.00.4.H88', name: 'x' }), 422, 'id');
  problem(null, await admin.post('/api/v1/agencies', { id: '000.00.70.H88', name: '' }), 422, 'name');
  problem(null, await admin.post('/api/v1/agencies', { id: '000.00.70.H88', name: 'x', parent: '000.00.98.H88' }), 422, 'parent');
  problem(null, await admin.post('/api/v1/agencies', { id: '000.00.70.H88', name: 'x', office_hours: '07:30-11:30' }), 422, 'office_hours');
  problem(null, await admin.post('/api/v1/agencies', { id: '000.00.70.H88', name: 'x', level: 'empire' }), 422, 'level');
  problem(null, await admin.post('/api/v1/agencies', { id: '000.00.70.H88', name: 'x', email: 'not-mail' }), 422, 'email');
  problem(null, await admin.post('/api/v1/agencies', { id: '000.00.70.H88', name: 'x', colour: 'red' }), 422, 'colour');
  problem(null, await admin.post('/api/v1/agencies', { name: 'x' }), 422, 'id');
  const after = sql(server.db, 'SELECT count(*) FROM agencies') + sql(server.db, 'SELECT count(*) FROM audit_log');
  assert.equal(after, before);
});

test('a unit administrator manages only their subtree', async () => {
  const ua = await as(server, 'unitadmin');
  const ok = await ua.post('/api/v1/agencies', { id: '000.02.02.H88', name: 'Phòng Bổ trợ tư pháp', parent: A.justice, level: 'division' });
  assert.equal(ok.status, 201);
  problem(null, await ua.post('/api/v1/agencies', { id: '000.02.03.H88', name: 'x', parent: A.building }), 403);
  problem(null, await ua.post('/api/v1/agencies', { id: '000.02.04.H88', name: 'x' }), 403);
  problem(null, await ua.patch(`/api/v1/agencies/${A.building}`, { name: 'y' }), 403);
  const renamed = await ua.patch('/api/v1/agencies/000.02.02.H88', { name: 'Phòng Bổ trợ tư pháp và Hành chính' });
  assert.equal(renamed.status, 200);
  assert.equal(renamed.json.version, 2);
});

test('other roles cannot change agencies', async () => {
  for (const u of ['receiver1', 'processor1', 'leader1', 'steering', 'auditor', 'citizen']) {
    const c = await as(server, u);
    problem(null, await c.post('/api/v1/agencies', { id: '000.00.80.H88', name: 'x', parent: A.province }), 403);
    problem(null, await c.patch(`/api/v1/agencies/${A.commune1}`, { name: 'x' }), 403);
  }
  problem(null, await new Client(server).post('/api/v1/agencies', { id: '000.00.80.H88', name: 'x' }), 401);
});

test('update: partial fields, moving a subtree, refusing a cycle and a stale version', async () => {
  await admin.post('/api/v1/agencies', { id: '000.03.03.H88', name: 'Phòng Quản lý xây dựng', parent: A.building, level: 'division' });
  const moved = await admin.patch(`/api/v1/agencies/${A.building}`, { parent: A.centre });
  assert.equal(moved.status, 200);
  assert.equal(moved.json.parent, A.centre);
  assert.equal(moved.json.name, 'Sở Xây dựng');
  assert.equal(sql(server.db, "SELECT path FROM agencies WHERE id = '000.03.03.H88'"), `${A.province}/${A.centre}/${A.building}/000.03.03.H88/`);
  problem(null, await admin.patch(`/api/v1/agencies/${A.centre}`, { parent: '000.03.03.H88' }), 422, 'parent');
  problem(null, await admin.patch(`/api/v1/agencies/${A.building}`, { parent: A.province, version: 1 }), 409);
  const back = await admin.patch(`/api/v1/agencies/${A.building}`, { parent: A.province, version: moved.json.version });
  assert.equal(back.status, 200);
  assert.equal(sql(server.db, "SELECT path FROM agencies WHERE id = '000.03.03.H88'"), `${A.province}/${A.building}/000.03.03.H88/`);
  problem(null, await admin.patch('/api/v1/agencies/000.00.97.H88', { name: 'x' }), 404);
});

test('a unit administrator cannot deactivate the unit its role is bound to, only units under it', async () => {
  const ua = await as(server, 'unitadmin');
  const before = sql(server.db, 'SELECT count(*) FROM audit_log');
  const r = await ua.patch(`/api/v1/agencies/${A.justice}`, { active: false });
  problem(null, r, 403);
  assert.match(r.json.detail, /bound to/);
  assert.equal((await ua.get(`/api/v1/agencies/${A.justice}`)).json.active, true);
  assert.equal(sql(server.db, 'SELECT count(*) FROM audit_log'), before);
  // renaming it is still theirs to do, and so is deactivating a unit under it
  assert.equal((await ua.patch(`/api/v1/agencies/${A.justice}`, { address: 'Số 1 Trần Hưng Đạo' })).status, 200);
  assert.equal((await ua.post('/api/v1/agencies', { id: '000.02.09.H88', name: 'Phòng Hành chính tư pháp', parent: A.justice, level: 'division' })).status, 201);
  const off = await ua.patch('/api/v1/agencies/000.02.09.H88', { active: false });
  assert.equal(off.status, 200, off.text);
  assert.equal(off.json.active, false);
});
