// What any client may send: the server answers with a problem and keeps serving.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, as, problem, sql, motcua, ROOT, dossierBody } from './helpers.mjs';

let server, r1, anon;
before(async () => { server = await startServer(); r1 = await as(server, 'receiver1'); anon = new Client(server); });
after(async () => { await server.stop(); });

test('unknown paths 404, wrong methods 405 with Allow', async () => {
  problem(null, await anon.get('/api/v1/nothing'), 404);
  const r = await anon.req('DELETE', '/api/v1/procedures');
  problem(null, r, 405);
  assert.equal(r.headers.get('allow'), 'GET, POST');
  problem(null, await anon.req('PUT', '/healthz'), 405);
});

test('an oversized body is 413 and writes nothing', async () => {
  const before = sql(server.db, 'SELECT count(*) FROM dossiers');
  const big = dossierBody({ summary: 'x'.repeat(2 << 20) });
  let r;
  try { r = await r1.post('/api/v1/dossiers', big); } catch { r = null; }
  if (r) problem(null, r, 413);
  assert.equal(sql(server.db, 'SELECT count(*) FROM dossiers'), before);
  assert.equal((await anon.get('/healthz')).status, 200);
});

test('malformed and hostile bodies: 400/415/422, never a crash', async () => {
  const before = sql(server.db, 'SELECT count(*) FROM dossiers');
  const ct = { 'Content-Type': 'application/json' };
  const bodies = ['', '{', '[]', '"x"', 'null', '{"a":1,"a":2}', '{"procedure":1e999}', '\xff\xfe',
    Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), '{"applicant":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
    '{"summary":"\\u0000"}', JSON.stringify(dossierBody({ procedure: 2 ** 62 })), JSON.stringify(dossierBody({ applicant: { kind: 1, name: 'x', id_number: '001190012345', phone: '0912345678', email: null, address: null } })).replace('"x"', '"\\ud800"')];
  for (const raw of bodies) {
    const r = await r1.req('POST', '/api/v1/dossiers', { raw, headers: ct });
    assert.ok([400, 422].includes(r.status), `${r.status} for ${String(raw).slice(0, 40)}`);
    assert.equal(r.headers.get('content-type'), 'application/problem+json');
  }
  problem(null, await r1.req('POST', '/api/v1/dossiers', { raw: '{}', headers: { 'Content-Type': 'text/plain' } }), 415);
  problem(null, await r1.req('POST', '/api/v1/dossiers', { raw: '{}' }), 415);
  problem(null, await r1.req('POST', '/api/v1/auth/logout', { raw: 'x', headers: ct }), 400); // takes no body
  assert.equal((await r1.get('/api/v1/auth/me')).status, 200);
  // random bytes in every position of a valid request
  const valid = Buffer.from(JSON.stringify(dossierBody()));
  let seed = 7;
  for (let i = 0; i < 200; i++) {
    const b = Buffer.from(valid);
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    b[seed % b.length] = seed & 0xff;
    const r = await r1.req('POST', '/api/v1/dossiers', { raw: b, headers: ct });
    assert.ok([201, 400, 403, 422].includes(r.status), `${r.status}: ${r.text}`);
  }
  assert.equal((await anon.get('/healthz')).status, 200);
  assert.ok(Number(sql(server.db, 'SELECT count(*) FROM dossiers')) >= Number(before));
  assert.equal(sql(server.db, 'PRAGMA integrity_check'), 'ok');
});

test('every response carries the security headers', async () => {
  for (const r of [await anon.get('/healthz'), await anon.get('/api/v1/nothing'), await anon.get('/')]) {
    assert.match(r.headers.get('content-security-policy'), /default-src 'self'/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('x-frame-options'), 'DENY');
    assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
  }
});

test('the OpenAPI description is served and names every route of the table', async () => {
  const r = await anon.get('/api/v1/openapi.yaml');
  assert.equal(r.status, 200);
  assert.match(r.text, /^openapi: 3\./);
  assert.equal(r.text, readFileSync(join(ROOT, 'docs/openapi.yaml'), 'utf8'));
  // the route table as the binary holds it (some roles and patterns are filled in at start)
  const routes = motcua('routes').trim().split('\n').map((l) => l.split('\t').slice(0, 2));
  assert.ok(routes.length >= 20);
  // paths in the document, with their methods
  const doc = {};
  let path = null;
  for (const line of r.text.split('\n')) {
    let m = line.match(/^  (\/\S*):\s*$/);
    if (m) { path = m[1]; doc[path] = new Set(); continue; }
    m = line.match(/^    (get|post|put|patch|delete):\s*$/);
    if (m && path) doc[path].add(m[1].toUpperCase());
    if (/^\S/.test(line)) path = null;
  }
  for (const [method, p] of routes) assert.ok(doc[p] && doc[p].has(method), `${method} ${p} is not documented`);
  const documented = Object.entries(doc).flatMap(([p, ms]) => [...ms].map((m) => `${m} ${p}`)).sort();
  assert.deepEqual(documented, routes.map(([m, p]) => `${m} ${p}`).sort());
});

test('field errors carry a stable code and its parameter, which the web translates', async () => {
  const r = await r1.post('/api/v1/dossiers', dossierBody({ summary: 'x'.repeat(3000), sets: 99, applicant: { kind: 1, name: 'Lê Văn B', id_number: '12', phone: 'abc', email: 'not-mail', address: null }, extra: 1 }));
  assert.equal(r.status, 422, r.text);
  const by = Object.fromEntries(r.json.errors.map((e) => [e.field, e]));
  const want = {
    extra: ['unknown_field', ''],
    'applicant.id_number': ['id_number', ''],
    'applicant.phone': ['phone', ''],
    'applicant.email': ['email', ''],
    summary: ['too_long', '2000'],
    sets: ['out_of_range', '1..20'],
  };
  for (const [field, [code, param]] of Object.entries(want)) {
    assert.ok(by[field], `no error for ${field}: ${r.text}`);
    assert.equal(by[field].code, code, field);
    assert.equal(by[field].param, param, field);
    assert.ok(by[field].message.length > 0);
  }
});
