// Open311 GeoReport v2 under /open311/v2/: every endpoint in XML and JSON, its errors, keys and
// their allowance; a request posted through it is an ordinary feedback item the staff handle.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, Client, as, sql, motcua, A, BIN, dossierBody } from './helpers.mjs';

const RATE = 40;
let server, key, leader, receiver;
before(async () => {
  server = await startServer({ args: ['--open311-rate', String(RATE)] });
  const out = motcua('open311', 'key', 'add', '--db', server.db, '--name', 'Ứng dụng phản ánh hiện trường');
  key = out.trim().split('\n').at(-1);
  assert.match(key, /^[A-Za-z0-9_-]{40,}$/);
  leader = await as(server, 'leader1');
  receiver = await as(server, 'receiver1');
});
after(async () => { await server.stop(); });

const url = (p) => `${server.base}/open311/v2/${p}`;
const get = async (p) => {
  const r = await fetch(url(p));
  return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
};
const post = async (fmt, fields, type = 'application/x-www-form-urlencoded') => {
  const body = typeof fields === 'string' ? fields : new URLSearchParams(fields).toString();
  const r = await fetch(url(`requests.${fmt}`), { method: 'POST', body, headers: { 'Content-Type': type } });
  return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
};
const XML = 'text/xml; charset=utf-8';
const JSONT = 'application/json; charset=utf-8';
const valid = (extra = {}) => ({ api_key: key, service_code: 'handling', description: 'Bộ phận một cửa đóng cửa sớm.', lat: '21.0285', long: '105.8542', ...extra });
const rows = () => Number(sql(server.db, 'SELECT count(*) FROM feedback')) + Number(sql(server.db, 'SELECT count(*) FROM feedback_events'));
const zoned = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/;

