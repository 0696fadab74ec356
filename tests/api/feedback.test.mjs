// Citizens' feedback (phản ánh, kiến nghị): the portal and the hotline, routing, the officers'
// steps with their legal service times, following, published answers and ratings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, as, problem, sql, motcua, A, dossierBody, PASSWORD } from './helpers.mjs';

let server, anon, citizen, receiver, processor, leader, admin, steering, auditor;
before(async () => {
  server = await startServer();
  // the province's office, where feedback without a dossier or a route lands
  motcua('user', 'add', '--db', server.db, '--username', 'leader_province', '--password', PASSWORD, '--role', 'leader', '--agency', A.province);
  anon = new Client(server);
  citizen = await as(server, 'citizen');
  receiver = await as(server, 'receiver1');
  processor = await as(server, 'processor1');
  leader = await as(server, 'leader1');
  admin = await as(server, 'admin');
  steering = await as(server, 'steering');
  auditor = await as(server, 'auditor');
});
after(async () => { await server.stop(); });

const localMinute = (iso) => iso.slice(0, 16).replace('T', ' ');
// the due time `days` working days after a receipt, as the calendar command computes it
const dueAfter = (iso, days) => {
  const start = new Date(Math.ceil(new Date(iso).getTime() / 60e3) * 60e3 + 7 * 3600e3).toISOString();
  return motcua('calendar', 'due', '--from', localMinute(start), '--days', String(days)).trim();
};
const item = (extra = {}) => ({ category: 'handling', text: 'Hồ sơ của tôi đã quá hẹn mà chưa có kết quả.', phone: '0912 345 678', ...extra });
const count = (table) => Number(sql(server.db, `SELECT count(*) FROM ${table}`));

test('an anonymous sender files feedback about a dossier: routed to its agency, with the legal due times', async () => {
  const d = await receiver.post('/api/v1/dossiers', dossierBody());
  assert.equal(d.status, 201, d.text);
  const r = await anon.post('/api/v1/feedback', item({ dossier_code: d.json.code, email: 'an@example.vn', name: 'Trần Thị An' }));
  assert.equal(r.status, 201, r.text);
  assert.match(r.json.code, /^PAKN-\d{6}-\d{4}$/);
  assert.equal(r.headers.get('location'), `/api/v1/feedback/${r.json.code}`);
  assert.equal(r.json.status, 'received');
  assert.equal(r.json.channel, 'portal');
  assert.equal(r.json.agency.id, A.commune1);
  assert.equal(localMinute(r.json.classify_due), dueAfter(r.json.received_at, 2));
  assert.equal(localMinute(r.json.ask_due), dueAfter(r.json.received_at, 5));
  assert.equal(localMinute(r.json.answer_due), dueAfter(r.json.received_at, 15));
  // one control-sheet row, one audit row, and the sender is told by e-mail
  const id = sql(server.db, `SELECT id FROM feedback WHERE code = '${r.json.code}'`);
  assert.equal(sql(server.db, `SELECT action || ':' || to_status FROM feedback_events WHERE feedback_id = ${id}`), 'submit:1');
  assert.equal(sql(server.db, `SELECT count(*) FROM outbox WHERE recipient = 'an@example.vn'`), '1');
  assert.equal(sql(server.db, `SELECT count(*) FROM audit_log WHERE object = 'feedback:${r.json.code}'`), '1');
});

test('the hotline records a call; a complaint is routed out, never accepted as feedback', async () => {
  const r = await receiver.post('/api/v1/feedback', item({ category: 'complaint', name: 'Người gọi', text: 'Tố cáo cán bộ nhận tiền.' }));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.channel, 'hotline');
  assert.equal(r.json.agency.id, A.province); // no dossier, no route: the top of the tree
  const staff = await (await as(server, 'leader_province')).get(`/api/v1/feedback/${r.json.code}`);
  assert.equal(staff.status, 200, staff.text);
  assert.deepEqual(staff.json.actions.map((a) => a.name), ['refuse', 'duplicate', 'route-out', 'forward']);
  const lp = await as(server, 'leader_province');
  problem(null, await lp.post(`/api/v1/feedback/${r.json.code}/accept`, {}), 409);
  const out = await lp.post(`/api/v1/feedback/${r.json.code}/route-out`, { reason: 'Chuyển Thanh tra tỉnh' });
  assert.equal(out.status, 200, out.text);
  assert.equal(out.json.status, 'routed_out');
});

