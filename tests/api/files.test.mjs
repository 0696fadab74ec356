// Uploads of components and results: content checks, limits, storage by SHA-256, downloads.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { startServer, Client, as, problem, sql, today, A, PROC, dossierBody, onlineBody } from './helpers.mjs';

const LIMIT = 64 * 1024;
let server, desk, citizen, files;
before(async () => {
  server = await startServer({ args: ['--upload-limit', String(LIMIT), '--dossier-files-limit', String(3 * LIMIT)] });
  desk = await as(server, 'receiver1');
  citizen = await as(server, 'citizen');
  files = join(server.dir, 'files');
});
after(async () => { await server.stop(); });
afterEach(() => server.verifyStats());

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 7)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 3)]);

async function upload(c, code, { kind = 'component', component = '1', data = PDF, name = 'tờ khai.pdf', type = 'application/pdf' } = {}) {
  const form = new FormData();
  if (kind !== null) form.append('kind', kind);
  if (component !== null) form.append('component', component);
  if (data !== null) form.append('file', new Blob([data], { type }), name);
  const r = await fetch(server.base + `/api/v1/dossiers/${code}/files`, { method: 'POST', body: form, headers: { Cookie: c.cookie, 'X-CSRF-Token': c.csrf } });
  const text = await r.text();
  return { status: r.status, headers: r.headers, text, json: text ? JSON.parse(text) : null };
}
const stored = () => readdirSync(files).filter((d) => d !== 'tmp').flatMap((d) => readdirSync(join(files, d)));
const tmpFiles = () => readdirSync(join(files, 'tmp'));
const counter = async () => (await desk.post('/api/v1/dossiers', dossierBody())).json.code;

test('a scanned component is stored by SHA-256, marks it digitised, and downloads as an attachment', async () => {
  const code = await counter();
  const r = await upload(desk, code, { component: '2' });
  assert.equal(r.status, 201, r.text);
  const sha = createHash('sha256').update(PDF).digest('hex');
  assert.equal(r.json.sha256, sha);
  assert.equal(r.json.content_type, 'application/pdf');
  assert.equal(r.json.size, PDF.length);
  assert.deepEqual(readFileSync(join(files, sha.slice(0, 2), sha)), PDF);
  const d = await desk.get(`/api/v1/dossiers/${code}`);
  assert.deepEqual(d.json.components.map((c) => c.digitized), [false, true, false]);
  assert.equal(d.json.files.length, 1);
  const dl = await fetch(server.base + r.json.url, { headers: { Cookie: desk.cookie } });
  assert.equal(dl.status, 200);
  assert.equal(dl.headers.get('content-type'), 'application/pdf');
  assert.match(dl.headers.get('content-disposition'), /^attachment; filename="to khai.pdf"; filename\*=UTF-8''t%E1%BB%9D%20khai\.pdf$/);
  assert.deepEqual(Buffer.from(await dl.arrayBuffer()), PDF);
  // others cannot download it
  problem(null, await (await as(server, 'receiver2')).get(r.json.url), 404);
  problem(null, await new Client(server).get(r.json.url), 401);
});

test('JPEG and PNG are accepted; anything else is refused by its content, whatever its name', async () => {
  const code = await counter();
  assert.equal((await upload(desk, code, { data: JPEG, name: 'scan.jpg', type: 'image/jpeg' })).json.content_type, 'image/jpeg');
  assert.equal((await upload(desk, code, { data: PNG, name: 'scan.png', type: 'image/png' })).json.content_type, 'image/png');
  const before = stored().length;
  for (const [data, name] of [[Buffer.from('<html>not a pdf</html>'), 'fake.pdf'], [Buffer.from('GIF89a....'), 'a.png'], [Buffer.from('MZ\x90'), 'a.jpg'], [Buffer.alloc(0), 'empty.pdf']]) {
    const r = await upload(desk, code, { data, name });
    problem(null, r, 415);
  }
  assert.equal(stored().length, before);
  assert.deepEqual(tmpFiles(), []);
});

