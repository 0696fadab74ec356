// The whole life of a dossier: every transition, the clock, the control sheet, races.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, as, problem, sql, motcua, backdate, intoApologyWindow, A, PROC, dossierBody, today, onlineBody } from './helpers.mjs';

let server, desk, centre, jproc, jlead, citizen;
before(async () => {
  server = await startServer();
  desk = await as(server, 'receiver1');
  centre = await as(server, 'centre');
  jproc = await as(server, 'jprocessor');
  jlead = await as(server, 'jleader');
  citizen = await as(server, 'citizen');
});
after(async () => { await server.stop(); });
afterEach(() => server.verifyStats());

const act = (c, code, action, body = {}) => c.post(`/api/v1/dossiers/${code}/${action}`, body);
const record = async (extra = {}) => {
  const r = await centre.post('/api/v1/dossiers', dossierBody({ procedure: PROC.record, agency: A.centre, ...extra }));
  assert.equal(r.status, 201, r.text);
  return r.json;
};
const localMinute = (iso) => iso.slice(0, 16).replace('T', ' ');

test('received at the centre, processed and approved at the department, returned', async () => {
  const d = await record();
  assert.equal(d.current_unit, A.centre);
  assert.deepEqual(d.allowed_actions, ['refuse', 'handover', 'request-supplement', 'withdraw', 'apologize']);
  let r = await act(centre, d.code, 'handover');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'processing');
  assert.equal(r.json.current_unit, A.justice);
  assert.equal(r.json.step, 1);
  assert.deepEqual(r.json.steps.map((s) => [s.name, s.unit.id, s.hours]), [['Thẩm định, xác minh', A.justice, 56], ['Ký duyệt', A.justice, 16]]);
  // step 1 is due 56 working hours (7 days) after the handover
  const started = r.json.steps[0].started_at;
  const start = new Date(Math.ceil(new Date(started).getTime() / 60e3) * 60e3 + 7 * 3600e3).toISOString();
  assert.equal(localMinute(r.json.steps[0].due_at), motcua('calendar', 'due', '--from', localMinute(start), '--days', '7').trim());
  // the desk cannot process, the processor cannot approve
  problem(null, await act(centre, d.code, 'forward'), 403);
  problem(null, await act(jproc, d.code, 'finish', { result_number: '1', result_date: today(), signer: 'x' }), 403);
  r = await act(jproc, d.code, 'forward', { note: 'Đủ điều kiện' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.step, 2);
  assert.equal(r.json.steps[0].timeliness, 'early');
  problem(null, await act(jproc, d.code, 'forward'), 409); // the last step
  const day = today();
  r = await act(jlead, d.code, 'finish', { result_number: '123/LLTP', result_date: day, signer: 'Giám đốc Sở Tư pháp' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'processed');
  assert.deepEqual(r.json.result, { number: '123/LLTP', date: day, signer: 'Giám đốc Sở Tư pháp', electronic: false });
  assert.equal(r.json.timeliness, 'early');
  assert.deepEqual(r.json.allowed_actions, ['return']);
  problem(null, await act(centre, d.code, 'return', { method: 'post' }), 422, 'tracking');
  r = await act(centre, d.code, 'return', { method: 'post', tracking: 'EB123456789VN' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'returned');
  assert.deepEqual(r.json.return, { method: 'post', tracking: 'EB123456789VN' });
  // the control sheet: every handover with giver, receiver, units and marks
  const h = await centre.get(`/api/v1/dossiers/${d.code}/history`);
  assert.equal(h.status, 200);
  assert.deepEqual(h.json.rows.map((x) => x.action), ['receive', 'handover', 'forward', 'finish', 'return']);
  const [recv, hand, fwd, fin] = h.json.rows;
  assert.equal(recv.label, 'Tiếp nhận hồ sơ');
  assert.equal(hand.unit.id, A.centre);
  assert.equal(hand.to_unit.id, A.justice);
  assert.equal(hand.receiver, 'jprocessor');
  assert.equal(fwd.step, 1);
  assert.equal(fwd.timeliness, 'early');
  assert.equal(fin.timeliness, 'early');
  assert.equal(sql(server.db, `SELECT count(*) FROM audit_log WHERE object = 'dossier:${d.code}'`), '5');
  // a closed dossier allows nothing
  const closed = await act(centre, d.code, 'withdraw', { reason: 'x' });
  problem(null, closed, 409);
  assert.match(closed.json.detail, /allowed now: none/);
});

test('an online dossier is accepted (the clock starts) or refused with a reason', async () => {
  const a = (await citizen.post('/api/v1/dossiers', await onlineBody(citizen))).json;
  problem(null, await act(desk, a.code, 'refuse', {}), 422, 'reason');
  let r = await act(desk, a.code, 'accept');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'received');
  assert.ok(r.json.received_at && r.json.due_at);
  problem(null, await act(desk, a.code, 'accept'), 409);
  const b = (await citizen.post('/api/v1/dossiers', await onlineBody(citizen))).json;
  r = await act(desk, b.code, 'refuse', { reason: 'Không thuộc thẩm quyền giải quyết của xã' });
  assert.equal(r.status, 200);
  assert.equal(r.json.status, 'refused');
  assert.equal(r.json.close_reason, 'Không thuộc thẩm quyền giải quyết của xã');
  assert.ok(r.json.closed_at);
  // the applicant withdraws their own; not someone else's
  const c = (await citizen.post('/api/v1/dossiers', await onlineBody(citizen))).json;
  const other = await as(server, 'citizen2');
  problem(null, await act(other, c.code, 'withdraw', { reason: 'x' }), 404);
  r = await act(citizen, c.code, 'withdraw', { reason: 'Tôi không cần nữa' });
  assert.equal(r.status, 200);
  assert.equal(r.json.status, 'withdrawn');
});

test('a supplement stops the clock; the due time moves by exactly the working time that passed', async () => {
  const d = await record();
  await act(centre, d.code, 'handover');
  problem(null, await act(jproc, d.code, 'request-supplement', { reason: 'Thiếu giấy tờ' }), 422, 'items');
  problem(null, await act(jproc, d.code, 'request-supplement', { items: [], reason: 'x' }), 422, 'items');
  let r = await act(jproc, d.code, 'request-supplement', { items: ['Bản sao sổ hộ khẩu', 'Ảnh 4x6'], reason: 'Hồ sơ chưa đủ thành phần' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'supplement');
  assert.deepEqual(r.json.supplement_request, { items: ['Bản sao sổ hộ khẩu', 'Ảnh 4x6'], reason: 'Hồ sơ chưa đủ thành phần' });
  assert.equal(r.json.supplement_count, 1);
  const due = r.json.due_at;
  const stepDue = r.json.steps[0].due_at;
  // the applicant takes two weeks: move the pause's start back by 14 days (a week after Tết, or
  // after 30/4-1/5, can hold less than a working day)
  sql(server.db, `UPDATE dossiers SET paused_at = paused_at - 14 * 86400 WHERE code = '${d.code}'`);
  motcua('report', 'rebuild', '--db', server.db); // the edit above bypassed the counters
  const paused = Number(sql(server.db, `SELECT paused_at FROM dossiers WHERE code = '${d.code}'`));
  problem(null, await act(jproc, d.code, 'supplement'), 403); // the desk receives supplements
  r = await act(centre, d.code, 'supplement', { note: 'Đã nhận đủ' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'processing');
  assert.equal(r.json.supplement_request.items.length, 2);
  // exactly the working time of the pause, as the calendar counts it
  const resumed = Number(sql(server.db, `SELECT max(at) FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE d.code = '${d.code}' AND action = 'supplement'`));
  const local = (t) => new Date(t * 1000 + 7 * 3600e3).toISOString().slice(0, 16).replace('T', ' ');
  const gap = Number(motcua('calendar', 'between', '--from', local(paused), '--to', local(resumed)).trim());
  assert.ok(gap >= 4 * 480, `two weeks of pause hold at least four working days (${gap} minutes)`);
  const moved = (t) => motcua('calendar', 'due', '--from', localMinute(t), '--days', String(gap / 480)).trim();
  // (a due time on a closing time moves into the next day: "due" counts from the next opening)
  assert.equal(localMinute(r.json.due_at), moved(due));
  assert.equal(localMinute(r.json.steps[0].due_at), moved(stepDue));
  // a second request counts (for the index, more than one supplement is late)
  r = await act(jproc, d.code, 'request-supplement', { items: ['Tờ khai bổ sung'], reason: 'Sai thông tin' });
  assert.equal(r.json.supplement_count, 2);
});

test('a supplement asked at intake resumes there: received, or for an online dossier accepted with its clock', async () => {
  // (it resumed to "processing" with no step, stuck for good, and an online one without receipt or due time)
  const items = { items: ['Tờ khai có chữ ký'], reason: 'Hồ sơ chưa đủ thành phần' };
  const d = await record();
  let r = await act(centre, d.code, 'request-supplement', items);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'supplement');
  r = await act(centre, d.code, 'supplement');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'received');
  r = await act(centre, d.code, 'handover');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'processing');
  const a = (await citizen.post('/api/v1/dossiers', await onlineBody(citizen))).json;
  r = await act(desk, a.code, 'request-supplement', items);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.received_at, null);
  r = await act(desk, a.code, 'supplement');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'received');
  assert.ok(r.json.received_at && r.json.due_at > r.json.received_at, r.text);
  r = await act(desk, a.code, 'handover');
  assert.equal(r.status, 200, r.text);
  // a procedure without a process: its one step ends with the dossier (it ended a minute later)
  assert.equal(r.json.steps.length, 1);
  assert.equal(r.json.steps[0].due_at, r.json.due_at);
});