test('a whole life: accepted, asked for more (the clock stands), answered late, published, rated', async () => {
  const r = await anon.post('/api/v1/feedback', item({ category: 'rule', email: 'binh@example.vn' }));
  assert.equal(r.status, 201, r.text);
  const code = r.json.code;
  // no route for "rule" yet: the province's office forwards it to the commune
  const lp = await as(server, 'leader_province');
  let x = await lp.post(`/api/v1/feedback/${code}/forward`, { agency: A.commune1, reason: 'Thuộc thẩm quyền cấp xã' });
  assert.equal(x.status, 200, x.text);
  assert.equal(x.json.agency.id, A.commune1);
  assert.equal(x.json.answer_due, r.json.answer_due); // forwarding keeps the times
  x = await processor.post(`/api/v1/feedback/${code}/accept`, { version: x.json.version });
  assert.equal(x.status, 200, x.text);
  x = await processor.post(`/api/v1/feedback/${code}/ask`, { request: 'Đề nghị cho biết số hồ sơ' });
  assert.equal(x.json.status, 'waiting');
  // while it waits the sender sees the request; nothing is overdue
  const follow = await anon.get(`/api/v1/feedback/${code}?contact=binh@example.vn`);
  assert.equal(follow.status, 200, follow.text);
  assert.equal(follow.json.request, 'Đề nghị cho biết số hồ sơ');
  assert.equal(follow.json.sender, undefined);
  x = await processor.post(`/api/v1/feedback/${code}/inform`, { note: 'Người gửi đã bổ sung qua điện thoại' });
  assert.equal(x.json.status, 'accepted');
  // the answer comes after its due time
  sql(server.db, `UPDATE feedback SET answer_due = ${Math.floor(Date.now() / 1000) - 3600} WHERE code = '${code}'`);
  assert.equal((await processor.get(`/api/v1/feedback/${code}`)).json.overdue, true);
  x = await processor.post(`/api/v1/feedback/${code}/answer`, { answer: 'Quy định này do UBND tỉnh ban hành năm 2024.' });
  assert.equal(x.status, 200, x.text);
  assert.equal(x.json.status, 'answered');
  assert.equal(localMinute(x.json.publish_due), dueAfter(x.json.answered_at, 2));
  const history = (await processor.get(`/api/v1/feedback/${code}`)).json.history;
  assert.equal(history.find((h) => h.action === 'answer').timeliness, 'late');
  // not public before it is published; only a leader publishes
  assert.equal((await anon.get(`/api/v1/feedback/answers?q=${encodeURIComponent('UBND tỉnh ban hành')}`)).json.items.length, 0);
  problem(null, await processor.post(`/api/v1/feedback/${code}/publish`, {}), 403);
  x = await leader.post(`/api/v1/feedback/${code}/publish`, {});
  assert.equal(x.status, 200, x.text);
  const pub = await anon.get(`/api/v1/feedback/answers?q=${encodeURIComponent('UBND tỉnh ban hành')}`);
  assert.equal(pub.json.items.length, 1);
  assert.equal(pub.json.items[0].code, code);
  assert.equal(pub.json.items[0].answer, 'Quy định này do UBND tỉnh ban hành năm 2024.');
  assert.equal(pub.json.items[0].sender, undefined);
  assert.equal(pub.json.items[0].dossier_code, undefined);
  // staff fields are plain text too; an officer's name, else the username, goes on the control sheet
  assert.equal((await anon.get(`/api/v1/feedback/${code}?contact=binh@example.vn`)).json.can_rate, true);
  // the sender rates it once, with the contact; a wrong contact finds nothing
  problem(null, await anon.post(`/api/v1/feedback/${code}/rating`, { contact: 'x@example.vn', level: 1 }), 404);
  assert.equal((await anon.post(`/api/v1/feedback/${code}/rating`, { contact: 'binh@example.vn', level: 1 })).status, 201);
  problem(null, await anon.post(`/api/v1/feedback/${code}/rating`, { contact: 'binh@example.vn', level: 2 }), 409);
  assert.equal((await anon.get(`/api/v1/feedback/${code}?contact=binh@example.vn`)).json.can_rate, false);
  // the sender got a message at each step that concerns them
  assert.equal(sql(server.db, `SELECT count(*) FROM outbox WHERE recipient = 'binh@example.vn'`), '4');
  // the service index's feedback parts are recorded now: the commune answered one item, late,
  // and its sender was satisfied (the commune's other item is open and not yet due)
  const index = (await steering.get(`/api/v1/index?agency=${A.commune1}&from=2026-01-01&to=2027-12-31`)).json.index;
  const part = (code) => index.groups.flatMap((g) => g.parts).find((p) => p.code === code);
  assert.deepEqual([part('feedback_on_time').numerator, part('feedback_on_time').denominator], [0, 1]);
  assert.equal(part('feedback_on_time').points, 0);
  assert.deepEqual([part('feedback_satisfied').numerator, part('feedback_satisfied').denominator], [1, 1]);
  assert.equal(part('feedback_satisfied').points, 6);
});

