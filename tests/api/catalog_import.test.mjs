// Importing the catalog from a province's announcement annex (XLSX, CSV) and from the national
// database's JSON: procedures matched by national code, re-importing changes nothing, amended rows
// update, repealed ones are withdrawn keeping their dossiers, rejected rows carry their reasons and
// change nothing without partial=1; administrators only; the command prints the same report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, as, A, PROC, ROOT, BIN, sql, dossierBody, problem } from './helpers.mjs';
import { xlsx } from './xlsx.mjs';

let server, admin;
before(async () => {
  server = await startServer();
  admin = await as(server, 'admin');
});
after(() => server?.stop());

const HEAD = ['STT', 'Mã TTHC', 'Tên thủ tục hành chính', 'Thời hạn giải quyết', 'Địa điểm thực hiện', 'Phí, lệ phí (nếu có)', 'Căn cứ pháp lý', 'Cơ quan thực hiện'];

// An annex as provinces publish it: a title, sections A/B/C, levels, fields, free-text cells.
function annex({ recordFee = '200.000 đồng/lần/người', bad = true } = {}) {
  return [
    ['PHỤ LỤC'],
    ['DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH, ĐƯỢC SỬA ĐỔI, BỔ SUNG VÀ BỊ BÃI BỎ THUỘC PHẠM VI CHỨC NĂNG QUẢN LÝ CỦA SỞ TƯ PHÁP'],
    ['(Kèm theo Quyết định số 1234/QĐ-UBND ngày 15 tháng 3 năm 2026 của Chủ tịch Ủy ban nhân dân tỉnh)'],
    ['A. THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH'],
    HEAD,
    ['I', 'THỦ TỤC HÀNH CHÍNH CẤP TỈNH'],
    ['1', 'Lĩnh vực Lý lịch tư pháp'],
    [1, '2.000505', 'Cấp Phiếu lý lịch tư pháp cho người nước ngoài', '10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', 'Trung tâm Phục vụ hành chính công tỉnh; dịch vụ công trực tuyến toàn trình', recordFee, 'Luật Lý lịch tư pháp năm 2009', 'Sở Tư pháp'],
    ['II', 'THỦ TỤC HÀNH CHÍNH CẤP XÃ'],
    ['1', 'Lĩnh vực Hộ tịch'],
    [2, '1.001766', 'Đăng ký khai sinh lưu động', '05 ngày làm việc', 'Tại nơi cư trú của người dân', 'Miễn lệ phí', 'Luật Hộ tịch năm 2014', 'UBND cấp xã'],
    ['2', 'Lĩnh vực Chứng thực'],
    [3, '2.000815', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', 'Trong ngày (nếu tiếp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo)', 'Bộ phận một cửa cấp xã', '2.000 đồng/trang; từ trang thứ ba trở lên thu 1.000 đồng/trang', 'Nghị định số 23/2015/NĐ-CP', 'Ủy ban nhân dân cấp xã'],
    ...(bad ? [
      [4, '1.009001', 'Nhập quốc tịch Việt Nam', '03 tháng', 'Sở Tư pháp', 'Không', 'Luật Quốc tịch Việt Nam', 'Sở Tư pháp'],
      [5, '1.009002', 'Cấp giấy phép lái xe', '10 ngày làm việc', '', '135.000 đồng', '', 'Sở Giao thông vận tải'],
    ] : []),
    ['B. THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG'],
    HEAD,
    ['1', 'Lĩnh vực Hộ tịch'],
    [1, '1.001193', 'Đăng ký khai sinh', '03 ngày làm việc', 'Bộ phận một cửa cấp xã', 'Không', 'Luật Hộ tịch năm 2014', 'UBND cấp xã'],
    ['2', 'Lĩnh vực Văn hóa'],
    [2, '1.003622', 'Cấp giấy phép tổ chức lễ hội', '20 ngày', 'Sở Xây dựng', 'Không', 'Nghị định số 110/2018/NĐ-CP', 'Sở Xây dựng'],
    ['C. THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ'],
    ['STT', 'Mã TTHC', 'Tên thủ tục hành chính', 'Tên VBQPPL quy định việc bãi bỏ', 'Lĩnh vực', 'Cơ quan thực hiện'],
    [1, '1.004227', 'Thủ tục đất đai: đăng ký biến động quyền sử dụng đất', 'Nghị định số 101/2024/NĐ-CP', 'Đất đai', 'UBND cấp xã'],
    [2, '1.000001', 'Thủ tục không có trong danh mục', 'Nghị định số 101/2024/NĐ-CP', 'Đất đai', 'UBND cấp xã'],
  ];
}

const csv = (rows) => '\ufeff' + rows.map((r) => r.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(',')).join('\r\n') + '\r\n';

async function upload(client, body, name, query = '') {
  const form = new FormData();
  form.append('file', new Blob([body]), name);
  const r = await fetch(`${server.base}/api/v1/procedures/import${query}`, {
    method: 'POST', body: form, headers: { Cookie: client.cookie, 'X-CSRF-Token': client.csrf },
  });
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status, json, text, headers: r.headers };
}