test('discovery and services in both formats: declaration, content types, arrays unwrapped', async () => {
  let r = await get('discovery.xml');
  assert.equal(r.status, 200);
  assert.equal(r.type, XML);
  assert.match(r.text, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<discovery>/);
  assert.match(r.text, /<endpoints><endpoint><specification>http:\/\/wiki\.open311\.org\/GeoReport_v2<\/specification>/);
  assert.match(r.text, /<formats><format>text\/xml<\/format><format>application\/json<\/format><\/formats>/);
  r = await get('discovery.json');
  assert.equal(r.type, JSONT);
  assert.equal(JSON.parse(r.text).endpoints[0].formats.length, 2);

  r = await get('services.json');
  const services = JSON.parse(r.text);
  assert.ok(Array.isArray(services)); // no wrapping object
  assert.deepEqual(services.map((s) => s.service_code), ['rule', 'handling', 'conduct', 'other', 'complaint']);
  assert.equal(services.find((s) => s.service_code === 'handling').metadata, true);
  assert.deepEqual(Object.keys(services[0]), ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
  r = await get('services.xml');
  assert.match(r.text, /<services><service><service_code>rule<\/service_code><service_name>Quy định hành chính<\/service_name>/);

  r = await get('services/rule.json');
  const def = JSON.parse(r.text);
  assert.equal(def.service_code, 'rule');
  assert.deepEqual(def.attributes[0].values.map((v) => v.key), ['province', 'commune']);
  assert.equal(def.attributes[0].datatype, 'singlevaluelist');
  r = await get('services/rule.xml');
  assert.match(r.text, /<service_definition><service_code>rule<\/service_code><attributes><attribute><variable>true<\/variable><code>level<\/code>/);
  assert.match(r.text, /<values><value><key>province<\/key><name>Cấp tỉnh<\/name><\/value>/);
  r = await get('services/gossip.xml');
  assert.equal(r.status, 404);
  assert.match(r.text, /<errors><error><code>404<\/code><description>service_code gossip not found<\/description><\/error><\/errors>/);
  r = await get('services/gossip.json');
  assert.deepEqual(JSON.parse(r.text), [{ code: '404', description: 'service_code gossip not found' }]);
  r = await get('nothing.yaml');
  assert.equal(r.status, 404);
  assert.equal(r.type, XML);
});

test('jurisdiction_id is accepted: the province\'s, or none; another is unknown', async () => {
  assert.equal((await get(`services.json?jurisdiction_id=${A.province}`)).status, 200);
  assert.equal((await get('services.json?jurisdiction_id=')).status, 200); // empty is absent
  const r = await get('services.json?jurisdiction_id=hanoi.gov.vn');
  assert.equal(r.status, 404);
  assert.match(JSON.parse(r.text)[0].description, /jurisdiction_id hanoi\.gov\.vn/);
});

test('a request posted by a client is a feedback item; its status and notes come back', async () => {
  const d = await receiver.post('/api/v1/dossiers', dossierBody());
  let r = await post('xml', valid({ 'attribute[dossier_code]': d.json.code, email: 'hien@example.vn', first_name: 'Hiền', last_name: 'Lê', address_string: 'Số 1 Lê Lợi', jurisdiction_id: A.province, device_id: 'x1' }));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.type, XML);
  const id = r.text.match(/<service_request_id>(PAKN-\d{6}-\d{4})<\/service_request_id>/)[1];
  assert.match(r.text, /^<\?xml[^>]*>\n<service_requests><request><service_request_id>/);
  // the staff see it, routed to the dossier's agency, from the client
  const item = await leader.get(`/api/v1/feedback/${id}`);
  assert.equal(item.status, 200, item.text);
  assert.equal(item.json.channel, 'open311');
  assert.equal(item.json.agency.id, A.commune1);
  assert.equal(item.json.sender.name, 'Hiền Lê');
  // read back: ids as strings, datetimes with the zone, the answer's due time expected
  r = await get(`requests/${id}.json`);
  let [req] = JSON.parse(r.text);
  assert.equal(req.service_request_id, id);
  assert.equal(req.status, 'open');
  assert.equal(req.service_code, 'handling');
  assert.equal(req.agency_responsible, 'Phường Đông Hà');
  assert.match(req.requested_datetime, zoned);
  assert.equal(req.expected_datetime, item.json.answer_due);
  assert.equal(req.lat, 21.0285);
  assert.equal(req.address, 'Số 1 Lê Lợi');
  assert.equal(req.email, undefined); // no contact in the public record
  // the staff answer and publish: closed, with the answer as its notes
  await (await as(server, 'processor1')).post(`/api/v1/feedback/${id}/accept`, {});
  await (await as(server, 'processor1')).post(`/api/v1/feedback/${id}/answer`, { answer: 'Đã nhắc nhở bộ phận một cửa.' });
  await leader.post(`/api/v1/feedback/${id}/publish`, {});
  r = await get(`requests/${id}.xml`);
  assert.match(r.text, /<status>closed<\/status><status_notes>Đã nhắc nhở bộ phận một cửa\.<\/status_notes>/);
  [req] = JSON.parse((await get(`requests.json?service_request_id=${id},PAKN-200101-0001`)).text);
  assert.equal(req.status, 'closed');
  // a token is the request's id
  assert.deepEqual(JSON.parse((await get(`tokens/${id}.json`)).text), [{ service_request_id: id, token: id }]);
  assert.equal((await get('tokens/PAKN-200101-0001.json')).status, 404);
});

