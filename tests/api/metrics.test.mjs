// GET /metrics: Prometheus' text format (promtool accepts it), only to a scraper with the token;
// requests by route and status with their latency, the write batches, the queues' backlogs,
// dossiers by status and feedback, each agreeing with what happened.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, as, sql, dossierBody, ROOT } from './helpers.mjs';

const TOKEN = 'giam-sat-thu-nghiem-0123456789';
let server;
before(async () => { server = await startServer({ args: ['--metrics-token', TOKEN] }); });
after(async () => { await server.stop(); });

const scrape = async (auth = `Bearer ${TOKEN}`) => fetch(`${server.base}/metrics`, { headers: auth ? { Authorization: auth } : {} });
const value = (text, series) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

test('without the token /metrics does not exist', async () => {
  assert.equal((await scrape(null)).status, 404);
  assert.equal((await scrape('Bearer sai')).status, 404);
  assert.equal((await scrape(`Basic ${TOKEN}`)).status, 404);
  const plain = await startServer({ seedFixtures: false });
  try {
    assert.equal((await fetch(`${plain.base}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status, 404);
  } finally {
    await plain.stop();
  }
});

test('the figures follow the requests and the data, and promtool accepts them', async () => {
  const receiver = await as(server, 'receiver1');
  for (let i = 0; i < 3; i++) assert.equal((await fetch(`${server.base}/healthz`)).status, 200);
  let r = await scrape();
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  let text = await r.text();
  const healthz = value(text, 'motcua_http_requests_total{method="GET",route="/healthz",status="200"}');
  assert.ok(healthz >= 3, text.slice(0, 500));
  assert.equal(value(text, 'motcua_http_request_duration_seconds_count{method="GET",route="/healthz"}'), healthz);
  const commits = value(text, 'motcua_db_write_transactions_total');
  const received = value(text, 'motcua_dossiers{status="received"}');
  assert.equal(received, Number(sql(server.db, 'SELECT count(*) FROM dossiers WHERE status = 2')));
  // one intake and one refused request more
  assert.equal((await receiver.post('/api/v1/dossiers', dossierBody())).status, 201);
  assert.equal((await receiver.post('/api/v1/dossiers', { applicant: {} })).status, 422);
  text = await (await scrape()).text();
  assert.equal(value(text, 'motcua_http_requests_total{method="POST",route="/api/v1/dossiers",status="201"}'), 1);
  assert.equal(value(text, 'motcua_http_requests_total{method="POST",route="/api/v1/dossiers",status="422"}'), 1);
  assert.ok(value(text, 'motcua_db_write_transactions_total') > commits);
  assert.equal(value(text, 'motcua_dossiers{status="received"}'), received + 1);
  assert.equal(value(text, 'motcua_outbox_pending'), Number(sql(server.db, "SELECT count(*) FROM outbox WHERE status = 'pending'")));
  assert.equal(value(text, 'motcua_portal_pending'), Number(sql(server.db, "SELECT count(*) FROM portal_queue WHERE state = 'pending'")));
  assert.equal(value(text, 'motcua_feedback_open'), Number(sql(server.db, 'SELECT count(*) FROM feedback WHERE status <= 4')));
  assert.ok(value(text, 'motcua_db_write_batch_size_count') >= 1);
  // a static file and an API path without a route are counted apart
  await fetch(`${server.base}/khong-co.js`);
  await fetch(`${server.base}/api/v1/khong-co`);
  text = await (await scrape()).text();
  assert.ok(value(text, 'motcua_http_requests_total{method="",route="none",status="404"}') >= 1);
  const check = spawnSync(join(ROOT, 'build/tools/promtool'), ['check', 'metrics'], { input: text, encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr);
});
