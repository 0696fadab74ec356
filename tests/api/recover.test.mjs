// The service index's points to win back (GET /api/v1/index/recover): losses and shortfalls
// worked out by hand on a closed quarter, and on today's dossiers the ones at risk of being
// late and what a late result costs.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, as, problem, sql, motcua, A, dossierBody, today } from './helpers.mjs';

let server, admin;
after(async () => { await server.stop(); });
afterEach(() => server.verifyStats());

// Unix seconds of a local (UTC+7) time "YYYY-MM-DD HH:MM".
const at = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10), +s.slice(11, 13) - 7, +s.slice(14, 16)) / 1000;

// The first quarter of 2026, moved into the past by hand (with `report rebuild`). Channel 1 is the
// counter, 2 online; status 4 processing, 9 result ready, 10 returned.
const FIXED = {
  A: { agency: A.commune1, channel: 1, status: 10, received: '2026-01-05 08:00', due: '2026-01-12 16:00', finished: '2026-01-08 09:00', returned: '2026-01-09 09:00' },
  B: { agency: A.commune1, channel: 2, status: 9, received: '2026-02-02 08:00', due: '2026-02-05 16:00', finished: '2026-02-10 10:00' }, // late
  C: { agency: A.commune1, channel: 1, status: 9, received: '2026-02-16 08:00', due: '2026-02-20 16:00', finished: '2026-02-18 10:00' },
  D: { agency: A.commune1, channel: 1, status: 4, received: '2026-03-02 08:00', due: '2026-03-10 16:00' }, // overdue since
  I: { agency: A.commune2, channel: 1, status: 9, received: '2026-01-12 08:00', due: '2026-01-20 16:00', finished: '2026-01-14 09:00' },
};
const Q1 = 'from=2026-01-01&to=2026-03-31';
// today and tomorrow (local): what a test does now stays in the period if the run crosses midnight
const todayOn = () => {
  const day = (ms) => new Date(ms + 7 * 3600e3).toISOString().slice(0, 10);
  return `from=${day(Date.now())}&to=${day(Date.now() + 86400e3)}`;
};

before(async () => {
  server = await startServer({ check: false }); // dossiers moved into the past field by field
  admin = await as(server, 'admin');
  const desk = { [A.commune1]: await as(server, 'receiver1'), [A.commune2]: await as(server, 'receiver2') };
  for (const [name, f] of Object.entries(FIXED)) {
    const r = await desk[f.agency].post('/api/v1/dossiers', dossierBody({ agency: f.agency, summary: `Hồ sơ ${name}` }));
    assert.equal(r.status, 201, r.text);
    f.code = r.json.code;
    const t = (s) => (s ? at(s) : 'NULL');
    sql(server.db, `UPDATE dossiers SET channel = ${f.channel}, status = ${f.status}, submitted_at = ${at(f.received)},
      received_at = ${at(f.received)}, due_at = ${at(f.due)}, original_due_at = ${at(f.due)}, finished_at = ${t(f.finished)},
      returned_at = ${t(f.returned)}, closed_at = NULL WHERE code = '${r.json.code}'`);
  }
  // A's three components were scanned and it was rated not satisfied; C's result is electronic
  const id = (name) => `(SELECT id FROM dossiers WHERE code = '${FIXED[name].code}')`;
  sql(server.db, `UPDATE dossier_components SET digitized = 1 WHERE dossier_id = ${id('A')};
    UPDATE dossiers SET result_electronic = 1 WHERE id = ${id('C')};
    INSERT INTO ratings (dossier_id, level, created_at) VALUES (${id('A')}, 3, ${at('2026-01-10 10:00')})`);
  motcua('report', 'rebuild', '--db', server.db);
});

const near = (a, b) => assert.ok(Math.abs(a - b) < 0.006, `${a} is not ${b}`);
const part = (unit, code) => unit.parts.find((p) => p.code === code);

