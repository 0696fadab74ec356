// The public dossier lookup: code plus the last four digits of the phone.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startServer, Client, as, problem, dossierBody } from './helpers.mjs';

// A request from another loopback source address (127.0.0.2 …), as a guesser with many addresses.
function from(localAddress, method, path, body) {
  return new Promise((ok, fail) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request({ host: '127.0.0.1', port: server.port, path, method, localAddress,
      headers: payload ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        let json = null;
        try { json = JSON.parse(text); } catch {}
        ok({ status: res.statusCode, headers: new Headers(res.headers), text, json });
      });
    });
    req.on('error', fail);
    req.end(payload);
  });
}
const addr = (i) => `127.0.0.${2 + i}`;

let server, anon, code;
before(async () => {
  server = await startServer();
  anon = new Client(server);
  const r = await (await as(server, 'receiver1')).post('/api/v1/dossiers', dossierBody());
  code = r.json.code;
});
after(async () => { await server.stop(); });
afterEach(() => server.verifyStats());

test('code and digits that match: status, procedure, times and steps, without login', async () => {
  const r = await anon.get(`/api/v1/lookup?code=${code}&phone_last4=5678`);
  assert.equal(r.status, 200);
  assert.equal(r.json.code, code);
  assert.equal(r.json.status, 'received');
  assert.equal(r.json.status_label, 'Đã tiếp nhận');
  assert.equal(r.json.procedure.name, 'Đăng ký khai sinh');
  assert.match(r.json.received_at, /\+07:00$/);
  assert.match(r.json.due_at, /\+07:00$/);
  assert.equal(r.json.steps.length, 1);
  assert.equal(r.json.steps[0].action, 'receive');
  assert.equal(r.json.steps[0].unit, 'Phường Đông Hà');
  // no personal data
  assert.ok(!r.text.includes('Nguyễn Thị Hoa'));
  assert.ok(!r.text.includes('001190012345'));
});

test('a wrong code and wrong digits get the same 404', async () => {
  const a = await anon.get(`/api/v1/lookup?code=${code}&phone_last4=5679`);
  const b = await anon.get(`/api/v1/lookup?code=${code.replace(/\d{4}$/, '9999')}&phone_last4=5678`);
  const c = await anon.get('/api/v1/lookup?code=xyz&phone_last4=5678');
  const d = await anon.get(`/api/v1/lookup?code=${code}&phone_last4=56789`);
  for (const r of [a, b, c, d]) problem(null, r, 404);
  assert.equal(a.text, b.text);
  assert.equal(a.text, c.text);
  assert.equal(a.text, d.text);
});

test('both parameters are required', async () => {
  problem(null, await anon.get(`/api/v1/lookup?code=${code}`), 400);
  problem(null, await anon.get('/api/v1/lookup?phone_last4=5678'), 400);
});

test('a code gets five wrong tries an hour, whoever asks; then even the right digits wait', async () => {
  const desk = await as(server, 'receiver1');
  const d = (await desk.post('/api/v1/dossiers', dossierBody())).json;
  const seen = [];
  for (let i = 0; i < 10; i++) {
    const r = await from(addr(i), 'GET', `/api/v1/lookup?code=${d.code}&phone_last4=${String(1000 + i)}`);
    seen.push(r.status);
    if (i >= 5) {
      problem(null, r, 429);
      assert.ok(Number(r.headers.get('retry-after')) > 3000, r.headers.get('retry-after'));
      assert.match(r.json.detail, /dossier code/);
    }
  }
  assert.deepEqual(seen, [404, 404, 404, 404, 404, 429, 429, 429, 429, 429]);
  // the right digits from an address that never guessed, and a rating with them: refused
  problem(null, await from(addr(10), 'GET', `/api/v1/lookup?code=${d.code}&phone_last4=5678`), 429);
  problem(null, await from(addr(10), 'POST', '/api/v1/ratings', { code: d.code, phone_last4: '5678', level: 'satisfied' }), 429);
  // other codes are not touched
  assert.equal((await from(addr(10), 'GET', `/api/v1/lookup?code=${code}&phone_last4=5678`)).status, 200);
});

test('wrong ratings count against the code too, and a right answer does not reset the count', async () => {
  const desk = await as(server, 'receiver1');
  const d = (await desk.post('/api/v1/dossiers', dossierBody())).json;
  const rate = (i, digits) => from(addr(i), 'POST', '/api/v1/ratings', { code: d.code, phone_last4: digits, level: 'satisfied' });
  problem(null, await rate(0, '1111'), 404);
  problem(null, await rate(1, '2222'), 404);
  assert.equal((await from(addr(2), 'GET', `/api/v1/lookup?code=${d.code}&phone_last4=5678`)).status, 200);
  for (let i = 3; i < 6; i++) problem(null, await from(addr(i), 'GET', `/api/v1/lookup?code=${d.code}&phone_last4=${3000 + i}`), 404);
  problem(null, await from(addr(6), 'GET', `/api/v1/lookup?code=${d.code}&phone_last4=5678`), 429);
  // a code that names no dossier is cut off the same way: a 429 never tells that a dossier exists
  const ghost = d.code.replace(/\d{4}$/, '9876');
  for (let i = 0; i < 5; i++) problem(null, await from(addr(i), 'GET', `/api/v1/lookup?code=${ghost}&phone_last4=5678`), 404);
  problem(null, await from(addr(5), 'GET', `/api/v1/lookup?code=${ghost}&phone_last4=5678`), 429);
});
