// Nobody where they do not belong: every route of the table (from `motcua routes`)
// × every role × the role's own agency, a child agency and a foreign one, with
// the outcome each cell must have. A route the table has and this file does
// not describe fails the test, so a new route cannot be forgotten.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, as, motcua, intoApologyWindow, A, PROC, PASSWORD, ROOT, stage } from './helpers.mjs';

const ROLES = ['citizen', 'receiver', 'processor', 'leader', 'unit_admin', 'admin', 'steering', 'auditor'];
const SYSTEM_WIDE = new Set(['admin', 'steering', 'auditor', 'citizen']);
const CONTEXTS = ['own', 'child', 'foreign'];
const DIVISION = '000.01.02.H88'; // a division of the justice department: the child agency
// the agency of each context for the roles bound to the justice department
const AGENCY = { own: A.justice, child: DIVISION, foreign: A.commune2 };

let server, admin, users = {}, drivers = {}, citizen, proc;
// a PAR INDEX structure (the example) and an evidence file of each context's assessment
const EXAMPLE = JSON.parse(readFileSync(join(ROOT, 'docs/examples/par-index-example.json'), 'utf8'));
const par = { id: null, files: {} };
after(async () => { await server?.stop(); });

// Outcome classes of a cell.
const OK = (s) => s < 500 && ![401, 403, 404].includes(s); // the request reached the business rules
const DENIED = (s) => s === 403;
const HIDDEN = (s) => s === 403 || s === 404;

before(async () => {
  server = await startServer();
  admin = await as(server, 'admin');
  let r = await admin.post('/api/v1/agencies', { id: DIVISION, name: 'Phòng Hành chính tư pháp', parent: A.justice, level: 'division' });
  assert.equal(r.status, 201, r.text);
  // one user per role at the justice department (system-wide where the role is)
  for (const role of ROLES) {
    const args = ['user', 'add', '--db', server.db, '--username', `m_${role}`, '--password', PASSWORD, '--role', role];
    if (!SYSTEM_WIDE.has(role)) args.push('--agency', A.justice);
    motcua(...args);
    users[role] = await as(server, `m_${role}`);
  }
  // the officers who move dossiers into place in each agency
  for (const [agency, prefix] of [[A.justice, 'j'], [DIVISION, 'd']]) {
    for (const role of ['receiver', 'processor', 'leader']) {
      if (agency === A.justice) { drivers[`${agency}:${role}`] = users[role]; continue; }
      motcua('user', 'add', '--db', server.db, '--username', `${prefix}_${role}`, '--password', PASSWORD, '--role', role, '--agency', agency);
      drivers[`${agency}:${role}`] = await as(server, `${prefix}_${role}`);
    }
  }
  drivers[`${A.commune2}:receiver`] = await as(server, 'receiver2');
  drivers[`${A.commune2}:processor`] = await as(server, 'processor2');
  drivers[`${A.commune2}:leader`] = await as(server, 'leader2');
  citizen = users.citizen;
  // a procedure of the justice department without a process: one step, finished by the leader
  r = await admin.post('/api/v1/procedures', { code: '9.000001', name: 'Thủ tục kiểm tra quyền', field: 'Kiểm thử', level: 'province',
    agency: A.justice, duration_days: 5, duration_kind: 'working', online_class: 'full',
    components: [{ name: 'Đơn đề nghị', kind: 'original' }] });
  assert.equal(r.status, 201, r.text);
  proc = { [A.justice]: r.json.id, [DIVISION]: r.json.id, [A.commune2]: PROC.birth };
  // a reform plan with a task led by the unit of each context
  r = await admin.post('/api/v1/plans', { kind: 'yearly', year: 2026, title: 'Kế hoạch kiểm tra quyền' });
  assert.equal(r.status, 201, r.text);
  plan = r.json.id;
  for (const ctx of CONTEXTS) {
    r = await admin.post(`/api/v1/plans/${plan}/tasks`, { no: ctx, title: `Nhiệm vụ ${ctx}`, lead: AGENCY[ctx] });
    assert.equal(r.status, 201, r.text);
    tasks[ctx] = r.json.id;
  }
  member = (await admin.get('/api/v1/committee/members')).json.items.find((m) => m.username === 'm_steering').id;
});
let plan, member;
const procForms = {}; // a procedure's form templates: one to download, one to remove
const tasks = {};

