// The motcua command: calendar answers, user management, the demo database, help.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, motcua, sql } from './helpers.mjs';

const run = (...args) => spawnSync(BIN, args, { encoding: 'utf8' });

test('calendar holidays prints YYYY-MM-DD<TAB>name, one line per day off', () => {
  const lines = motcua('calendar', 'holidays', '2025').trim().split('\n');
  assert.deepEqual(lines, [
    '2025-01-01\tTết Dương lịch',
    '2025-01-28\tTết Nguyên đán', '2025-01-29\tTết Nguyên đán', '2025-01-30\tTết Nguyên đán',
    '2025-01-31\tTết Nguyên đán', '2025-02-01\tTết Nguyên đán', '2025-02-03\tNghỉ bù Tết Nguyên đán',
    '2025-04-07\tGiỗ Tổ Hùng Vương', '2025-04-30\tNgày Chiến thắng', '2025-05-01\tNgày Quốc tế Lao động',
    '2025-09-01\tQuốc khánh', '2025-09-02\tQuốc khánh',
  ]);
  assert.equal(run('calendar', 'holidays', '1899').status, 2);
  assert.equal(run('calendar', 'holidays', 'abc').status, 2);
});

test('calendar lunar prints D/M/YYYY and marks leap months', () => {
  assert.equal(motcua('calendar', 'lunar', '2026-02-17'), '1/1/2026\n');
  assert.equal(motcua('calendar', 'lunar', '2023-03-22'), '1/2/2023 (nhuận)\n');
  assert.equal(motcua('calendar', 'lunar', '2030-02-02'), '1/1/2030\n');
  assert.equal(motcua('calendar', 'lunar', '2024-09-17'), '15/8/2024\n');
  assert.equal(run('calendar', 'lunar', '2024-02-30').status, 2);
  const r = run('calendar', 'lunar', '2101-01-01');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /1900/);
});

test('calendar due prints the due time', () => {
  const due = (from, days, ...more) => motcua('calendar', 'due', '--from', from, '--days', String(days), ...more).trim();
  assert.equal(due('2024-03-11 07:30', 1), '2024-03-11 17:00');
  assert.equal(due('2024-03-15 10:00', 1), '2024-03-18 10:00');
  assert.equal(due('2025-01-24 16:00', 1), '2025-01-27 16:00');
  assert.equal(due('2025-01-27 08:00', 2), '2025-02-05 08:00');
  assert.equal(due('2024-03-11 10:00', 5, '--calendar-days'), '2024-03-18 17:00');
  assert.equal(due('2024-03-11 07:00', 1, '--office-hours', '07:00-11:00,13:30-17:30'), '2024-03-11 17:30');
  for (const bad of [['--from', '2024-03-11', '--days', '1'], ['--from', '2024-03-11 07:30', '--days', 'x'], ['--days', '1'], ['--from', '2024-03-11 07:30', '--days', '1', '--office-hours', '07:30-11:30']])
    assert.equal(run('calendar', 'due', ...bad).status, 2, bad.join(' '));
});

