// Citizens' own accounts: registration verified by e-mail, "my dossiers", a forgotten password
// set again by e-mail; nothing tells whether an address has an account.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, problem, sql, dossierBody, onlineBody } from './helpers.mjs';

let server, anon;
before(async () => {
  server = await startServer();
  anon = new Client(server);
});
after(() => server?.stop());

const mails = (to) => sql(server.db, `SELECT count(*) FROM outbox WHERE recipient = '${to}'`);
const lastLink = (to) => {
  const body = sql(server.db, `SELECT body FROM outbox WHERE recipient = '${to}' ORDER BY id DESC LIMIT 1`);
  return body.match(/#\/([a-z-]+)\?token=([A-Za-z0-9_-]+)/);
};
const login = (username, password) => anon.post('/api/v1/auth/login', { username, password });

test('a citizen registers, verifies the address by the e-mailed link, signs in and sees their dossiers', async () => {
  problem(null, await anon.post('/api/v1/auth/register', { email: 'khong-phai-thu', password: 'mat-khau-dai', full_name: 'A' }), 422, 'email');
  problem(null, await anon.post('/api/v1/auth/register', { email: 'lan@example.vn', password: 'ngan', full_name: 'A' }), 422, 'password');
  let r = await anon.post('/api/v1/auth/register', { email: 'Lan.Nguyen@Example.vn', password: 'mat-khau-cua-lan', full_name: 'Nguyễn Thị Lan', phone: '0912 111 222' });
  assert.equal(r.status, 202, r.text);
  assert.equal(mails('lan.nguyen@example.vn'), '1');
  // not before the address is verified
  assert.equal((await login('lan.nguyen@example.vn', 'mat-khau-cua-lan')).status, 401);
  const [, page, token] = lastLink('lan.nguyen@example.vn');
  assert.equal(page, 'xac-nhan');
  r = await anon.post('/api/v1/auth/verify', { token });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.username, 'lan.nguyen@example.vn');
  problem(null, await anon.post('/api/v1/auth/verify', { token }), 422, 'token');
  const lan = new Client(server);
  await lan.login('lan.nguyen@example.vn', 'mat-khau-cua-lan');
  const me = (await lan.get('/api/v1/auth/me')).json.user;
  assert.deepEqual(me.capabilities, ['submit_online']);
  assert.equal(me.full_name, 'Nguyễn Thị Lan');
  // their dossiers, and only theirs
  assert.deepEqual((await lan.get('/api/v1/dossiers')).json.items, []);
  const d = await lan.post('/api/v1/dossiers', await onlineBody(lan));
  assert.equal(d.status, 201, d.text);
  assert.deepEqual((await lan.get('/api/v1/dossiers')).json.items.map((x) => x.code), [d.json.code]);
  // registering the same address again says the same, creates nothing, and tells the owner
  r = await anon.post('/api/v1/auth/register', { email: 'lan.nguyen@example.vn', password: 'mot-mat-khau-khac', full_name: 'Ai đó' });
  assert.equal(r.status, 202);
  assert.equal(sql(server.db, "SELECT count(*) FROM users WHERE username = 'lan.nguyen@example.vn'"), '1');
  assert.match(sql(server.db, "SELECT body FROM outbox WHERE recipient = 'lan.nguyen@example.vn' ORDER BY id DESC LIMIT 1"), /đã có tài khoản/);
});

test('a forgotten password is set again by the e-mailed link, once, within the hour', async () => {
  const before = Number(sql(server.db, 'SELECT count(*) FROM outbox'));
  let r = await anon.post('/api/v1/auth/password-reset', { email: 'nobody@example.vn' });
  assert.equal(r.status, 202);
  assert.equal(Number(sql(server.db, 'SELECT count(*) FROM outbox')), before, 'no mail for an unknown address');
  r = await anon.post('/api/v1/auth/password-reset', { email: 'LAN.NGUYEN@example.vn' });
  assert.equal(r.status, 202);
  const [, page, token] = lastLink('lan.nguyen@example.vn');
  assert.equal(page, 'dat-lai-mat-khau');
  problem(null, await anon.post('/api/v1/auth/password-reset/confirm', { token, password: 'ngan' }), 422, 'password');
  problem(null, await anon.post('/api/v1/auth/password-reset/confirm', { token: 'x'.repeat(43), password: 'mat-khau-moi-cua-lan' }), 422, 'token');
  r = await anon.post('/api/v1/auth/password-reset/confirm', { token, password: 'mat-khau-moi-cua-lan' });
  assert.equal(r.status, 200, r.text);
  assert.equal((await login('lan.nguyen@example.vn', 'mat-khau-cua-lan')).status, 401);
  assert.equal((await login('lan.nguyen@example.vn', 'mat-khau-moi-cua-lan')).status, 200);
  problem(null, await anon.post('/api/v1/auth/password-reset/confirm', { token, password: 'lan-thu-ba-roi' }), 422, 'token');
  // an expired link is refused
  await anon.post('/api/v1/auth/password-reset', { email: 'lan.nguyen@example.vn' });
  const [, , late] = lastLink('lan.nguyen@example.vn');
  sql(server.db, 'UPDATE account_tokens SET expires_at = created_at - 1 WHERE used_at IS NULL');
  problem(null, await anon.post('/api/v1/auth/password-reset/confirm', { token: late, password: 'mat-khau-qua-han' }), 422, 'token');
});

test("staff passwords are not reset by e-mail", async () => {
  sql(server.db, "UPDATE users SET email = 'tiepnhan@example.vn' WHERE username = 'receiver1'");
  const r = await anon.post('/api/v1/auth/password-reset', { email: 'receiver1' });
  assert.equal(r.status, 202);
  assert.equal(mails('tiepnhan@example.vn'), '0');
});