const applicant = { kind: 1, name: 'Lê Văn Kiểm', id_number: '001190054321', phone: '0913 000 111', email: 'kiem@example.vn', address: 'Số 9' };
const today = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
// A new appointment a month from now, at the first opening after 09:00 (within a year of any due time here).
const newAppointment = () => {
  const later = new Date(Date.now() + 7 * 3600e3 + 30 * 86400e3).toISOString().slice(0, 10);
  const opening = motcua('calendar', 'due', '--from', `${later} 09:00`, '--days', '0').trim();
  return `${opening.slice(0, 10)}T${opening.slice(11)}:00+07:00`;
};

// A dossier of the context's agency in the given status: 1 (online, by the matrix citizen or, for
// the foreign context, a fixture citizen), 2, 4, 5, 6 or 9.
async function dossierIn(agency, status, { online = false, by = citizen } = {}) {
  const desk = drivers[`${agency}:receiver`], processor = drivers[`${agency}:processor`], leader = drivers[`${agency}:leader`];
  const body = { procedure: proc[agency], agency, applicant, summary: 'Kiểm tra quyền' };
  let r = online || status === 1
    ? await by.post('/api/v1/dossiers', { ...body, channel: 'online', files: [{ component: 1, upload: (await stage(by)).json.id }] })
    : await desk.post('/api/v1/dossiers', { ...body, channel: 'counter' });
  assert.equal(r.status, 201, r.text);
  const code = r.json.code;
  const step = async (who, action, b = {}) => {
    const x = await who.post(`/api/v1/dossiers/${code}/${action}`, b);
    assert.equal(x.status, 200, `${action}: ${x.text}`);
  };
  if (status === 1) return code;
  if (online) await step(desk, 'accept');
  if (status === 5) await step(desk, 'request-supplement', { items: ['Bản sao'], reason: 'Thiếu' });
  if ([4, 6, 9].includes(status)) await step(desk, 'handover');
  if (status === 6) await step(processor, 'request-payment', { amount: 50000 });
  if (status === 9) await step(leader, 'finish', { result_number: '1/KQ', result_date: today(), signer: 'Giám đốc' });
  return code;
}

// The actions: the status they start from, a valid body, and who may take them there.
const ACTIONS = {
  accept: [1, {}, ['receiver']],
  refuse: [2, { reason: 'Không đủ điều kiện' }, ['receiver']],
  handover: [2, {}, ['receiver']],
  'request-supplement': [2, { items: ['Bản sao'], reason: 'Thiếu' }, ['receiver']],
  supplement: [5, {}, ['receiver']],
  forward: [4, {}, ['processor', 'leader']],
  approve: [4, {}, ['leader']],
  'send-back': [4, { reason: 'Xem lại' }, ['processor', 'leader']],
  consult: [4, { agency: A.building }, ['processor', 'leader']],
  'request-payment': [4, { amount: 50000 }, ['processor', 'leader']],
  pay: [6, { amount: 50000, method: 'cash', receipt: 'BL1' }, ['receiver']],
  finish: [4, { result_number: '2/KQ', result_date: null, signer: 'Giám đốc' }, ['leader']],
  return: [9, { method: 'counter' }, ['receiver']],
  withdraw: [2, { reason: 'Theo đề nghị' }, ['receiver']],
  stop: [4, { reason: 'Theo quy định' }, ['leader']],
  apologize: [4, { reason: 'Chậm', new_due_at: null }, ['leader']], // the head of the agency, in its window
};

// A feedback item routed to the agency (through a dossier of it) in a status: 1 received,
// 2 accepted, 3 waiting for its sender, 4 answered.
async function feedbackIn(agency, status, category = 'other') {
  const dossier = await dossierIn(agency, 2);
  const r = await new Client(server).post('/api/v1/feedback', { category, text: 'Kiểm tra quyền', phone: '0912 345 678', dossier_code: dossier });
  assert.equal(r.status, 201, r.text);
  const processor = drivers[`${agency}:processor`];
  const step = async (action, b = {}) => {
    const x = await processor.post(`/api/v1/feedback/${r.json.code}/${action}`, b);
    assert.equal(x.status, 200, `${action}: ${x.text}`);
  };
  if (status >= 2) await step('accept');
  if (status === 3) await step('ask', { request: 'Bổ sung thông tin' });
  if (status === 4) await step('answer', { answer: 'Trả lời' });
  return r.json.code;
}

