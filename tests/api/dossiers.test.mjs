// Dossier intake and the units' queues.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, as, problem, sql, motcua, backdate, A, PROC, PASSWORD, applicant, dossierBody, onlineBody } from './helpers.mjs';

let server, r1, r2, centre, citizen;
before(async () => {
  server = await startServer();
  r1 = await as(server, 'receiver1');
  r2 = await as(server, 'receiver2');
  centre = await as(server, 'centre');
  citizen = await as(server, 'citizen');
});
after(async () => { await server.stop(); });
afterEach(() => server.verifyStats());

const localMinute = (iso) => iso.slice(0, 16).replace('T', ' ');
// the local day of a +07:00 time, as codes write it (YYMMDD): the server's day, not the test's
const codeDay = (iso) => iso.slice(2, 10).replace(/-/g, '');

test('a receiver takes a counter dossier: 201 with code, status, received and due times', async () => {
  const r = await r1.post('/api/v1/dossiers', dossierBody());
  assert.equal(r.status, 201);
  assert.match(r.json.code, new RegExp(`^${A.commune1.replace(/\./g, '\\.')}-${codeDay(r.json.received_at)}-\\d{4}$`));
  assert.equal(r.json.status, 'received');
  assert.equal(r.json.status_code, 2);
  assert.match(r.json.received_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
  assert.match(r.json.due_at, /\+07:00$/);
  assert.equal(r.headers.get('location'), `/api/v1/dossiers/${r.json.code}`);
  // the due time is what core computes over the statutory calendar
  // (counting starts at the next whole minute)
  const received = new Date(r.json.received_at);
  const start = new Date(Math.ceil(received.getTime() / 60e3) * 60e3 + 7 * 3600e3).toISOString();
  const expected = motcua('calendar', 'due', '--from', localMinute(start), '--days', '1').trim();
  assert.equal(localMinute(r.json.due_at), expected);
  assert.deepEqual(r.json.components.map((c) => c.received), [true, true, true]);
  // one row each: dossier, control sheet, audit
  const id = sql(server.db, `SELECT id FROM dossiers WHERE code = '${r.json.code}'`);
  assert.equal(sql(server.db, `SELECT action || ':' || to_status FROM dossier_events WHERE dossier_id = ${id}`), 'receive:2');
  assert.equal(sql(server.db, `SELECT count(*) FROM audit_log WHERE object = 'dossier:${r.json.code}'`), '1');
});

test("a unit's own office hours count in its due times from the next request", async () => {
  const admin = await as(server, 'admin');
  // hours that share no minute with the default ones, so a due time shows whose hours made it
  const hours = '00:00-04:00,19:00-23:00';
  const before = sql(server.db, "SELECT value FROM meta WHERE key = 'calendar_version'");
  try {
    assert.equal((await admin.patch(`/api/v1/agencies/${A.commune1}`, { office_hours: hours })).status, 200);
    // the change moved the calendar's version (a trigger, so any process's write does)
    assert.equal(Number(sql(server.db, "SELECT value FROM meta WHERE key = 'calendar_version'")), Number(before) + 1);
    const r = await r1.post('/api/v1/dossiers', dossierBody());
    assert.equal(r.status, 201, r.text);
    const received = new Date(r.json.received_at);
    const start = new Date(Math.ceil(received.getTime() / 60e3) * 60e3 + 7 * 3600e3).toISOString();
    const due = (oh) => motcua('calendar', 'due', '--from', localMinute(start), '--days', '1', '--office-hours', oh).trim();
    assert.equal(localMinute(r.json.due_at), due(hours));
    const [h, m] = r.json.due_at.slice(11, 16).split(':').map(Number);
    const minute = h * 60 + m;
    assert.ok(minute <= 240 || (minute >= 1140 && minute <= 1380), r.json.due_at);
  } finally {
    assert.equal((await admin.patch(`/api/v1/agencies/${A.commune1}`, { office_hours: '07:30-11:30,13:00-17:00' })).status, 200);
  }
});

test('codes count up per unit and day, also under concurrent intake', async () => {
  const results = await Promise.all(Array.from({ length: 20 }, () => r2.post('/api/v1/dossiers', dossierBody({ agency: A.commune2 }))));
  for (const r of results) assert.equal(r.status, 201, r.text);
  const numbers = results.map((r) => Number(r.json.code.split('-')[2])).sort((a, b) => a - b);
  assert.deepEqual(numbers, Array.from({ length: 20 }, (_, i) => i + 1));
  // the other unit's counter is its own (its day's count, also if the run crossed midnight)
  const other = await r1.post('/api/v1/dossiers', dossierBody());
  const [, day, n] = other.json.code.split('-');
  assert.equal(n, sql(server.db, `SELECT printf('%04d', count(*)) FROM dossiers WHERE code LIKE '${A.commune1}-${day}-%'`));
});

test('a post dossier, a delegate and a partial set of components', async () => {
  const r = await r1.post('/api/v1/dossiers', dossierBody({ channel: 'post', components: [1, 2], sets: 2,
    delegate: { name: 'Trần Văn Ba', id_number: '001080054321', phone: '0987654321' } }));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.channel, 'post');
  assert.equal(r.json.status, 'received');
  assert.equal(r.json.sets, 2);
  assert.equal(r.json.delegate.name, 'Trần Văn Ba');
  assert.deepEqual(r.json.components.map((c) => c.received), [true, true, false]);
});

