// Login, sessions, CSRF and the current user.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, as, problem, sql, PASSWORD } from './helpers.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

test('login sets an HttpOnly SameSite=Strict cookie and returns a CSRF token', async () => {
  const c = new Client(server);
  const r = await c.post('/api/v1/auth/login', { username: 'receiver1', password: PASSWORD });
  assert.equal(r.status, 200);
  assert.match(r.json.csrf_token, /^[A-Za-z0-9_-]{43}$/);
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, /^motcua_session=[A-Za-z0-9_-]{43};/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.equal(r.json.user.username, 'receiver1');
  assert.deepEqual(r.json.user.roles.map((x) => x.role), ['receiver']);
  // the token is stored only hashed
  const token = cookie.split(';')[0].split('=')[1];
  assert.equal(sql(server.db, `SELECT count(*) FROM sessions WHERE token_hash = '${token}'`), '0');
  assert.equal(sql(server.db, 'SELECT length(token_hash) FROM sessions LIMIT 1'), '64');
});

test('wrong password and unknown user get the same 401', async () => {
  const c = new Client(server);
  const a = await c.post('/api/v1/auth/login', { username: 'receiver1', password: 'sai' });
  const b = await c.post('/api/v1/auth/login', { username: 'khong-co', password: 'sai' });
  problem(null, a, 401);
  problem(null, b, 401);
  assert.equal(a.json.detail, b.json.detail);
  assert.equal(a.headers.get('set-cookie'), null);
});

test('bad login requests: malformed JSON 400, wrong type 415, missing and unknown fields 422', async () => {
  const c = new Client(server);
  const sessions = sql(server.db, 'SELECT count(*) FROM sessions');
  problem(null, await c.req('POST', '/api/v1/auth/login', { raw: '{"username":', headers: { 'Content-Type': 'application/json' } }), 400);
  problem(null, await c.req('POST', '/api/v1/auth/login', { raw: 'username=a', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 415);
  problem(null, await c.post('/api/v1/auth/login', { username: 'receiver1' }), 422, 'password');
  problem(null, await c.post('/api/v1/auth/login', { username: 'receiver1', password: PASSWORD, remember: true }), 422, 'remember');
  problem(null, await c.post('/api/v1/auth/login', { username: 5, password: PASSWORD }), 422, 'username');
  problem(null, await c.post('/api/v1/auth/login', [1, 2]), 400);
  assert.equal(sql(server.db, 'SELECT count(*) FROM sessions'), sessions);
});

test('me needs a session; logout ends it', async () => {
  const anon = new Client(server);
  problem(null, await anon.get('/api/v1/auth/me'), 401);
  const c = await as(server, 'leader1');
  const me = await c.get('/api/v1/auth/me');
  assert.equal(me.status, 200);
  assert.equal(me.json.user.username, 'leader1');
  assert.equal(me.json.csrf_token, c.csrf);
  const out = await c.post('/api/v1/auth/logout');
  assert.equal(out.status, 204);
  assert.match(out.headers.get('set-cookie'), /Max-Age=0/);
  problem(null, await c.get('/api/v1/auth/me'), 401);
});

test('state-changing requests need the X-CSRF-Token header: 403 without it or with a wrong one', async () => {
  const c = await as(server, 'admin');
  const before = sql(server.db, 'SELECT count(*) FROM agencies');
  const body = { id: '000.00.60.H88', name: 'Xã Mới', parent: '000.00.00.H88', level: 'commune' };
  problem(null, await c.req('POST', '/api/v1/agencies', { body, csrf: false }), 403);
  problem(null, await c.req('POST', '/api/v1/agencies', { body, csrf: false, headers: { 'X-CSRF-Token': 'x'.repeat(43) } }), 403);
  assert.equal(sql(server.db, 'SELECT count(*) FROM agencies'), before);
  assert.equal((await c.post('/api/v1/agencies', body)).status, 201);
});

test('a forged or expired cookie is anonymous', async () => {
  const c = new Client(server);
  c.cookie = 'motcua_session=' + 'A'.repeat(43);
  problem(null, await c.get('/api/v1/auth/me'), 401);
  const d = await as(server, 'auditor');
  sql(server.db, 'UPDATE sessions SET expires_at = 0');
  problem(null, await d.get('/api/v1/auth/me'), 401);
});

test('a deactivated user cannot log in', async () => {
  sql(server.db, "UPDATE users SET active = 0 WHERE username = 'citizen2'");
  problem(null, await new Client(server).post('/api/v1/auth/login', { username: 'citizen2', password: PASSWORD }), 401);
});
