// The demo database for any moment: every status, channel and kind of history, nothing in the
// future, counters and audit chain intact, the same rows for the same seed and moment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, motcua, sql, startServer, clockAt, Client } from './helpers.mjs';

// Local (UTC+7) moments: every month over three years, Tết eves and the first working days after
// Tết, New Year's Eve at 23:59 and New Year at 00:00, weekends, holidays, the Saturday worked for
// 2 May 2025 and the Friday given off for it, office hours' edges.
const MOMENTS = [
  '2025-01-15 09:00', '2025-02-10 14:30', '2025-03-31 17:05', '2025-04-26 10:00',
  '2025-05-02 08:00', '2025-06-15 12:00', '2025-07-01 00:00', '2025-08-29 16:45',
  '2025-09-02 09:00', '2025-10-31 23:59', '2025-11-24 11:00', '2025-12-31 23:59',
  '2026-01-01 00:00', '2026-02-16 16:59', '2026-02-23 07:30', '2026-03-14 10:00',
  '2026-04-27 08:00', '2026-05-31 23:59', '2026-06-30 23:59', '2026-07-01 00:01',
  '2026-08-15 03:00', '2026-09-30 13:00', '2026-10-12 07:29', '2026-11-30 17:00',
  '2026-12-06 20:00', '2026-12-31 23:59', '2027-01-01 00:00', '2027-02-05 16:59',
  '2027-02-12 07:30', '2028-01-25 11:31',
];

const epoch = (local) => Date.parse(`${local.replace(' ', 'T')}:00+07:00`) / 1000;

// One row of figures (a|b|c ...) from a query of scalar subqueries.
const figures = (db, now, names) => {
  const row = sql(db, `SELECT ${names.map(([, q]) => `(${q.replaceAll('$NOW', now)})`).join(', ')}`).split('|');
  return Object.fromEntries(names.map(([n], i) => [n, row[i]]));
};

