// Form templates an administrator edits: checked against bounded rules and laid out on a test
// page before they are stored; a document that cannot be drawn fails alone, never the next ones.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, as, problem, sql, A, dossierBody } from './helpers.mjs';

let server, desk, admin;
before(async () => {
  server = await startServer();
  desk = await as(server, 'receiver1');
  admin = await as(server, 'admin');
});
after(async () => { await server.stop(); });

const URL01 = '/api/v1/form-templates/tt01-2018/01';
const stored = async (url = URL01) => (await admin.get(url)).text;

// A PUT of a changed copy of form 01 must be 422 naming `field`, and leave the template as it was.
async function refused(change, field, url = URL01) {
  const before01 = await stored();
  const tpl = JSON.parse(before01);
  change(tpl);
  const r = await admin.put(url, tpl);
  problem(null, r, 422, field);
  const named = r.json.errors.find((e) => e.field === field);
  assert.ok(named.message.length > 3, `the reason is given: ${r.text}`);
  assert.equal(await stored(), before01, 'the stored template is unchanged');
  return r;
}

let n = 0;
async function pdfText(path) {
  const r = await fetch(server.base + path, { headers: { Cookie: desk.cookie } });
  const buf = Buffer.from(await r.arrayBuffer());
  assert.equal(r.status, 200, buf.toString().slice(0, 300));
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  const file = join(server.dir, `t${++n}.pdf`);
  writeFileSync(file, buf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

test('a font size of -5 is refused, naming font_size', async () => {
  await refused((t) => { t.font_size = -5; }, 'font_size');
});

test('a font size of 0 is refused, naming font_size', async () => {
  await refused((t) => { t.font_size = 0; }, 'font_size');
});

test('a font size of 1e300 is refused, naming font_size; so is a block size out of bounds', async () => {
  await refused((t) => { t.font_size = 1e300; }, 'font_size');
  await refused((t) => { t.blocks[1].size = 1e300; }, 'blocks[1].size');
});

test('an unknown block type is refused, naming the block', async () => {
  await refused((t) => { t.blocks.splice(3, 0, { type: 'image', src: 'x.png' }); }, 'blocks[3].type');
});

test('a table source that does not exist is refused, naming it', async () => {
  const r = await refused((t) => { t.blocks.find((b) => b.type === 'table').source = 'citizens'; }, 'blocks[8].source');
  assert.match(r.json.errors.find((e) => e.field === 'blocks[8].source').message, /components/);
});

test('500 tables are refused, naming blocks', async () => {
  await refused((t) => {
    const table = t.blocks.find((b) => b.type === 'table');
    t.blocks = Array.from({ length: 500 }, () => table);
  }, 'blocks');
});

test('form "99" is refused, naming form, and no such form appears', async () => {
  const list = (await admin.get('/api/v1/form-templates')).text;
  await refused(() => {}, 'form', '/api/v1/form-templates/tt01-2018/99');
  problem(null, await admin.get('/api/v1/form-templates/tt01-2018/99'), 404);
  assert.equal((await admin.get('/api/v1/form-templates')).text, list);
});

test('requires "any" is refused, naming requires, and form 01 still prints', async () => {
  await refused((t) => { t.requires = 'any'; }, 'requires');
  const d = (await desk.post('/api/v1/dossiers', dossierBody())).json;
  assert.ok((await pdfText(`/api/v1/dossiers/${d.code}/forms/01.pdf`)).includes(d.code));
});

test('a template whose test page cannot be laid out (broken markup) is refused', async () => {
  const r = await refused((t) => { t.blocks[2].text = 'tiếp nhận hồ sơ của: <b>{applicant.name}'; }, 'blocks');
  assert.equal(r.json.type.endsWith('unrenderable'), true, r.text);
  assert.match(r.json.errors[0].message, /blocks\[2\]/);
});

test('a good edit still works: bounded sizes, a known table, and the form follows', async () => {
  const tpl = JSON.parse(await stored());
  tpl.font_size = 11;
  tpl.blocks[1] = { type: 'title', text: 'GIẤY TIẾP NHẬN (BẢN SỬA)', size: 16 };
  tpl.blocks.push({ type: 'space', height: 12 }, { type: 'text', text: '<i>Ghi chú của bộ phận một cửa</i>', align: 'center' });
  const r = await admin.put(URL01, tpl);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(JSON.parse(await stored()), tpl);
  const d = (await desk.post('/api/v1/dossiers', dossierBody())).json;
  const text = await pdfText(`/api/v1/dossiers/${d.code}/forms/01.pdf`);
  for (const s of ['GIẤYTIẾPNHẬN(BẢNSỬA)', 'Ghichúcủabộphậnmộtcửa', d.code]) assert.ok(text.includes(s), s);
});

test('a stored template that cannot be drawn fails its own request only; later PDFs are whole', async () => {
  const d = (await desk.post('/api/v1/dossiers', dossierBody())).json;
  const day = d.received_at.slice(0, 10);
  const documents = [`/api/v1/dossiers/${d.code}/forms/01.pdf`, `/api/v1/dossiers/${d.code}/forms/05.pdf`,
    `/api/v1/agencies/${A.commune1}/register.pdf?from=${day}&to=${day}`];
  const whole = async () => {
    for (let i = 0; i < 8; i++) {
      const [receipt, control, register] = await Promise.all(documents.map(pdfText));
      assert.ok(receipt.includes('GIẤYTIẾPNHẬN') && receipt.includes(d.code), `form 01 is whole: ${receipt.slice(0, 80)}`);
      assert.ok(control.includes('PHIẾUKIỂMSOÁT'), `form 05 is whole: ${control.slice(0, 80)}`);
      assert.ok(register.includes('SỔTHEODÕIHỒSƠ') && register.includes(d.code), `the register is whole: ${register.slice(0, 80)}`);
    }
  };
  await whole(); // every server thread has laid the fonts out once
  // a template stored before templates were checked, as an older version allowed
  const good = sql(server.db, "SELECT template FROM form_templates WHERE form_set = 'tt01-2018' AND form = '03'");
  const bad = JSON.parse(good);
  bad.font_size = 1e300;
  sql(server.db, `UPDATE form_templates SET template = '${JSON.stringify(bad).replace(/'/g, "''")}' WHERE form_set = 'tt01-2018' AND form = '03'`);
  const refusedDossier = (await desk.post('/api/v1/dossiers', dossierBody())).json;
  await desk.post(`/api/v1/dossiers/${refusedDossier.code}/refuse`, { reason: 'Không thuộc thẩm quyền' });
  const failed = await Promise.all(Array.from({ length: 6 }, () => desk.get(`/api/v1/dossiers/${refusedDossier.code}/forms/03.pdf`)));
  sql(server.db, `UPDATE form_templates SET template = '${good.replace(/'/g, "''")}' WHERE form_set = 'tt01-2018' AND form = '03'`);
  await whole();
  // the failed requests said so (they answered 200 with a blank page)
  for (const r of failed) {
    problem(null, r, 500);
    assert.match(r.json.detail, /font size/);
  }
  assert.ok((await pdfText(`/api/v1/dossiers/${refusedDossier.code}/forms/03.pdf`)).includes('Khôngthuộcthẩmquyền'));
});
