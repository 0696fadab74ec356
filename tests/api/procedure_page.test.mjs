// What a procedure's public page states besides components and fees: its conditions, the
// receiving units' opening hours and the form templates citizens download to fill in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, as, problem, A, PROC } from './helpers.mjs';

let server, admin, anon, receiver;
before(async () => {
  server = await startServer();
  admin = await as(server, 'admin');
  receiver = await as(server, 'receiver1');
  anon = new Client(server);
});
after(async () => { await server.stop(); });

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

async function upload(who, id, fields, bytes = PDF, name = 'to khai.pdf') {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (bytes) form.append('file', new Blob([bytes]), name);
  const headers = who ? { Cookie: who.cookie, 'X-CSRF-Token': who.csrf } : {};
  const r = await fetch(`${server.base}/api/v1/procedures/${id}/forms`, { method: 'POST', body: form, headers });
  const text = await r.text();
  return { status: r.status, text, json: text ? JSON.parse(text) : null, headers: r.headers };
}

test("a procedure's conditions are stored, shown and checked", async () => {
  const conditions = 'Người yêu cầu đăng ký khai sinh là cha, mẹ, ông, bà hoặc người thân thích khác.\nTrẻ em sinh ra tại Việt Nam.';
  const p = (await anon.get(`/api/v1/procedures/${PROC.birth}`)).json;
  assert.equal(p.conditions, null);
  const r = await admin.patch(`/api/v1/procedures/${PROC.birth}`, { conditions, version: p.version });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.conditions, conditions);
  assert.equal((await anon.get(`/api/v1/procedures/${PROC.birth}`)).json.conditions, conditions);
  // too long, or not text: refused at the field, nothing changed
  problem(null, await admin.patch(`/api/v1/procedures/${PROC.birth}`, { conditions: 'x'.repeat(5001) }), 422, 'conditions');
  problem(null, await admin.patch(`/api/v1/procedures/${PROC.birth}`, { conditions: 12 }), 422, 'conditions');
  const after = (await anon.get(`/api/v1/procedures/${PROC.birth}`)).json;
  assert.equal(after.conditions, conditions);
  assert.equal(after.version, p.version + 1);
  // a new procedure may state them at once; null clears them
  const c = await admin.post('/api/v1/procedures', { code: '1.009001', name: 'Đăng ký thường trú', field: 'Cư trú', level: 'commune',
    agency: A.province, duration_days: 7, duration_kind: 'working', conditions: 'Có chỗ ở hợp pháp.' });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json.conditions, 'Có chỗ ở hợp pháp.');
  const cleared = await admin.patch(`/api/v1/procedures/${c.json.id}`, { conditions: null });
  assert.equal(cleared.json.conditions, null);
});

test("an agency's opening hours for the public are stored, shown and checked", async () => {
  const hours = 'Sáng 7h30–11h30, chiều 13h30–17h00, thứ Hai đến thứ Sáu; sáng thứ Bảy';
  const ag = (await anon.get(`/api/v1/agencies/${A.commune1}`)).json;
  assert.equal(ag.opening_hours, null);
  const r = await admin.patch(`/api/v1/agencies/${A.commune1}`, { opening_hours: hours, address: 'Số 1 Trần Phú, phường Đông Hà', version: ag.version });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.opening_hours, hours);
  const read = (await anon.get(`/api/v1/agencies/${A.commune1}`)).json;
  assert.equal(read.opening_hours, hours);
  assert.equal(read.address, 'Số 1 Trần Phú, phường Đông Hà');
  // in the tree and the flat list too
  const flat = (await anon.get('/api/v1/agencies?flat=1')).json.items;
  assert.equal(flat.find((a) => a.id === A.commune1).opening_hours, hours);
  // refused at the field: too long, a number, control characters
  problem(null, await admin.patch(`/api/v1/agencies/${A.commune1}`, { opening_hours: 'x'.repeat(501) }), 422, 'opening_hours');
  problem(null, await admin.patch(`/api/v1/agencies/${A.commune1}`, { opening_hours: 8 }), 422, 'opening_hours');
  problem(null, await admin.patch(`/api/v1/agencies/${A.commune1}`, { opening_hours: 'a\u0007b' }), 422, 'opening_hours');
  assert.equal((await anon.get(`/api/v1/agencies/${A.commune1}`)).json.opening_hours, hours);
  // given when the agency is created
  const c = await admin.post('/api/v1/agencies', { id: '000.00.61.H43', name: 'Xã Mới', parent: A.province, level: 'commune', opening_hours: 'Sáng thứ Bảy' });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json.opening_hours, 'Sáng thứ Bảy');
});

test("a procedure's form templates: added by the administrator, downloaded by anyone, removed", async () => {
  const f = await upload(admin, PROC.birth, { title: 'Tờ khai đăng ký khai sinh (Mẫu TP/HT-2020-KS.1)' }, PDF, 'to-khai-khai-sinh.pdf');
  assert.equal(f.status, 201, f.text);
  assert.equal(f.json.title, 'Tờ khai đăng ký khai sinh (Mẫu TP/HT-2020-KS.1)');
  assert.equal(f.json.content_type, 'application/pdf');
  assert.equal(f.json.url, `/api/v1/procedures/${PROC.birth}/forms/${f.json.id}`);
  // listed with the procedure, for anyone
  const p = (await anon.get(`/api/v1/procedures/${PROC.birth}`)).json;
  assert.deepEqual(p.forms.map((x) => [x.id, x.title, x.name]), [[f.json.id, f.json.title, 'to-khai-khai-sinh.pdf']]);
  const d = await anon.get(f.json.url);
  assert.equal(d.status, 200);
  assert.equal(d.headers.get('content-type'), 'application/pdf');
  assert.equal(d.text, PDF.toString());
  assert.match(d.headers.get('content-disposition'), /to-khai-khai-sinh\.pdf/);
  // another procedure's address does not reach it
  problem(null, await anon.get(`/api/v1/procedures/${PROC.record}/forms/${f.json.id}`), 404);
  // refused: no title, no file, not a PDF or picture, not an administrator, no such procedure
  problem(null, await upload(admin, PROC.birth, {}), 422, 'title');
  problem(null, await upload(admin, PROC.birth, { title: '  ' }), 422, 'title');
  problem(null, await upload(admin, PROC.birth, { title: 'x'.repeat(301) }), 422, 'title');
  problem(null, await upload(admin, PROC.birth, { title: 'Tờ khai' }, null), 422, 'file');
  assert.equal((await upload(admin, PROC.birth, { title: 'Tờ khai' }, Buffer.from('<html></html>'), 'a.html')).status, 415);
  assert.equal((await upload(receiver, PROC.birth, { title: 'Tờ khai' })).status, 403);
  assert.equal((await upload(null, PROC.birth, { title: 'Tờ khai' })).status, 401);
  problem(null, await upload(admin, 999999, { title: 'Tờ khai' }), 404);
  assert.equal((await anon.get(`/api/v1/procedures/${PROC.birth}`)).json.forms.length, 1);
  // removed by the administrator only
  assert.equal((await receiver.del(f.json.url)).status, 403);
  assert.equal((await admin.del(f.json.url)).status, 204);
  problem(null, await admin.del(f.json.url), 404);
  problem(null, await anon.get(f.json.url), 404);
  assert.deepEqual((await anon.get(`/api/v1/procedures/${PROC.birth}`)).json.forms, []);
});
