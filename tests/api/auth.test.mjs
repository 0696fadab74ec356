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

test('text is kept in NFC: one name typed composed or decomposed is one user, and lengths count NFC', async () => {
  const admin = await as(server, 'admin');
  const nfc = 'nguyễn'.normalize('NFC');
  const nfd = nfc.normalize('NFD');
  assert.notEqual(nfc, nfd);
  const a = await admin.post('/api/v1/users', { username: nfc, password: PASSWORD, roles: [{ role: 'citizen' }] });
  assert.equal(a.status, 201, a.text);
  // the same name decomposed is the same user: taken
  problem(null, await admin.post('/api/v1/users', { username: nfd, password: PASSWORD, roles: [{ role: 'citizen' }] }), 409);
  // and it logs in typed either way
  assert.equal((await new Client(server).post('/api/v1/auth/login', { username: nfd, password: PASSWORD })).status, 200);
  // 200 letters with marks: 200 characters in NFC, 600 code points in NFD; both pass, stored as NFC
  const name = 'ễ'.repeat(200).normalize('NFC');
  for (const [i, form] of [[1, name], [2, name.normalize('NFD')]].entries()) {
    const r = await admin.post('/api/v1/users', { username: `nfc-${i}`, password: PASSWORD, full_name: form[1], roles: [{ role: 'citizen' }] });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.full_name, name);
  }
  problem(null, await admin.post('/api/v1/users', { username: 'nfc-x', password: PASSWORD, full_name: `${name}e`, roles: [{ role: 'citizen' }] }), 422, 'full_name');
  assert.equal(sql(server.db, `SELECT count(*) FROM users WHERE username LIKE 'nguy%'`), '1');
});

test('a search in decomposed text finds what was written composed', async () => {
  const anon = new Client(server);
  const admin = await as(server, 'admin');
  const p = await admin.post('/api/v1/procedures', { code: '1.009901', name: 'Cấp giấy xác nhận tình trạng hôn nhân', field: 'Hộ tịch', level: 'commune', agency: '000.00.00.H88', duration_days: 3, duration_kind: 'working' });
  assert.equal(p.status, 201, p.text);
  for (const q of ['tình trạng hôn nhân', 'tình trạng hôn nhân'.normalize('NFD')]) {
    const r = await anon.get(`/api/v1/procedures?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.some((x) => x.code === '1.009901'), `q=${JSON.stringify(q)}: ${r.text}`);
  }
  const f = await anon.get(`/api/v1/procedures?field=${encodeURIComponent('Hộ tịch'.normalize('NFD'))}`);
  assert.ok(f.json.items.some((x) => x.code === '1.009901'), f.text);
  problem(null, await anon.get('/api/v1/procedures?q=%ff%fe'), 400);
});

test("the current user carries what their roles let them do, which the web's menus follow", async () => {
  const want = {
    citizen: ['submit_online'],
    receiver1: ['receive', 'view_dossiers', 'view_personal', 'view_plans'],
    leader1: ['view_dossiers', 'view_personal', 'process', 'approve', 'view_plans', 'report_tasks', 'assess_par'],
    unitadmin: ['manage_agencies', 'manage_users', 'view_plans', 'report_tasks'],
    admin: ['view_dossiers', 'view_personal', 'manage_agencies', 'manage_procedures', 'manage_calendar', 'manage_users', 'view_plans', 'manage_plans'],
    steering: ['view_dossiers', 'view_plans', 'manage_plans', 'view_par', 'manage_par'],
  };
  for (const [user, caps] of Object.entries(want)) {
    const me = await (await as(server, user)).get('/api/v1/auth/me');
    assert.deepEqual(me.json.user.capabilities, caps, user);
  }
  // and each capability opens what it says: the unit administrator is refused the calendar
  const ua = await as(server, 'unitadmin');
  problem(null, await ua.put('/api/v1/calendar/overrides/2031-01-02', { work: false, name: 'x' }), 403);
  problem(null, await (await as(server, 'steering')).post('/api/v1/dossiers', {}), 403);
});