test('a commune\'s quarter: each part\'s loss and what wins it back, worked out by hand', async () => {
  const r = await admin.get(`/api/v1/index/recover?agency=${A.commune1}&${Q1}&children=0`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.children, undefined);
  assert.equal(r.json.at_risk_until, null); // a closed period: nothing is at risk in it
  const x = r.json.index;
  assert.equal(x.at_risk, null);
  // the parts that lose points, the most lost first (ties in the parts' order)
  assert.deepEqual(x.parts.map((p) => [p.code, p.lost]), [
    ['on_time', 10], ['complete_content', 6], ['synced_portal', 6], ['satisfied', 6], ['e_results', 4],
    ['dossiers_online', 3], ['digitised', 3], ['procedures_online', 0.75]]);
  // on time: A and C of A, B, C resolved and D overdue; full only at 100 %, so no number of
  // dossiers on time wins it all back, and the next one wins 20 × 3/5 − 10
  let p = part(x, 'on_time');
  assert.deepEqual([p.numerator, p.denominator, p.points, p.growth, p.shortfall, p.reachable], [2, 4, 10, 'both', null, false]);
  near(p.next_points, 2);
  assert.equal(p.action, 'Không thể đạt đủ 20 điểm trong kỳ vì đã có 2 hồ sơ không đạt; mỗi hồ sơ đạt thêm được cộng 2 điểm');
  // digitised: 3 of 12 components (three per dossier): 9 more scans of components already received
  p = part(x, 'digitised');
  assert.deepEqual([p.numerator, p.denominator, p.growth, p.shortfall, p.reachable], [3, 12, 'numerator', 9, true]);
  assert.equal(p.action, 'Số hóa thêm 9 thành phần hồ sơ đã tiếp nhận trong kỳ để đạt đủ 4 điểm');
  // online: 1 of 4, full at 50 %: each online dossier adds to both, (1 + 2) / (4 + 2) = 50 %
  p = part(x, 'dossiers_online');
  assert.deepEqual([p.numerator, p.denominator, p.full_at, p.growth, p.shortfall], [1, 4, 50, 'both', 2]);
  assert.equal(p.action, 'Tiếp nhận trực tuyến thêm 2 hồ sơ trong kỳ để đạt đủ 6 điểm');
  // electronic results: C's of the three results; the others' can still be issued electronically
  p = part(x, 'e_results');
  assert.deepEqual([p.numerator, p.denominator, p.growth, p.shortfall], [1, 3, 'numerator', 2]);
  // satisfied: 0 of 1 rating, full at 90 %: 9 satisfied ratings make 9 of 10
  p = part(x, 'satisfied');
  assert.deepEqual([p.numerator, p.denominator, p.shortfall], [0, 1, 9]);
  assert.equal(p.action, 'Có thêm 9 đánh giá hài lòng, rất hài lòng trong kỳ để đạt đủ 6 điểm');
  // procedures online: birth of birth and land, full at 80 %: one more makes 2 of 2
  p = part(x, 'procedures_online');
  assert.deepEqual([p.numerator, p.denominator, p.shortfall], [1, 2, 1]);
  assert.equal(part(x, 'complete_content').shortfall, 2);
  // synchronised to the national portal: none of the four (no --portal-url), each one wins its share
  p = part(x, 'synced_portal');
  assert.deepEqual([p.numerator, p.denominator, p.growth, p.shortfall], [0, 4, 'numerator', 4]);
  assert.equal(p.action, 'Đồng bộ kịp thời (trong vòng 24 giờ) thêm 4 hồ sơ lên Cổng Dịch vụ công quốc gia để đạt đủ 6 điểm');
  // birth, offered online, had B: nothing unused
  assert.equal(part(x, 'online_used'), undefined);
  assert.deepEqual(x.online_unused, { count: 0, items: [] });
  // what motcua does not record is listed apart, with its loss and no target
  assert.deepEqual(x.not_measured_parts.map((q) => [q.code, q.lost]), [
    ['reuse', 2], ['citizen_store', 4], ['population_auth', 2], ['population_data', 2], ['e_copies', 2]]);
  assert.match(x.not_measured_parts[0].action, /^Chưa ghi nhận/);
  assert.equal(x.not_measured_parts[0].shortfall, undefined);
  // 21.25 of 72 (the index's own figures); 38.75 to win back, 53.82 on the total
  near(x.points, 21.25);
  near(x.max_points, 72);
  near(x.total, 29.51);
  near(x.recoverable, 38.75);
  near(x.recoverable_total, 53.82);
  near(x.not_measured, 12);
  const index = (await admin.get(`/api/v1/index?agency=${A.commune1}&${Q1}`)).json.index;
  near(index.total, x.total);
});

test('the province\'s units side by side, by what winning their points back adds', async () => {
  const r = await (await as(server, 'steering')).get(`/api/v1/index/recover?agency=${A.province}&${Q1}`);
  assert.equal(r.status, 200, r.text);
  const c = r.json.children;
  assert.deepEqual(c.map((u) => u.agency.id), [A.commune1, A.commune2, A.justice, A.building, A.centre]);
  assert.deepEqual(c.map((u) => u.rank), [1, 2, 3, 4, 5]);
  // commune 2: I on time; nothing online, scanned or electronic; birth offered online unused
  const c2 = c[1];
  near(c2.recoverable, 32.75);
  near(c2.recoverable_total, 49.62); // 100 × 32.75 / 66
  assert.deepEqual(c2.parts.map((p) => [p.code, p.shortfall]), [
    ['complete_content', 2], ['synced_portal', 1], ['dossiers_online', 1], ['e_results', 1], ['online_used', 1], ['digitised', 3], ['procedures_online', 1]]);
  assert.equal(part(c2, 'online_used').action,
    'Có hồ sơ nộp trực tuyến trong kỳ cho thêm 1 thủ tục trực tuyến chưa phát sinh hồ sơ để đạt đủ 4 điểm');
  assert.deepEqual(c2.online_unused, { count: 1, items: [{ id: c2.online_unused.items[0].id, code: '1.001193', name: 'Đăng ký khai sinh' }] });
  // the justice department: its criminal record certificate, online and fee-bearing, had no dossier
  const j = c[2];
  near(j.recoverable, 12);
  near(j.recoverable_total, 42.86); // 12 of 28 (payment integration applies: it is fee-bearing;
  // the portal's part does not: no dossier was submitted there)
  assert.deepEqual(j.online_unused.items.map((p) => p.code), ['2.000488']);
  assert.ok(j.not_measured_parts.some((q) => q.code === 'payment_integrated'));
  // the centre answers for nothing: nothing to win back, no score
  assert.equal(c[4].total, null);
  assert.equal(c[4].recoverable, 0);
  // the province itself: the record certificate is unused, birth was used in commune 1
  assert.deepEqual(r.json.index.online_unused.items.map((p) => p.code), ['2.000488']);
});

