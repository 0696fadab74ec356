// The procedure catalog: search without diacritics, administrators' edits, history.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, as, problem, sql, A, PROC } from './helpers.mjs';

let server, admin, anon;
before(async () => { server = await startServer(); admin = await as(server, 'admin'); anon = new Client(server); });
after(async () => { await server.stop(); });

const names = (r) => r.json.items.map((x) => x.name);

test('search ignores diacritics and treats đ as d', async () => {
  let r = await anon.get('/api/v1/procedures?q=' + encodeURIComponent('thu tuc dat dai'));
  assert.equal(r.status, 200);
  assert.deepEqual(names(r), ['Thủ tục đất đai: đăng ký biến động quyền sử dụng đất']);
  r = await anon.get('/api/v1/procedures?q=' + encodeURIComponent('THỦ TỤC ĐẤT ĐAI'));
  assert.deepEqual(names(r), ['Thủ tục đất đai: đăng ký biến động quyền sử dụng đất']);
  r = await anon.get('/api/v1/procedures?q=' + encodeURIComponent('dang ky'));
  assert.deepEqual(names(r).sort(), ['Thủ tục đất đai: đăng ký biến động quyền sử dụng đất', 'Đăng ký khai sinh'].sort());
  r = await anon.get('/api/v1/procedures?q=' + encodeURIComponent('ly lich'));
  assert.deepEqual(names(r), ['Cấp Phiếu lý lịch tư pháp']);
  r = await anon.get('/api/v1/procedures?q=' + encodeURIComponent('khai'));   // a prefix
  assert.deepEqual(names(r), ['Đăng ký khai sinh']);
  r = await anon.get('/api/v1/procedures?q=' + encodeURIComponent('2.000488')); // by code
  assert.deepEqual(names(r), ['Cấp Phiếu lý lịch tư pháp']);
  r = await anon.get('/api/v1/procedures?q=' + encodeURIComponent('xyz qqq'));
  assert.deepEqual(r.json.items, []);
  r = await anon.get('/api/v1/procedures?q=' + encodeURIComponent('"*) OR 1=1 --'));
  assert.equal(r.status, 200);
});

test('search knows what people call things, and ranks partial matches when nothing matches every word', async () => {
  const q = async (text) => names(await anon.get('/api/v1/procedures?q=' + encodeURIComponent(text)));
  assert.deepEqual(await q('giấy khai sinh'), ['Đăng ký khai sinh']);
  assert.deepEqual(await q('giay khai sinh'), ['Đăng ký khai sinh']);
  assert.deepEqual(await q('LLTP'), ['Cấp Phiếu lý lịch tư pháp']);
  assert.deepEqual(await q('sổ đỏ'), ['Thủ tục đất đai: đăng ký biến động quyền sử dụng đất']);
  // no procedure holds "cho" and "con": those holding some words, the best first
  assert.equal((await q('khai sinh cho con'))[0], 'Đăng ký khai sinh');
  // a fallback search pages too
  const p1 = await anon.get('/api/v1/procedures?limit=1&q=' + encodeURIComponent('khai lich'));
  assert.equal(p1.json.items.length, 1);
  assert.match(p1.json.next_cursor, /^any\./);
  const p2 = await anon.get(`/api/v1/procedures?limit=1&q=${encodeURIComponent('khai lich')}&cursor=${p1.json.next_cursor}`);
  assert.equal(p2.json.items.length, 1);
  assert.deepEqual([...names(p1), ...names(p2)].sort(), ['Cấp Phiếu lý lịch tư pháp', 'Đăng ký khai sinh']);
  // words of one letter, or none: nothing listed for them, and no page that never ends
  assert.deepEqual((await anon.get('/api/v1/procedures?q=' + encodeURIComponent('w z'))).json, { items: [], next_cursor: null });
  assert.deepEqual((await anon.get('/api/v1/procedures?q=' + encodeURIComponent(',,'))).json, { items: [], next_cursor: null });
});

