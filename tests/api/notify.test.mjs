// Notifications: written to the outbox with the transition, delivered to a real SMTP server on loopback.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startServer, as, sql, intoApologyWindow, A, PROC, dossierBody, applicant, today } from './helpers.mjs';

const require = createRequire(import.meta.url);
const { SMTPServer } = require('smtp-server');

let smtp, server, desk, jproc, jlead, centre;
const inbox = [];
let refuseFirst = new Set(); // recipients refused once
const refuseAlways = new Set(['hong@example.vn']);

function decode(raw) {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const headers = {};
  for (const line of head.replace(/\r\n\s+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const subject = headers.subject.replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_, b) => Buffer.from(b, 'base64').toString('utf8'));
  const body = headers['content-transfer-encoding'] === 'base64' ? Buffer.from(rest.join('\r\n\r\n').replace(/\s/g, ''), 'base64').toString('utf8') : rest.join('\r\n\r\n');
  return { headers, subject, body };
}

before(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, session, cb) {
      if (refuseAlways.has(address.address)) return cb(new Error('mailbox unavailable'));
      if (refuseFirst.has(address.address)) { refuseFirst.delete(address.address); return cb(new Error('try again later')); }
      cb();
    },
    onData(stream, session, cb) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), from: session.envelope.mailFrom.address, ...decode(Buffer.concat(chunks).toString('utf8')) });
        cb();
      });
    },
  });
  await new Promise((ok) => smtp.listen(0, '127.0.0.1', ok));
  const port = smtp.server.address().port;
  server = await startServer({ args: ['--smtp-url', `smtp://127.0.0.1:${port}`, '--smtp-from', 'Một cửa tỉnh <motcua@example.vn>', '--smtp-retry-seconds', '1', '--smtp-max-attempts', '3', '--public-url', 'https://motcua.example.vn'] });
  desk = await as(server, 'receiver1');
  centre = await as(server, 'centre');
  jproc = await as(server, 'jprocessor');
  jlead = await as(server, 'jleader');
});
after(async () => {
  try {
    await server.stop();
  } finally {
    await new Promise((ok) => smtp.close(ok));
  }
});