const byCode = async (code) => {
  const id = sql(server.db, `SELECT id FROM procedures WHERE code = '${code}'`);
  return id ? (await admin.get(`/api/v1/procedures/${id}`)).json : null;
};
const catalog = () => sql(server.db, 'SELECT code, version, status FROM procedures ORDER BY code');
const outcome = (r, code) => r.json.rows.find((x) => x.code === code);

let landDossier;
test('only administrators import', async () => {
  for (const who of ['receiver1', 'steering', 'unitadmin']) {
    const c = await as(server, who);
    const r = await upload(c, xlsx(annex()), 'phu-luc.xlsx');
    assert.equal(r.status, 403, `${who}: ${r.text}`);
  }
  // a dossier on the procedure the annex repeals, to see it kept
  const r1 = await as(server, 'receiver1');
  const d = await r1.post('/api/v1/dossiers', dossierBody({ procedure: PROC.land, summary: 'Đăng ký biến động đất' }));
  assert.equal(d.status, 201, d.text);
  landDossier = d.json.code;
});

test('an annex with rows that cannot be read changes nothing, each named with its reason', async (t) => {
  const before = catalog();
  const r = await upload(admin, xlsx(annex()), 'phu-luc.xlsx');
  problem(t, r, 422);
  assert.equal(r.json.stored, false);
  const rejected = r.json.rows.filter((x) => x.outcome === 'rejected').map((x) => [x.row, x.field]);
  assert.deepEqual(rejected, [[14, 'time'], [15, 'agency']]);
  assert.match(outcome(r, '1.009001').reason, /cannot read the processing time '03 tháng'.*months/);
  assert.match(outcome(r, '1.009002').reason, /no agency named 'Sở Giao thông vận tải'/);
  assert.deepEqual(r.json.errors.map((x) => x.field), ['rows.14.time', 'rows.15.agency']);
  assert.equal(catalog(), before);
  // a dry run with partial=1 reports what would be kept, and stores nothing
  const dry = await upload(admin, xlsx(annex()), 'phu-luc.xlsx', '?dry_run=1&partial=1');
  assert.equal(dry.status, 200, dry.text);
  assert.equal(dry.json.stored, false);
  assert.deepEqual([dry.json.added, dry.json.changed, dry.json.repealed, dry.json.rejected], [3, 2, 1, 2]);
  assert.equal(catalog(), before);
});