test('the one-stop centre receives for a department; a commune does not', async () => {
  const ok = await centre.post('/api/v1/dossiers', dossierBody({ procedure: PROC.record, agency: A.centre }));
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json.duration_days, 10);
  problem(null, await r1.post('/api/v1/dossiers', dossierBody({ procedure: PROC.record })), 422, 'agency');
});

test('a citizen submits online: status new, no due time until accepted, shorter online duration', async () => {
  const r = await citizen.post('/api/v1/dossiers', dossierBody({ channel: 'online', procedure: PROC.land }));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.status, 'new');
  assert.equal(r.json.received_at, null);
  assert.equal(r.json.due_at, null);
  assert.equal(r.json.duration_days, 8);
  const id = sql(server.db, `SELECT id FROM dossiers WHERE code = '${r.json.code}'`);
  assert.equal(sql(server.db, `SELECT action || ':' || to_status FROM dossier_events WHERE dossier_id = ${id}`), 'submit:1');
});

test('who may file what: 403 for the wrong channel, role or unit', async () => {
  const count = () => sql(server.db, 'SELECT count(*) FROM dossiers');
  const before = count();
  problem(null, await citizen.post('/api/v1/dossiers', dossierBody({ channel: 'counter' })), 403);
  problem(null, await r1.post('/api/v1/dossiers', dossierBody({ channel: 'online' })), 403);
  problem(null, await r1.post('/api/v1/dossiers', dossierBody({ agency: A.commune2 })), 403);
  for (const u of ['processor1', 'leader1', 'steering', 'auditor', 'unitadmin']) {
    const c = await as(server, u);
    problem(null, await c.post('/api/v1/dossiers', dossierBody()), 403);
  }
  problem(null, await new Client(server).post('/api/v1/dossiers', dossierBody()), 401);
  assert.equal(count(), before);
});

test('bad dossiers: each field with its reason; nothing written', async () => {
  // numbers taken from the unit's counters (a new day's counter row is no write of a refused dossier)
  const count = () => ['count(*) FROM dossiers', 'count(*) FROM dossier_events', 'count(*) FROM audit_log', 'coalesce(sum(last), 0) FROM code_counters']
    .map((q) => sql(server.db, `SELECT ${q}`)).join('/');
  const before = count();
  const cases = [
    [{ procedure: undefined }, 'procedure'],
    [{ procedure: 'one' }, 'procedure'],
    [{ procedure: 99999 }, 'procedure'],
    [{ agency: '000.00.31' }, 'agency'],
    [{ agency: '000.00.99.H88' }, 'agency'],
    [{ channel: 'fax' }, 'channel'],
    [{ applicant: undefined }, 'applicant'],
    [{ applicant: 'Nguyễn' }, 'applicant'],
    [{ applicant: applicant({ kind: 7 }) }, 'applicant.kind'],
    [{ applicant: applicant({ name: '' }) }, 'applicant.name'],
    [{ applicant: applicant({ id_number: '12345' }) }, 'applicant.id_number'],
    [{ applicant: applicant({ phone: undefined }) }, 'applicant.phone'],
    [{ applicant: applicant({ phone: 'gọi tôi' }) }, 'applicant.phone'],
    [{ applicant: applicant({ email: 'hoa@' }) }, 'applicant.email'],
    [{ applicant: applicant({ age: 30 }) }, 'applicant.age'],
    [{ summary: undefined }, 'summary'],
    [{ summary: 'x'.repeat(2001) }, 'summary'],
    [{ sets: 0 }, 'sets'],
    [{ components: [4] }, 'components[0]'],
    [{ components: ['1'] }, 'components[0]'],
    [{ priority: 'high' }, 'priority'],
  ];
  for (const [extra, field] of cases) {
    const body = dossierBody(extra);
    for (const k of Object.keys(extra)) if (extra[k] === undefined) delete body[k];
    problem(null, await r1.post('/api/v1/dossiers', body), 422, field);
  }
  // blank optional fields are absent, as forms send them
  const blank = await r1.post('/api/v1/dossiers', dossierBody({ applicant: applicant({ email: '', address: ' ' }) }));
  assert.equal(blank.status, 201, blank.text);
  assert.equal(blank.json.applicant.email, null);
  // a business without an ID number is fine; a citizen without one is not
  assert.equal((await r1.post('/api/v1/dossiers', dossierBody({ applicant: applicant({ kind: 2, name: 'Công ty TNHH Minh Anh', id_number: null }) }))).status, 201);
  const after = count().split('/').map(Number);
  const b = before.split('/').map(Number);
  assert.deepEqual(after, [b[0] + 2, b[1] + 2, b[2] + 2, b[3] + 2]); // only the two accepted ones took a number
});

