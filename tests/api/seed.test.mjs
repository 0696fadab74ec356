// The figures of the seed district (2018-2021: 363,424 dossiers, 361,869 early or
// on time, 1,555 late, 99.57 %) made by the generator and reported exactly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, motcua } from './helpers.mjs';

let server, admin;
before(async () => {
  server = await startServer({
    prepare: (db) => motcua('gen', '--db', db, '--dossiers', '363424', '--resolved', '--late', '1555',
      '--from', '2018-01-01', '--to', '2021-12-31', '--communes', '24', '--seed', '2018'),
  });
  admin = new Client(server);
  await admin.login('admin', 'motcua2026'); // the generator's administrator
});
after(async () => { await server.stop(); });

test('the generator reproduces the seed district and the report gives its figures exactly', async () => {
  const r = await admin.get('/api/v1/reports/resolution?from=2018-01-01&to=2021-12-31');
  assert.equal(r.status, 200, r.text);
  const t = r.json.total;
  assert.equal(t.received, 363424);
  assert.equal(t.carried, 0);
  assert.equal(t.resolved, 363424);
  assert.equal(t.early + t.on_time, 361869);
  assert.equal(t.late, 1555);
  assert.equal(t.in_progress, 0);
  assert.equal(t.on_time_rate, 99.57);
  // the rows add up to the total
  const sum = (k) => r.json.rows.reduce((s, x) => s + x[k], 0);
  assert.equal(sum('resolved'), 363424);
  assert.equal(sum('late'), 1555);
  // by year, the carried-over chain closes: what one year leaves in progress the next takes
  const years = [];
  for (const y of [2018, 2019, 2020, 2021])
    years.push((await admin.get(`/api/v1/reports/resolution?from=${y}-01-01&to=${y}-12-31`)).json.total);
  assert.equal(years.reduce((s, x) => s + x.late, 0), 1555);
  assert.equal(years.reduce((s, x) => s + x.resolved, 0), 363424);
  for (let i = 1; i < 4; i++) assert.equal(years[i].carried, years[i - 1].in_progress);
  // the service index's progress part reads the same numbers
  const x = await admin.get('/api/v1/index?from=2018-01-01&to=2021-12-31');
  const onTime = x.json.index.groups.flatMap((g) => g.parts).find((p) => p.code === 'on_time');
  assert.equal(onTime.denominator, 363424);
  assert.ok(onTime.numerator <= 361869); // dossiers with two supplement requests count as late here
});