test('a duplicate follows its original; the staff queue and the hotline view see what is overdue', async () => {
  const first = await anon.post('/api/v1/feedback', item({ phone: '0987 654 321', text: 'Đường vào bộ phận một cửa bị ngập.' }));
  const again = await anon.post('/api/v1/feedback', item({ phone: '0987 654 321', text: 'Đường vào bộ phận một cửa vẫn ngập.' }));
  const lp = await as(server, 'leader_province');
  problem(null, await lp.post(`/api/v1/feedback/${again.json.code}/duplicate`, { duplicate_of: again.json.code }), 422, 'duplicate_of');
  problem(null, await lp.post(`/api/v1/feedback/${again.json.code}/duplicate`, { duplicate_of: 'PAKN-200101-9999' }), 422, 'duplicate_of');
  const d = await lp.post(`/api/v1/feedback/${again.json.code}/duplicate`, { duplicate_of: first.json.code });
  assert.equal(d.status, 200, d.text);
  assert.equal(d.json.status, 'duplicate');
  assert.equal(d.json.duplicate_of, first.json.code);
  const follow = await anon.get(`/api/v1/feedback/${again.json.code}?contact=4321`);
  assert.equal(follow.json.duplicate_of, first.json.code);
  // overdue: open past its answering time
  sql(server.db, `UPDATE feedback SET answer_due = 1 WHERE code = '${first.json.code}'`);
  const late = await steering.get('/api/v1/feedback?view=overdue');
  assert.equal(late.status, 200, late.text);
  assert.ok(late.json.items.some((i) => i.code === first.json.code && i.overdue));
  // the steering committee sees every item, the sender's contact masked
  const seen = late.json.items.find((i) => i.code === first.json.code);
  assert.match(seen.sender.phone, /^\*+4321$/);
  const full = (await as(server, 'leader_province')).get(`/api/v1/feedback/${first.json.code}`);
  assert.equal((await full).json.sender.phone, '0987 654 321');
  // a commune's officer sees only the commune's items
  const mine = await processor.get('/api/v1/feedback');
  assert.ok(mine.json.items.every((i) => i.agency.id === A.commune1));
  // the queue's tabs, as the dossiers': each count is its list's length
  const counts = (await lp.get('/api/v1/feedback/counts')).json;
  for (const v of ['all', 'open', 'mine', 'due_soon', 'late'])
    assert.equal(counts[v], (await lp.get(`/api/v1/feedback?view=${v}&limit=200`)).json.items.length, v);
  assert.ok(counts.late >= 1 && counts.late === counts.overdue);
  assert.equal(counts.mine, counts.open); // the province's leader processes for the whole province
  assert.equal((await steering.get('/api/v1/feedback/counts')).json.mine, 0); // processes nowhere
  problem(null, await lp.get('/api/v1/feedback?view=someday'), 400);
  problem(null, await processor.get(`/api/v1/feedback/${first.json.code}`), 404);
});

