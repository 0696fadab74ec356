// Who gets in: lockout after failed logins (per account and per address), the
// public lookup's rate limit, idle sessions, what the log never holds, the
// CSRF header on every state change and Secure cookies behind TLS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, as, problem, sql, motcua, PASSWORD, dossierBody } from './helpers.mjs';

let server;
const LOCK = 8; // seconds
before(async () => {
  // small limits so that the test need not wait fifteen minutes (a lock long enough for twelve
  // password checks to fall in one window on a loaded machine)
  server = await startServer({ args: ['--login-attempts', '3', '--login-lock', String(LOCK), '--lookup-rate', '6'] });
});
after(async () => { await server.stop(); });

const login = (username, password) => new Client(server).post('/api/v1/auth/login', { username, password });
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

test('an account is locked after repeated failures, even for the right password, then opens again', async () => {
  for (let i = 0; i < 2; i++) problem(null, await login('receiver2', 'sai-mat-khau'), 401);
  // the third failure locks it
  problem(null, await login('receiver2', 'sai-mat-khau'), 401);
  const locked = await login('receiver2', PASSWORD);
  problem(null, locked, 429);
  const wait = Number(locked.headers.get('retry-after'));
  assert.ok(wait >= 1 && wait <= LOCK, `Retry-After ${wait}`);
  // the body says the same, for a page to tell how long the account stays locked
  assert.equal(locked.json.retry_after, wait);
  assert.equal(locked.json.type, 'urn:motcua:problem:too_many_attempts');
  assert.equal(locked.headers.get('set-cookie'), null);
  // other accounts are not affected
  assert.equal((await login('processor2', PASSWORD)).status, 200);
  await sleep(LOCK * 1000 + 100);
  assert.equal((await login('receiver2', PASSWORD)).status, 200);
  // a success clears the count: two more failures do not lock
  for (let i = 0; i < 2; i++) problem(null, await login('receiver2', 'sai'), 401);
  assert.equal((await login('receiver2', PASSWORD)).status, 200);
});

test('an address trying many accounts is locked too, and an unknown account the same way', async () => {
  await sleep(LOCK * 1000 + 100);
  // four times the account limit, spread over names that do not exist
  // at once, so that all fall in one window even on a loaded machine
  const failures = await Promise.all(Array.from({ length: 11 }, (_, i) => login(`khong-co-${i}`, 'sai')));
  for (const r of failures) problem(null, r, 401);
  problem(null, await login('khong-co-cuoi', 'sai'), 401);
  const r = await login('leader2', PASSWORD);
  problem(null, r, 429);
  assert.match(r.json.detail, /too many failed logins/);
  await sleep(LOCK * 1000 + 100);
  assert.equal((await login('leader2', PASSWORD)).status, 200);
});

test('the public lookup is rate-limited per address and never says which half was wrong', async () => {
  await sleep(1000);
  const desk = await as(server, 'receiver1');
  const d = (await desk.post('/api/v1/dossiers', dossierBody())).json;
  const anon = new Client(server);
  const wrongCode = await anon.get(`/api/v1/lookup?code=${d.code.replace(/\d{4}$/, '9999')}&phone_last4=5678`);
  const wrongDigits = await anon.get(`/api/v1/lookup?code=${d.code}&phone_last4=0000`);
  problem(null, wrongCode, 404);
  problem(null, wrongDigits, 404);
  assert.equal(wrongCode.json.detail, wrongDigits.json.detail);
  assert.equal(wrongCode.text.length, wrongDigits.text.length);
  let r;
  for (let i = 0; i < 6; i++) r = await anon.get(`/api/v1/lookup?code=${d.code}&phone_last4=${String(1000 + i)}`);
  problem(null, r, 429);
  assert.ok(Number(r.headers.get('retry-after')) >= 1);
  // the right pair is refused too while the address is blocked: guessing gains nothing
  problem(null, await anon.get(`/api/v1/lookup?code=${d.code}&phone_last4=5678`), 429);
  problem(null, await anon.post('/api/v1/ratings', { code: d.code, phone_last4: '5678', level: 'satisfied' }), 429);
});

test('a session ends after the idle time, and on logout', async () => {
  const c = await as(server, 'receiver1');
  assert.equal((await c.get('/api/v1/auth/me')).status, 200);
  sql(server.db, "UPDATE sessions SET last_seen = last_seen - 7200 WHERE user_id = (SELECT id FROM users WHERE username = 'receiver1')");
  problem(null, await c.get('/api/v1/auth/me'), 401);
  const d = await as(server, 'processor1');
  assert.equal((await d.post('/api/v1/auth/logout')).status, 204);
  problem(null, await d.get('/api/v1/auth/me'), 401);
});

test('the log holds no password, session token, CSRF token or identity number', async () => {
  const c = new Client(server);
  await c.login('leader1');
  const desk = await as(server, 'receiver1');
  await desk.post('/api/v1/dossiers', dossierBody({ applicant: { kind: 1, name: 'Trần Văn Bình', id_number: '079088001234', phone: '0987 654 321', address: 'Số 1' } }));
  await new Client(server).post('/api/v1/auth/login', { username: 'leader1', password: 'mat-khau-sai-9x7' });
  await sleep(200);
  const log = server.log();
  assert.match(log, /POST \/api\/v1\/auth\/login/); // the requests are logged...
  for (const secret of [PASSWORD, 'mat-khau-sai-9x7', c.cookie.split('=')[1], c.csrf, '079088001234', '0987 654 321'])
    assert.ok(!log.includes(secret), `the log holds ${secret}`);
});

