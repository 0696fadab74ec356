// National Public Service Portal synchronisation: every change queues records in the portal's
// shape; the sender posts them to a receiving server on loopback that checks every field, fails
// some requests, and ends one session, to prove the retries, the re-authentication and the state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startServer, as, sql, motcua, clockAt, A, PROC, dossierBody, applicant } from './helpers.mjs';

const MOMENT = '2026-03-10 09:00'; // a Tuesday
const DAY = '2026-03-10';
const USER = 'donvi-h88';
const SECRET = 'mat-khau-cong';
const UNIT = 'H88';

const DOSSIER_KEYS = ['MaHoSo', 'MaTTHC', 'TenTTHC', 'MaLinhVuc', 'TenLinhVuc', 'SoBienNhan', 'ChuHoSo', 'LoaiDoiTuong',
  'MaDoiTuong', 'ThongTinKhac', 'Email', 'Fax', 'SoDienThoai', 'TrichYeuHoSo', 'NgayTiepNhan', 'NgayHenTra',
  'TrangThaiHoSo', 'NgayTra', 'ThongTinTra', 'HinhThuc', 'NgayKetThucXuLy', 'DonViXuLy', 'GhiChu',
  'TaiLieuNop', 'DanhSachLePhi', 'DanhSachHoSoBoSung', 'DanhSachGiayToKetQua'];
const LISTS = {
  TaiLieuNop: ['TepDinhKemId', 'TenTepDinhKem', 'IsDeleted', 'MaThanhPhanHoSo', 'DuongDanTaiTepTin'],
  DanhSachLePhi: ['TenPhiLePhi', 'MaPhiLePhi', 'HinhThucThu', 'Gia', 'LoaiPhiLePhi'],
  DanhSachHoSoBoSung: ['HoSoBoSungId', 'NguoiYeuCauBoSung', 'NoiDungBoSung', 'NgayBoSung', 'NguoiTiepNhanBoSung',
    'ThongTinTiepNhan', 'NgayTiepNhanBoSung', 'TrangThaiBoSung', 'NgayHenTraTruoc', 'NgayHenTraMoi'],
  DanhSachGiayToKetQua: ['TenGiayTo', 'MaThanhPhanHoSo', 'GiayToId', 'DuongDanTepTinKetQua'],
};
const PROGRESS_KEYS = ['MaHoSo', 'NguoiXuLy', 'ChucDanh', 'ThoiDiemXuLy', 'PhongBanXuLy', 'NoiDungXuLy', 'TrangThai',
  'NgayBatDau', 'NgayKetThucTheoQuyDinh'];
const TIME_FIELDS = new Set(['NgayTiepNhan', 'NgayHenTra', 'NgayTra', 'NgayKetThucXuLy', 'NgayBoSung', 'NgayTiepNhanBoSung',
  'NgayHenTraTruoc', 'NgayHenTraMoi', 'ThoiDiemXuLy', 'NgayBatDau', 'NgayKetThucTheoQuyDinh']);

// "2026-03-10T09:00:00+07:00" → "20260310090000": the portal's local time
const portalTime = (iso) => (iso ? iso.replace(/[-:T]/g, '').slice(0, 14) : '');

// The receiving server: the authentication endpoint and the portal.
const portal = {
  sessions: new Set(),
  issued: 0,
  authCalls: [],
  received: [], // every well-formed record the portal took, in order
  problems: [], // every field the checks found wrong
  refuseAuth: 1, // the next authentications answered 401
  expireNext: 0, // the next posts answered 401 (the session ended)
  fail: new Map(), // dossier code → how many more posts answered 500
  reject: new Set(), // applicants whose dossier records are always refused with an error_code
};

function check(cond, what) {
  if (!cond) portal.problems.push(what);
}

function checkShape(obj, keys, where) {
  check(JSON.stringify(Object.keys(obj).sort()) === JSON.stringify([...keys].sort()), `${where}: keys ${Object.keys(obj)}`);
  for (const [k, v] of Object.entries(obj)) {
    if (LISTS[k]) {
      check(Array.isArray(v), `${where}.${k} is not a list`);
      for (const [i, x] of (v ?? []).entries()) checkShape(x, LISTS[k], `${where}.${k}[${i}]`);
      continue;
    }
    check(typeof v === 'string', `${where}.${k} is not a string: ${JSON.stringify(v)}`);
    if (TIME_FIELDS.has(k)) check(v === '' || /^20\d{12}$/.test(v), `${where}.${k} is not yyyyMMddHHmmss: ${v}`);
  }
}