test('bad uploads: no file, bad kind or component, not multipart, too large; nothing stored', async () => {
  const code = await counter();
  const rows = () => sql(server.db, 'SELECT count(*) FROM files');
  const before = rows();
  problem(null, await upload(desk, code, { data: null }), 422, 'file');
  problem(null, await upload(desk, code, { kind: 'photo' }), 422, 'kind');
  problem(null, await upload(desk, code, { component: '9' }), 422, 'component');
  problem(null, await upload(desk, code, { component: 'x' }), 422, 'component');
  problem(null, await desk.post(`/api/v1/dossiers/${code}/files`, { kind: 'component' }), 415);
  problem(null, await upload(desk, code, { data: Buffer.concat([PDF, Buffer.alloc(LIMIT)]) }), 413);
  // one file per request
  const form = new FormData();
  form.append('kind', 'component');
  form.append('component', '1');
  form.append('file', new Blob([PDF]), 'a.pdf');
  form.append('file2', new Blob([PDF]), 'b.pdf');
  const two = await fetch(server.base + `/api/v1/dossiers/${code}/files`, { method: 'POST', body: form, headers: { Cookie: desk.cookie, 'X-CSRF-Token': desk.csrf } });
  assert.equal(two.status, 400);
  assert.equal(rows(), before);
  assert.deepEqual(tmpFiles(), []);
});

test('the files of one dossier have a limit', async () => {
  const code = await counter();
  const big = (n) => Buffer.concat([PDF, Buffer.alloc(LIMIT - PDF.length - 10, n)]);
  for (let i = 1; i <= 3; i++) assert.equal((await upload(desk, code, { data: big(i) })).status, 201);
  problem(null, await upload(desk, code, { data: big(4) }), 413);
  assert.equal(sql(server.db, `SELECT count(*) FROM files f JOIN dossiers d ON d.id = f.dossier_id WHERE d.code = '${code}'`), '3');
});

test('the same content twice is stored once', async () => {
  const code = await counter();
  const data = Buffer.concat([PDF, Buffer.from('unique-content-123')]);
  const a = await upload(desk, code, { data });
  const b = await upload(desk, code, { data, component: '3' });
  assert.equal(a.json.sha256, b.json.sha256);
  assert.notEqual(a.json.id, b.json.id);
  assert.equal(stored().filter((f) => f === a.json.sha256).length, 1);
});

test('an upload cut off mid-way leaves nothing behind', async () => {
  const code = await counter();
  const rows = sql(server.db, 'SELECT count(*) FROM files');
  const boundary = 'xyzBOUNDARY';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncomponent\r\n--${boundary}\r\nContent-Disposition: form-data; name="component"\r\n\r\n1\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
  const total = head.length + 40000 + 100;
  await new Promise((resolve) => {
    const s = connect(server.port, '127.0.0.1', () => {
      s.write(`POST /api/v1/dossiers/${code}/files HTTP/1.1\r\nHost: x\r\nCookie: ${desk.cookie}\r\nX-CSRF-Token: ${desk.csrf}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${total}\r\n\r\n`);
      s.write(head);
      s.write(Buffer.concat([PDF, Buffer.alloc(20000, 1)]));
      setTimeout(() => { s.destroy(); resolve(); }, 200);
    });
  });
  for (let i = 0; i < 50 && tmpFiles().length; i++) await new Promise((ok) => setTimeout(ok, 20));
  assert.deepEqual(tmpFiles(), []);
  assert.equal(sql(server.db, 'SELECT count(*) FROM files'), rows);
  assert.equal((await desk.get('/healthz')).status, 200);
});

test('who may add which file: the applicant to their own new dossier, the unit its result', async () => {
  const online = (await citizen.post('/api/v1/dossiers', await onlineBody(citizen))).json.code;
  assert.equal((await upload(citizen, online)).status, 201);
  const other = await as(server, 'citizen2');
  problem(null, await upload(other, online), 404);
  problem(null, await upload(desk, online, { kind: 'result', component: null }), 409);
  // a result, once processing
  const centre = await as(server, 'centre');
  const rec = (await centre.post('/api/v1/dossiers', dossierBody({ procedure: PROC.record, agency: A.centre }))).json.code;
  await centre.post(`/api/v1/dossiers/${rec}/handover`, {});
  const jproc = await as(server, 'jprocessor');
  const r = await upload(jproc, rec, { kind: 'result', component: null, name: 'phieu-lltp.pdf' });
  assert.equal(r.status, 201, r.text);
  const d = await jproc.get(`/api/v1/dossiers/${rec}`);
  assert.equal(d.json.files[0].kind, 'result');
  assert.equal(sql(server.db, `SELECT result_electronic FROM dossiers WHERE code = '${rec}'`), '1');
  problem(null, await upload(await as(server, 'processor1'), rec, { kind: 'result', component: null }), 404);
  assert.ok(!existsSync(join(files, 'tmp', 'x')));
});