test('GET requests: filters, the 90-day window, and only what Open311 shows', async () => {
  const mine = JSON.parse((await post('json', valid({ service_code: 'other', description: 'Thiếu ghế chờ.' }))).text)[0].service_request_id;
  // an item from the portal, not yet answered, is not public
  const portal = await new Client(server).post('/api/v1/feedback', { category: 'other', text: 'Riêng tư', phone: '0912345678' });
  let list = JSON.parse((await get('requests.json')).text);
  assert.ok(list.some((x) => x.service_request_id === mine));
  assert.ok(!list.some((x) => x.service_request_id === portal.json.code));
  assert.equal((await get(`requests/${portal.json.code}.json`)).status, 404);
  list = JSON.parse((await get('requests.json?status=closed')).text);
  assert.ok(list.every((x) => x.status === 'closed'));
  list = JSON.parse((await get('requests.json?service_code=other&status=open')).text);
  assert.ok(list.length >= 1 && list.every((x) => x.service_code === 'other' && x.status === 'open'));
  assert.equal(JSON.parse((await get('requests.json?start_date=2001-01-01T00:00:00%2B07:00')).text).length, 0);
  let r = await get('requests.xml?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z');
  assert.equal(r.status, 400);
  assert.match(r.text, /at most 90 days/);
  assert.equal((await get('requests.json?status=pending')).status, 400);
  assert.equal((await get('requests.json?service_code=gossip')).status, 404);
  assert.equal((await get('requests.json?end_date=yesterday')).status, 400);
  // a parameter that is not UTF-8 is named as such, in a well-formed answer
  r = await get('requests.json?service_code=%FF%FE');
  assert.equal(r.status, 400);
  assert.deepEqual(JSON.parse(r.text), [{ code: '400', description: 'a parameter is not valid UTF-8' }]);
});

test('bad posts get the specification\'s errors and write nothing', async () => {
  const before = rows();
  const cases = [
    [valid({ api_key: '' }), 403, /api_key is required/],
    [valid({ api_key: 'nope' }), 403, /api_key is not valid/],
    [valid({ service_code: '' }), 400, /service_code is required/],
    [valid({ service_code: 'gossip' }), 404, /service_code gossip not found/],
    [valid({ lat: '91' }), 400, /lat must be a number/],
    [valid({ long: 'east' }), 400, /long/],
    [valid({ long: '' }), 400, /lat and long go together/],
    [valid({ lat: '', long: '' }), 400, /a location is required/],
    [valid({ description: 'x'.repeat(4001) }), 400, /description is longer than 4000/],
    [valid({ description: '<b>gấp</b>' }), 400, /without HTML markup/],
    [valid({ email: 'not-mail' }), 400, /email/],
    [valid({ 'attribute[colour]': 'red' }), 400, /attribute colour/],
    [valid({ service_code: 'rule', 'attribute[level]': 'district' }), 400, /attribute level has no value district/],
    [valid({ 'attribute[dossier_code]': 'HS-1' }), 400, /dossier_code/],
    [valid({ jurisdiction_id: 'elsewhere' }), 404, /jurisdiction_id/],
  ];
  for (const [fields, status, detail] of cases) {
    const r = await post('json', fields);
    assert.equal(r.status, status, `${JSON.stringify(fields).slice(0, 80)}: ${r.text}`);
    assert.equal(r.type, JSONT);
    assert.match(JSON.parse(r.text)[0].description, detail);
  }
  // invalid UTF-8, an escaped NUL, a JSON body: each refused
  let r = await post('xml', `api_key=${key}&service_code=other&lat=21&long=105&description=%C3%28`);
  assert.equal(r.status, 400, r.text);
  assert.match(r.text, /description is not valid UTF-8/);
  r = await post('xml', `api_key=${key}&service_code=other&lat=21&long=105&description=a%00b`);
  assert.equal(r.status, 400);
  r = await post('json', JSON.stringify(valid()), 'application/json');
  assert.equal(r.status, 400);
  assert.match(r.text, /x-www-form-urlencoded/);
  assert.equal(rows(), before);
  // 4,000 characters are fine; an empty field is absent
  r = await post('json', valid({ description: 'ệ'.repeat(4000), email: '' }));
  assert.equal(r.status, 201, r.text);
});