function checkRecord(b) {
  check(portal.sessions.has(b.session), `unknown session ${b.session}`);
  check(b.madonvi === UNIT, `madonvi ${b.madonvi}`);
  check(Array.isArray(b.data) && b.data.length >= 1, 'data is not a list');
  if (b.service === 'DongBoHoSoMC') {
    check(Object.keys(b).sort().join() === 'data,isUpdating,madonvi,service,session', `envelope ${Object.keys(b)}`);
    check(['true', 'false'].includes(b.isUpdating), `isUpdating ${b.isUpdating}`);
    check(b.data.length === 1, 'one dossier per record');
    const d = b.data[0];
    checkShape(d, DOSSIER_KEYS, d.MaHoSo);
    check(/^([1-9]|10)$/.test(d.TrangThaiHoSo), `TrangThaiHoSo ${d.TrangThaiHoSo}`);
    check(['1', '2', '3'].includes(d.HinhThuc), `HinhThuc ${d.HinhThuc}`);
    check(['1', '2'].includes(d.LoaiDoiTuong), `LoaiDoiTuong ${d.LoaiDoiTuong}`);
  } else if (b.service === 'CapNhatTienDoHoSoMC') {
    check(Object.keys(b).sort().join() === 'data,madonvi,service,session', `envelope ${Object.keys(b)}`);
    check(b.data.length <= 10, `a batch of ${b.data.length} steps`);
    for (const x of b.data) {
      checkShape(x, PROGRESS_KEYS, `progress ${x.MaHoSo}`);
      check(/^([1-9]|10)$/.test(x.TrangThai), `TrangThai ${x.TrangThai}`);
    }
  } else {
    check(false, `service ${b.service}`);
  }
}

function answer(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

const receiver = createServer((req, res) => {
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    let b = null;
    try { b = JSON.parse(raw); } catch { check(false, `not JSON: ${raw.slice(0, 100)}`); }
    check(req.method === 'POST' && req.headers['content-type'] === 'application/json', `${req.method} ${req.headers['content-type']}`);
    if (req.url === '/auth') {
      portal.authCalls.push(b);
      if (b?.username !== USER || b?.password !== SECRET) return answer(res, 401, { error_code: '401', message: 'Sai thông tin đăng nhập' });
      if (portal.refuseAuth > 0) {
        portal.refuseAuth--;
        return answer(res, 401, { error_code: '401', message: 'Hệ thống xác thực bận' });
      }
      const session = `phien-${++portal.issued}`;
      portal.sessions.add(session);
      return answer(res, 200, { session });
    }
    if (req.url !== '/dvc' || !b) return answer(res, 404, { error_code: '404', message: 'không có' });
    if (portal.expireNext > 0) {
      portal.expireNext--;
      portal.sessions.delete(b.session);
      return answer(res, 401, { error_code: '401', message: 'Phiên làm việc hết hạn' });
    }
    if (!portal.sessions.has(b.session)) return answer(res, 401, { error_code: '401', message: 'Phiên không hợp lệ' });
    const code = b.data?.[0]?.MaHoSo;
    if (b.service === 'DongBoHoSoMC' && portal.reject.has(b.data[0].ChuHoSo)) return answer(res, 200, { error_code: '-1', message: `Hồ sơ ${code}: mã thủ tục không tồn tại` });
    if (portal.fail.get(code) > 0) {
      portal.fail.set(code, portal.fail.get(code) - 1);
      return answer(res, 500, { error_code: '500', message: 'Lỗi máy chủ' });
    }
    checkRecord(b);
    portal.received.push(b);
    answer(res, 200, { error_code: '0', message: 'Thành công' });
  });
});

let server, quiet, desk, centre, jproc, jlead, admin, auditor, base;