const CHECKS = [
  ['statuses', 'SELECT group_concat(status) FROM (SELECT DISTINCT status FROM dossiers WHERE parent_id IS NULL ORDER BY status)'],
  ['channels', 'SELECT group_concat(channel) FROM (SELECT DISTINCT channel FROM dossiers ORDER BY channel)'],
  ['future', 'SELECT count(*) FROM dossiers WHERE max(submitted_at, coalesce(received_at, 0), coalesce(finished_at, 0), coalesce(returned_at, 0), coalesce(closed_at, 0), updated_at, created_at, coalesce(apology_at, 0), coalesce(paused_at, 0), coalesce(fee_paid_at, 0)) > $NOW'],
  ['future_events', 'SELECT count(*) FROM dossier_events WHERE at > $NOW'],
  ['future_steps', 'SELECT count(*) FROM dossier_steps WHERE max(coalesce(started_at, 0), coalesce(finished_at, 0)) > $NOW'],
  ['future_ratings', 'SELECT count(*) FROM ratings WHERE created_at > $NOW'],
  ['not_last_event', 'SELECT count(*) FROM dossiers d WHERE status <> (SELECT to_status FROM dossier_events e WHERE e.dossier_id = d.id ORDER BY id DESC LIMIT 1)'],
  ['events_out_of_order', 'SELECT count(*) FROM dossier_events a JOIN dossier_events b ON b.dossier_id = a.dossier_id AND b.id > a.id AND b.at < a.at'],
  ['received_without_due', 'SELECT count(*) FROM dossiers WHERE received_at IS NOT NULL AND (due_at IS NULL OR due_at <= received_at)'],
  ['closed_without_reason', 'SELECT count(*) FROM dossiers WHERE status IN (3, 7, 8) AND (closed_at IS NULL OR close_reason IS NULL)'],
  ['late', 'SELECT count(*) FROM dossiers WHERE parent_id IS NULL AND finished_at > original_due_at'],
  ['early', "SELECT count(*) FROM dossiers WHERE parent_id IS NULL AND date(finished_at + 25200, 'unixepoch') < date(original_due_at + 25200, 'unixepoch')"],
  ['overdue_open', 'SELECT count(*) FROM dossiers WHERE parent_id IS NULL AND status IN (2, 4, 6) AND original_due_at < $NOW'],
  ['apologies', 'SELECT count(*) FROM dossiers WHERE apology_at IS NOT NULL AND apology_previous_due_at < due_at'],
  ['supplements', 'SELECT count(*) FROM dossiers WHERE supplement_count > 0'],
  ['consulting', 'SELECT count(*) FROM dossiers WHERE open_children > 0'],
  ['consulted', 'SELECT count(*) FROM dossiers WHERE parent_id IS NOT NULL'],
  ['ratings', 'SELECT count(*) FROM ratings'],
  ['swaps', 'SELECT count(*) FROM calendar_overrides'],
  // feedback: some open, some with a published answer, nothing after the moment
  ['feedback_open', 'SELECT count(*) FROM feedback WHERE closed_at IS NULL'],
  ['feedback_published', 'SELECT count(*) FROM feedback WHERE published_at IS NOT NULL'],
  ['future_feedback', 'SELECT count(*) FROM feedback_events WHERE at > $NOW'],
  // the demo accounts' units each hold open dossiers: the centre, two departments, a commune
  ['queues', "SELECT count(DISTINCT current_unit) FROM dossiers WHERE status IN (1, 2, 4, 5, 6, 9) AND current_unit IN ('000.00.01.H99', '000.00.02.H99', '000.00.03.H99', '000.00.31.H99')"],
  // every unit holding dossiers has officers: a leader, and a receiver or processor for its work
  ['units_without_officers', `SELECT count(*) FROM (SELECT agency AS u FROM dossiers UNION SELECT current_unit FROM dossiers WHERE current_unit IS NOT NULL)
    WHERE u NOT IN (SELECT agency FROM user_roles WHERE role = 'leader' AND agency IS NOT NULL)
       OR u NOT IN (SELECT agency FROM user_roles WHERE role IN ('receiver', 'processor') AND agency IS NOT NULL)`],
  // processing dossiers move through their process's steps, and some wait for a leader's approval
  ['processing_without_process', 'SELECT count(*) FROM dossiers d WHERE status = 4 AND parent_id IS NULL AND (SELECT count(*) FROM dossier_steps s WHERE s.dossier_id = d.id) < 3'],
  ['awaiting_approval', "SELECT count(DISTINCT d.current_unit) FROM dossiers d JOIN dossier_steps s ON s.dossier_id = d.id AND s.position = d.step WHERE d.status = 4 AND s.role = 'approve' AND d.current_unit IN ('000.00.02.H99', '000.00.03.H99', '000.00.31.H99')"],
];

