// Personal data per role per output: the dossier and list JSON, the register as XLSX and PDF, and
// the printed forms show an applicant's numbers and address in full only to those who may see
// them; the steering committee and auditors get the same masked values everywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, as, A, PROC, dossierBody, applicant, onlineBody } from './helpers.mjs';

// what each dossier carries; compared without white space, as PDF cells wrap
const PEOPLE = {
  own: {
    applicant: applicant({ name: 'Phạm Thị Mai', id_number: '001190054321', phone: '0987 654 321', email: 'mai.pham@example.vn', address: 'Số 77 phố Hàng Bạc' }),
    delegate: { name: 'Phạm Văn Tùng', id_number: '001085099887', phone: '0901 222 333' },
    masked: '******4321',
  },
  centre: {
    applicant: applicant({ name: 'Hoàng Văn Nam', id_number: '001188011223', phone: '0977 111 888', email: 'nam.hoang@example.vn', address: 'Thôn Phú Xuân, xã Vĩnh Lộc' }),
    masked: '******1888',
  },
};
const squeeze = (s) => s.replace(/\s+/g, '');
const secrets = (p) => [p.applicant.phone, p.applicant.address, p.applicant.id_number, p.applicant.email, ...(p.delegate ? [p.delegate.phone, p.delegate.id_number] : [])];

let server, codes;
const clients = {};
before(async () => {
  server = await startServer();
  for (const u of ['receiver1', 'processor1', 'leader1', 'admin', 'steering', 'auditor', 'unitadmin', 'citizen', 'citizen2', 'centre', 'jprocessor', 'receiver2'])
    clients[u] = await as(server, u);
  // filed online by the citizen, accepted at the commune's desk, handed over to processing
  const own = await clients.citizen.post('/api/v1/dossiers', await onlineBody(clients.citizen, { applicant: PEOPLE.own.applicant, delegate: PEOPLE.own.delegate }));
  assert.equal(own.status, 201, own.text);
  for (const action of ['accept', 'handover'])
    assert.equal((await clients.receiver1.post(`/api/v1/dossiers/${own.json.code}/${action}`, {})).status, 200, action);
  // received at the centre, processed at the justice department
  const centre = await clients.centre.post('/api/v1/dossiers', dossierBody({ procedure: PROC.record, agency: A.centre, applicant: PEOPLE.centre.applicant }));
  assert.equal(centre.status, 201, centre.text);
  assert.equal((await clients.centre.post(`/api/v1/dossiers/${centre.json.code}/handover`, {})).status, 200);
  codes = { own: own.json.code, centre: centre.json.code };
  // a template an administrator extended with every personal field: what a form may show is the
  // data the caller may see, whatever the template asks for
  const tpl = (await clients.admin.get('/api/v1/form-templates/tt01-2018/05')).json;
  tpl.blocks.splice(3, 0, { type: 'text', text: 'CCCD: {applicant.id_number}; địa chỉ: {applicant.address}; điện thoại: {applicant.phone}; thư: {applicant.email}' });
  assert.equal((await clients.admin.put('/api/v1/form-templates/tt01-2018/05', tpl)).status, 200);
});
after(async () => { await server.stop(); });

async function fetchRaw(user, path) {
  const r = await fetch(server.base + path, { headers: { Cookie: clients[user].cookie } });
  return { status: r.status, buf: Buffer.from(await r.arrayBuffer()) };
}
let n = 0;
const tmp = (ext) => join(server.dir, `m${++n}.${ext}`);
const pdfText = (buf) => { const f = tmp('pdf'); writeFileSync(f, buf); return execFileSync('pdftotext', ['-raw', f, '-'], { encoding: 'utf8' }); };
const xlsxText = (buf) => {
  const f = tmp('xlsx');
  writeFileSync(f, buf);
  const part = (p) => execFileSync('unzip', ['-p', f, p], { encoding: 'utf8' });
  return part('xl/sharedStrings.xml') + part('xl/worksheets/sheet1.xml');
};

// Each output: its path for a dossier (and the unit whose register holds it) and how its text is read.
const today = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
const OUTPUTS = {
  'dossier JSON': { path: (code) => `/api/v1/dossiers/${code}`, read: (b) => b.toString() },
  'list JSON': { path: () => '/api/v1/dossiers?limit=200', read: (b) => b.toString() },
  'register.xlsx': { path: (code, unit) => `/api/v1/agencies/${unit}/register.xlsx?from=${today()}&to=${today()}`, read: xlsxText },
  'register.pdf': { path: (code, unit) => `/api/v1/agencies/${unit}/register.pdf?from=${today()}&to=${today()}`, read: pdfText },
  'forms/01.pdf': { path: (code) => `/api/v1/dossiers/${code}/forms/01.pdf`, read: pdfText },
  'forms/05.pdf': { path: (code) => `/api/v1/dossiers/${code}/forms/05.pdf`, read: pdfText },
};

