// The HTTP layer under hostile clients: request framing, the caller known before the body
// is read, connection limits per address and deadlines for a whole header block and body.
// Load is bounded (at most 200 sockets, a few seconds) and stays on loopback.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, as, sql, dossierBody } from './helpers.mjs';

let server, slow, r1;
before(async () => {
  server = await startServer();
  r1 = await as(server, 'receiver1');
  slow = await startServer({ seedFixtures: false, args: ['--header-timeout', '2', '--body-timeout', '2', '--idle-timeout', '3'] });
});
after(async () => {
  await server.stop();
  await slow.stop();
});

// Sends bytes on a new connection; resolves with what came back and how the connection ended.
function raw(srv, data, { wait = 3000, localAddress } = {}) {
  return new Promise((ok) => {
    const s = connect({ port: srv.port, host: '127.0.0.1', localAddress });
    let out = '';
    const done = (how) => { clearTimeout(timer); s.destroy(); ok({ out, how }); };
    const timer = setTimeout(() => done('open'), wait);
    s.on('data', (d) => (out += d.toString('latin1')));
    s.on('error', () => {});
    s.on('close', () => done('closed'));
    if (data) s.write(Buffer.from(data, 'latin1'));
  });
}
const statusLines = (out) => out.match(/HTTP\/1\.[01] \d{3}/g) || [];
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

const login = 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n';
const tail = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
const once = 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';