test('get by code: staff of the unit and the citizen who filed; others see 404', async () => {
  const mine = await citizen.post('/api/v1/dossiers', await onlineBody(citizen));
  const counter = await r1.post('/api/v1/dossiers', dossierBody());
  assert.equal((await r1.get(`/api/v1/dossiers/${counter.json.code}`)).json.applicant.id_number, '001190012345');
  assert.equal((await (await as(server, 'processor1')).get(`/api/v1/dossiers/${counter.json.code}`)).status, 200);
  problem(null, await r2.get(`/api/v1/dossiers/${counter.json.code}`), 404);
  problem(null, await (await as(server, 'citizen2')).get(`/api/v1/dossiers/${counter.json.code}`), 404);
  const own = await citizen.get(`/api/v1/dossiers/${mine.json.code}`);
  assert.equal(own.status, 200);
  assert.equal(own.json.applicant.phone, '0912 345 678');
  // the steering committee reads without personal data in full
  const st = await (await as(server, 'steering')).get(`/api/v1/dossiers/${counter.json.code}`);
  assert.equal(st.status, 200);
  assert.equal(st.json.applicant.id_number, '********2345');
  assert.equal(st.json.applicant.phone, '******5678');
  assert.equal(st.json.applicant.address, null);
  problem(null, await r1.get('/api/v1/dossiers/not-a-code'), 404);
  problem(null, await r1.get(`/api/v1/dossiers/${A.commune1}-991231-0001`), 404);
});

test('the queue: scope, filters and pages', async () => {
  const mine = await r1.get('/api/v1/dossiers?limit=200');
  assert.equal(mine.status, 200);
  assert.ok(mine.json.items.length > 0);
  assert.ok(mine.json.items.every((d) => d.agency.id === A.commune1));
  const theirs = await r2.get('/api/v1/dossiers?limit=200');
  assert.ok(theirs.json.items.every((d) => d.agency.id === A.commune2));
  assert.equal(theirs.json.items.length, 20);
  problem(null, await r1.get(`/api/v1/dossiers?agency=${A.commune2}`), 403);
  // pages walk the whole list once
  const seen = [];
  let cursor = null;
  do {
    const p = await r2.get('/api/v1/dossiers?limit=7' + (cursor ? `&cursor=${cursor}` : ''));
    seen.push(...p.json.items.map((d) => d.code));
    cursor = p.json.next_cursor;
  } while (cursor);
  assert.equal(seen.length, 20);
  assert.equal(new Set(seen).size, 20);
  // filters
  const steering = await as(server, 'steering');
  const all = await steering.get('/api/v1/dossiers?limit=200');
  const online = all.json.items.filter((d) => d.status === 'new').length;
  assert.equal((await steering.get('/api/v1/dossiers?status=new&limit=200')).json.items.length, online);
  assert.equal((await steering.get('/api/v1/dossiers?status=1&limit=200')).json.items.length, online);
  const rec = await steering.get(`/api/v1/dossiers?procedure=${PROC.record}`);
  assert.ok(rec.json.items.length >= 1 && rec.json.items.every((d) => d.procedure.id === PROC.record));
  const days = all.json.items.map((x) => x.submitted_at.slice(0, 10)).sort(); // two days if the run crossed midnight
  assert.equal((await steering.get(`/api/v1/dossiers?from=${days[0]}&to=${days.at(-1)}&limit=200`)).json.items.length, all.json.items.length);
  assert.equal((await steering.get('/api/v1/dossiers?to=2020-01-01')).json.items.length, 0);
  problem(null, await steering.get('/api/v1/dossiers?status=lost'), 400);
  problem(null, await steering.get('/api/v1/dossiers?from=yesterday'), 400);
  problem(null, await steering.get('/api/v1/dossiers?limit=1000'), 400);
  // a citizen lists only their own
  const own = await citizen.get('/api/v1/dossiers?limit=200');
  assert.ok(own.json.items.length >= 2);
  assert.ok(own.json.items.every((x) => x.channel === 'online'));
  // a unit administrator has no queue
  problem(null, await (await as(server, 'unitadmin')).get('/api/v1/dossiers'), 403);
});

