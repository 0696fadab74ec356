// Online submission as one all-or-nothing operation (files staged and checked first, required
// components), and the applicant's supplement sent online from the public lookup.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, as, problem, sql, A, PROC, dossierBody, stage, SAMPLE_PDF } from './helpers.mjs';

let server, admin, desk, citizen, anon;
before(async () => {
  server = await startServer({ args: ['--lookup-rate', '1000'] });
  admin = await as(server, 'admin');
  desk = await as(server, 'receiver1');
  citizen = await as(server, 'citizen');
  anon = new Client(server);
  const r = await admin.patch(`/api/v1/agencies/${A.commune1}`, { email: 'motcua.dongha@example.vn' });
  assert.equal(r.status, 200, r.text);
});
after(async () => { await server.stop(); });
afterEach(() => server.verifyStats());

// Everything a refused submission must leave as it was.
const state = () => sql(server.db, `SELECT (SELECT count(*) FROM dossiers) || '/' || (SELECT count(*) FROM files) || '/' ||
  (SELECT count(*) FROM dossier_events) || '/' || (SELECT coalesce(group_concat(agency || ':' || day || ':' || last), '') FROM code_counters) || '/' ||
  (SELECT coalesce(sum(recv_counter + recv_online + recv_post), 0) FROM stats)`);
const online = (extra = {}) => dossierBody({ channel: 'online', summary: 'Đăng ký khai sinh trực tuyến', ...extra });
const FAKE = Buffer.from('MZ\x90\x00 this is a program, named as a PDF');

test('the procedure says per component whether it is uploaded, optional or brought to the counter', async () => {
  const p = (await anon.get(`/api/v1/procedures/${PROC.birth}`)).json;
  assert.deepEqual(p.components.map((c) => [c.position, c.requirement, c.required]),
    [[1, 'required', true], [2, 'counter', true], [3, 'optional', false]]);
  const bad = await admin.post('/api/v1/procedures', { code: '9.100001', name: 'Thủ tục thử yêu cầu', field: 'Thử', level: 'commune', agency: A.province,
    duration_days: 1, duration_kind: 'working', components: [{ name: 'Đơn', requirement: 'sometimes' }] });
  problem(null, bad, 422, 'components[0].requirement');
});

test('a fake PDF is refused when staged, naming the file, and nothing is created', async () => {
  const before = state();
  const r = await stage(citizen, { data: FAKE, name: 'to-khai.pdf' });
  problem(null, r, 415, 'file');
  assert.equal(state(), before);
  assert.equal(sql(server.db, 'SELECT count(*) FROM staged_uploads'), '0');
});

test('an online submission without its required file is refused per component and creates nothing', async () => {
  const before = state();
  const r = await citizen.post('/api/v1/dossiers', online());
  problem(null, r, 422, 'component.1');
  // the paper brought to the counter and the optional copy are not asked for
  assert.ok(!r.json.errors.some((e) => e.field === 'component.2' || e.field === 'component.3'), r.text);
  assert.equal(r.json.errors.find((e) => e.field === 'component.1').code, 'required');
  // an upload staged by someone else is not the citizen's to attach
  const other = await stage(await as(server, 'receiver1'));
  assert.equal(other.status, 201, other.text);
  problem(null, await citizen.post('/api/v1/dossiers', online({ files: [{ component: 1, upload: other.json.id }] })), 422, 'component.1');
  problem(null, await citizen.post('/api/v1/dossiers', online({ files: [{ component: 9, upload: other.json.id }] })), 422, 'files[0].component');
  assert.equal(state(), before);
});

test('fixed and sent again, the submission creates exactly one dossier with its file', async () => {
  const before = Number(sql(server.db, 'SELECT count(*) FROM dossiers'));
  const s = await stage(citizen, { data: SAMPLE_PDF, name: 'tờ khai khai sinh.pdf' });
  assert.equal(s.status, 201, s.text);
  assert.deepEqual([s.json.name, s.json.content_type, s.json.size], ['tờ khai khai sinh.pdf', 'application/pdf', SAMPLE_PDF.length]);
  const r = await citizen.post('/api/v1/dossiers', online({ files: [{ component: 1, upload: s.json.id }] }));
  assert.equal(r.status, 201, r.text);
  assert.equal(Number(sql(server.db, 'SELECT count(*) FROM dossiers')), before + 1);
  const d = (await citizen.get(`/api/v1/dossiers/${r.json.code}`)).json;
  assert.deepEqual(d.files.map((f) => [f.kind, f.component, f.name, f.supplement]), [['component', 1, 'tờ khai khai sinh.pdf', false]]);
  assert.equal(d.components[0].digitized, true);
  assert.equal(sql(server.db, `SELECT count(*) FROM staged_uploads WHERE id = ${s.json.id}`), '0');
  // the same upload cannot be sent twice: a second press of the button creates nothing
  problem(null, await citizen.post('/api/v1/dossiers', online({ files: [{ component: 1, upload: s.json.id }] })), 422, 'component.1');
  assert.equal(Number(sql(server.db, 'SELECT count(*) FROM dossiers')), before + 1);
});

test('a dossier received at the counter is not refused for missing uploads', async () => {
  const r = await desk.post('/api/v1/dossiers', dossierBody());
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.status, 'received');
});

