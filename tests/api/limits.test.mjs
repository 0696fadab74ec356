// Limits that keep the server answering: hundreds of idle connections, a slowloris client and
// oversized headers at once, while a normal client is still served quickly. Each listener thread
// takes its share of the connections (the kernel spreads them), and the limits are counted across
// the listeners. Load stays on loopback and bounded (about 600 sockets, a few seconds).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, BIN } from './helpers.mjs';

let server;
before(async () => {
  server = await startServer({ seedFixtures: false, args: ['--header-timeout', '3', '--connections-per-address', '100'] });
});
after(async () => { await server.stop(); });

function open(localAddress) {
  return new Promise((ok) => {
    const s = connect({ port: server.port, host: '127.0.0.1', localAddress });
    s.gone = false;
    s.on('error', () => {});
    s.on('close', () => { s.gone = true; });
    s.on('connect', () => ok(s));
    s.on('close', () => ok(s));
  });
}

// One request on a new connection: its status line and how long it took.
function ask(data, localAddress = '127.0.0.1') {
  return new Promise((ok) => {
    const t0 = process.hrtime.bigint();
    const s = connect({ port: server.port, host: '127.0.0.1', localAddress });
    let out = '';
    s.on('data', (d) => (out += d.toString('latin1')));
    s.on('error', () => {});
    s.on('close', () => ok({ status: (out.match(/^HTTP\/1\.1 (\d{3})/) || [])[1], ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    s.write(data);
    setTimeout(() => s.destroy(), 5000);
  });
}
const healthz = 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';

test('idle connections, a slowloris and oversized headers do not stop the server answering others', async () => {
  // 500 idle connections from 5 addresses (100 each, the limit per address)
  const idle = [];
  for (let a = 2; a <= 6; a++) idle.push(...await Promise.all(Array.from({ length: 100 }, () => open(`127.0.0.${a}`))));
  // one more from a full address is refused at once
  const extra = await open('127.0.0.2');
  await new Promise((ok) => setTimeout(ok, 300));
  assert.ok(extra.gone, 'a 101st connection from one address was kept');
  assert.equal(idle.filter((s) => s.gone).length, 0);

  // a slowloris: a header line every half second, never finishing
  const loris = await open('127.0.0.7');
  loris.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
  const drip = setInterval(() => loris.write('X-Slow: 1\r\n'), 500);
  try {
    // headers larger than the server takes: 431, and the connection closed
    const big = await ask(`GET /healthz HTTP/1.1\r\nHost: x\r\nCookie: ${'a'.repeat(100000)}\r\n\r\n`, '127.0.0.8');
    assert.equal(big.status, '431');
    // meanwhile a normal client is served, quickly, every time
    for (let i = 0; i < 10; i++) {
      const r = await ask(healthz, '127.0.0.9');
      assert.equal(r.status, '200');
      assert.ok(r.ms < 1000, `healthz took ${r.ms} ms`);
    }
    // the slowloris is cut at the header deadline (3 s), with no answer
    await new Promise((ok) => setTimeout(ok, 3500));
    assert.ok(loris.gone, 'the slowloris connection is still open after the header deadline');
  } finally {
    clearInterval(drip);
    for (const s of [...idle, loris, extra]) s.destroy();
  }
  // once they are gone, their address may connect again (the count went down)
  await new Promise((ok) => setTimeout(ok, 300));
  assert.equal((await ask(healthz, '127.0.0.2')).status, '200');
});

test('a second server started on a port in use refuses to start instead of sharing it', async () => {
  const r = spawnSync(BIN, ['serve', '--db', join(server.dir, 'other.db'), '--listen', `127.0.0.1:${server.port}`], { encoding: 'utf8', timeout: 20000 });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${server.port}: Address already in use`));
  assert.equal((await fetch(`${server.base}/healthz`)).status, 200, 'the first still serves');
});
