// The public dossier lookup: code plus the last four digits of the phone.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, as, problem, dossierBody } from './helpers.mjs';

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