test('bad input gets a clear error and writes nothing', async () => {
  const before = count('feedback') + count('feedback_events') + count('audit_log');
  const cases = [
    [{ text: 'x', phone: '0912345678' }, 'category'],
    [item({ category: 'gossip' }), 'category'],
    [item({ text: 'x'.repeat(4001) }), 'text'],
    [item({ text: 'Xem <script>alert(1)</script>' }), 'text'],
    [item({ phone: null }), 'phone'],
    [item({ phone: 'abc' }), 'phone'],
    [item({ email: 'not-mail' }), 'email'],
    [item({ dossier_code: 'HS-1' }), 'dossier_code'],
    [item({ dossier_code: '000.00.31.H88-200101-9999' }), 'dossier_code'],
    [item({ location: { lat: 91, long: 105 } }), 'location.lat'],
    [item({ location: { lat: 21 } }), 'location.long'],
    [item({ colour: 'red' }), 'colour'],
  ];
  for (const [body, field] of cases) problem(null, await anon.post('/api/v1/feedback', body), 422, field);
  // 4,000 characters are fine, and a '<' that opens no tag is text
  assert.equal((await anon.post('/api/v1/feedback', item({ text: 'ồ'.repeat(3990) + ' < 5 ngày' }))).status, 201);
  assert.equal(count('feedback') + count('feedback_events') + count('audit_log'), before + 3);
  // staff who do not receive do not file feedback; actions check their fields after the status
  problem(null, await processor.post('/api/v1/feedback', item()), 403);
  const r = await anon.post('/api/v1/feedback', item({ dossier_code: (await receiver.post('/api/v1/dossiers', dossierBody())).json.code }));
  problem(null, await processor.post(`/api/v1/feedback/${r.json.code}/answer`, {}), 409);
  await processor.post(`/api/v1/feedback/${r.json.code}/accept`, {});
  problem(null, await processor.post(`/api/v1/feedback/${r.json.code}/answer`, {}), 422, 'answer');
  problem(null, await processor.post(`/api/v1/feedback/${r.json.code}/answer`, { answer: 'a', version: 1 }), 409);
  const fwd = await processor.post(`/api/v1/feedback/${r.json.code}/forward`, { agency: '000.00.99.H88' });
  problem(null, fwd, 422, 'agency');
  assert.deepEqual([fwd.json.errors[0].code, fwd.json.errors[0].param], ['not_found', '000.00.99.H88']);
  problem(null, await processor.post(`/api/v1/feedback/${r.json.code}/answer`, { answer: 'Xem <a href="x">đây</a>' }), 422, 'answer');
  const hist = (await processor.get(`/api/v1/feedback/${r.json.code}`)).json.history;
  assert.ok(hist.filter((h) => h.action === 'accept').every((h) => h.actor && h.actor.length > 0));
});

test('the service times and the routes by category are data an administrator sets', async () => {
  assert.deepEqual((await anon.get('/api/v1/feedback/times')).json, { classify: 2, ask: 5, answer: 15, publish: 2 });
  problem(null, await admin.put('/api/v1/feedback/times', { classify: 0, ask: 5, answer: 15, publish: 2 }), 422, 'classify');
  problem(null, await leader.put('/api/v1/feedback/times', { classify: 1, ask: 5, answer: 10, publish: 2 }), 403);
  assert.equal((await admin.put('/api/v1/feedback/times', { classify: 1, ask: 5, answer: 10, publish: 2 })).status, 200);
  assert.equal((await admin.put('/api/v1/feedback/routes/conduct', { agency: A.commune2 })).status, 200);
  problem(null, await admin.put('/api/v1/feedback/routes/conduct', { agency: '000.00.99.H88' }), 422, 'agency');
  problem(null, await admin.put('/api/v1/feedback/routes/gossip', { agency: A.commune2 }), 404);
  const r = await anon.post('/api/v1/feedback', item({ category: 'conduct', text: 'Cán bộ thái độ chưa đúng mực.' }));
  assert.equal(r.json.agency.id, A.commune2);
  assert.equal(localMinute(r.json.answer_due), dueAfter(r.json.received_at, 10));
  assert.equal((await admin.put('/api/v1/feedback/times', { classify: 2, ask: 5, answer: 15, publish: 2 })).status, 200);
  assert.equal(auditor.constructor, Client);
});