before(async () => {
  await new Promise((ok) => receiver.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${receiver.address().port}`;
  server = await startServer({
    env: clockAt(MOMENT),
    args: ['--portal-url', `${base}/dvc`, '--portal-auth-url', `${base}/auth`, '--portal-user', USER,
      '--portal-password', SECRET, '--portal-unit', UNIT, '--portal-retry-seconds', '1', '--portal-max-attempts', '3',
      '--public-url', 'https://motcua.example.vn'],
  });
  desk = await as(server, 'receiver1');
  centre = await as(server, 'centre');
  jproc = await as(server, 'jprocessor');
  jlead = await as(server, 'jleader');
  admin = await as(server, 'admin');
  auditor = await as(server, 'auditor');
});
after(async () => {
  try {
    await server?.stop();
    await quiet?.stop();
  } finally {
    await new Promise((ok) => receiver.close(ok));
  }
});

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
async function until(what, fn, timeout = 15000) {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}; problems: ${portal.problems.join('; ')}`);
    await sleep(50);
  }
}
const dossierRecords = (code) => portal.received.filter((b) => b.service === 'DongBoHoSoMC' && b.data[0].MaHoSo === code);
const progressRecords = (code) => portal.received.filter((b) => b.service === 'CapNhatTienDoHoSoMC' && b.data[0].MaHoSo === code);
const status = async (code) => (await admin.get(`/api/v1/sync/status${code ? `?dossier=${code}` : ''}`)).json;
const settled = (code) => until(`${code} settled`, async () => {
  const s = await status(code);
  return s.records.pending === 0 ? s : null;
});

async function upload(c, code, kind, name) {
  const form = new FormData();
  form.append('kind', kind);
  if (kind === 'component') form.append('component', '1');
  form.append('file', new Blob([Buffer.from('%PDF-1.7\n%%EOF\n')], { type: 'application/pdf' }), name);
  const r = await fetch(`${server.base}/api/v1/dossiers/${code}/files`, { method: 'POST', body: form, headers: { Cookie: c.cookie, 'X-CSRF-Token': c.csrf } });
  const text = await r.text();
  assert.equal(r.status, 201, text);
  return JSON.parse(text);
}

test('intake and a scanned component reach the portal in its shape, after a refused authentication', async () => {
  const d = (await desk.post('/api/v1/dossiers', dossierBody({ applicant: applicant({ name: 'Trần Văn Bình' }) }))).json;
  assert.ok(d.code, JSON.stringify(d));
  const file = await upload(desk, d.code, 'component', 'to-khai.pdf');
  const s = await settled(d.code);
  assert.deepEqual(portal.problems, []);
  // the first authentication was refused: the record was tried again after the back-off
  assert.equal(portal.authCalls.length, 2);
  assert.deepEqual(portal.authCalls[0], { username: USER, password: SECRET });
  assert.equal(s.state, 'sent');
  const first = s.queue.find((x) => x.kind === 'dossier');
  assert.equal(first.attempts, 2);
  assert.match(first.answer, /^HTTP 200 .*Thành công/);
  // intake and the file: a dossier record and a progress record each, posted in order
  assert.deepEqual(s.queue.map((q) => [q.kind, q.state]), [['dossier', 'sent'], ['progress', 'sent'], ['dossier', 'sent'], ['progress', 'sent']]);
  assert.ok(s.queue.every((q) => q.sent_at));
  const recs = dossierRecords(d.code);
  assert.deepEqual(recs.map((b) => b.isUpdating), ['false', 'true']);
  assert.equal(recs[0].session, 'phien-1');
  assert.deepEqual(recs[0].data[0].TaiLieuNop, []);
  const x = recs[1].data[0];
  assert.deepEqual(x.TaiLieuNop, [{ TepDinhKemId: String(file.id), TenTepDinhKem: file.name, IsDeleted: 'false', MaThanhPhanHoSo: '1', DuongDanTaiTepTin: `https://motcua.example.vn/api/v1/files/${file.id}` }]);
  assert.equal(x.MaHoSo, d.code);
  assert.equal(x.SoBienNhan, d.code);
  assert.equal(x.MaTTHC, '1.001193');
  assert.equal(x.TenTTHC, 'Đăng ký khai sinh');
  assert.equal(x.TenLinhVuc, 'Hộ tịch');
  assert.equal(x.ChuHoSo, 'Trần Văn Bình');
  assert.equal(x.LoaiDoiTuong, '1');
  assert.equal(x.MaDoiTuong, '001190012345');
  assert.equal(x.SoDienThoai, '0912 345 678');
  assert.equal(x.Email, 'hoa@example.vn');
  assert.equal(x.ThongTinKhac, 'Số 5 Lê Lợi');
  assert.equal(x.TrichYeuHoSo, 'Đăng ký khai sinh cho con');
  assert.equal(x.TrangThaiHoSo, '2');
  assert.equal(x.HinhThuc, '1');
  assert.equal(x.NgayTiepNhan, portalTime(d.received_at));
  assert.match(x.NgayTiepNhan, /^20260310(09|10)\d{4}$/);
  assert.equal(x.NgayHenTra, portalTime(d.due_at));
  assert.equal(x.NgayTra, '');
  assert.equal(x.NgayKetThucXuLy, '');
  assert.equal(x.DonViXuLy, 'Phường Đông Hà');
  assert.deepEqual(x.DanhSachGiayToKetQua, []);
  assert.deepEqual(x.DanhSachLePhi, []);
  assert.deepEqual(x.DanhSachHoSoBoSung, []);
  const [p] = progressRecords(d.code);
  assert.equal(p.data.length, 1);
  assert.equal(p.data[0].NoiDungXuLy, 'Tiếp nhận hồ sơ');
  assert.equal(p.data[0].TrangThai, '2');
  assert.equal(p.data[0].ThoiDiemXuLy, x.NgayTiepNhan);
  assert.equal(p.data[0].NgayKetThucTheoQuyDinh, x.NgayHenTra);
  assert.equal(p.data[0].PhongBanXuLy, 'Phường Đông Hà');
  assert.equal(p.data[0].ChucDanh, 'Cán bộ một cửa');
});