async function mailFor(address, subjectPart, timeout = 8000) {
  const start = Date.now();
  for (;;) {
    const m = inbox.find((x) => x.to.includes(address) && x.subject.includes(subjectPart));
    if (m) return m;
    if (Date.now() - start > timeout) throw new Error(`no mail to ${address} about "${subjectPart}"; got: ${inbox.map((x) => x.subject).join(' | ')}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}
const vn = (iso) => {
  const d = new Date(new Date(iso).getTime() + 7 * 3600e3);
  const p = (x) => String(x).padStart(2, '0');
  return `${p(d.getUTCHours())} giờ ${p(d.getUTCMinutes())} phút, ngày ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
};

test('received: the code and the due time, in Vietnamese', async () => {
  const d = (await desk.post('/api/v1/dossiers', dossierBody({ applicant: applicant({ email: 'lan@example.vn', name: 'Phạm Thị Lan' }) }))).json;
  const m = await mailFor('lan@example.vn', d.code);
  assert.equal(m.subject, `Hồ sơ ${d.code} đã được tiếp nhận`);
  assert.equal(m.from, 'motcua@example.vn');
  assert.match(m.headers.from, /Một cửa tỉnh <motcua@example.vn>/);
  for (const s of ['Kính gửi Phạm Thị Lan', d.code, 'Đăng ký khai sinh', `Thời gian hẹn trả kết quả: ${vn(d.due_at)}`, `https://motcua.example.vn/?code=${d.code}`])
    assert.ok(m.body.includes(s), `the mail lacks "${s}":\n${m.body}`);
});

test('supplement requested, apology and new appointment, result ready', async () => {
  const d = (await centre.post('/api/v1/dossiers', dossierBody({ procedure: PROC.record, agency: A.centre, applicant: applicant({ email: 'minh@example.vn' }) }))).json;
  await mailFor('minh@example.vn', 'đã được tiếp nhận');
  await centre.post(`/api/v1/dossiers/${d.code}/handover`, {});
  await jproc.post(`/api/v1/dossiers/${d.code}/request-supplement`, { items: ['Ảnh chân dung 4x6'], reason: 'Ảnh không rõ' });
  let m = await mailFor('minh@example.vn', 'Yêu cầu bổ sung');
  assert.ok(m.body.includes('1. Ảnh chân dung 4x6') && m.body.includes('Lý do: Ảnh không rõ'), m.body);
  await centre.post(`/api/v1/dossiers/${d.code}/supplement`, {});
  // the head of the agency apologises once the window before the due time is open
  const cur = await intoApologyWindow(server.db, jlead, d.code);
  const local = new Date(Math.max(new Date(cur.due_at).getTime(), Date.now()) + 7 * 3600e3 + 14 * 86400e3);
  while ([0, 6].includes(local.getUTCDay())) local.setUTCDate(local.getUTCDate() + 1);
  const ap = await jlead.post(`/api/v1/dossiers/${d.code}/apologize`, { reason: 'Cần xác minh thêm', new_due_at: `${local.toISOString().slice(0, 10)}T09:00:00+07:00` });
  if (ap.status !== 422) { // a holiday on that day: no letter
    assert.equal(ap.status, 200, ap.text);
    m = await mailFor('minh@example.vn', 'Thư xin lỗi');
    assert.ok(m.body.includes('Lý do: Cần xác minh thêm') && m.body.includes('thành thật xin lỗi'), m.body);
  }
  await jproc.post(`/api/v1/dossiers/${d.code}/forward`, {});
  await jlead.post(`/api/v1/dossiers/${d.code}/finish`, { result_number: '5/LLTP', result_date: today(), signer: 'Giám đốc' });
  m = await mailFor('minh@example.vn', 'đã có kết quả');
  assert.ok(m.body.includes('số 5/LLTP'), m.body);
});

test('a refused delivery is retried with back-off and marked sent; a hopeless one, failed', async () => {
  refuseFirst.add('tam@example.vn');
  const d = (await desk.post('/api/v1/dossiers', dossierBody({ applicant: applicant({ email: 'tam@example.vn' }) }))).json;
  await mailFor('tam@example.vn', d.code);
  // the mail arrives before the sender marks its row: wait for the mark
  const state = "SELECT status || '/' || attempts FROM outbox WHERE recipient = 'tam@example.vn'";
  for (let i = 0; i < 100 && sql(server.db, state) !== 'sent/2'; i++) await new Promise((ok) => setTimeout(ok, 50));
  assert.equal(sql(server.db, state), 'sent/2');
  await desk.post('/api/v1/dossiers', dossierBody({ applicant: applicant({ email: 'hong@example.vn' }) }));
  for (let i = 0; i < 100; i++) {
    if (sql(server.db, "SELECT status FROM outbox WHERE recipient = 'hong@example.vn'") === 'failed') break;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.equal(sql(server.db, "SELECT status || '/' || attempts FROM outbox WHERE recipient = 'hong@example.vn'"), 'failed/3');
  assert.match(sql(server.db, "SELECT last_error FROM outbox WHERE recipient = 'hong@example.vn'"), /550|mailbox|unavailable|RCPT/i);
});

test('no e-mail address, no message; the outbox row is written in the transition', async () => {
  const before = sql(server.db, 'SELECT count(*) FROM outbox');
  await desk.post('/api/v1/dossiers', dossierBody({ applicant: applicant({ email: null }) }));
  assert.equal(sql(server.db, 'SELECT count(*) FROM outbox'), before);
  // a refused transition writes no message either
  const d = (await desk.post('/api/v1/dossiers', dossierBody({ applicant: applicant({ email: 'x@example.vn' }) }))).json;
  const n = sql(server.db, 'SELECT count(*) FROM outbox');
  await desk.post(`/api/v1/dossiers/${d.code}/request-supplement`, { reason: 'x' }); // 422: no items
  assert.equal(sql(server.db, 'SELECT count(*) FROM outbox'), n);
});