test('every state-changing route of the table refuses a signed-in user without the CSRF header, and changes nothing', async () => {
  const byRole = { admin: 'admin', receiver: 'receiver1', processor: 'processor1', leader: 'leader1', unit_admin: 'unitadmin', steering: 'steering', auditor: 'auditor', citizen: 'citizen' };
  const clients = {};
  for (const [role, username] of Object.entries(byRole)) clients[role] = await as(server, username);
  const audit = sql(server.db, 'SELECT count(*) FROM audit_log');
  const routes = motcua('routes').trim().split('\n').map((l) => l.split('\t'))
    .filter(([method, , allowed]) => method !== 'GET' && allowed !== 'public');
  assert.ok(routes.length >= 20, `only ${routes.length} state-changing routes`);
  for (const [method, pattern, allowed] of routes) {
    const path = pattern.replace(/\{[^}]+\}/g, '1');
    const role = allowed.split(',')[0]; // one who may call it: the role check comes first
    const r = await clients[role].req(method, path, { body: {}, csrf: false });
    problem(null, r, 403);
    assert.match(r.json.detail, /CSRF/i, `${method} ${pattern}`);
  }
  assert.equal(sql(server.db, 'SELECT count(*) FROM audit_log'), audit);
});

test('cookies are marked Secure when the server is told it is reached over TLS', async () => {
  const plain = (await login('leader1', PASSWORD)).headers.get('set-cookie');
  assert.doesNotMatch(plain, /Secure/);
  const tls = await startServer({ args: ['--secure-cookies'] });
  try {
    const r = await new Client(tls).post('/api/v1/auth/login', { username: 'leader1', password: PASSWORD });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('set-cookie'), /; HttpOnly; SameSite=Strict; Secure$/);
    const out = await new Client(tls).post('/api/v1/auth/logout', undefined, { headers: { Cookie: r.headers.get('set-cookie').split(';')[0], 'X-CSRF-Token': r.json.csrf_token } });
    assert.equal(out.status, 204);
    assert.match(out.headers.get('set-cookie'), /Max-Age=0;.*Secure/);
  } finally {
    await tls.stop();
  }
});

test('identity and phone numbers in full only to the desk, the units that work on the dossier and the filer', async () => {
  const d = (await (await as(server, 'receiver1')).post('/api/v1/dossiers', dossierBody())).json;
  const full = { id_number: '001190012345', phone: '0912 345 678' };
  const masked = { id_number: '********2345', phone: '******5678' };
  const expect = { receiver1: full, processor1: full, leader1: full, admin: full, steering: masked, auditor: masked };
  for (const [username, want] of Object.entries(expect)) {
    const c = await as(server, username);
    const one = await c.get(`/api/v1/dossiers/${d.code}`);
    assert.equal(one.status, 200, username);
    assert.deepEqual({ id_number: one.json.applicant.id_number, phone: one.json.applicant.phone }, want, username);
    if (want === masked) { // nor in the queue
      const list = await c.get(`/api/v1/dossiers?q=${d.code}`);
      assert.equal(list.status, 200);
      assert.ok(list.text.includes(d.code), `${username}: the queue does not show it`);
      assert.ok(!list.text.includes(full.id_number) && !list.text.includes(full.phone), `${username}: the queue shows the numbers`);
    }
  }
  // (the public lookup never shows them: lookup.test.mjs)
});

test('behind the trusted proxy the limits count the address it forwards for, and only the one it added', async () => {
  const look = (s, fwd) => fetch(`${s.base}/api/v1/lookup?code=000.00.31.H88-261123-0001&phone_last4=1234`, { headers: fwd ? { 'X-Forwarded-For': fwd } : {} }).then((r) => r.status);
  const init = (db) => motcua('init', '--db', db);
  const proxied = await startServer({ prepare: init, args: ['--trusted-proxy', '127.0.0.1', '--lookup-rate', '2'] });
  const direct = await startServer({ prepare: init, args: ['--trusted-proxy', '10.9.9.9', '--lookup-rate', '2'] });
  try {
    assert.deepEqual([await look(proxied, '10.0.0.1'), await look(proxied, '10.0.0.1'), await look(proxied, '10.0.0.1')], [404, 404, 429]);
    assert.equal(await look(proxied, '10.0.0.2'), 404); // another citizen behind the same proxy
    assert.equal(await look(proxied, '10.0.0.2, 10.0.0.1'), 429); // what the client wrote first proves nothing
    assert.equal(await look(proxied, 'not-an-address'), 404); // then the proxy's own address counts
    // from any other peer the header is not believed
    assert.deepEqual([await look(direct, '10.0.0.1'), await look(direct, '10.0.0.2'), await look(direct, '10.0.0.3')], [404, 404, 429]);
  } finally {
    await proxied.stop();
    await direct.stop();
  }
});