// The actions on feedback: the status they start from, a valid body (or how to make one), who may.
const FEEDBACK_ACTIONS = {
  accept: [1, {}, ['processor', 'leader']],
  refuse: [1, { reason: 'Không thuộc phạm vi' }, ['processor', 'leader']],
  duplicate: [1, async () => ({ duplicate_of: await feedbackIn(A.justice, 1) }), ['processor', 'leader']],
  'route-out': [1, { reason: 'Chuyển Thanh tra' }, ['processor', 'leader'], 'complaint'],
  forward: [1, { agency: A.building }, ['processor', 'leader']],
  ask: [2, { request: 'Bổ sung' }, ['processor', 'leader']],
  inform: [3, {}, ['processor', 'leader']],
  answer: [2, { answer: 'Trả lời' }, ['processor', 'leader']],
  publish: [4, {}, ['leader']],
};

// Other routes: how to call them in a context, and what scope they have.
//   scope 'none': the context does not matter (one cell per role);
//   'agency': the context's agency is named; 'dossier': a dossier of the context is named.
function others(ctx) {
  const ag = AGENCY[ctx];
  return {
    'GET /healthz': { scope: 'none', path: '/healthz' },
    // its token, not a role: without one configured it does not exist for anyone
    'GET /metrics': { scope: 'none', path: '/metrics', ok: (s) => s === 404 },
    'GET /api/v1/openapi.yaml': { scope: 'none', path: '/api/v1/openapi.yaml' },
    // failures from one address soon lock it: 429 is right too
    'POST /api/v1/auth/login': { scope: 'none', path: '/api/v1/auth/login', body: { username: 'nobody', password: 'x' }, ok: (s) => s === 401 || s === 429 },
    'POST /api/v1/auth/logout': { scope: 'none', path: '/api/v1/auth/logout', skip: true }, // would end the matrix sessions
    'GET /api/v1/auth/me': { scope: 'none', path: '/api/v1/auth/me' },
    // public: a body without its fields is 422 for everyone
    'POST /api/v1/auth/register': { scope: 'none', path: '/api/v1/auth/register', body: {} },
    'POST /api/v1/auth/verify': { scope: 'none', path: '/api/v1/auth/verify', body: {} },
    'POST /api/v1/auth/password-reset': { scope: 'none', path: '/api/v1/auth/password-reset', body: {} },
    'POST /api/v1/auth/password-reset/confirm': { scope: 'none', path: '/api/v1/auth/password-reset/confirm', body: {} },
    'GET /api/v1/users': { scope: 'none', path: '/api/v1/users' },
    'POST /api/v1/users': { scope: 'agency', path: '/api/v1/users', body: () => ({ username: `u${Math.random().toString(36).slice(2, 10)}`, password: 'mat-khau-dai-du', roles: [{ role: 'processor', agency: ag }] }) },
    'PATCH /api/v1/users/{id}': { scope: 'agency', path: () => `/api/v1/users/${ctxUser[ctx]}`, body: { full_name: 'Đổi tên' } },
    'GET /api/v1/agencies': { scope: 'none', path: '/api/v1/agencies' },
    'POST /api/v1/agencies': { scope: 'agency', path: '/api/v1/agencies', body: () => ({ id: `000.${String(10 + Math.floor(Math.random() * 89))}.${String(10 + Math.floor(Math.random() * 89))}.H88`, name: 'Tổ mới', parent: ag, level: 'division' }) },
    'GET /api/v1/agencies/{id}': { scope: 'none', path: `/api/v1/agencies/${A.justice}` },
    'PATCH /api/v1/agencies/{id}': { scope: 'agency', path: `/api/v1/agencies/${ag}`, body: { phone: '0243 000 000' } },
    'GET /api/v1/procedures': { scope: 'none', path: '/api/v1/procedures' },
    'POST /api/v1/procedures': { scope: 'none', path: '/api/v1/procedures', body: { code: 'x' } },
    'POST /api/v1/procedures/import': { scope: 'none', path: '/api/v1/procedures/import', upload: true },
    'GET /api/v1/procedures/{id}': { scope: 'none', path: `/api/v1/procedures/${PROC.birth}` },
    'PATCH /api/v1/procedures/{id}': { scope: 'none', path: `/api/v1/procedures/${PROC.birth}`, body: { version: 0 } },
    'GET /api/v1/procedures/{id}/variants': { scope: 'none', path: `/api/v1/procedures/${PROC.birth}/variants` },
    'GET /api/v1/procedures/{id}/units': { scope: 'none', path: `/api/v1/procedures/${PROC.birth}/units` },
    'PUT /api/v1/procedures/{id}/variants': { scope: 'none', path: `/api/v1/procedures/${PROC.birth}/variants`, body: { variants: 'x' } },
    'POST /api/v1/procedures/{id}/forms': { scope: 'none', path: `/api/v1/procedures/${PROC.birth}/forms`, upload: true, fields: { title: 'Tờ khai' } },
    'GET /api/v1/procedures/{id}/forms/{form}': { scope: 'none', path: () => `/api/v1/procedures/${PROC.birth}/forms/${procForms.read}` },
    'DELETE /api/v1/procedures/{id}/forms/{form}': { scope: 'none', path: () => `/api/v1/procedures/${PROC.birth}/forms/${procForms.removed}` },
    'GET /api/v1/dossiers': { scope: 'agency', path: `/api/v1/dossiers?agency=${ag}` },
    'POST /api/v1/dossiers': { scope: 'agency', path: '/api/v1/dossiers', body: { procedure: proc[ag], agency: ag, channel: 'counter', applicant, summary: 'Kiểm tra' },
      // the citizen files online anywhere; at the counter nobody but the unit's desk
      expect: (role, c, s) => (role === 'citizen' ? s === 403 : null) },
    'GET /api/v1/dossiers/counts': { scope: 'agency', path: `/api/v1/dossiers/counts?agency=${ag}` },
    'GET /api/v1/dossiers/{code}': { scope: 'dossier', path: (code) => `/api/v1/dossiers/${code}` },
    'GET /api/v1/dossiers/{code}/history': { scope: 'dossier', path: (code) => `/api/v1/dossiers/${code}/history` },
    'POST /api/v1/dossiers/{code}/files': { scope: 'dossier', path: (code) => `/api/v1/dossiers/${code}/files`, upload: true },
    // a scan holds personal data: the steering committee and auditors, who see it masked, get none
    'GET /api/v1/files/{id}': { scope: 'file', path: (id) => `/api/v1/files/${id}`,
      expect: (role, c, s) => (['steering', 'auditor'].includes(role) ? s === 403 || s === 404 : null) },
    'GET /api/v1/dossiers/{code}/forms/{form}': { scope: 'dossier', path: (code) => `/api/v1/dossiers/${code}/forms/05.pdf` },
    'GET /api/v1/agencies/{id}/register.pdf': { scope: 'agency', path: `/api/v1/agencies/${ag}/register.pdf` },
    'GET /api/v1/agencies/{id}/register.xlsx': { scope: 'agency', path: `/api/v1/agencies/${ag}/register.xlsx` },
    'GET /api/v1/agencies/{id}/register.json': { scope: 'agency', path: `/api/v1/agencies/${ag}/register.json` },
    'GET /api/v1/form-templates': { scope: 'none', path: '/api/v1/form-templates' },
    'GET /api/v1/form-templates/{set}/{form}': { scope: 'none', path: '/api/v1/form-templates/tt01-2018/01' },
    'PUT /api/v1/form-templates/{set}/{form}': { scope: 'none', path: '/api/v1/form-templates/tt01-2018/01', body: { template: 'x' } },
    'GET /api/v1/reports/resolution': { scope: 'agency', path: `/api/v1/reports/resolution?agency=${ag}` },
    'GET /api/v1/reports/late': { scope: 'agency', path: `/api/v1/reports/late?agency=${ag}` },
    'GET /api/v1/reports/satisfaction': { scope: 'agency', path: `/api/v1/reports/satisfaction?agency=${ag}` },
    'GET /api/v1/reports/feedback': { scope: 'agency', path: `/api/v1/reports/feedback?agency=${ag}` },
    'GET /api/v1/index': { scope: 'agency', path: `/api/v1/index?agency=${ag}` },
    'GET /api/v1/index/recover': { scope: 'agency', path: `/api/v1/index/recover?agency=${ag}` },
    'GET /api/v1/index/parts': { scope: 'none', path: '/api/v1/index/parts' },
    'PUT /api/v1/index/parts': { scope: 'none', path: '/api/v1/index/parts', body: { parts: [] } },
    'GET /api/v1/sync/status': { scope: 'none', path: '/api/v1/sync/status' },
    // feedback is sent by citizens and recorded by the hotline's desk; other staff do not file it
    'POST /api/v1/feedback': { scope: 'none', path: '/api/v1/feedback', body: { category: 'other', text: 'Kiểm tra quyền', phone: '0912 345 678' },
      expect: (role, c, s) => (['citizen', 'receiver'].includes(role) ? s === 201 : s === 403) },
    'GET /api/v1/feedback': { scope: 'none', path: '/api/v1/feedback' },
    'GET /api/v1/feedback/counts': { scope: 'none', path: '/api/v1/feedback/counts' },
    'GET /api/v1/feedback/answers': { scope: 'none', path: '/api/v1/feedback/answers' },
    'GET /api/v1/feedback/times': { scope: 'none', path: '/api/v1/feedback/times' },
    'PUT /api/v1/feedback/times': { scope: 'none', path: '/api/v1/feedback/times', body: { classify: 2, ask: 5, answer: 15, publish: 2 } },
    'PUT /api/v1/feedback/routes/{category}': { scope: 'none', path: '/api/v1/feedback/routes/rule', body: { agency: A.justice } },
    // staff over the item's agency see it; a unit administrator sees no feedback
    'GET /api/v1/feedback/{code}': { scope: 'feedback', path: (code) => `/api/v1/feedback/${code}`,
      expect: (role, c, s) => (role === 'unit_admin' ? HIDDEN(s) : null) },
    // only the sender rates, once the answer is published: everyone else is refused one way or another
    'POST /api/v1/feedback/{code}/rating': { scope: 'feedback', path: (code) => `/api/v1/feedback/${code}/rating`, body: { contact: '0000', level: 1 },
      expect: (role, c, s) => [403, 404, 409, 429].includes(s) },
    // Open311 is public; its errors are its own (a JSON body is not a form: 400)
    // the sender (with the contact) and staff who see personal data attach and read files
    'POST /api/v1/feedback/{code}/files': { scope: 'feedback', path: (code) => `/api/v1/feedback/${code}/files`, upload: true,
      expect: (role, c, s) => (role === 'admin' || (['receiver', 'processor', 'leader'].includes(role) && c !== 'foreign') ? s === 201 : HIDDEN(s)) },
    'GET /api/v1/feedback/{code}/files/{id}': { scope: 'feedback', path: (code) => `/api/v1/feedback/${code}/files/999999`, expect: (role, c, s) => HIDDEN(s) },
    'GET /open311/v2/{file}': { scope: 'none', path: '/open311/v2/services.json' },
    'POST /open311/v2/{file}': { scope: 'none', path: '/open311/v2/requests.json', body: { service_code: 'other' }, ok: (s) => s === 400 },
    'GET /open311/v2/services/{file}': { scope: 'none', path: '/open311/v2/services/other.xml' },
    'GET /open311/v2/requests/{file}': { scope: 'none', path: '/open311/v2/requests/PAKN-200101-0001.json', ok: (s) => s === 404 },
    'GET /open311/v2/tokens/{file}': { scope: 'none', path: '/open311/v2/tokens/PAKN-200101-0001.json', ok: (s) => s === 404 },
    'GET /api/v1/open311/keys': { scope: 'none', path: '/api/v1/open311/keys' },
    'POST /api/v1/open311/keys': { scope: 'none', path: '/api/v1/open311/keys', body: () => ({ name: `matrix-${Math.random().toString(36).slice(2, 8)}` }) },
    'DELETE /api/v1/open311/keys/{name}': { scope: 'none', path: '/api/v1/open311/keys/nobody', ok: (s) => s === 404 },
    'GET /api/v1/plans': { scope: 'none', path: '/api/v1/plans' },
    'POST /api/v1/plans': { scope: 'none', path: '/api/v1/plans', body: { kind: 'yearly', year: 2026, title: 'Kế hoạch' } },
    'GET /api/v1/plans/{id}': { scope: 'none', path: () => `/api/v1/plans/${plan}` },
    'PATCH /api/v1/plans/{id}': { scope: 'none', path: () => `/api/v1/plans/${plan}`, body: { version: 0 } },
    'POST /api/v1/plans/{id}/tasks': { scope: 'agency', path: () => `/api/v1/plans/${plan}/tasks`, body: () => ({ no: Math.random().toString(36).slice(2, 8), title: 'Nhiệm vụ', lead: ag }) },
    // a PDF is no sheet: 422 past the access checks
    'POST /api/v1/plans/{id}/import': { scope: 'none', path: () => `/api/v1/plans/${plan}/import`, upload: true },
    'GET /api/v1/tasks': { scope: 'none', path: '/api/v1/tasks' },
    // a task led by the context's unit: its officers (and the child unit's parent's) see it
    'GET /api/v1/tasks/{id}': { scope: 'task', path: (id) => `/api/v1/tasks/${id}` },
    'PATCH /api/v1/tasks/{id}': { scope: 'task', path: (id) => `/api/v1/tasks/${id}`, body: { version: 0 } },
    // a month before the task existed: refused by the rules (422), past the access checks
    'PUT /api/v1/tasks/{id}/reports/{month}': { scope: 'task', path: (id) => `/api/v1/tasks/${id}/reports/2020-01`, body: { progress: 10 } },
    'POST /api/v1/tasks/{id}/reports/{month}/files': { scope: 'task', path: (id) => `/api/v1/tasks/${id}/reports/2020-01/files`, upload: true },
    'GET /api/v1/task-files/{id}': { scope: 'none', path: '/api/v1/task-files/999999', ok: (s) => s === 404 },
    'GET /api/v1/committee': { scope: 'none', path: '/api/v1/committee' },
    'GET /api/v1/committee/report': { scope: 'none', path: '/api/v1/committee/report' },
    'GET /api/v1/committee/members': { scope: 'none', path: '/api/v1/committee/members' },
    'PUT /api/v1/committee/members/{id}': { scope: 'none', path: () => `/api/v1/committee/members/${member}`, body: { units: [], areas: [] } },
    'GET /api/v1/lookup': { scope: 'none', path: '/api/v1/lookup?code=000.00.02.H88-261123-9999&phone_last4=0000', ok: (s) => s === 404 || s === 429 },
    'GET /api/v1/lookup/result': { scope: 'none', path: '/api/v1/lookup/result?code=000.00.02.H88-261123-9999&phone_last4=0000', ok: (s) => s === 404 || s === 429 },
    'POST /api/v1/lookup/uploads': { scope: 'none', path: '/api/v1/lookup/uploads', upload: true, fields: { code: '000.00.02.H88-261123-9999', phone_last4: '0000' }, ok: (s) => s === 404 || s === 429 },
    'POST /api/v1/lookup/supplement': { scope: 'none', path: '/api/v1/lookup/supplement', body: { code: '000.00.02.H88-261123-9999', phone_last4: '0000', uploads: [1] }, ok: (s) => s === 404 || s === 429 },
    // files staged before the submission that attaches them: those who create dossiers
    'POST /api/v1/uploads': { scope: 'none', path: '/api/v1/uploads', upload: true, fields: {} },
    'POST /api/v1/ratings': { scope: 'none', path: '/api/v1/ratings', body: { code: '000.00.02.H88-261123-9999', phone_last4: '0000', level: 'satisfied' }, ok: (s) => s === 404 || s === 429 },
    'GET /api/v1/statuses': { scope: 'none', path: '/api/v1/statuses' },
    'GET /api/v1/calendar/holidays': { scope: 'none', path: '/api/v1/calendar/holidays?year=2026' },
    'GET /api/v1/calendar/due': { scope: 'none', path: '/api/v1/calendar/due?from=2026-03-02T08:00:00%2B07:00&days=1' },
    'PUT /api/v1/calendar/overrides/{date}': { scope: 'none', path: '/api/v1/calendar/overrides/2099-03-02', body: { working: false, name: 'Kiểm thử' } },
    'DELETE /api/v1/calendar/overrides/{date}': { scope: 'none', path: '/api/v1/calendar/overrides/2099-03-02', ok: (s) => s === 204 || s === 404 },
    // the PAR INDEX: the steering committee and auditors see every agency; processors and leaders
    // see and score what their unit is responsible for (by default the subject itself)
    'GET /api/v1/par/structures': { scope: 'none', path: '/api/v1/par/structures' },
    'POST /api/v1/par/structures': { scope: 'none', path: '/api/v1/par/structures', body: EXAMPLE },
    // a PDF is no point table: 422 past the access checks
    'POST /api/v1/par/structures/import': { scope: 'none', path: '/api/v1/par/structures/import', upload: true },
    'GET /api/v1/par/structures/{id}': { scope: 'none', path: () => `/api/v1/par/structures/${par.id}` },
    'GET /api/v1/par/structures/{id}/assessment': { scope: 'agency', path: () => `/api/v1/par/structures/${par.id}/assessment?agency=${ag}` },
    'PUT /api/v1/par/structures/{id}/items/{item}': { scope: 'agency', path: () => `/api/v1/par/structures/${par.id}/items/1.1.1`, body: { agency: ag, self_score: 1 } },
    'POST /api/v1/par/structures/{id}/items/{item}/files': { scope: 'agency', path: () => `/api/v1/par/structures/${par.id}/items/1.1.1/files`, upload: true, fields: { agency: ag } },
    'GET /api/v1/par/structures/{id}/losses': { scope: 'agency', path: () => `/api/v1/par/structures/${par.id}/losses?agency=${ag}` },
    'GET /api/v1/par/structures/{id}/ranking': { scope: 'agency', path: () => `/api/v1/par/structures/${par.id}/ranking?agency=${ag}` },
    'GET /api/v1/par/files/{id}': { scope: 'parfile', path: (id) => `/api/v1/par/files/${id}` },
    'GET /api/v1/indices': { scope: 'none', path: '/api/v1/indices' },
    'PUT /api/v1/indices': { scope: 'agency', path: '/api/v1/indices', body: { kind: 'ddci', year: 2025, agency: ag, score: 70, source: 'Khảo sát DDCI' } },
  };
}
const ctxUser = {};