test('partial=1 imports the rows that could be read: added, amended, repealed', async () => {
  const r = await upload(admin, xlsx(annex()), 'phu-luc.xlsx', '?partial=1');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.stored, true);
  assert.deepEqual([r.json.added, r.json.changed, r.json.unchanged, r.json.repealed, r.json.rejected], [3, 2, 1, 1, 2]);
  assert.deepEqual(r.json.rows.map((x) => [x.row, x.outcome]), [
    [8, 'added'], [11, 'added'], [13, 'added'], [14, 'rejected'], [15, 'rejected'],
    [19, 'changed'], [21, 'changed'], [24, 'repealed'], [25, 'unchanged'],
  ]);
  assert.match(outcome(r, '1.003622').warning, /'20 ngày' read as 20 calendar days/);
  assert.match(outcome(r, '1.000001').warning, /nothing to repeal/);

  const record = await byCode('2.000505');
  assert.deepEqual([record.field, record.level, record.agency.id, record.duration_days, record.duration_kind, record.online_class, record.status],
    ['Lý lịch tư pháp', 'province', A.justice, 10, 'working', 'full', 'active']);
  assert.deepEqual(record.fees, [{ name: '200.000 đồng/lần/người', amount: 200000 }]);
  assert.equal(record.legal_basis, 'Luật Lý lịch tư pháp năm 2009');
  const mobile = await byCode('1.001766');
  assert.deepEqual([mobile.field, mobile.level, mobile.agency.id, mobile.duration_days, mobile.fees.length], ['Hộ tịch', 'commune', A.province, 5, 0]);
  const copy = await byCode('2.000815');
  assert.deepEqual([copy.field, copy.level, copy.duration_days, copy.duration_kind], ['Chứng thực', 'commune', 1, 'working']);
  assert.deepEqual(copy.fees.map((f) => f.amount), [2000, 1000]);
  // amended: the new time, the rest kept (components, online class)
  const birth = await byCode('1.001193');
  assert.deepEqual([birth.duration_days, birth.legal_basis, birth.online_class, birth.components.length, birth.version], [3, 'Luật Hộ tịch năm 2014', 'full', 3, 2]);
  const festival = await byCode('1.003622');
  assert.deepEqual([festival.duration_days, festival.duration_kind, festival.level, festival.agency.id], [20, 'calendar', 'province', A.building]);
  // repealed: withdrawn, out of the public catalog, its dossier and history kept
  const land = await byCode('1.004227');
  assert.equal(land.status, 'withdrawn');
  const pub = await fetch(`${server.base}/api/v1/procedures?q=dat%20dai&limit=200`).then((x) => x.json());
  assert.ok(!pub.items.some((p) => p.code === '1.004227'), 'a repealed procedure is not listed');
  const all = await fetch(`${server.base}/api/v1/procedures?limit=200`).then((x) => x.json());
  assert.ok(!all.items.some((p) => p.code === '1.004227'));
  const r1 = await as(server, 'receiver1');
  const d = await r1.get(`/api/v1/dossiers/${landDossier}`);
  assert.equal(d.status, 200, d.text);
  assert.equal(sql(server.db, `SELECT count(*) FROM dossiers WHERE procedure_id = ${PROC.land}`), '1');
  assert.equal(sql(server.db, `SELECT group_concat(version) FROM procedure_history WHERE procedure_id = ${PROC.land} ORDER BY version`), '1,2');
  const again = await r1.post('/api/v1/dossiers', dossierBody({ procedure: PROC.land, summary: 'Nộp sau khi bãi bỏ' }));
  assert.notEqual(again.status, 201, 'no new dossier on a repealed procedure');
  assert.match(sql(server.db, "SELECT detail FROM audit_log WHERE action = 'procedure.import' ORDER BY id DESC LIMIT 1"), /phu-luc\.xlsx: 3 added, 2 changed, 1 repealed, 2 rejected/);
});

test('importing the same annex again changes nothing; an amended file changes its one row', async () => {
  const before = catalog();
  const r = await upload(admin, xlsx(annex({ bad: false })), 'phu-luc.xlsx');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.added, r.json.changed, r.json.repealed, r.json.rejected, r.json.unchanged], [0, 0, 0, 0, 7]);
  assert.equal(catalog(), before);
  // the same annex as CSV, the criminal record's fee amended
  const c = await upload(admin, csv(annex({ bad: false, recordFee: '250.000 đồng/lần/người' })), 'phu-luc.csv');
  assert.equal(c.status, 200, c.text);
  assert.deepEqual([c.json.added, c.json.changed, c.json.repealed, c.json.unchanged], [0, 1, 0, 6]);
  assert.equal(outcome(c, '2.000505').outcome, 'changed');
  assert.deepEqual((await byCode('2.000505')).fees, [{ name: '250.000 đồng/lần/người', amount: 250000 }]);
});