test('the demo at 30 moments: every status, channel and kind of history, nothing after the moment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-demo-'));
  try {
    MOMENTS.forEach((moment, i) => {
      const db = join(dir, `demo-${i}.db`);
      motcua('demo', '--db', db, '--dossiers', '300', '--seed', String(i + 1), '--now', moment);
      const f = figures(db, epoch(moment), CHECKS);
      const at = `at ${moment}: ${JSON.stringify(f)}`;
      assert.equal(f.statuses, '1,2,3,4,5,6,7,8,9,10', at);
      assert.equal(f.channels, '1,2,3', at);
      for (const k of ['future', 'future_events', 'future_steps', 'future_ratings', 'future_feedback', 'not_last_event',
        'events_out_of_order', 'received_without_due', 'closed_without_reason'])
        assert.equal(f[k], '0', `${k} ${at}`);
      for (const k of ['late', 'early', 'overdue_open', 'apologies', 'supplements', 'consulting', 'consulted', 'ratings',
        'feedback_open', 'feedback_published'])
        assert.ok(Number(f[k]) > 0, `${k} ${at}`);
      assert.equal(f.swaps, '2', at);
      assert.equal(f.queues, '4', at);
      assert.equal(f.units_without_officers, '0', at);
      assert.equal(f.processing_without_process, '0', at);
      assert.equal(f.awaiting_approval, '3', at);
      assert.match(motcua('report', 'verify', '--db', db), /every counter agrees/, at);
      assert.match(motcua('audit', 'verify', '--db', db), /the chain is intact/, at);
      assert.match(motcua('check', '--db', db, '--now', moment), /, 0 disagreements/, at);
      rmSync(db);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the same seed and moment make the same rows; another moment moves them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-demo-'));
  // every row, without the password hashes (salted at random, as they must be)
  const dump = (db) => execFileSync('sqlite3', [db, '.dump'], { encoding: 'utf8', maxBuffer: 1 << 28 })
    .replace(/'\$argon2id\$[^']*'/g, "'…'");
  try {
    const db = join(dir, 'demo.db'); // one path: the audit log names it
    const make = (now) => {
      rmSync(db, { force: true });
      motcua('demo', '--db', db, '--dossiers', '500', '--seed', '3', '--now', now);
      return dump(db);
    };
    const [a, b, c] = ['2027-02-05 16:59', '2027-02-05 16:59', '2027-02-12 07:30'].map(make);
    assert.ok(a.length > 100000);
    assert.ok(a === b, 'two demos for one seed and moment differ');
    assert.notEqual(a, c);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('motcua check finds a dossier whose fields disagree with its status or control sheet', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-demo-'));
  try {
    const db = join(dir, 'demo.db');
    motcua('demo', '--db', db, '--dossiers', '300', '--seed', '9', '--now', '2026-06-15 10:00');
    assert.match(motcua('check', '--db', db, '--now', '2026-06-15 10:00'), /^\d+ dossiers checked, 0 disagreements$/m);
    // digitised components and electronic results point to a scan stored beside the database
    assert.equal(sql(db, `SELECT (SELECT count(*) FROM dossier_components WHERE digitized = 1)
      + (SELECT count(*) FROM dossiers WHERE result_electronic = 1) - (SELECT count(*) FROM files)`), '0');
    const sha = sql(db, 'SELECT DISTINCT sha256 FROM files');
    assert.match(sha, /^[0-9a-f]{64}$/);
    const scan = join(dir, 'files', sha.slice(0, 2), sha);
    assert.match(execFileSync('pdftotext', [scan, '-'], { encoding: 'utf8' }), /Ban quet mau/);
    const first = (where) => sql(db, `SELECT code FROM dossiers WHERE ${where} ORDER BY id LIMIT 1`);
    const refused = first('status = 3');
    const returned = first('status = 10 AND parent_id IS NULL');
    const scanned = first('EXISTS (SELECT 1 FROM files f WHERE f.dossier_id = dossiers.id AND f.kind = \'component\')');
    const supplemented = first('supplement_count > 0');
    sql(db, `UPDATE dossiers SET close_reason = NULL WHERE code = '${refused}';
      UPDATE dossiers SET received_at = received_at + 60 WHERE code = '${returned}';
      UPDATE dossiers SET supplement_count = 0 WHERE code = '${supplemented}';
      DELETE FROM files WHERE kind = 'component' AND dossier_id = (SELECT id FROM dossiers WHERE code = '${scanned}')`);
    const r = spawnSync(BIN, ['check', '--db', db, '--now', '2026-06-15 10:00'], { encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stdout, new RegExp(`${refused}: is refused without its closing time and reason`));
    assert.match(r.stdout, new RegExp(`${returned}: received_at differs from the time of a receipt`));
    assert.match(r.stdout, new RegExp(`${supplemented}: counts 0 supplement requests, the control sheet 1`));
    assert.match(r.stdout, new RegExp(`${scanned}: component 1 is marked digitised but has no file`));
    // a moment before the demo's: everything lies in its future
    assert.match(spawnSync(BIN, ['check', '--db', db, '--now', '2024-01-01 00:00'], { encoding: 'utf8' }).stdout, /holds a time after now/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--now is a local time; anything else is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-demo-'));
  try {
    for (const bad of ['2026-13-01 10:00', 'tomorrow', '2026-12-02', '1999-12-31 23:59', ''])
      for (const cmd of ['demo', 'gen']) {
        const r = spawnSync(BIN, [cmd, '--db', join(dir, 'x.db'), '--dossiers', '10', '--now', bad], { encoding: 'utf8' });
        assert.equal(r.status, 2, `${cmd} --now '${bad}'`);
        assert.match(r.stderr, /--now must be a local time/);
      }
    const db = join(dir, 'g.db');
    motcua('gen', '--db', db, '--dossiers', '2000', '--now', '2026-03-11 10:00');
    const now = epoch('2026-03-11 10:00');
    assert.equal(sql(db, `SELECT count(*) FROM dossiers WHERE max(submitted_at, received_at, coalesce(finished_at, 0), coalesce(returned_at, 0), coalesce(closed_at, 0)) > ${now}`), '0');
    assert.equal(sql(db, "SELECT min(date(received_at + 25200, 'unixepoch')) || ' ' || max(date(received_at + 25200, 'unixepoch')) FROM dossiers"), '2022-03-01 2026-03-10');
    assert.match(motcua('report', 'verify', '--db', db), /every counter agrees/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Every role finds its work on the first run: the demo served at its own moment, as each officer.
test('on the demo, processors and leaders each have actions they can take, and take them', async () => {
  const moment = '2026-03-11 10:00';
  const server = await startServer({ prepare: (db) => motcua('demo', '--db', db, '--dossiers', '300', '--now', moment), env: clockAt(moment), check: false });
  try {
    const login = async (username) => { const c = new Client(server); await c.login(username, 'motcua2026'); return c; };
    // what each may do now on the open dossiers of its queue
    const offers = async (c) => {
      const list = (await c.get('/api/v1/dossiers?limit=200')).json.items.filter((d) => ['processing', 'received', 'supplement', 'financial'].includes(d.status));
      const out = [];
      for (const d of list) {
        const one = (await c.get(`/api/v1/dossiers/${d.code}`)).json;
        for (const a of one.actions) if (a.available) out.push([one, a.name]);
      }
      return out;
    };
    for (const username of ['xuly.tuphap', 'xuly.xaydung', 'xuly.bacson', 'lanhdao.tuphap', 'lanhdao.xaydung', 'lanhdao.bacson']) {
      const got = await offers(await login(username));
      assert.ok(got.length > 0, `${username} has nothing to do`);
    }
    // a processor forwards a dossier to its leader's approval; that leader approves it
    const proc = await login('xuly.bacson'), lead = await login('lanhdao.bacson');
    const forward = (await offers(proc)).find(([, a]) => a === 'forward');
    assert.ok(forward, 'xuly.bacson can forward a dossier');
    let r = await proc.post(`/api/v1/dossiers/${forward[0].code}/forward`, { version: forward[0].version });
    assert.equal(r.status, 200, r.text);
    const approve = (await offers(lead)).find(([, a]) => a === 'approve');
    assert.ok(approve, 'lanhdao.bacson can approve a dossier');
    r = await lead.post(`/api/v1/dossiers/${approve[0].code}/approve`, { version: approve[0].version });
    assert.equal(r.status, 200, r.text);
    // a processor is never offered an approval nor an apology; a leader is offered an apology where its window is open
    assert.ok(!(await offers(proc)).some(([, a]) => a === 'approve' || a === 'apologize'));
    assert.ok((await offers(lead)).some(([, a]) => a === 'apologize'), 'lanhdao.bacson can apologise for a dossier due soon');
  } finally {
    await server.stop();
  }
});