test('user add and grant check roles, agencies and duplicates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-cli-'));
  const db = join(dir, 'u.db');
  try {
    assert.equal(run('user', 'add', '--db', db, '--username', 'a', '--password', 'p', '--role', 'admin').status, 0);
    assert.equal(run('user', 'add', '--db', db, '--username', 'a', '--password', 'p', '--role', 'admin').status, 1);
    assert.equal(run('user', 'add', '--db', db, '--username', 'b', '--password', 'p', '--role', 'root').status, 2);
    assert.equal(run('user', 'add', '--db', db, '--username', 'b', '--password', 'p', '--role', 'receiver').status, 2);
    assert.equal(run('user', 'add', '--db', db, '--username', 'b', '--password', 'p', '--role', 'citizen', '--agency', '000.00.01.H01').status, 2);
    const r = run('user', 'add', '--db', db, '--username', 'b', '--password', 'p', '--role', 'receiver', '--agency', '000.00.01.H01');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no agency/);
    assert.equal(run('user', 'grant', '--db', db, '--username', 'a', '--role', 'auditor').status, 0);
    assert.equal(sql(db, "SELECT group_concat(role) FROM user_roles JOIN users ON users.id = user_id WHERE username = 'a' ORDER BY role"), 'admin,auditor');
    assert.equal(run('user', 'grant', '--db', db, '--username', 'nobody', '--role', 'auditor').status, 1);
    assert.match(sql(db, "SELECT password_hash FROM users WHERE username = 'a'"), /^\$argon2id\$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the demo database: a province, 20+ communes, 60+ procedures, every role and every status', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-demo-'));
  const db = join(dir, 'demo.db');
  try {
    execFileSync(BIN, ['demo', '--db', db, '--dossiers', '4000', '--seed', '7'], { encoding: 'utf8' });
    assert.ok(Number(sql(db, "SELECT count(*) FROM agencies WHERE level = 'commune'")) >= 20);
    assert.ok(Number(sql(db, 'SELECT count(*) FROM procedures')) >= 60);
    assert.ok(Number(sql(db, 'SELECT count(DISTINCT field) FROM procedures')) >= 15);
    assert.equal(sql(db, 'SELECT count(DISTINCT role) FROM user_roles'), '8');
    assert.equal(sql(db, 'SELECT group_concat(status) FROM (SELECT DISTINCT status FROM dossiers ORDER BY status)'), '1,2,3,4,5,6,7,8,9,10');
    assert.equal(sql(db, 'SELECT count(*) FROM dossiers WHERE parent_id IS NULL'), '4000'); // and consulted agencies' linked ones
    // codes are well formed and unique; every dossier has its control sheet; identifiers are well formed
    assert.equal(sql(db, "SELECT count(*) FROM dossiers WHERE code NOT GLOB '[0-9][0-9][0-9].[0-9][0-9].[0-9][0-9].[A-Z][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]*'"), '0');
    assert.equal(sql(db, "SELECT count(*) FROM agencies WHERE id NOT GLOB '[0-9][0-9][0-9].[0-9][0-9].[0-9][0-9].[A-Z][0-9][0-9]'"), '0');
    assert.equal(sql(db, 'SELECT count(*) FROM dossiers d WHERE NOT EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id)'), '0');
    assert.equal(sql(db, 'SELECT count(*) FROM dossiers d WHERE status <> (SELECT to_status FROM dossier_events e WHERE e.dossier_id = d.id ORDER BY id DESC LIMIT 1)'), '0');
    // received dossiers have due times after receipt; the span covers two years
    assert.equal(sql(db, 'SELECT count(*) FROM dossiers WHERE received_at IS NOT NULL AND (due_at IS NULL OR due_at <= received_at)'), '0');
    assert.ok(Number(sql(db, 'SELECT (max(submitted_at) - min(submitted_at)) / 86400 FROM dossiers')) > 700);
    // a realistic on-time rate
    const late = Number(sql(db, 'SELECT count(*) FROM dossiers WHERE finished_at > due_at'));
    const finished = Number(sql(db, 'SELECT count(*) FROM dossiers WHERE finished_at IS NOT NULL'));
    assert.ok(late > 0 && late / finished < 0.06, `${late}/${finished}`);
    assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
    assert.equal(run('demo', '--db', db).status, 1); // never over an existing database
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('upgrading a database whose counting rules are older counts its dossiers again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-upgrade-'));
  const db = join(dir, 'demo.db');
  try {
    motcua('demo', '--db', db, '--dossiers', '300', '--seed', '4', '--now', '2026-10-15 10:00');
    // as a version-4 database: counted by the old rules (here: counted wrong), without migrations 5 to 17
    sql(db, `DELETE FROM schema_version WHERE version >= 5; DROP INDEX dossiers_status_due;
      DROP TRIGGER agencies_hours_insert; DROP TRIGGER agencies_hours_update;
      DROP TABLE feedback_ratings; DROP TABLE feedback_routes; DROP TABLE feedback_times;
      DROP TABLE feedback_files; DROP TABLE feedback_events; DROP TABLE feedback; DROP TABLE open311_keys;
      DROP TABLE index_values; DROP TABLE par_files; DROP TABLE par_assessments; DROP TABLE par_items;
      DROP TABLE par_structures;
      DROP TABLE staged_uploads; ALTER TABLE files DROP COLUMN supplement; ALTER TABLE procedure_components DROP COLUMN requirement;
      DROP TABLE portal_sync; DROP TABLE portal_queue; DROP TABLE portal_statuses; DROP INDEX dossiers_submitted;
      DROP TABLE account_tokens; DROP TABLE search_synonyms; DROP TABLE plan_reminders; ALTER TABLE dossiers DROP COLUMN applicant_folded; DROP TABLE committee_areas; DROP TABLE committee_units;
      DROP TABLE task_report_files; DROP TABLE task_reports; DROP TABLE task_units; DROP TABLE tasks; DROP TABLE plans;
      DROP TABLE procedure_forms; ALTER TABLE procedures DROP COLUMN conditions; ALTER TABLE agencies DROP COLUMN opening_hours;
      UPDATE stats SET done_early = done_early + 1, refused = 0`);
    assert.equal(run('report', 'verify', '--db', db).status, 1);
    motcua('init', '--db', db);
    assert.equal(sql(db, 'SELECT max(version) FROM schema_version'), '20');
    assert.equal(sql(db, 'SELECT count(*) FROM portal_statuses WHERE portal_status = status'), '10');
    // the optional components stay optional: the rest is uploaded until an administrator says otherwise
    assert.notEqual(sql(db, "SELECT count(*) FROM procedure_components WHERE requirement = 'optional'"), '0');
    assert.equal(sql(db, "SELECT count(*) FROM procedure_components WHERE (requirement = 'optional') <> (required = 0)"), '0');
    // the folded names were filled in by the migration
    assert.equal(sql(db, "SELECT count(*) FROM dossiers WHERE applicant_folded IS NULL OR applicant_folded GLOB '*[ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚĂĐƠƯàáâãèéêìíòóôõùúăđơư]*'"), '0');
    assert.match(motcua('report', 'verify', '--db', db), /every counter agrees/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every subcommand explains itself with --help', () => {
  for (const cmd of ['init', 'serve', 'demo', 'gen', 'user', 'calendar', 'audit', 'report', 'check', 'open311', 'plans', 'par', 'import']) {
    const r = run(cmd, '--help');
    assert.equal(r.status, 0, cmd);
    assert.match(r.stdout, /^usage: motcua /, cmd);
  }
  assert.equal(run('--help').status, 0);
  assert.equal(run().status, 2);
  assert.equal(run('frobnicate').status, 2);
});

