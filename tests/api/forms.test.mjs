// The official forms as PDF (read back with pdftotext, the QR code with zbarimg) and the register as XLSX.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, as, problem, motcua, backdate, intoApologyWindow, A, PROC, dossierBody, applicant, today } from './helpers.mjs';

let server, desk, centre, jproc, jlead, admin;
before(async () => {
  server = await startServer({ args: ['--public-url', 'https://motcua.example.vn'] });
  desk = await as(server, 'receiver1');
  centre = await as(server, 'centre');
  jproc = await as(server, 'jprocessor');
  jlead = await as(server, 'jleader');
  admin = await as(server, 'admin');
});
after(async () => { await server.stop(); });
afterEach(() => server.verifyStats());

let n = 0;
async function fetchFile(c, path) {
  const r = await fetch(server.base + path, { headers: { Cookie: c.cookie } });
  const buf = Buffer.from(await r.arrayBuffer());
  let json = null;
  try { json = JSON.parse(buf.toString()); } catch {}
  return { status: r.status, headers: r.headers, buf, json, text: buf.toString() };
}
async function pdf(c, path) {
  const r = await fetchFile(c, path);
  assert.equal(r.status, 200, r.text.slice(0, 300));
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.equal(r.buf.subarray(0, 5).toString(), '%PDF-');
  const file = join(server.dir, `f${++n}.pdf`);
  writeFileSync(file, r.buf);
  // table cells and columns wrap: compare without any white space
  const raw = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  return { file, raw, text: { includes: (s) => raw.replace(/\s+/g, '').includes(s.replace(/\s+/g, '')) } };
}
const vn = (iso) => {
  const d = new Date(new Date(iso).getTime() + 7 * 3600e3);
  const p = (x) => String(x).padStart(2, '0');
  return `${p(d.getUTCHours())} giờ ${p(d.getUTCMinutes())} phút, ngày ${p(d.getUTCDate())} tháng ${p(d.getUTCMonth() + 1)} năm ${d.getUTCFullYear()}`;
};

test('form 01, the receipt: the national header, every field, the components and a QR code of the lookup', async () => {
  const body = dossierBody({ applicant: applicant({ name: 'Trần Thị Ngọc Ánh', address: 'Số 12 đường Hàm Nghi' }), sets: 2, components: [1, 2] });
  const d = (await desk.post('/api/v1/dossiers', body)).json;
  const { file, text } = await pdf(desk, `/api/v1/dossiers/${d.code}/forms/01.pdf`);
  for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM', 'PHƯỜNG ĐÔNG HÀ',
    'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', d.code, 'Trần Thị Ngọc Ánh', '001190012345', 'Số 12 đường Hàm Nghi', '0912 345 678', 'hoa@example.vn',
    'Đăng ký khai sinh', 'Tờ khai đăng ký khai sinh', 'Giấy chứng sinh', 'Bản chính', 'Số lượng hồ sơ: 02 (bộ)', '1 ngày làm việc',
    vn(d.received_at), vn(d.due_at), 'NGƯỜI NỘP HỒ SƠ', 'NGƯỜI TIẾP NHẬN HỒ SƠ', 'receiver1', 'Thử Nghiệm, ngày'])
    assert.ok(text.includes(s), `form 01 lacks "${s}"`);
  // the QR code opens the public lookup of this dossier
  execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', file, join(server.dir, 'qr')]);
  const qr = execFileSync('zbarimg', ['--quiet', '--raw', join(server.dir, 'qr-1.png')], { encoding: 'utf8' }).trim();
  assert.equal(qr, `https://motcua.example.vn/?code=${d.code}`);
});