test('ambiguous framing is refused with one answer and the connection closed: nothing after it runs', async () => {
  const cases = [
    ['Content-Length with Transfer-Encoding', `${login}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${tail}`, 400],
    ['two Content-Length headers', `${login}Content-Length: 2\r\nContent-Length: 39\r\n\r\n{}${tail}`, 400],
    ['a space before the colon', `${login}Content-Length : 37\r\n\r\n${tail}`, 400],
    ['Transfer-Encoding: xchunked', `${login}Transfer-Encoding: xchunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n${tail}`, 501],
    ['Transfer-Encoding: gzip, chunked', `${login}Transfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n${tail}`, 501],
    ['chunked framing (with bare LF)', `${login}Transfer-Encoding: chunked\r\n\r\n2\n{}\n0\n\n${tail}`, 411],
    ['a CR inside a header value', `GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n${tail}`, 400],
    ['HTTP/1.1 without Host', `GET /healthz HTTP/1.1\r\n\r\n${tail}`, 400],
    ['two Host headers', `GET /healthz HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n${tail}`, 400],
    ['an encoded NUL in the path', `GET /healthz%00.html HTTP/1.1\r\nHost: x\r\n\r\n${tail}`, 400],
    ['a path that is not UTF-8', `GET /%ff HTTP/1.1\r\nHost: x\r\n\r\n${tail}`, 400],
  ];
  for (const [what, data, status] of cases) {
    const { out, how } = await raw(server, data);
    const lines = statusLines(out);
    assert.deepEqual(lines, [`HTTP/1.1 ${status}`], `${what}: ${JSON.stringify(out.slice(0, 300))}`);
    assert.match(out, /\r\nConnection: close\r\n/i, what);
    assert.match(out, /"type":"urn:motcua:problem:/, `${what}: the answer is a problem`);
    assert.equal(how, 'closed', `${what}: the connection stays open`);
  }
  // a malformed Content-Length is refused by the HTTP library itself; the request after it never runs
  const { out, how } = await raw(server, `${login}Content-Length: 2, 2\r\n\r\n{}${tail}`);
  assert.ok(statusLines(out).every((l) => l === 'HTTP/1.1 400'), out);
  assert.ok(!out.includes('"status":"ok"'), 'the embedded request ran');
  assert.equal(how, 'closed');
});

test('a body must be UTF-8 JSON: another charset is 415', async () => {
  const r = await r1.req('POST', '/api/v1/dossiers', { raw: JSON.stringify(dossierBody()), headers: { 'Content-Type': 'application/json; charset=latin1' } });
  assert.equal(r.status, 415);
  const ok = await r1.req('POST', '/api/v1/dossiers', { raw: JSON.stringify(dossierBody()), headers: { 'Content-Type': 'application/json; charset=UTF-8' } });
  assert.equal(ok.status, 201, ok.text);
});

test('the caller is known before the body: refused uploads and bodies are never read', async () => {
  const tmp = join(server.dir, 'files', 'tmp');
  const code = sql(server.db, 'SELECT code FROM dossiers LIMIT 1') || '000.00.31.H88-261201-0001';
  // anonymous, 20 MB announced: 401 at once, after 1 KB of the body, and the connection closed
  const head = `POST /api/v1/dossiers/${code}/files HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 20971520\r\n\r\n`;
  const t0 = process.hrtime.bigint();
  const { out, how } = await raw(server, head + 'x'.repeat(1024));
  assert.deepEqual(statusLines(out), ['HTTP/1.1 401'], out.slice(0, 200));
  assert.equal(how, 'closed');
  assert.ok(ms(t0) < 2000, `the refusal took ${ms(t0)} ms`);
  assert.deepEqual(readdirSync(tmp), [], 'a temporary file was spooled');

  // a citizen may not create users: 403 before a 900 KB body is read
  const citizen = await as(server, 'citizen');
  const big = `POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nCookie: ${citizen.cookie}\r\nX-CSRF-Token: ${citizen.csrf}\r\nContent-Length: 900000\r\n\r\n{`;
  const forbidden = await raw(server, big);
  assert.deepEqual(statusLines(forbidden.out), ['HTTP/1.1 403'], forbidden.out.slice(0, 200));

  // a public route takes a small body: a login of 100 KB is 413 before it is read
  const huge = await raw(server, `${login}Content-Length: 100000\r\n\r\n{`);
  assert.deepEqual(statusLines(huge.out), ['HTTP/1.1 413'], huge.out.slice(0, 200));

  // 100 anonymous connections announcing 1 MB JSON bodies each hold no memory
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.proc.pid}/status`, 'utf8'))[1]);
  const before = rss();
  const answers = await Promise.all(Array.from({ length: 100 }, () =>
    raw(server, `POST /api/v1/dossiers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n{"a":"`)));
  assert.ok(answers.every((a) => statusLines(a.out)[0] === 'HTTP/1.1 401'), 'every one is 401');
  assert.ok(rss() - before < 20 * 1024, `the server grew by ${rss() - before} KB`);
  // a small refused body is read and dropped: the answer arrives whole on a kept-alive connection
  const small = await raw(server, `POST /api/v1/dossiers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}${tail}`, { wait: 1500 });
  assert.deepEqual(statusLines(small.out), ['HTTP/1.1 401', 'HTTP/1.1 200'], small.out);
});

test('one address cannot take every connection: others are still served', async () => {
  const sockets = [];
  let closedByServer = 0;
  for (let i = 0; i < 200; i++) {
    const s = connect({ port: server.port, host: '127.0.0.1' });
    s.on('error', () => {});
    s.on('close', () => closedByServer++);
    sockets.push(s);
  }
  await Promise.all(sockets.map((s) => new Promise((ok) => { if (s.readyState === 'open') ok(); else { s.on('connect', ok); s.on('close', ok); } })));
  await new Promise((ok) => setTimeout(ok, 500));
  try {
    // the default allows 128 connections from one address; the rest are closed at once
    assert.ok(closedByServer >= 72 && closedByServer <= 75, `${closedByServer} of 200 closed`);
    for (let i = 0; i < 4; i++) {
      const t0 = process.hrtime.bigint();
      const { out } = await raw(server, once, { localAddress: '127.0.0.2', wait: 2000 });
      assert.deepEqual(statusLines(out), ['HTTP/1.1 200'], `another client is not served: ${out}`);
      assert.ok(ms(t0) < 1000, `healthz took ${ms(t0)} ms`);
    }
  } finally {
    for (const s of sockets) s.destroy();
  }
});

test('slowloris: a header block trickled line by line is cut at the deadline; a normal client is served', async () => {
  const conns = Array.from({ length: 30 }, () => {
    const s = connect({ port: slow.port, host: '127.0.0.1' });
    const c = { s, closedAfter: null, t0: process.hrtime.bigint() };
    s.on('error', () => {});
    s.on('connect', () => s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'));
    c.timer = setInterval(() => { if (!s.destroyed) s.write('X-Pad: 1\r\n'); }, 300);
    s.on('close', () => { c.closedAfter = ms(c.t0); clearInterval(c.timer); });
    return c;
  });
  const { out } = await raw(slow, once, { localAddress: '127.0.0.3', wait: 2000 });
  assert.deepEqual(statusLines(out), ['HTTP/1.1 200']);
  await new Promise((ok) => setTimeout(ok, 4500));
  for (const c of conns) { clearInterval(c.timer); c.s.destroy(); }
  const times = conns.map((c) => c.closedAfter);
  assert.ok(times.every((t) => t !== null && t >= 1500 && t < 4000), `closed after ${times.map(Math.round).join(', ')} ms (header timeout 2 s)`);
});

test('a body trickled byte by byte is cut at its deadline; an idle kept-alive connection too', async () => {
  const t0 = process.hrtime.bigint();
  const closed = await new Promise((ok) => {
    const s = connect({ port: slow.port, host: '127.0.0.1' });
    let timer;
    s.on('error', () => {});
    s.on('connect', () => {
      s.write(`${login}Content-Length: 200\r\n\r\n`);
      timer = setInterval(() => s.write('{'), 250);
    });
    s.on('close', () => { clearInterval(timer); ok(ms(t0)); });
    setTimeout(() => { clearInterval(timer); s.destroy(); ok(null); }, 6000);
  });
  assert.ok(closed !== null && closed >= 1500 && closed < 4000, `closed after ${closed} ms (body timeout 2 s)`);

  // a request answered, then silence: the wait for the next header block is bounded too
  const idle = await raw(slow, tail, { wait: 6000 });
  assert.deepEqual(statusLines(idle.out), ['HTTP/1.1 200']);
  assert.equal(idle.how, 'closed');
});

test('a kept-alive connection may wait longer than the header deadline for its next request', async () => {
  // the client's event loop is busy for longer than --header-timeout (2 s) but less than
  // --idle-timeout (3 s): its kept-alive connection must still carry the next request
  assert.equal((await fetch(`${slow.base}/healthz`)).status, 200);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2500);
  assert.equal((await fetch(`${slow.base}/healthz`)).status, 200);
});