test('a whole life: supplement, fees, result, steps in batches of ten, 500s retried, an ended session renewed', async () => {
  const d = (await centre.post('/api/v1/dossiers', dossierBody({ procedure: PROC.record, agency: A.centre, applicant: applicant({ kind: 2, name: 'Công ty TNHH Hoa Mai', id_number: '0101234567' }) }))).json;
  const code = d.code;
  const act = async (c, action, body = {}) => {
    const r = await c.post(`/api/v1/dossiers/${code}/${action}`, body);
    assert.equal(r.status, 200, `${action}: ${r.text}`);
    return r.json;
  };
  await act(centre, 'handover');
  await act(jproc, 'request-supplement', { items: ['Ảnh chân dung 4x6'], reason: 'Ảnh không rõ' });
  const resumed = await act(centre, 'supplement');
  for (let i = 0; i < 3; i++) {
    await act(jproc, 'forward');
    await act(jlead, 'send-back', { reason: `Cần xác minh lại lần ${i + 1}` });
  }
  await act(jproc, 'forward');
  const file = await upload(jproc, code, 'result', 'phieu-ly-lich.pdf');
  // the finish's dossier record meets two 500s, then an ended session, before it goes through
  await settled(code);
  portal.fail.set(code, 2);
  const authBefore = portal.authCalls.length;
  const done = await act(jlead, 'finish', { result_number: '12/LLTP', result_date: DAY, signer: 'Giám đốc' });
  await until('the failures', () => portal.fail.get(code) === 0);
  portal.expireNext = 1;
  const s = await settled(code);
  assert.deepEqual(portal.problems, []);
  assert.equal(s.state, 'sent');
  assert.equal(portal.authCalls.length, authBefore + 1, 'a new session after the 401');
  const finishRecord = s.queue.filter((x) => x.kind === 'dossier').at(-1);
  assert.equal(finishRecord.attempts, 3, JSON.stringify(finishRecord)); // 500, 500, then 401 → renewed → taken
  // the records of a dossier went in order: statuses only move forward in what the portal took
  const statuses = dossierRecords(code).map((b) => Number(b.data[0].TrangThaiHoSo));
  assert.deepEqual(statuses, [2, 4, 5, 4, 4, 4, 4, 4, 4, 4, 4, 4, 9]);
  assert.deepEqual(dossierRecords(code).map((b) => b.isUpdating), ['false', ...Array(12).fill('true')]);
  const x = dossierRecords(code).at(-1).data[0];
  assert.equal(x.TrangThaiHoSo, '9');
  assert.equal(x.LoaiDoiTuong, '2');
  assert.equal(x.MaDoiTuong, '0101234567');
  assert.equal(x.NgayKetThucXuLy, portalTime(done.finished_at));
  assert.equal(x.DonViXuLy, 'Trung tâm Phục vụ hành chính công'); // the result waits at the desk
  assert.deepEqual(x.DanhSachLePhi, [{ TenPhiLePhi: 'Phí cấp phiếu', MaPhiLePhi: '1', HinhThucThu: '', Gia: '200000', LoaiPhiLePhi: '1' }]);
  assert.deepEqual(x.TaiLieuNop, []);
  assert.deepEqual(x.DanhSachGiayToKetQua, [{ TenGiayTo: file.name, MaThanhPhanHoSo: '', GiayToId: String(file.id), DuongDanTepTinKetQua: `https://motcua.example.vn/api/v1/files/${file.id}` }]);
  assert.equal(x.DanhSachHoSoBoSung.length, 1);
  const bs = x.DanhSachHoSoBoSung[0];
  assert.equal(bs.NoiDungBoSung, 'Ảnh không rõ. Cần bổ sung: Ảnh chân dung 4x6');
  assert.equal(bs.TrangThaiBoSung, '1');
  assert.equal(bs.NgayHenTraTruoc, portalTime(d.due_at));
  assert.equal(bs.NgayHenTraMoi, portalTime(resumed.due_at));
  assert.match(bs.NgayBoSung, /^\d{14}$/);
  assert.ok(bs.NgayTiepNhanBoSung >= bs.NgayBoSung);
  // the control sheet's rows: the last change posted them all, in batches of ten
  const rows = Number(sql(server.db, `SELECT count(*) FROM dossier_events WHERE dossier_id = (SELECT id FROM dossiers WHERE code = '${code}')`));
  assert.ok(rows > 10 && rows <= 20, `${rows} rows`);
  const last = progressRecords(code).slice(-2);
  assert.deepEqual(last.map((b) => b.data.length), [10, rows - 10]);
  const steps = last.flatMap((b) => b.data);
  assert.equal(steps[0].NoiDungXuLy, 'Tiếp nhận hồ sơ');
  const asked = steps.find((x) => x.NoiDungXuLy.startsWith('Yêu cầu bổ sung'));
  assert.equal(asked.NoiDungXuLy, 'Yêu cầu bổ sung hồ sơ: Ảnh không rõ. Cần bổ sung: Ảnh chân dung 4x6');
  assert.equal(asked.TrangThai, '5');
  const back = steps.find((x) => x.NoiDungXuLy.startsWith('Trả lại bước trước'));
  assert.equal(back.NoiDungXuLy, 'Trả lại bước trước: Cần xác minh lại lần 1');
  assert.equal(back.ChucDanh, 'Chuyên viên xử lý');
  assert.equal(steps.at(-1).ChucDanh, 'Lãnh đạo');
  assert.equal(steps.at(-1).TrangThai, '9');
  assert.equal(steps.at(-1).NguoiXuLy.length > 0, true);
  assert.equal(steps.at(-1).ThoiDiemXuLy, x.NgayKetThucXuLy);
  for (let i = 1; i < steps.length; i++) assert.equal(steps[i].NgayBatDau, steps[i - 1].ThoiDiemXuLy);
});