test('forms 02 and 03: the supplement request and the refusal, each only once it happened', async () => {
  const d = (await desk.post('/api/v1/dossiers', dossierBody())).json;
  problem(null, (await fetchFile(desk, `/api/v1/dossiers/${d.code}/forms/02.pdf`)), 409);
  problem(null, (await fetchFile(desk, `/api/v1/dossiers/${d.code}/forms/03.pdf`)), 409);
  await desk.post(`/api/v1/dossiers/${d.code}/request-supplement`, { items: ['Bản sao giấy chứng nhận kết hôn của cha mẹ', 'Văn bản ủy quyền'], reason: 'Thiếu giấy tờ chứng minh quan hệ' });
  let { text } = await pdf(desk, `/api/v1/dossiers/${d.code}/forms/02.pdf`);
  for (const s of ['PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', '1. Bản sao giấy chứng nhận kết hôn của cha mẹ', '2. Văn bản ủy quyền', 'Thiếu giấy tờ chứng minh quan hệ', 'NGƯỜI HƯỚNG DẪN', 'receiver1'])
    assert.ok(text.includes(s), `form 02 lacks "${s}"`);
  const refused = (await desk.post(`/api/v1/dossiers/${d.code}/refuse`, { reason: 'Người yêu cầu không cư trú tại phường' })).json;
  ({ text } = await pdf(desk, `/api/v1/dossiers/${d.code}/forms/03.pdf`));
  for (const s of ['PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', 'Người yêu cầu không cư trú tại phường', 'Nguyễn Thị Hoa'])
    assert.ok(text.includes(s), `form 03 lacks "${s}"`);
  // printed 400 days later, each is dated the day of its event, not the day it is printed (it was)
  const history = (await desk.get(`/api/v1/dossiers/${d.code}/history`)).json.rows;
  const dated = (iso) => {
    const t = new Date(new Date(iso).getTime() - 400 * 86400e3 + 7 * 3600e3);
    return `ngày ${String(t.getUTCDate()).padStart(2, '0')} tháng ${String(t.getUTCMonth() + 1).padStart(2, '0')} năm ${t.getUTCFullYear()}`;
  };
  backdate(server.db, d.code, 400 * 86400);
  ({ text } = await pdf(desk, `/api/v1/dossiers/${d.code}/forms/03.pdf`));
  assert.ok(text.includes(dated(refused.closed_at)), `form 03 is dated ${dated(refused.closed_at)}, the day of the refusal`);
  ({ text } = await pdf(desk, `/api/v1/dossiers/${d.code}/forms/02.pdf`));
  const asked = history.find((x) => x.action === 'request-supplement').at;
  assert.ok(text.includes(dated(asked)), `form 02 is dated ${dated(asked)}, the day of the request`);
  // the control sheet holds every event, the refusal and the supplement request too (it printed
  // "(không có)")
  ({ text } = await pdf(desk, `/api/v1/dossiers/${d.code}/forms/05.pdf`));
  for (const s of ['Tiếp nhận hồ sơ', 'Yêu cầu bổ sung hồ sơ', 'Thiếu giấy tờ chứng minh quan hệ', 'Từ chối tiếp nhận',
    'Người yêu cầu không cư trú tại phường', 'Người thực hiện: receiver1'])
    assert.ok(text.includes(s), `form 05 lacks "${s}"`);
});

test('forms 04 and 05: the apology and the control sheet with each handover and its mark', async () => {
  let d = (await centre.post('/api/v1/dossiers', dossierBody({ procedure: PROC.record, agency: A.centre }))).json;
  await centre.post(`/api/v1/dossiers/${d.code}/handover`, {});
  await jproc.post(`/api/v1/dossiers/${d.code}/forward`, {});
  problem(null, (await fetchFile(centre, `/api/v1/dossiers/${d.code}/forms/04.pdf`)), 409);
  // the apology is the head of the agency's, from three working days before the due time
  d = await intoApologyWindow(server.db, jlead, d.code);
  // ten days after the due time, at 14:00 or the next opening after it (a working day in office hours)
  const later = new Date(new Date(d.due_at).getTime() + 7 * 3600e3 + 10 * 86400e3).toISOString().slice(0, 10);
  const opening = motcua('calendar', 'due', '--from', `${later} 14:00`, '--days', '0').trim();
  const newDue = `${opening.slice(0, 10)}T${opening.slice(11)}:00+07:00`;
  const ap = await jlead.post(`/api/v1/dossiers/${d.code}/apologize`, { reason: 'Chờ kết quả xác minh của cơ quan công an', new_due_at: newDue });
  assert.equal(ap.status, 200, ap.text);
  let { text } = await pdf(centre, `/api/v1/dossiers/${d.code}/forms/04.pdf`);
  for (const s of ['PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', 'Kính gửi: Nguyễn Thị Hoa', 'Chờ kết quả xác minh của cơ quan công an', vn(d.due_at), vn(newDue), 'THỦ TRƯỞNG CƠ QUAN', 'jleader'])
    assert.ok(text.includes(s), `form 04 lacks "${s}"`);
  // the receipt printed again keeps the appointment the applicant was given (it showed the new one)
  ({ text } = await pdf(centre, `/api/v1/dossiers/${d.code}/forms/01.pdf`));
  assert.ok(text.includes(vn(d.due_at)), 'form 01 keeps the appointment of the receipt');
  assert.ok(!text.includes(vn(newDue)), 'form 01 does not show the apology\'s appointment');
  await jlead.post(`/api/v1/dossiers/${d.code}/finish`, { result_number: '77/LLTP', result_date: today(), signer: 'Giám đốc Sở Tư pháp' });
  ({ text } = await pdf(centre, `/api/v1/dossiers/${d.code}/forms/05.pdf`));
  for (const s of ['PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', 'TÊN CƠ QUAN', 'Giao: Trung tâm Phục vụ hành chính công', 'Nhận: Sở Tư pháp', 'Chuyển xử lý', 'Chuyển bước tiếp theo', 'Có kết quả giải quyết', 'Trước hạn', 'Người giao: centre', 'Người nhận: jprocessor'])
    assert.ok(text.includes(s), `form 05 lacks "${s}"`);
  // others cannot print it
  problem(null, await (await as(server, 'receiver2')).get(`/api/v1/dossiers/${d.code}/forms/05.pdf`), 404);
  problem(null, await centre.get(`/api/v1/dossiers/${d.code}/forms/99.pdf`), 404);
  problem(null, await centre.get(`/api/v1/dossiers/${d.code}/forms/01.docx`), 404);
});