test('report verify finds a counter that disagrees with the dossiers; rebuild mends it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-stats-'));
  const db = join(dir, 'demo.db');
  try {
    motcua('demo', '--db', db, '--dossiers', '400', '--seed', '7');
    assert.match(motcua('report', 'verify', '--db', db), /every counter agrees/);
    // a counter changed behind motcua's back
    sql(db, 'UPDATE stats SET recv_counter = recv_counter + 1 WHERE (agency, grain, period, procedure_id) ='
      + ' (SELECT agency, grain, period, procedure_id FROM stats WHERE grain = 2 AND procedure_id = 0 LIMIT 1)');
    let r = run('report', 'verify', '--db', db);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /grain 2 period \d{4}-\d\d procedure 0: recv_counter is \d+, recomputed \d+/);
    assert.match(r.stdout, /1 counters differ/);
    // a dossier changed behind motcua's back: its counters no longer match
    sql(db, 'UPDATE dossiers SET channel = 3 WHERE id = (SELECT min(id) FROM dossiers WHERE channel = 1 AND received_at IS NOT NULL AND parent_id IS NULL)');
    r = run('report', 'verify', '--db', db);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /recv_post is \d+, recomputed \d+/);
    assert.match(motcua('report', 'rebuild', '--db', db), /rebuilt/);
    assert.match(motcua('report', 'verify', '--db', db), /every counter agrees/);
    assert.equal(run('report', 'bogus', '--db', db).status, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('gen writes each dossier with its control sheet, step and counters, reproducibly', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-gen-'));
  const gen = (name, ...more) => motcua('gen', '--db', join(dir, name), '--dossiers', '3000',
    '--seed', '11', '--communes', '24', '--now', '2026-11-20 10:00', ...more);
  try {
    gen('a.db');
    gen('b.db');
    const a = join(dir, 'a.db');
    assert.match(motcua('check', '--db', a, '--now', '2026-11-20 10:00'), /3000 dossiers checked, 0 disagreements/);
    assert.match(motcua('report', 'verify', '--db', a), /every counter agrees/);
    // every dossier has its control sheet; those handed over have their step; codes from the counters
    assert.equal(sql(a, 'SELECT count(*) FROM dossiers d WHERE NOT EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id)'), '0');
    assert.equal(sql(a, "SELECT count(*) FROM dossiers d WHERE status <> 3 AND NOT EXISTS (SELECT 1 FROM dossier_steps s WHERE s.dossier_id = d.id)"), '0');
    assert.equal(sql(a, 'SELECT sum(last) FROM code_counters'), '3000');
    assert.equal(sql(a, 'SELECT count(*) FROM dossiers WHERE result_electronic = 1 AND id NOT IN (SELECT dossier_id FROM files WHERE kind = \'result\')'), '0');
    // the same seed and moment make the same rows
    const rows = (db) => sql(db, 'SELECT group_concat(code || status || coalesce(finished_at, 0), \',\') FROM (SELECT * FROM dossiers ORDER BY id)');
    assert.equal(rows(a), rows(join(dir, 'b.db')));
    // shared options: unknown ones and stray arguments are usage errors
    assert.equal(run('gen', '--db', join(dir, 'c.db'), '--dossiers', '1', '--seed', 'x').status, 2);
    assert.equal(run('check', '--db', a, 'extra').status, 2);
    assert.equal(run('demo', '--db', join(dir, 'd.db'), '--bogus').status, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