test('a record the portal keeps refusing is marked failed with its answer; sync retry sends it again', async () => {
  portal.reject.add('Lê Thị Cúc');
  const d = (await desk.post('/api/v1/dossiers', dossierBody({ applicant: applicant({ name: 'Lê Thị Cúc' }) }))).json;
  const s = await until('failed', async () => {
    const x = await status(d.code);
    return x.state === 'failed' ? x : null;
  });
  const failed = s.queue.find((x) => x.state === 'failed');
  assert.equal(failed.kind, 'dossier');
  assert.equal(failed.attempts, 3);
  assert.equal(failed.answer, `HTTP 200 {"error_code":"-1","message":"Hồ sơ ${d.code}: mã thủ tục không tồn tại"}`);
  assert.equal(s.answer, failed.answer);
  // the dossier's progress record, queued after it, went once it was given up
  assert.deepEqual(s.queue.map((x) => [x.kind, x.state]), [['dossier', 'failed'], ['progress', 'sent']]);
  const all = await status();
  assert.equal(all.records.failed, 1);
  assert.equal(all.dossiers.failed, 1);
  assert.deepEqual(all.failed.map((x) => [x.dossier, x.kind, x.answer]), [[d.code, 'dossier', failed.answer]]);
  // the auditor reads it too; the desk may not
  assert.deepEqual((await auditor.get('/api/v1/sync/status')).json.failed, all.failed);
  assert.equal((await desk.get('/api/v1/sync/status')).status, 403);
  assert.equal((await admin.get('/api/v1/sync/status?dossier=000.00.31.H88-260310-9999')).status, 404);
  // the command line says the same
  const cli = JSON.parse(motcua('sync', 'status', '--db', server.db));
  assert.deepEqual(cli.failed, all.failed);
  assert.deepEqual(cli.records, all.records);
  // the portal is fixed: retry puts the record back, and it goes
  portal.reject.delete('Lê Thị Cúc');
  assert.match(motcua('sync', 'retry', '--db', server.db, '--dossier', d.code), /^1 failed record back in the queue/);
  const after = await until('sent after retry', async () => {
    const x = await status(d.code);
    return x.state === 'sent' ? x : null;
  });
  assert.ok(after.queue.every((x) => x.state === 'sent'));
  assert.equal(after.answer, null);
  assert.equal(dossierRecords(d.code).length, 1);
  assert.match(motcua('sync', 'retry', '--db', server.db), /^0 failed records back in the queue/);
  assert.equal(sql(server.db, "SELECT count(*) FROM audit_log WHERE action = 'sync.retry'"), '1');
});