test("the queue finds a dossier by its code, the applicant's name without diacritics, or their numbers", async () => {
  const mk = async (who) => (await r1.post('/api/v1/dossiers', dossierBody({ applicant: applicant(who) }))).json.code;
  const ngoc = await mk({ name: 'Trần Thị Bích Ngọc', phone: '0987 654 321', id_number: '036190000111' });
  const duc = await mk({ name: 'Đặng Văn Đức', phone: '0912.000.777', id_number: '036190000222' });
  const find = async (client, q) => (await client.get(`/api/v1/dossiers?view=all&q=${encodeURIComponent(q)}`)).json.items.map((d) => d.code);
  assert.deepEqual(await find(r1, 'bich ngoc'), [ngoc]);
  assert.deepEqual(await find(r1, 'BÍCH NGỌC'), [ngoc]);
  assert.deepEqual(await find(r1, 'dang van duc'), [duc], 'đ as d');
  assert.deepEqual(await find(r1, ngoc.slice(-11)), [ngoc], 'the end of a code');
  assert.deepEqual(await find(r1, ngoc), [ngoc]);
  assert.deepEqual(await find(r1, '0987654321'), [ngoc]);
  assert.deepEqual(await find(r1, '0912 000 777'), [duc]);
  assert.deepEqual(await find(r1, '036190000222'), [duc]);
  // those who see personal data only masked cannot find a dossier by its applicant's numbers
  const steering = await as(server, 'steering');
  assert.deepEqual(await find(steering, '0987654321'), []);
  assert.deepEqual(await find(steering, 'bich ngoc'), [ngoc]);
  // another unit's staff do not find it at all
  assert.deepEqual(await find(r2, 'bich ngoc'), []);
  // a steering member who also processes at commune 2 finds by numbers only there
  const admin = await as(server, 'admin');
  const u = await admin.post('/api/v1/users', { username: 'bcd_xa2', password: PASSWORD, roles: [{ role: 'steering' }, { role: 'processor', agency: A.commune2 }] });
  assert.equal(u.status, 201, u.text);
  const both = await as(server, 'bcd_xa2');
  assert.deepEqual(await find(both, '0987654321'), [], 'commune 1: masked to them');
  const there = (await r2.post('/api/v1/dossiers', dossierBody({ agency: A.commune2, applicant: applicant({ name: 'Lò Văn Pả', phone: '0977 123 999' }) }))).json.code;
  assert.deepEqual(await find(both, '0977123999'), [there]);
  problem(null, await r1.get(`/api/v1/dossiers?q=${'x'.repeat(101)}`), 400);
  // the counts of the tabs follow the search
  const counts = (await r1.get(`/api/v1/dossiers/counts?q=${encodeURIComponent('bich ngoc')}`)).json;
  assert.equal(counts.all, 1);
});

test('the statuses come from the server, and each dossier says whether it is overdue by the law', async () => {
  const s = await new Client(server).get('/api/v1/statuses');
  assert.equal(s.status, 200);
  assert.deepEqual(s.json.items.map((x) => [x.code, x.name]), [[1, 'new'], [2, 'received'], [3, 'refused'], [4, 'processing'],
    [5, 'supplement'], [6, 'financial'], [7, 'withdrawn'], [8, 'stopped'], [9, 'processed'], [10, 'returned']]);
  assert.equal(s.json.items[3].label, 'Đang xử lý');
  assert.deepEqual(s.json.items.filter((x) => x.final).map((x) => x.code), [3, 7, 8, 10]);
  // a dossier received now is not overdue; moved 30 days back, its one working day is long past
  const fresh = (await r1.post('/api/v1/dossiers', dossierBody())).json;
  assert.equal(fresh.overdue, false);
  const old = (await r1.post('/api/v1/dossiers', dossierBody())).json;
  backdate(server.db, old.code, 30 * 86400);
  const got = await r1.get(`/api/v1/dossiers/${old.code}`);
  assert.equal(got.json.overdue, true);
  const list = (await r1.get('/api/v1/dossiers?status=received&limit=200')).json.items;
  assert.equal(list.find((d) => d.code === old.code).overdue, true);
  assert.equal(list.find((d) => d.code === fresh.code).overdue, false);
});