// full: numbers and address whole; masked: the phone as ********dddd at most, no address, no
// e-mail; a number: the route answers that status.
const FULL = 'full', MASKED = 'masked';
const every = (want, over = {}) => Object.fromEntries(Object.keys(OUTPUTS).map((o) => [o, over[o] ?? want]));
const CASES = [
  // the dossier filed by the citizen, received at the commune
  { user: 'receiver1', dossier: 'own', unit: A.commune1, want: every(FULL) },
  { user: 'processor1', dossier: 'own', unit: A.commune1, want: every(FULL) },
  { user: 'leader1', dossier: 'own', unit: A.commune1, want: every(FULL) },
  { user: 'admin', dossier: 'own', unit: A.commune1, want: every(FULL) },
  { user: 'steering', dossier: 'own', unit: A.commune1, want: every(MASKED) },
  { user: 'auditor', dossier: 'own', unit: A.commune1, want: every(MASKED) },
  { user: 'citizen', dossier: 'own', unit: A.commune1, want: every(FULL, { 'register.xlsx': 403, 'register.pdf': 403 }) },
  { user: 'unitadmin', dossier: 'own', unit: A.commune1, want: every(403) },
  { user: 'citizen2', dossier: 'own', unit: A.commune1, want: every(404, { 'list JSON': 'absent', 'register.xlsx': 403, 'register.pdf': 403 }) },
  { user: 'receiver2', dossier: 'own', unit: A.commune1, want: every(404, { 'list JSON': 'absent', 'register.xlsx': 403, 'register.pdf': 403 }) },
  // the dossier received at the centre and worked on at the justice department
  { user: 'centre', dossier: 'centre', unit: A.centre, want: every(FULL) },
  { user: 'jprocessor', dossier: 'centre', unit: A.justice, want: every(FULL, { 'register.xlsx': 'absent', 'register.pdf': 'absent' }) },
  { user: 'steering', dossier: 'centre', unit: A.centre, want: every(MASKED) },
  { user: 'auditor', dossier: 'centre', unit: A.centre, want: every(MASKED) },
];

for (const c of CASES)
  for (const [output, how] of Object.entries(OUTPUTS)) {
    const want = c.want[output];
    test(`${c.user} / ${output} of the ${c.dossier} dossier: ${want}`, async () => {
      const code = codes[c.dossier], p = PEOPLE[c.dossier];
      const r = await fetchRaw(c.user, how.path(code, c.unit));
      if (typeof want === 'number') {
        assert.equal(r.status, want, r.buf.toString().slice(0, 300));
        return;
      }
      assert.equal(r.status, 200, r.buf.toString().slice(0, 300));
      const text = squeeze(how.read(r.buf));
      if (want === 'absent') {
        assert.ok(!text.includes(code), `${output} lists ${code}`);
        for (const s of secrets(p)) assert.ok(!text.includes(squeeze(s)), `${output} shows "${s}"`);
        return;
      }
      assert.ok(text.includes(code), `${output} lacks the dossier ${code}`);
      if (want === FULL) {
        for (const s of [p.applicant.phone, p.applicant.address])
          assert.ok(text.includes(squeeze(s)), `${c.user} should see "${s}" in ${output}`);
        return;
      }
      for (const s of secrets(p)) assert.ok(!text.includes(squeeze(s)), `${c.user} sees "${s}" in ${output}`);
      assert.ok(text.includes(p.masked), `${output} lacks the masked phone ${p.masked}`);
    });
  }

test('attachments: a scan holds personal data, so those who see it masked cannot download it', async () => {
  const form = new FormData();
  form.append('kind', 'component');
  form.append('component', '1');
  form.append('file', new Blob([Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n')], { type: 'application/pdf' }), 'cccd.pdf');
  const up = await fetch(`${server.base}/api/v1/dossiers/${codes.own}/files`, { method: 'POST', body: form, headers: { Cookie: clients.receiver1.cookie, 'X-CSRF-Token': clients.receiver1.csrf } });
  const upText = await up.text();
  assert.equal(up.status, 201, upText);
  const id = JSON.parse(upText).id;
  for (const user of ['receiver1', 'processor1', 'leader1', 'admin', 'citizen'])
    assert.equal((await fetchRaw(user, `/api/v1/files/${id}`)).status, 200, user);
  for (const user of ['steering', 'auditor']) {
    const r = await clients[user].get(`/api/v1/files/${id}`);
    assert.equal(r.status, 403, `${user}: ${r.status}`);
    assert.match(r.json.detail, /personal data/);
  }
});