test('payment: requested, then recorded; the dossier resumes', async () => {
  const d = await record();
  await act(centre, d.code, 'handover');
  problem(null, await act(jproc, d.code, 'request-payment', { amount: 0 }), 422, 'amount');
  let r = await act(jproc, d.code, 'request-payment', { amount: 200000, note: 'Phí cấp phiếu' });
  assert.equal(r.json.status, 'financial');
  problem(null, await act(centre, d.code, 'pay', { amount: 200000, method: 'bitcoin', receipt: 'BL1' }), 422, 'method');
  r = await act(centre, d.code, 'pay', { amount: 200000, method: 'transfer', receipt: 'BL-0001234' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'processing');
  assert.equal(r.json.fee.amount, 200000);
  assert.equal(r.json.fee.paid, 200000);
  assert.equal(r.json.fee.receipt, 'BL-0001234');
});

test('send back a step with a reason; stop processing with a legal reason', async () => {
  const d = await record();
  await act(centre, d.code, 'handover');
  problem(null, await act(jproc, d.code, 'send-back', { reason: 'x' }), 409); // first step
  await act(jproc, d.code, 'forward');
  problem(null, await act(jlead, d.code, 'send-back', {}), 422, 'reason');
  let r = await act(jlead, d.code, 'send-back', { reason: 'Cần xác minh thêm' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.step, 1);
  assert.equal(r.json.steps[0].finished_at, null);
  problem(null, await act(jproc, d.code, 'stop', { reason: 'x' }), 403);
  r = await act(jlead, d.code, 'stop', { reason: 'Theo khoản 2 Điều 48 Luật Lý lịch tư pháp' });
  assert.equal(r.json.status, 'stopped');
});

test('apology and new appointment: the head of the agency, from three working days before the due time, once, later, in office hours', async () => {
  let d = await record();
  await act(centre, d.code, 'handover');
  // too early: unavailable with the moment it opens, and refused with the server's Vietnamese reason
  let offer = (await jlead.get(`/api/v1/dossiers/${d.code}`)).json.actions.find((a) => a.name === 'apologize');
  assert.equal(offer.available, false);
  assert.equal(offer.reason, 'too_early');
  assert.ok(new Date(offer.available_from) > new Date(), offer.available_from);
  assert.match(offer.reason_label, /^Chỉ được xin lỗi và hẹn lại từ 3 ngày làm việc trước hạn trả kết quả: từ \d\d giờ \d\d phút, ngày/);
  // a week after the due time, at 09:00 or the next opening after it (a working day in office hours)
  const later = new Date(new Date(d.due_at).getTime() + 7 * 86400e3 + 7 * 3600e3).toISOString().slice(0, 10);
  const opening = motcua('calendar', 'due', '--from', `${later} 09:00`, '--days', '0').trim();
  const ymd = opening.slice(0, 10);
  const newDue = `${ymd}T${opening.slice(11)}:00+07:00`;
  let r = await act(jlead, d.code, 'apologize', { reason: 'x', new_due_at: newDue });
  problem(null, r, 409);
  assert.equal(r.json.reason, 'too_early');
  assert.match(r.json.reason_label, /^Chỉ được xin lỗi và hẹn lại từ 3 ngày làm việc/);
  // in the window: a processing officer may not, the desk may not, the leader may
  d = await intoApologyWindow(server.db, jlead, d.code);
  offer = d.actions.find((a) => a.name === 'apologize');
  assert.equal(offer.available, true, JSON.stringify(offer));
  offer = (await jproc.get(`/api/v1/dossiers/${d.code}`)).json.actions.find((a) => a.name === 'apologize');
  assert.deepEqual([offer.available, offer.reason], [false, 'role']);
  r = await act(jproc, d.code, 'apologize', { reason: 'x', new_due_at: newDue });
  problem(null, r, 403);
  assert.equal(r.json.reason, 'role');
  problem(null, await act(centre, d.code, 'apologize', { reason: 'x', new_due_at: newDue }), 403);
  problem(null, await act(jlead, d.code, 'apologize', { reason: 'x', new_due_at: d.due_at }), 422, 'new_due_at');
  problem(null, await act(jlead, d.code, 'apologize', { reason: 'x', new_due_at: `${ymd}T22:00:00+07:00` }), 422, 'new_due_at');
  r = await act(jlead, d.code, 'apologize', { reason: 'Cần xác minh tại địa phương khác', new_due_at: newDue });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.due_at, newDue);
  assert.equal(r.json.apology.previous_due_at, d.due_at);
  assert.equal(r.json.original_due_at, d.due_at);
  const again = await act(jlead, d.code, 'apologize', { reason: 'y', new_due_at: newDue });
  problem(null, again, 409);
  assert.deepEqual([again.json.reason, again.json.reason_label], ['apologized', 'Đã xin lỗi và hẹn lại một lần']);
  // overdue and unfinished: still, to an appointment ahead of now
  const e = await record();
  await act(centre, e.code, 'handover');
  backdate(server.db, e.code, 30 * 86400); // received a month ago: its due time has passed
  r = await act(jlead, e.code, 'apologize', { reason: 'Chậm do cần xác minh', new_due_at: newDue });
  assert.equal(r.status, 200, r.text);
});

test('consulting another agency: a child dossier with its own deadline; the parent waits', async () => {
  const d = await record({ variant: PROC.recordVariants[1] });
  let r = await act(centre, d.code, 'handover');
  assert.equal(r.json.steps.length, 1);
  problem(null, await act(jproc, d.code, 'consult', { agency: '000.00.99.H88' }), 422, 'agency');
  problem(null, await act(jproc, d.code, 'consult', { agency: A.justice }), 422, 'agency');
  r = await act(jproc, d.code, 'consult', { agency: A.commune2, days: 3, note: 'Xác minh nơi cư trú' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.open_consultations, 1);
  assert.equal(r.json.consultations.length, 1);
  const child = r.json.consultations[0];
  assert.match(child.code, new RegExp(`^${A.commune2.replace(/\./g, '\\.')}-`));
  assert.equal(child.status, 'processing');
  problem(null, await act(jproc, d.code, 'finish', { result_number: '1', result_date: today(), signer: 'x' }), 403);
  problem(null, await act(jlead, d.code, 'finish', { result_number: '1', result_date: today(), signer: 'x' }), 409);
  // the commune works on its child dossier
  const leader2 = await as(server, 'leader2');
  const c = await leader2.get(`/api/v1/dossiers/${child.code}`);
  assert.equal(c.status, 200);
  assert.equal(c.json.parent, Number(sql(server.db, `SELECT id FROM dossiers WHERE code = '${d.code}'`)));
  r = await act(leader2, child.code, 'finish', { result_number: '45/XM', result_date: today(), signer: 'Chủ tịch UBND xã' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'returned');
  // processed, then handed back: two moves the status table allows, one row each
  const ch = (await leader2.get(`/api/v1/dossiers/${child.code}/history`)).json.rows.slice(-2);
  assert.deepEqual(ch.map((x) => [x.action, x.from_status, x.to_status]), [['finish', 'processing', 'processed'], ['return', 'processed', 'returned']]);
  const parent = await jproc.get(`/api/v1/dossiers/${d.code}`);
  assert.equal(parent.json.open_consultations, 0);
  const h = await jproc.get(`/api/v1/dossiers/${d.code}/history`);
  assert.deepEqual(h.json.rows.map((x) => x.action), ['receive', 'handover', 'consult', 'consult_done']);
  r = await act(jlead, d.code, 'finish', { result_number: '9/LLTP', result_date: today(), signer: 'Giám đốc' });
  assert.equal(r.status, 200, r.text);
});

test('wrong states get 409 with the allowed moves; unknown actions and dossiers 404', async () => {
  const d = await record();
  const r = await act(centre, d.code, 'return', { method: 'counter' });
  problem(null, r, 409);
  assert.match(r.json.detail, /allowed now: refuse, handover, request-supplement, withdraw, apologize/);
  problem(null, await act(centre, d.code, 'teleport'), 404);
  problem(null, await act(centre, `${A.centre}-991231-0001`, 'handover'), 404);
  problem(null, await act(desk, d.code, 'handover'), 404); // another unit's dossier
  problem(null, await centre.req('POST', `/api/v1/dossiers/${d.code}/handover`, { raw: '{', headers: { 'Content-Type': 'application/json' } }), 400);
  problem(null, await act(centre, d.code, 'handover', { color: 'red' }), 422, 'color');
});

test('two officers at once: the version decides, one wins, nothing is lost', async () => {
  const d = await record();
  const results = await Promise.all(Array.from({ length: 50 }, () => act(centre, d.code, 'handover', { version: d.version })));
  const ok = results.filter((r) => r.status === 200);
  assert.equal(ok.length, 1);
  assert.ok(results.every((r) => r.status === 200 || r.status === 409));
  // the losers read why, in Vietnamese: the dossier changed after they opened it
  const stale = results.find((r) => r.status === 409);
  assert.equal(stale.json.reason, 'stale');
  assert.match(stale.json.reason_label, /vừa được cập nhật sau khi bạn mở; vui lòng tải lại trang/);
  assert.equal(sql(server.db, `SELECT count(*) FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE d.code = '${d.code}' AND action = 'handover'`), '1');
  assert.equal(sql(server.db, `SELECT version FROM dossiers WHERE code = '${d.code}'`), '2');
});

test('50 concurrent transitions on one dossier: exactly the legal ones apply', async () => {
  const d = await record();
  await act(centre, d.code, 'handover'); // a two-step process: one forward is legal
  const moves = Array.from({ length: 50 }, (_, i) => (i % 2 ? act(jproc, d.code, 'forward') : act(jproc, d.code, 'request-payment', { amount: 1000 })));
  const results = await Promise.all(moves);
  const applied = results.filter((r) => r.status === 200);
  // from processing at step 1: either forward then request-payment, or request-payment alone
  // (from financial neither applies); every other one is refused with 409
  assert.ok(results.every((r) => r.status === 200 || r.status === 409), results.map((r) => r.status).join());
  const events = sql(server.db, `SELECT group_concat(action, ',') FROM (SELECT action FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE d.code = '${d.code}' ORDER BY e.id)`).split(',');
  assert.equal(events.length, 2 + applied.length);
  assert.ok(['forward,request-payment', 'request-payment'].includes(events.slice(2).join(',')), events.join());
  const row = sql(server.db, `SELECT status || '/' || step || '/' || version FROM dossiers WHERE code = '${d.code}'`);
  assert.equal(row, `6/${events.includes('forward') ? 2 : 1}/${2 + applied.length}`);
});

test('an approval step is moved on by a leader approving it, not by forwarding', async () => {
  const admin = await as(server, 'admin');
  const cur = (await admin.get(`/api/v1/procedures/${PROC.record}/variants`)).json.variants;
  const variants = cur.map(({ name, duration_days, duration_kind, steps }) => ({ name, duration_days, duration_kind, steps: steps.map(({ name: n, unit, role, hours }) => ({ name: n, unit, role, hours })) }));
  variants.push({ name: 'Có phê duyệt giữa chừng', duration_days: 10, steps: [
    { name: 'Thụ lý', role: 'process', hours: 24 }, { name: 'Phê duyệt', role: 'approve', hours: 8 }, { name: 'In phiếu', role: 'process', hours: 8 }] });
  const put = await admin.put(`/api/v1/procedures/${PROC.record}/variants`, { variants });
  assert.equal(put.status, 200, put.text);
  const d = await record({ variant: put.json.variants[2].id });
  await act(centre, d.code, 'handover');
  // what each caller is offered, and why not: the same rule that refuses the action
  const offered = async (client) => Object.fromEntries((await client.get(`/api/v1/dossiers/${d.code}`)).json.actions
    .map((a) => [a.name, a.available ? 'yes' : a.reason]));
  let o = await offered(jproc);
  assert.equal(o.forward, 'yes');
  assert.equal(o['send-back'], 'first_step');
  assert.equal(o.approve, 'role');
  assert.equal(o.finish, 'role');
  assert.equal((await offered(jlead)).approve, 'not_approval_step');
  assert.equal((await offered(centre)).forward, 'role');
  const full = (await jproc.get(`/api/v1/dossiers/${d.code}`)).json.actions.find((a) => a.name === 'send-back');
  assert.equal(full.reason_label, 'Hồ sơ đang ở bước đầu tiên, không có bước trước để trả lại');
  assert.deepEqual(full.fields, [{ name: 'reason', required: true }]);
  problem(null, await act(jlead, d.code, 'approve'), 409); // step 1 is not an approval
  let r = await act(jproc, d.code, 'forward');
  assert.equal(r.json.step, 2);
  assert.equal(r.json.actions.find((a) => a.name === 'forward').reason, 'approval_step');
  assert.equal((await offered(jlead)).approve, 'yes');
  problem(null, await act(jproc, d.code, 'forward'), 403);
  problem(null, await act(jproc, d.code, 'approve'), 403);
  r = await act(jlead, d.code, 'approve', { note: 'Đồng ý' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.step, 3);
  o = await offered(jproc);
  assert.equal(o.forward, 'last_step');
  assert.equal(o['send-back'], 'yes');
  problem(null, await act(jproc, d.code, 'forward'), 409);
  const h = await jproc.get(`/api/v1/dossiers/${d.code}/history`);
  assert.deepEqual(h.json.rows.map((x) => x.action), ['receive', 'handover', 'forward', 'approve']);
  assert.equal(h.json.rows[3].label, 'Phê duyệt, chuyển bước tiếp theo');
  // the variants in use cannot be dropped
  problem(null, await admin.put(`/api/v1/procedures/${PROC.record}/variants`, { variants: variants.slice(0, 2) }), 409);
});

// The local day of an ISO time, moved by some days.
const dayOf = (iso, days = 0) => new Date(new Date(iso).getTime() + 7 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);

test('a result is dated between the day of receipt and today; nothing changes otherwise', async () => {
  const d = await record();
  await act(centre, d.code, 'handover');
  await act(jproc, d.code, 'forward');
  backdate(server.db, d.code, 3 * 86400); // received three days ago
  const received = dayOf(d.received_at, -3);
  const finish = (date) => act(jlead, d.code, 'finish', { result_number: '5/LLTP', result_date: date, signer: 'Giám đốc' });
  for (const date of ['1900-01-01', dayOf(d.received_at, -4), dayOf(new Date().toISOString(), 1), '9999-12-31']) {
    const r = await finish(date);
    problem(null, r, 422, 'result_date');
    assert.equal(r.json.errors.length, 1, r.text);
  }
  assert.equal((await centre.get(`/api/v1/dossiers/${d.code}`)).json.status, 'processing');
  const r = await finish(received);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.result.date, received);
});

test('a new appointment is later than the current one and within a year of it; every refusal names new_due_at', async () => {
  let d = await record();
  await act(centre, d.code, 'handover');
  d = await intoApologyWindow(server.db, jlead, d.code);
  for (const at of ['2100-01-04T09:00:00+07:00', '9999-12-30T09:00:00+07:00', `${dayOf(d.due_at, 367)}T09:00:00+07:00`]) {
    const r = await act(jlead, d.code, 'apologize', { reason: 'Chậm', new_due_at: at });
    problem(null, r, 422, 'new_due_at');
  }
  const after = await centre.get(`/api/v1/dossiers/${d.code}`);
  assert.equal(after.json.due_at, d.due_at);
});

test('a payment below (or above) the amount due is refused and the dossier keeps waiting for it', async () => {
  const d = await record();
  await act(centre, d.code, 'handover');
  await act(jproc, d.code, 'request-payment', { amount: 50000 });
  for (const amount of [1, 49999, 50001]) {
    const r = await act(centre, d.code, 'pay', { amount, method: 'cash', receipt: 'BL-1' });
    problem(null, r, 422, 'amount');
    assert.match(r.json.errors[0].message, /50000/);
  }
  let r = await centre.get(`/api/v1/dossiers/${d.code}`);
  assert.equal(r.json.status, 'financial');
  assert.equal(r.json.fee.paid, null);
  r = await act(centre, d.code, 'pay', { amount: 50000, method: 'cash', receipt: 'BL-2' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'processing');
});