test('filters and pages', async () => {
  const all = await anon.get('/api/v1/procedures');
  assert.equal(all.json.items.length, 4);
  assert.equal(all.json.next_cursor, null);
  const p1 = await anon.get('/api/v1/procedures?limit=3');
  assert.equal(p1.json.items.length, 3);
  assert.ok(p1.json.next_cursor);
  const p2 = await anon.get('/api/v1/procedures?limit=3&cursor=' + p1.json.next_cursor);
  assert.equal(p2.json.items.length, 1);
  assert.equal(p2.json.next_cursor, null);
  const ids = [...p1.json.items, ...p2.json.items].map((x) => x.id);
  assert.equal(new Set(ids).size, 4);
  assert.deepEqual(names(await anon.get(`/api/v1/procedures?agency=${A.justice}`)), ['Cấp Phiếu lý lịch tư pháp']);
  assert.equal((await anon.get('/api/v1/procedures?level=commune')).json.items.length, 2);
  assert.equal((await anon.get('/api/v1/procedures?field=' + encodeURIComponent('Hộ tịch'))).json.items.length, 1);
  const s1 = await anon.get('/api/v1/procedures?q=dang&limit=1');
  const s2 = await anon.get('/api/v1/procedures?q=dang&limit=1&cursor=' + s1.json.next_cursor);
  assert.notEqual(s1.json.items[0].id, s2.json.items[0].id);
  problem(null, await anon.get('/api/v1/procedures?limit=0'), 400);
  problem(null, await anon.get('/api/v1/procedures?limit=abc'), 400);
  problem(null, await anon.get('/api/v1/procedures?cursor=-4'), 400);
  problem(null, await anon.get('/api/v1/procedures?agency=000.00.99.H88'), 400);
});