test('the feedback report counts per unit, category and month as the index does, in every format', async () => {
  // a period holding every run of the suite (also under a shifted clock, across a new year)
  const P = 'from=2026-01-01&to=2027-12-31';
  const r = await steering.get(`/api/v1/reports/feedback?agency=${A.province}&${P}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.group_by, 'agency');
  assert.equal(r.json.rows[0].key, A.province); // the province's own office first, then its units
  const sum = (k) => r.json.rows.reduce((s, x) => s + x[k], 0);
  for (const k of ['received', 'handled', 'on_time', 'late', 'open', 'overdue', 'rated', 'satisfied'])
    assert.equal(sum(k), r.json.total[k], k);
  assert.equal(r.json.total.received, Number(sql(server.db, `SELECT count(*) FROM feedback f JOIN agencies a ON a.id = f.agency WHERE a.path LIKE '${A.province}/%'`)));
  // the commune's row says what its index part says
  const commune = r.json.rows.find((x) => x.key === A.commune1);
  const index = (await steering.get(`/api/v1/index?agency=${A.commune1}&${P}`)).json.index;
  const onTime = index.groups.flatMap((g) => g.parts).find((p) => p.code === 'feedback_on_time');
  assert.deepEqual([commune.on_time, commune.handled + commune.overdue], [onTime.numerator, onTime.denominator]);
  // and so does the province's index with its units: each item counts for the unit it lies under
  const province = (await steering.get(`/api/v1/index?agency=${A.province}&children=1&${P}`)).json;
  const child = province.children.find((c) => c.agency.id === A.commune1);
  assert.equal(child.total, index.total);
  const cats = await steering.get(`/api/v1/reports/feedback?agency=${A.province}&group_by=category&${P}`);
  assert.deepEqual(cats.json.rows.map((x) => x.key), ['rule', 'handling', 'conduct', 'other', 'complaint']);
  assert.equal(cats.json.rows.reduce((s, x) => s + x.received, 0), r.json.total.received);
  const months = await steering.get(`/api/v1/reports/feedback?agency=${A.province}&group_by=month&from=2026-01-01&to=2026-12-31`);
  assert.equal(months.json.rows.length, 12);
  assert.equal(months.json.rows[0].name, 'Tháng 01/2026');
  problem(null, await steering.get('/api/v1/reports/feedback?group_by=weekday'), 400);
  const xlsx = await steering.get(`/api/v1/reports/feedback?agency=${A.province}&format=xlsx`);
  assert.equal(xlsx.status, 200);
  assert.match(xlsx.headers.get('content-type'), /spreadsheetml/);
  const pdf = await steering.get(`/api/v1/reports/feedback?agency=${A.province}&format=pdf`);
  assert.equal(pdf.status, 200);
  assert.match(pdf.headers.get('content-type'), /application\/pdf/);
  // a commune's officers report on their commune only
  problem(null, await processor.get(`/api/v1/reports/feedback?agency=${A.province}`), 403);
  // feedback moves no dossier counter: the statistics still agree with the dossiers
  assert.match(motcua('report', 'verify', '--db', server.db), /every counter agrees/);
});

test('the sender and the staff attach photos and PDFs; those who see it masked do not', async () => {
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a5b60000000049454e44ae426082', 'hex');
  const r = await anon.post('/api/v1/feedback', item({ phone: '0933 222 111', text: 'Ảnh đường ngập kèm theo.' }));
  const code = r.json.code;
  const upload = async (fields, bytes = PNG, name = 'anh duong.png', cookie) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([bytes]), name);
    const x = await fetch(`${server.base}/api/v1/feedback/${code}/files`, { method: 'POST', body: form, headers: cookie ? { Cookie: cookie } : {} });
    return { status: x.status, json: await x.json().catch(() => null) };
  };
  assert.equal((await upload({ contact: '0000' })).status, 404);
  assert.equal((await upload({ contact: '2111' }, Buffer.from('not a picture'), 'x.txt')).status, 415);
  const a = await upload({ contact: '2111' });
  assert.equal(a.status, 201, JSON.stringify(a.json));
  assert.equal(a.json.content_type, 'image/png');
  assert.equal(a.json.url, `/api/v1/feedback/${code}/files/${a.json.id}`);
  // the sender reads it back with the contact; the staff of the province see it; the steering committee does not
  let g = await fetch(`${server.base}${a.json.url}?contact=2111`);
  assert.equal(g.status, 200);
  assert.deepEqual(Buffer.from(await g.arrayBuffer()), PNG);
  const lp = await as(server, 'leader_province');
  const staff = await lp.get(`/api/v1/feedback/${code}`);
  assert.equal(staff.json.files.length, 1);
  assert.equal(staff.json.history.at(-1).action, 'attach');
  assert.equal((await steering.get(`/api/v1/feedback/${code}`)).json.files.length, 0);
  assert.equal((await steering.get(a.json.url)).status, 403);
  // five in all; none once the item is done
  for (let i = 0; i < 4; i++) assert.equal((await upload({ contact: '2111' })).status, 201);
  assert.equal((await upload({ contact: '2111' })).status, 413);
  const other = await anon.post('/api/v1/feedback', item({ phone: '0933 222 112' }));
  await lp.post(`/api/v1/feedback/${other.json.code}/refuse`, { reason: 'Không thuộc phạm vi' });
  const form = new FormData();
  form.append('contact', '2112');
  form.append('file', new Blob([PNG]), 'a.png');
  assert.equal((await fetch(`${server.base}/api/v1/feedback/${other.json.code}/files`, { method: 'POST', body: form })).status, 409);
});