test('the Circular 03/2025 set, chosen per agency: the apology asks for an extension, and a stop notice exists', async () => {
  problem(null, await admin.patch(`/api/v1/agencies/${A.commune2}`, { form_set: 'tt99' }), 422, 'form_set');
  const r = await admin.patch(`/api/v1/agencies/${A.commune2}`, { form_set: 'tt03-2025' });
  assert.equal(r.json.form_set, 'tt03-2025');
  const r2 = await as(server, 'receiver2');
  const lead2 = await as(server, 'leader2');
  const d = (await r2.post('/api/v1/dossiers', dossierBody({ agency: A.commune2 }))).json;
  await r2.post(`/api/v1/dossiers/${d.code}/handover`, {});
  problem(null, (await fetchFile(r2, `/api/v1/dossiers/${d.code}/forms/07.pdf`)), 409);
  await lead2.post(`/api/v1/dossiers/${d.code}/stop`, { reason: 'Theo đề nghị của cơ quan công an' });
  const { text } = await pdf(r2, `/api/v1/dossiers/${d.code}/forms/07.pdf`);
  for (const s of ['THÔNG BÁO DỪNG XỬ LÝ HỒ SƠ', 'Theo đề nghị của cơ quan công an', 'XÃ ĐỨC PHỔ'])
    assert.ok(text.includes(s), `form 07 lacks "${s}"`);
  // the 2018 set has no form 07
  const e = (await desk.post('/api/v1/dossiers', dossierBody())).json;
  problem(null, (await fetchFile(desk, `/api/v1/dossiers/${e.code}/forms/07.pdf`)), 404);
  const list = await desk.get('/api/v1/form-templates');
  assert.ok(list.json.items.some((x) => x.set === 'tt03-2025' && x.form === '07'));
  assert.equal(list.json.items.filter((x) => x.set === 'tt01-2018').length, 6);
});