test('the lookup gives the electronic result to whoever knows the code and phone digits, once returned', async () => {
  const centre = await as(server, 'centre');
  const jproc = await as(server, 'jprocessor');
  const jlead = await as(server, 'jleader');
  const code = (await centre.post('/api/v1/dossiers', dossierBody({ procedure: PROC.record, agency: A.centre }))).json.code;
  await centre.post(`/api/v1/dossiers/${code}/handover`, {});
  assert.equal((await upload(jproc, code, { kind: 'result', component: null, name: 'phieu-lltp.pdf' })).status, 201);
  const anon = new Client(server);
  const q = `code=${code}&phone_last4=5678`;
  // not while it is being processed
  assert.equal((await anon.get(`/api/v1/lookup?${q}`)).json.result, null);
  problem(null, await anon.get(`/api/v1/lookup/result?${q}`), 404);
  assert.equal((await jproc.post(`/api/v1/dossiers/${code}/forward`, {})).status, 200);
  let r = await jlead.post(`/api/v1/dossiers/${code}/finish`, { result_number: '9/LLTP', result_date: today(), signer: 'Giám đốc Sở Tư pháp' });
  assert.equal(r.status, 200, r.text);
  r = await centre.post(`/api/v1/dossiers/${code}/return`, { method: 'online' });
  assert.equal(r.status, 200, r.text);
  const l = (await anon.get(`/api/v1/lookup?${q}`)).json;
  assert.deepEqual([l.result.name, l.result.content_type], ['phieu-lltp.pdf', 'application/pdf']);
  const got = await fetch(`${server.base}/api/v1/lookup/result?${q}`);
  assert.equal(got.status, 200);
  assert.deepEqual(Buffer.from(await got.arrayBuffer()), PDF);
  assert.match(got.headers.get('content-disposition'), /phieu-lltp\.pdf/);
  assert.equal(sql(server.db, `SELECT count(*) FROM audit_log WHERE action = 'dossier.result.download' AND object = 'dossier:${code}'`), '1');
  // wrong digits: the same 404 as a code that does not exist
  problem(null, await anon.get(`/api/v1/lookup/result?code=${code}&phone_last4=0000`), 404);
});

// A multipart body by hand, so that the file name may be any bytes.
async function uploadRaw(c, code, nameBytes, data = PDF) {
  const b = 'rawBOUNDARY42';
  const body = Buffer.concat([
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncomponent\r\n--${b}\r\nContent-Disposition: form-data; name="component"\r\n\r\n1\r\n--${b}\r\nContent-Disposition: form-data; name="file"; filename="`),
    nameBytes,
    Buffer.from(`"\r\nContent-Type: application/pdf\r\n\r\n`), data, Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  const r = await fetch(server.base + `/api/v1/dossiers/${code}/files`, { method: 'POST', body,
    headers: { Cookie: c.cookie, 'X-CSRF-Token': c.csrf, 'Content-Type': `multipart/form-data; boundary=${b}` } });
  const text = await r.text();
  return { status: r.status, text, json: text ? JSON.parse(text) : null };
}

test('file names are kept as safe display names and offered back safely', async () => {
  const code = await counter();
  const cases = [
    [Buffer.from([0x74, 0xff, 0x6f, 0xc3, 0x2e, 0x70, 0x64, 0x66]), 'to.pdf'], // invalid UTF-8
    [Buffer.from('evil.html'), 'evil.pdf'],
    [Buffer.from('../../etc/passwd.pdf'), 'passwd.pdf'],
    [Buffer.from('hoa-don\u202Efdp.exe'), 'hoa-donfdp.pdf'],
    [Buffer.from('tờ khai.pdf'.normalize('NFD')), 'tờ khai.pdf'],
    [Buffer.from(`${'a'.repeat(5000)}.pdf`), `${'a'.repeat(116)}.pdf`],
  ];
  for (const [bytes, want] of cases) {
    const r = await uploadRaw(desk, code, bytes);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.name, want);
    const dl = await desk.get(r.json.url);
    assert.equal(dl.status, 200);
    const cd = dl.headers.get('content-disposition');
    assert.match(cd, /^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9._%-]+$/, cd);
    assert.equal(decodeURIComponent(cd.split("UTF-8''")[1]), want);
    assert.ok(!/%E2%80%AE|\.\.|\//.test(cd), cd);
  }
  const listed = (await desk.get(`/api/v1/dossiers/${code}`)).json.files.map((f) => f.name);
  assert.deepEqual(listed.sort(), cases.map(([, w]) => w).sort());
});