test("the national database's JSON shape", async () => {
  const body = readFileSync(join(ROOT, 'docs/examples/catalog-national.json'));
  const r = await upload(admin, body, 'csdl-quoc-gia.json');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.rows.map((x) => [x.row, x.code, x.outcome]), [
    [1, '1.001193', 'changed'], [2, '2.000488', 'changed'], [3, '1.000894', 'added'], [4, '1.004227', 'unchanged'],
  ]);
  assert.match(outcome(r, '2.000488').warning, /first of 2 cases/);
  const birth = await byCode('1.001193');
  assert.deepEqual([birth.name, birth.field_code, birth.duration_days, birth.result_name], ['Thủ tục đăng ký khai sinh', 'G09-TP03', 1, 'Giấy khai sinh']);
  assert.deepEqual(birth.components.map((c) => [c.name, c.kind]), [['Tờ khai đăng ký khai sinh theo mẫu', 'original'], ['Bản chính Giấy chứng sinh', 'original']]);
  assert.equal(birth.legal_basis, '60/2014/QH13 Luật Hộ tịch\n123/2015/NĐ-CP Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch');
  const record = await byCode('2.000488');
  assert.deepEqual(record.fees, [{ name: 'Phí cung cấp thông tin lý lịch tư pháp: 200000 đồng', amount: 200000 }]);
  assert.deepEqual(record.components.map((c) => [c.kind, c.count]), [['original', 1], ['copy', 1]]);
  const marriage = await byCode('1.000894');
  assert.deepEqual([marriage.level, marriage.agency.id, marriage.duration_days, marriage.fees.length], ['commune', A.province, 5, 0]);
  const again = await upload(admin, body, 'csdl-quoc-gia.json');
  assert.deepEqual([again.json.added, again.json.changed, again.json.unchanged], [0, 0, 4]);
});

test('a file that is no annex is refused on the field file', async (t) => {
  let r = await upload(admin, csv([['Họ và tên', 'Ngày sinh'], ['Nguyễn Văn A', '01/01/1990']]), 'khac.csv');
  problem(t, r, 422);
  assert.match(r.json.errors[0].message, /no header row names the national code/);
  // a numbered row without its code is a procedure the report names, not a heading
  r = await upload(admin, csv([HEAD, ['1', 'Lĩnh vực Hộ tịch'], [6, 'Thủ tục chưa ghi mã']]), 'thieu-ma.csv');
  problem(t, r, 422);
  assert.deepEqual(r.json.errors.map((x) => x.field), ['rows.3.code']);
  r = await upload(admin, '[{"MATTHC": ', 'hong.json');
  problem(t, r, 422);
  assert.equal(r.json.errors[0].field, 'file');
  r = await upload(admin, '[{"MATTHC": "1.001193", "TENTTHC": "Đăng ký khai sinh", "LINHVUCTHUCHIEN": [{"TENLINHVUC": "Hộ tịch"}], "COQUANTHUCHIEN": [{"TENDONVI": "UBND cấp xã"}], "CACHTHUCTHUCHIEN": [{"KENH": 1, "THOIGIAN": [{"THOIGIANGIAIQUYET": 2, "DONVITINH": "Tháng"}]}]}]', 'x.json');
  problem(t, r, 422);
  assert.deepEqual(r.json.errors.map((x) => x.field), ['rows.1.THOIGIAN']);
});

test('motcua import procedures prints the report and stores as the API does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-import-'));
  try {
    const db = join(dir, 'demo.db'), file = join(dir, 'phu-luc.csv');
    let run = spawnSync(BIN, ['demo', '--db', db, '--dossiers', '0', '--now', '2026-03-16 09:00'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    writeFileSync(file, csv(annex()));
    run = spawnSync(BIN, ['import', 'procedures', '--db', db, file], { encoding: 'utf8' });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /row 14: rejected \(time\): cannot read the processing time '03 tháng'/);
    assert.match(run.stdout, /row 15: rejected \(agency\): no agency named 'Sở Giao thông vận tải'/);
    assert.match(run.stdout, /nothing imported/);
    assert.equal(run.stderr, '', 'no progress bar when stderr is no terminal');
    assert.equal(sql(db, "SELECT count(*) FROM procedures WHERE code = '2.000505'"), '0');
    run = spawnSync(BIN, ['import', 'procedures', '--db', db, '--partial', file], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /row 8: 2\.000505 added/);
    assert.match(run.stdout, /^5 added, 0 changed, 2 unchanged, 0 repealed, 2 rejected$/m);
    assert.equal(sql(db, "SELECT level || ' ' || agency FROM procedures WHERE code = '2.000505'"), 'province 000.00.02.H99');
    run = spawnSync(BIN, ['import', 'procedures', '--db', db, '--dry-run', '--partial', file], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /dry run, nothing stored: 0 added, 0 changed, 7 unchanged, 0 repealed, 2 rejected/);
    run = spawnSync(BIN, ['import', 'procedures', '--db', db], { encoding: 'utf8' });
    assert.equal(run.status, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