// Sends a request as a client; uploads a small PDF for file routes.
async function send(client, method, path, spec) {
  if (spec.upload) {
    const form = new FormData();
    for (const [k, v] of Object.entries(spec.fields ?? { kind: 'component', component: '1' })) form.append(k, v);
    form.append('file', new Blob([Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n')], { type: 'application/pdf' }), 'a.pdf');
    const r = await fetch(client.server.base + path, { method, body: form, headers: { Cookie: client.cookie, 'X-CSRF-Token': client.csrf } });
    return { status: r.status, text: await r.text() };
  }
  const body = typeof spec.body === 'function' ? spec.body() : spec.body;
  if (method === 'GET' || method === 'DELETE') return client.req(method, path);
  return client.req(method, path, { body: body ?? {} });
}

test('every route × every role × own, child and foreign agency', async () => {
  const table = motcua('routes').trim().split('\n').map((l) => l.split('\t'));
  const described = new Set([...Object.keys(others('own')), ...Object.keys(ACTIONS).map((a) => `POST /api/v1/dossiers/{code}/${a}`),
    ...Object.keys(FEEDBACK_ACTIONS).map((a) => `POST /api/v1/feedback/{code}/${a}`)]);
  for (const [method, pattern] of table) assert.ok(described.has(`${method} ${pattern}`), `${method} ${pattern} is not in the access matrix`);
  assert.equal(described.size, table.length);

  // users to change in each context, and a file in each
  for (const ctx of CONTEXTS) {
    const r = await admin.post('/api/v1/users', { username: `ctx_${ctx}`, password: 'mat-khau-dai-du', roles: [{ role: 'processor', agency: AGENCY[ctx] }] });
    assert.equal(r.status, 201, r.text);
    ctxUser[ctx] = r.json.id;
  }
  const files = {};
  for (const ctx of CONTEXTS) {
    const code = await dossierIn(AGENCY[ctx], 2);
    const r = await send(drivers[`${AGENCY[ctx]}:receiver`], 'POST', `/api/v1/dossiers/${code}/files`, { upload: true });
    assert.equal(r.status, 201, r.text);
    files[ctx] = JSON.parse(r.text).id;
  }
  for (const k of ['read', 'removed']) {
    const f = await send(admin, 'POST', `/api/v1/procedures/${PROC.birth}/forms`, { upload: true, fields: { title: `Tờ khai ${k}` } });
    assert.equal(f.status, 201, f.text);
    procForms[k] = JSON.parse(f.text).id;
  }
  let r = await users.steering.post('/api/v1/par/structures', EXAMPLE);
  assert.equal(r.status, 201, r.text);
  par.id = r.json.structure.id;
  for (const ctx of CONTEXTS) {
    r = await send(users.steering, 'POST', `/api/v1/par/structures/${par.id}/items/1.1.1/files`, { upload: true, fields: { agency: AGENCY[ctx] } });
    assert.equal(r.status, 201, r.text);
    par.files[ctx] = JSON.parse(r.text).id;
  }
  const wrong = [];
  let cells = 0;
  const check = (what, ok, status, text) => {
    cells++;
    if (!ok) wrong.push(`${what}: got ${status} ${String(text).slice(0, 120)}`);
  };

  for (const [method, pattern, allowedText] of table) {
    const allowed = allowedText === 'public' ? new Set(ROLES) : new Set(allowedText.split(','));
    const action = method === 'POST' && pattern.match(/\/dossiers\/\{code\}\/([a-z-]+)$/);
    for (const role of ROLES) {
      for (const ctx of CONTEXTS) {
        const what = `${method} ${pattern} as ${role} in ${ctx}`;
        if (action && ACTIONS[action[1]]) {
          const [status, body, actors] = ACTIONS[action[1]];
          if (role === 'citizen' && ctx === 'child') continue; // a citizen has no agency
          const online = role === 'citizen' && ctx === 'own' && action[1] === 'withdraw';
          const code = await dossierIn(AGENCY[ctx], online ? 1 : status, { online });
          if (action[1] === 'apologize') await intoApologyWindow(server.db, drivers[`${AGENCY[ctx]}:leader`], code);
          const b = action[1] === 'finish' ? { ...body, result_date: today() }
            : action[1] === 'apologize' ? { ...body, new_due_at: newAppointment() } : body;
          const r = await users[role].post(`/api/v1/dossiers/${code}/${action[1]}`, b);
          if (!allowed.has(role)) check(what, DENIED(r.status), r.status, r.text);
          else if (ctx === 'foreign') check(what, HIDDEN(r.status), r.status, r.text);
          else if (role === 'citizen' || actors.includes(role)) check(what, OK(r.status), r.status, r.text);
          else check(what, DENIED(r.status), r.status, r.text);
          continue;
        }
        const faction = method === 'POST' && pattern.match(/\/feedback\/\{code\}\/([a-z-]+)$/);
        if (faction && FEEDBACK_ACTIONS[faction[1]]) {
          const [status, body, actors, category] = FEEDBACK_ACTIONS[faction[1]];
          const code = await feedbackIn(AGENCY[ctx], status, category);
          const r = await users[role].post(`/api/v1/feedback/${code}/${faction[1]}`, typeof body === 'function' ? await body() : body);
          if (!allowed.has(role)) check(what, DENIED(r.status), r.status, r.text);
          else if (ctx === 'foreign') check(what, HIDDEN(r.status), r.status, r.text);
          else check(what, actors.includes(role) ? OK(r.status) : DENIED(r.status), r.status, r.text);
          continue;
        }
        const spec = others(ctx)[`${method} ${pattern}`];
        if (spec.skip || (spec.scope === 'none' && ctx !== 'own')) continue;
        let path = spec.path;
        if (spec.scope === 'dossier') {
          // a citizen's own dossier is one they filed; others see the context's dossiers
          const code = role === 'citizen' && ctx === 'own'
            ? await dossierIn(A.justice, 1, { online: true }) : await dossierIn(AGENCY[ctx], 2);
          path = spec.path(code);
        } else if (spec.scope === 'feedback') {
          path = spec.path(await feedbackIn(AGENCY[ctx], 1));
        } else if (spec.scope === 'file') {
          path = spec.path(files[ctx]);
        } else if (spec.scope === 'task') {
          path = spec.path(tasks[ctx]);
        } else if (spec.scope === 'parfile') {
          path = spec.path(par.files[ctx]);
        } else if (typeof path === 'function') {
          path = path();
        }
        const r = await send(users[role], method, path, spec);
        const special = spec.expect && spec.expect(role, ctx, r.status);
        if (special !== null && special !== undefined) check(what, special, r.status, r.text);
        else if (!allowed.has(role)) check(what, DENIED(r.status), r.status, r.text);
        else if (spec.ok) check(what, spec.ok(r.status), r.status, r.text);
        else if (role === 'citizen') {
          // a citizen's lists hold only what they filed, in any agency; other dossiers and files are hidden
          const mine = spec.scope === 'none' || spec.scope === 'agency' || (spec.scope === 'dossier' && ctx === 'own');
          check(what, mine ? OK(r.status) : HIDDEN(r.status), r.status, r.text);
        } else if (spec.scope === 'none' || SYSTEM_WIDE.has(role) || ctx !== 'foreign') {
          check(what, OK(r.status), r.status, r.text);
        } else {
          check(what, HIDDEN(r.status), r.status, r.text);
        }
      }
    }
  }
  assert.deepEqual(wrong, [], `${wrong.length} of ${cells} cells are wrong`);
  assert.ok(cells > 900, `${cells} cells`);
});

test('anonymous callers get 401 on every route that is not public', async () => {
  const anon = new Client(server);
  for (const [method, pattern, allowed] of motcua('routes').trim().split('\n').map((l) => l.split('\t'))) {
    if (allowed === 'public') continue;
    const path = pattern.replace('{code}', '000.00.02.H88-261123-0001').replace('{id}', '1').replace('{form}', '01')
      .replace('{set}', 'tt01-2018').replace('{date}', '2099-01-01');
    const r = await anon.req(method, path, method === 'GET' || method === 'DELETE' ? {} : { body: {} });
    assert.equal(r.status, 401, `${method} ${pattern}: ${r.status}`);
  }
});