test('get a procedure with its components and fees', async () => {
  const r = await anon.get(`/api/v1/procedures/${PROC.record}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.code, '2.000488');
  assert.equal(r.json.agency.id, A.justice);
  assert.equal(r.json.agency.name, 'Sở Tư pháp');
  assert.deepEqual(r.json.fees, [{ name: 'Phí cấp phiếu', amount: 200000 }]);
  const b = await anon.get(`/api/v1/procedures/${PROC.birth}`);
  assert.deepEqual(b.json.components.map((c) => [c.position, c.kind, c.count, c.required]),
    [[1, 'original', 1, true], [2, 'original', 1, true], [3, 'copy', 1, false]]);
  problem(null, await anon.get('/api/v1/procedures/999999'), 404);
  problem(null, await anon.get('/api/v1/procedures/abc'), 404);
});

test('create answers 201 with the id; a taken code is 409', async () => {
  const body = { code: '1.000001', name: 'Đăng ký thường trú', field: 'Cư trú', level: 'commune', agency: A.province, duration_days: 7, duration_kind: 'working' };
  const r = await admin.post('/api/v1/procedures', body);
  assert.equal(r.status, 201);
  assert.ok(Number.isInteger(r.json.id));
  assert.equal(r.json.version, 1);
  assert.equal(sql(server.db, `SELECT count(*) FROM procedure_history WHERE procedure_id = ${r.json.id}`), '1');
  problem(null, await admin.post('/api/v1/procedures', body), 409);
  const found = await anon.get('/api/v1/procedures?q=thuong%20tru');
  assert.deepEqual(names(found), ['Đăng ký thường trú']);
});

test('bad procedures are refused field by field and nothing is written', async () => {
  const good = { code: '1.000002', name: 'X', field: 'Y', level: 'commune', agency: A.province, duration_days: 5, duration_kind: 'working' };
  const count = () => sql(server.db, 'SELECT count(*) FROM procedures') + '/' + sql(server.db, 'SELECT count(*) FROM audit_log');
  const before = count();
  const cases = [
    [{ ...good, code: undefined }, 'code'],
    [{ ...good, code: '1 00002' }, 'code'],
    [{ ...good, name: '   ' }, 'name'],
    [{ ...good, level: 'galaxy' }, 'level'],
    [{ ...good, agency: 'abc' }, 'agency'],
    [{ ...good, agency: '000.00.99.H88' }, 'agency'],
    [{ ...good, duration_days: 0 }, 'duration_days'],
    [{ ...good, duration_days: 'five' }, 'duration_days'],
    [{ ...good, duration_days: 1.3 }, 'duration_days'],
    [{ ...good, duration_kind: 'calendar', duration_days: 2.5 }, 'duration_days'],
    [{ ...good, duration_kind: 'lunar' }, 'duration_kind'],
    [{ ...good, online_duration_days: 9 }, 'online_duration_days'],
    [{ ...good, online_class: 'level4' }, 'online_class'],
    [{ ...good, online_level: 5 }, 'online_level'],
    [{ ...good, decision_date: '2024-02-30' }, 'decision_date'],
    [{ ...good, components: [{ name: 'A', kind: 'photo' }] }, 'components[0].kind'],
    [{ ...good, components: [{ kind: 'copy' }] }, 'components[0].name'],
    [{ ...good, components: [{ name: 'A', count: 0 }] }, 'components[0].count'],
    [{ ...good, components: 'all' }, 'components'],
    [{ ...good, fees: [{ name: 'Lệ phí', amount: -1 }] }, 'fees[0].amount'],
    [{ ...good, unknown: 1 }, 'unknown'],
  ];
  for (const [body, field] of cases) problem(null, await admin.post('/api/v1/procedures', body), 422, field);
  assert.equal(count(), before);
});

test('update keeps history, checks the version, and only admins edit', async () => {
  const r = await admin.patch(`/api/v1/procedures/${PROC.land}`, { duration_days: 12, fees: [{ name: 'Lệ phí', amount: 50000 }], version: 1 });
  assert.equal(r.status, 200);
  assert.equal(r.json.duration_days, 12);
  assert.equal(r.json.version, 2);
  assert.equal(r.json.name, 'Thủ tục đất đai: đăng ký biến động quyền sử dụng đất');
  problem(null, await admin.patch(`/api/v1/procedures/${PROC.land}`, { duration_days: 11, version: 1 }), 409);
  assert.equal(sql(server.db, `SELECT group_concat(version) FROM procedure_history WHERE procedure_id = ${PROC.land}`), '1,2');
  const renamed = await admin.patch(`/api/v1/procedures/${PROC.land}`, { name: 'Đăng ký đất đai lần đầu' });
  assert.equal(renamed.status, 200);
  assert.deepEqual(names(await anon.get('/api/v1/procedures?q=dat%20dai%20lan%20dau')), ['Đăng ký đất đai lần đầu']);
  assert.deepEqual(names(await anon.get('/api/v1/procedures?q=bien%20dong')), []);
  for (const u of ['receiver1', 'unitadmin', 'steering', 'citizen']) {
    const c = await as(server, u);
    problem(null, await c.patch(`/api/v1/procedures/${PROC.land}`, { name: 'x' }), 403);
    problem(null, await c.post('/api/v1/procedures', { code: '9.9', name: 'x' }), 403);
  }
  problem(null, await admin.patch('/api/v1/procedures/424242', { name: 'x' }), 404);
});

test('withdrawn procedures leave the public list', async () => {
  const r = await admin.post('/api/v1/procedures', { code: '1.000099', name: 'Thủ tục bãi bỏ', field: 'Khác', level: 'commune', agency: A.province, duration_days: 1, duration_kind: 'working' });
  await admin.patch(`/api/v1/procedures/${r.json.id}`, { status: 'withdrawn' });
  assert.deepEqual(names(await anon.get('/api/v1/procedures?q=bai%20bo')), []);
  assert.equal((await anon.get(`/api/v1/procedures/${r.json.id}`)).json.status, 'withdrawn');
});