async function waitingForSupplement() {
  const d = (await desk.post('/api/v1/dossiers', dossierBody())).json;
  const r = await desk.post(`/api/v1/dossiers/${d.code}/request-supplement`,
    { items: ['Bản sao giấy chứng nhận kết hôn của cha mẹ', 'Giấy chứng sinh bản chính'], reason: 'Thiếu giấy tờ chứng minh quan hệ' });
  assert.equal(r.status, 200, r.text);
  return d.code;
}

test('the lookup lists what is missing while a supplement is asked', async () => {
  const code = await waitingForSupplement();
  const l = (await anon.get(`/api/v1/lookup?code=${code}&phone_last4=5678`)).json;
  assert.equal(l.status, 'supplement');
  assert.deepEqual(l.supplement.items, ['Bản sao giấy chứng nhận kết hôn của cha mẹ', 'Giấy chứng sinh bản chính']);
  assert.equal(l.supplement.reason, 'Thiếu giấy tờ chứng minh quan hệ');
  assert.deepEqual(l.supplement.sent, []);
  const other = (await anon.get(`/api/v1/lookup?code=${(await desk.post('/api/v1/dossiers', dossierBody())).json.code}&phone_last4=5678`)).json;
  assert.equal(other.supplement, null);
});

test('the supplement is sent online with the phone digits, recorded, and waits for the desk', async () => {
  const code = await waitingForSupplement();
  const fields = (digits) => ({ code, phone_last4: digits });
  // wrong digits: the same 404 as the lookup, nothing staged
  problem(null, await stage(anon, { path: '/api/v1/lookup/uploads', fields: fields('0000') }), 404);
  problem(null, await stage(anon, { path: '/api/v1/lookup/uploads', fields: fields('5678'), data: FAKE }), 415, 'file');
  const s = await stage(anon, { path: '/api/v1/lookup/uploads', fields: fields('5678'), name: 'giấy kết hôn.pdf' });
  assert.equal(s.status, 201, s.text);
  const outbox = Number(sql(server.db, 'SELECT count(*) FROM outbox'));
  const portal = () => Number(sql(server.db, `SELECT count(*) FROM portal_queue q JOIN dossiers d ON d.id = q.dossier_id WHERE d.code = '${code}'`));
  const queued = portal();
  problem(null, await anon.post('/api/v1/lookup/supplement', { code, phone_last4: '0000', uploads: [s.json.id] }), 404);
  problem(null, await anon.post('/api/v1/lookup/supplement', { code, phone_last4: '5678', uploads: [] }), 422, 'uploads');
  const r = await anon.post('/api/v1/lookup/supplement', { code, phone_last4: '5678', uploads: [s.json.id], note: 'Bản chính giấy chứng sinh tôi mang đến khi nhận kết quả' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.status, 'supplement'); // the desk checks it before the clock runs again
  assert.ok(portal() > queued, "the control sheet's new row goes to the national portal too");
  // the officer sees the file and the control-sheet row
  const d = (await desk.get(`/api/v1/dossiers/${code}`)).json;
  assert.deepEqual(d.files.map((f) => [f.name, f.supplement]), [['giấy kết hôn.pdf', true]]);
  const h = (await desk.get(`/api/v1/dossiers/${code}/history`)).json.rows;
  const row = h.find((x) => x.action === 'supplement-sent');
  assert.ok(row, JSON.stringify(h));
  assert.match(row.note, /Bản chính giấy chứng sinh/);
  // the receiving unit is told
  assert.equal(Number(sql(server.db, 'SELECT count(*) FROM outbox')), outbox + 1);
  assert.equal(sql(server.db, 'SELECT recipient FROM outbox ORDER BY id DESC LIMIT 1'), 'motcua.dongha@example.vn');
  // the lookup shows it was sent; the same upload is not sent twice
  const l = (await anon.get(`/api/v1/lookup?code=${code}&phone_last4=5678`)).json;
  assert.equal(l.supplement.sent.length, 1);
  problem(null, await anon.post('/api/v1/lookup/supplement', { code, phone_last4: '5678', uploads: [s.json.id] }), 422, 'uploads[0]');
  // the desk records the supplement: the wait ends, and nothing more is staged for it
  assert.equal((await desk.post(`/api/v1/dossiers/${code}/supplement`, {})).status, 200);
  problem(null, await stage(anon, { path: '/api/v1/lookup/uploads', fields: fields('5678') }), 409);
  assert.equal((await anon.get(`/api/v1/lookup?code=${code}&phone_last4=5678`)).json.supplement, null);
});

test("the account that submitted a dossier sends its supplement without the phone digits", async () => {
  const s = await stage(citizen);
  const d = (await citizen.post('/api/v1/dossiers', online({ files: [{ component: 1, upload: s.json.id }] }))).json;
  assert.equal((await desk.post(`/api/v1/dossiers/${d.code}/request-supplement`, { items: ['Tờ khai ký rõ họ tên'], reason: 'Tờ khai chưa ký' })).status, 200);
  const up = await stage(citizen, { path: '/api/v1/lookup/uploads', fields: { code: d.code } });
  assert.equal(up.status, 201, up.text);
  // someone else's account is not enough
  problem(null, await stage(desk, { path: '/api/v1/lookup/uploads', fields: { code: d.code } }), 404);
  const r = await citizen.post('/api/v1/lookup/supplement', { code: d.code, uploads: [up.json.id], note: 'Đã ký' });
  assert.equal(r.status, 201, r.text);
});
