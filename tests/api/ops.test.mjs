// What a server's operator relies on: every answer carries the id of its log line, the log file is
// reopened on SIGHUP (after logrotate moved it), and SIGTERM answers the requests in flight before
// the process exits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './helpers.mjs';

const until = async (what, ok) => {
  for (let i = 0; i < 200; i++) {
    if (ok()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`${what} did not happen`);
};

test("an answer's X-Request-Id is the id on its log line, in the file SIGHUP reopens", async () => {
  const server = await startServer({ seedFixtures: false });
  const log = join(server.dir, 'motcua.log');
  server.args.push('--log', log);
  await server.restart();
  try {
    const r = await fetch(`${server.base}/api/v1/procedures?q=khai+sinh`);
    const id = r.headers.get('x-request-id');
    assert.match(id, /^[0-9a-f]{16}$/);
    await until('the access line', () => readFileSync(log, 'utf8').includes(`id=${id}`));
    assert.match(readFileSync(log, 'utf8'), new RegExp(`^\\S+Z info GET /api/v1/procedures 200 [0-9.]+ms id=${id}$`, 'm'));
    const other = (await fetch(`${server.base}/healthz`)).headers.get('x-request-id');
    assert.notEqual(other, id, 'each request its own id');
    // logrotate moves the file, then signals: the server writes to a new file of the same name
    renameSync(log, `${log}.1`);
    server.proc.kill('SIGHUP');
    await until('the new file', () => existsSync(log) && readFileSync(log, 'utf8').includes('reopened'));
    const after = (await fetch(`${server.base}/healthz`)).headers.get('x-request-id');
    await until('the line in the new file', () => readFileSync(log, 'utf8').includes(`id=${after}`));
    assert.ok(!readFileSync(`${log}.1`, 'utf8').includes(`id=${after}`));
    assert.equal(server.proc.exitCode, null, 'SIGHUP does not stop the server');
  } finally {
    await server.stop();
  }
});

test('SIGTERM: a request in flight is answered, new connections are refused, the process exits cleanly', async () => {
  const server = await startServer({ seedFixtures: false });
  const body = JSON.stringify({ username: 'khong.co', password: 'sai-mat-khau' });
  const sock = connect({ port: server.port, host: '127.0.0.1' });
  let answer = '';
  sock.on('data', (d) => (answer += d));
  await new Promise((ok) => sock.on('connect', ok));
  sock.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`);
  await new Promise((r) => setTimeout(r, 300)); // the server has begun the request
  const exited = new Promise((ok) => server.proc.on('exit', (code) => ok(code)));
  server.proc.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  const refused = await new Promise((ok) => {
    const c = connect({ port: server.port, host: '127.0.0.1' });
    c.on('error', (err) => ok(err.code));
    c.on('connect', () => { c.destroy(); ok('connected'); });
  });
  assert.equal(refused, 'ECONNREFUSED', 'no new connection once stopping');
  sock.write(body.slice(10));
  await until('the answer', () => /\r\n\r\n.*"status":401/s.test(answer));
  assert.match(answer, /^HTTP\/1\.1 401 /);
  sock.destroy();
  assert.equal(await exited, 0);
  await server.stop();
});