test('today: the dossiers at risk, and what a dossier finished late costs', async () => {
  const desk = await as(server, 'receiver2');
  const lead = await as(server, 'leader2');
  const span = todayOn();
  const q = `/api/v1/index/recover?agency=${A.province}&${span}`;
  const commune2 = async () => {
    const r = await admin.get(q);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.at_risk_until);
    return [r.json, r.json.children.find((u) => u.agency.id === A.commune2)];
  };
  const now = Math.floor(Date.now() / 1000);
  const open = async () => {
    const d = (await desk.post('/api/v1/dossiers', dossierBody({ agency: A.commune2 }))).json;
    assert.equal((await desk.post(`/api/v1/dossiers/${d.code}/handover`, {})).status, 200);
    return d.code;
  };
  const due = (code, t) => sql(server.db, `UPDATE dossiers SET due_at = ${t}, original_due_at = ${t} WHERE code = '${code}'`);
  const finish = async (code) => {
    const f = await lead.post(`/api/v1/dossiers/${code}/finish`, { result_number: '12/GKS', result_date: today(), signer: 'Chủ tịch' });
    assert.equal(f.status, 200, f.text);
    return f.json.timeliness;
  };
  // X is due within the hour, Y in forty days; Z is finished at once, on time
  const [x, y, z] = [await open(), await open(), await open()];
  due(x, now + 3600);
  due(y, now + 40 * 86400);
  motcua('report', 'rebuild', '--db', server.db);
  assert.notEqual(await finish(z), 'late');
  let [all, c2] = await commune2();
  assert.equal(c2.at_risk.count, 1);
  assert.deepEqual(c2.at_risk.items.map((d) => d.code), [x]);
  const left = c2.at_risk.items[0].working_minutes_left;
  assert.ok(left >= 0 && left <= 60, `${left} working minutes left`);
  assert.ok(all.index.at_risk.items.some((d) => d.code === x)); // the province's list holds it
  assert.equal(all.children.find((u) => u.agency.id === A.commune1).at_risk.count, 0);
  // on time: Z of Z, full; results: Z's, not electronic; online: none of three received
  assert.equal(part(c2, 'on_time'), undefined);
  assert.deepEqual([part(c2, 'e_results').numerator, part(c2, 'e_results').denominator, part(c2, 'e_results').shortfall], [0, 1, 1]);
  assert.deepEqual([part(c2, 'dossiers_online').denominator, part(c2, 'dossiers_online').shortfall], [3, 3]);

  // X's due time passes and it is finished late: on time is 1 of 2, 10 points lost for good
  due(x, now - 60);
  motcua('report', 'rebuild', '--db', server.db);
  assert.equal(await finish(x), 'late');
  [all, c2] = await commune2();
  assert.equal(c2.at_risk.count, 0);
  const p = part(c2, 'on_time');
  assert.deepEqual([p.numerator, p.denominator, p.lost, p.shortfall, p.reachable], [1, 2, 10, null, false]);
  near(p.next_points, 3.33); // 20 × 2/3 − 10
  assert.equal(p.action, 'Không thể đạt đủ 20 điểm trong kỳ vì đã có 1 hồ sơ không đạt; mỗi hồ sơ đạt thêm được cộng 3,33 điểm');
  assert.deepEqual([part(c2, 'e_results').denominator, part(c2, 'e_results').shortfall], [2, 2]);
  assert.equal(c2.parts[0].code, 'on_time');
  // Y is still open, due later than the window
  assert.ok(!c2.at_risk.items.some((d) => d.code === y));
});

test('the units a caller sees, and bad parameters', async () => {
  const leader = await as(server, 'leader1');
  const r = await leader.get(`/api/v1/index/recover?${Q1}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.agency.id, A.commune1); // the caller's unit by default
  assert.deepEqual(r.json.children, []);
  problem(null, await leader.get(`/api/v1/index/recover?agency=${A.commune2}`), 403);
  problem(null, await (await as(server, 'citizen')).get('/api/v1/index/recover'), 403);
  problem(null, await (await as(server, 'unitadmin')).get('/api/v1/index/recover'), 403);
  problem(null, await admin.get('/api/v1/index/recover?children=2'), 400);
  problem(null, await admin.get('/api/v1/index/recover?format=xlsx'), 400);
  problem(null, await admin.get('/api/v1/index/recover?from=2026-04-01&to=2026-03-01'), 400);
});