test('a flood from one key is refused with 429 after its allowance; lookups go on meanwhile', async () => {
  const floodKey = spawnSync(BIN, ['open311', 'key', 'add', '--db', server.db, '--name', 'flood2'], { encoding: 'utf8' }).stdout.trim().split('\n').at(-1);
  const statuses = { 201: 0, 429: 0 };
  const lookups = [];
  for (let i = 0; i < 1000; i += 50) {
    const batch = await Promise.all(Array.from({ length: 50 }, () => post('json', valid({ api_key: floodKey, description: 'Thử tải' }))));
    for (const r of batch) statuses[r.status] = (statuses[r.status] || 0) + 1;
    // (a new code each time: a code tried wrong too often is refused for an hour)
    lookups.push(await fetch(`${server.base}/api/v1/lookup?code=000.00.31.H88-261202-${9000 + i / 50}&phone_last4=0000`));
  }
  assert.deepEqual(statuses, { 201: RATE, 429: 1000 - RATE });
  assert.deepEqual([...new Set(lookups.map((r) => r.status))], [404], 'the lookup kept answering');
  // another client's key has its own allowance
  assert.equal((await post('json', valid())).status, 201);
  const r = await post('json', valid({ api_key: floodKey }));
  assert.equal(r.status, 429);
  assert.match(JSON.parse(r.text)[0].description, /allowance/);
});

test('keys are listed and revoked with the command; a revoked key is refused', async () => {
  const k = motcua('open311', 'key', 'add', '--db', server.db, '--name', 'revoked-client').trim().split('\n').at(-1);
  assert.equal((await post('json', valid({ api_key: k }))).status, 201);
  assert.match(motcua('open311', 'key', 'list', '--db', server.db), /revoked-client\s+active\s+created \S+ \S+\s+1 requests/);
  assert.match(motcua('open311', 'key', 'revoke', '--db', server.db, '--name', 'revoked-client'), /revoked/);
  assert.equal((await post('json', valid({ api_key: k }))).status, 403);
  assert.match(motcua('open311', 'key', 'list', '--db', server.db), /revoked-client\s+revoked/);
  const dup = spawnSync(BIN, ['open311', 'key', 'add', '--db', server.db, '--name', 'revoked-client'], { encoding: 'utf8' });
  assert.equal(dup.status, 1);
  assert.match(dup.stderr, /exists already/);
  assert.equal(spawnSync(BIN, ['open311', 'key', 'revoke', '--db', server.db, '--name', 'nobody'], { encoding: 'utf8' }).status, 1);
  assert.equal(spawnSync(BIN, ['open311', 'key', 'add', '--db', server.db], { encoding: 'utf8' }).status, 2);
});

test('an administrator issues, lists and revokes keys over the API; nobody else does', async () => {
  const admin = await as(server, 'admin');
  const made = await admin.post('/api/v1/open311/keys', { name: 'Ki-ốt phường' });
  assert.equal(made.status, 201, made.text);
  assert.match(made.json.key, /^[A-Za-z0-9_-]{40,}$/);
  assert.equal(made.headers.get('cache-control'), 'no-store');
  assert.equal((await post('json', valid({ api_key: made.json.key }))).status, 201);
  const list = await admin.get('/api/v1/open311/keys');
  const mine = list.json.items.find((k) => k.name === 'Ki-ốt phường');
  assert.equal(mine.requests, 1);
  assert.equal(mine.revoked_at, null);
  assert.ok(list.json.items.every((k) => k.key === undefined)); // a key is shown once
  assert.equal((await admin.post('/api/v1/open311/keys', { name: 'Ki-ốt phường' })).status, 409);
  assert.equal((await admin.post('/api/v1/open311/keys', { name: '' })).status, 422);
  // a name is also an address: no slash, no dot names, no spaces at either end
  for (const name of ['a/b', '..', ' Ki-ốt', 'Ki-ốt '])
    assert.equal((await admin.post('/api/v1/open311/keys', { name })).status, 422, name);
  assert.equal((await leader.get('/api/v1/open311/keys')).status, 403);
  assert.equal((await admin.req('DELETE', `/api/v1/open311/keys/${encodeURIComponent('Ki-ốt phường')}`)).status, 204);
  assert.equal((await admin.req('DELETE', `/api/v1/open311/keys/${encodeURIComponent('Ki-ốt phường')}`)).status, 404);
  assert.equal((await post('json', valid({ api_key: made.json.key }))).status, 403);
});