test('the index scores the dossiers synchronised on time as a recorded part', async () => {
  const before = (await admin.get(`/api/v1/index?agency=${A.commune1}&from=${DAY}&to=${DAY}`)).json.index;
  const part = (idx) => idx.groups.flatMap((g) => g.parts).find((x) => x.code === 'synced_portal');
  let p = part(before);
  assert.equal(p.recorded, true);
  assert.equal(p.numerator, p.denominator);
  assert.ok(p.denominator >= 2);
  // a change that waited more than a day counts late
  const code = sql(server.db, `SELECT code FROM dossiers WHERE agency = '${A.commune1}' ORDER BY id LIMIT 1`);
  sql(server.db, `UPDATE portal_queue SET sent_at = created_at + 90000 WHERE id = (SELECT max(q.id) FROM portal_queue q JOIN dossiers d ON d.id = q.dossier_id WHERE d.code = '${code}')`);
  p = part((await admin.get(`/api/v1/index?agency=${A.commune1}&from=${DAY}&to=${DAY}`)).json.index);
  assert.equal(p.numerator, p.denominator - 1);
  assert.ok(p.points < p.max_points);
});

test('without --portal-url the records wait in the queue', async () => {
  quiet = await startServer({ env: clockAt(MOMENT) });
  const c = await as(quiet, 'receiver1');
  const d = (await c.post('/api/v1/dossiers', dossierBody())).json;
  await c.post(`/api/v1/dossiers/${d.code}/handover`, {});
  await sleep(1500);
  const s = JSON.parse(motcua('sync', 'status', '--db', quiet.db, '--dossier', d.code));
  assert.equal(s.state, 'pending');
  assert.deepEqual(s.queue.map((x) => [x.kind, x.state, x.attempts]),
    [['dossier', 'pending', 0], ['progress', 'pending', 0], ['dossier', 'pending', 0], ['progress', 'pending', 0]]);
  assert.equal(s.oldest_pending_at, d.received_at);
  assert.equal(s.records.pending, 4);
  assert.match(quiet.log(), /no --portal-url/);
});