test('form 06, the register of a unit, as PDF and as XLSX with the same rows', async () => {
  const made = [];
  for (let i = 0; i < 3; i++) made.push((await desk.post('/api/v1/dossiers', dossierBody({ applicant: applicant({ name: `Lê Văn Đức ${i}` }) }))).json);
  const codes = made.map((d) => d.code);
  // the days they were received (two if the run crossed midnight)
  const span = `from=${made[0].received_at.slice(0, 10)}&to=${made[2].received_at.slice(0, 10)}`;
  const { text } = await pdf(desk, `/api/v1/agencies/${A.commune1}/register.pdf?${span}`);
  for (const s of ['SỔ THEO DÕI HỒ SƠ', 'Mã hồ sơ', 'Tên thủ tục hành chính', 'Lê Văn Đức 2', ...codes]) assert.ok(text.includes(s), `the register lacks "${s}"`);
  const all = (await desk.get(`/api/v1/dossiers?agency=${A.commune1}&${span}&limit=200`)).json.items.map((x) => x.code);
  const x = await fetchFile(desk, `/api/v1/agencies/${A.commune1}/register.xlsx?${span}`);
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-disposition'), /attachment; filename="so-theo-doi-000\.00\.31\.H88\.xlsx"/);
  const xlsx = join(server.dir, 'register.xlsx');
  writeFileSync(xlsx, x.buf);
  const strings = execFileSync('unzip', ['-p', xlsx, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
  const sheet = execFileSync('unzip', ['-p', xlsx, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' });
  const shared = [...strings.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]);
  for (const s of ['SỔ THEO DÕI HỒ SƠ', 'Mã hồ sơ', 'Tên cá nhân, tổ chức', 'Ngày, giờ hẹn trả kết quả']) assert.ok(shared.includes(s), s);
  // column B from row 5 holds the codes; column A the numbers 1..n, as numbers
  const cell = (ref) => { const m = sheet.match(new RegExp(`<c r="${ref}"([^>]*)>(?:<v>([^<]*)</v>)?`)); return m ? { attrs: m[1], v: m[2] } : null; };
  const inSheet = [];
  for (let row = 5; cell(`B${row}`); row++) {
    const b = cell(`B${row}`);
    assert.match(b.attrs, /t="s"/);
    inSheet.push(shared[Number(b.v)]);
    const a = cell(`A${row}`);
    assert.ok(!/t="s"/.test(a.attrs), 'the row number is a number');
    assert.equal(Number(a.v), row - 4);
  }
  assert.deepEqual(inSheet.sort(), all.sort());
  // the lead agency of a dossier not handed over yet is the commune that processes it (it showed
  // the procedure's agency)
  assert.equal(shared[Number(cell('G5').v)], 'Phường Đông Hà');
  assert.match(sheet, /<pane ySplit="4"/);
  // the same register as JSON, for the register's page: the same rows, numbered, with the XLSX's cells
  const j = await desk.get(`/api/v1/agencies/${A.commune1}/register.json?${span}`);
  assert.equal(j.status, 200, j.text);
  assert.equal(j.json.count, all.length);
  assert.deepEqual(j.json.items.map((r) => r.code).sort(), all.sort());
  assert.deepEqual(j.json.items.map((r) => r.no), all.map((_, i) => String(i + 1)));
  assert.equal(j.json.items[0].lead_agency, 'Phường Đông Hà');
  const made2 = j.json.items.find((r) => r.code === codes[2]);
  assert.equal(made2.applicant, 'Lê Văn Đức 2');
  assert.match(made2.received, /^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
  assert.deepEqual([j.json.from, j.json.to], [made[0].received_at.slice(0, 10), made[2].received_at.slice(0, 10)]);
  problem(null, await (await as(server, 'receiver2')).get(`/api/v1/agencies/${A.commune1}/register.json`), 403);
  problem(null, await (await as(server, 'receiver2')).get(`/api/v1/agencies/${A.commune1}/register.xlsx`), 403);
  problem(null, await desk.get(`/api/v1/agencies/${A.commune1}/register.pdf?from=2026-13-01`), 400);
  problem(null, await desk.get(`/api/v1/agencies/${A.commune1}/register.pdf?from=2026-11-02&to=2026-11-01`), 400);
});

test('an administrator edits a template; the form follows', async () => {
  const tpl = (await admin.get('/api/v1/form-templates/tt01-2018/03')).json;
  assert.equal(tpl.requires, 'refused');
  tpl.title = 'PHIẾU TỪ CHỐI (BẢN SỬA)';
  tpl.blocks.splice(1, 1, { type: 'title', text: 'PHIẾU TỪ CHỐI (BẢN SỬA)' });
  assert.equal((await admin.put('/api/v1/form-templates/tt01-2018/03', tpl)).status, 200);
  const d = (await desk.post('/api/v1/dossiers', dossierBody())).json;
  await desk.post(`/api/v1/dossiers/${d.code}/refuse`, { reason: 'x' });
  const { text } = await pdf(desk, `/api/v1/dossiers/${d.code}/forms/03.pdf`);
  assert.ok(text.includes('PHIẾU TỪ CHỐI (BẢN SỬA)'));
  problem(null, await admin.put('/api/v1/form-templates/tt01-2018/03', { title: 'x', blocks: [1] }), 422, 'blocks[0]');
  problem(null, await admin.put('/api/v1/form-templates/tt01-2018/03', { blocks: [] }), 422, 'title');
  problem(null, await desk.put('/api/v1/form-templates/tt01-2018/03', tpl), 403);
  void Client;
});
