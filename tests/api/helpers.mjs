// Starts a real motcua server on a temporary database and talks to it over HTTP.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'build/motcua');

// Runs the binary; a failure carries what it printed, so a test names the cause.
export function motcua(...args) {
  try {
    return execFileSync(BIN, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    err.message += `\n${err.stdout ?? ''}${err.stderr ?? ''}`;
    throw err;
  }
}

// Moves a dossier's whole life `seconds` back (its times, control sheet, steps), as if it had
// happened then, and rebuilds the counters: an edit that keeps the dossier consistent.
export function backdate(db, code, seconds) {
  const id = `(SELECT id FROM dossiers WHERE code = '${code}')`;
  const cols = ['submitted_at', 'received_at', 'due_at', 'original_due_at', 'finished_at', 'returned_at', 'closed_at',
    'created_at', 'updated_at', 'paused_at', 'apology_at', 'apology_previous_due_at', 'fee_paid_at'];
  sql(db, `UPDATE dossiers SET ${cols.map((c) => `${c} = ${c} - ${seconds}`).join(', ')} WHERE id = ${id};
    UPDATE dossier_events SET at = at - ${seconds}, step_due_at = step_due_at - ${seconds} WHERE dossier_id = ${id};
    UPDATE dossier_steps SET started_at = started_at - ${seconds}, due_at = due_at - ${seconds},
      finished_at = finished_at - ${seconds} WHERE dossier_id = ${id}`);
  motcua('report', 'rebuild', '--db', db);
}

// Moves a dossier's life back (backdate) until its apology window is open: the time its
// apologize action is available_from, as `viewer` (a leader of its unit) reads it, has come.
export async function intoApologyWindow(db, viewer, code) {
  for (let i = 0; i < 8; i++) {
    const r = await viewer.get(`/api/v1/dossiers/${code}`);
    const a = (r.json.actions || []).find((x) => x.name === 'apologize');
    if (!a || !a.available_from) throw new Error(`no apology window on ${code}: ${r.text}`);
    const wait = Math.ceil((new Date(a.available_from).getTime() - Date.now()) / 1000) + 60;
    if (wait <= 60) return r.json;
    backdate(db, code, wait);
  }
  throw new Error(`the apology window of ${code} does not open`);
}

// The environment of a process whose clock starts at a local moment (UTC+7, "YYYY-MM-DD HH:MM")
// and runs on from there (libfaketime); the server and the command honour it alike.
let faketimeLib = null;
export function clockAt(moment) {
  faketimeLib ??= execFileSync('find', ['/usr/lib', '-name', 'libfaketimeMT.so.1'], { encoding: 'utf8' }).split('\n')[0];
  if (!faketimeLib) throw new Error('libfaketime is missing (scripts/setup installs it)');
  const utc = new Date(`${moment.replace(' ', 'T')}:00+07:00`).toISOString().replace('T', ' ').slice(0, 19);
  // a build with AddressSanitizer wants its runtime first; libfaketime only wraps the clock
  const asan = [process.env.ASAN_OPTIONS, 'verify_asan_link_order=0'].filter(Boolean).join(':');
  return { ...process.env, LD_PRELOAD: faketimeLib, FAKETIME: `@${utc}`, TZ: 'UTC', ASAN_OPTIONS: asan };
}

export function sql(db, query) {
  return execFileSync('sqlite3', [db, query], { encoding: 'utf8' }).trim();
}

export async function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

export const PASSWORD = 'mat-khau-thu-nghiem';

// The fixture province: root, centre, two departments, two communes, and users for every role.
export const A = {
  province: '000.00.00.H88',
  centre: '000.00.01.H88',
  justice: '000.00.02.H88',
  building: '000.00.03.H88',
  commune1: '000.00.31.H88',
  commune2: '000.00.32.H88',
  other: '000.00.00.H77',
};

export const USERS = {
  admin: ['admin', null],
  receiver1: ['receiver', A.commune1],
  receiver2: ['receiver', A.commune2],
  centre: ['receiver', A.centre],
  processor1: ['processor', A.commune1],
  leader1: ['leader', A.commune1],
  processor2: ['processor', A.commune2],
  leader2: ['leader', A.commune2],
  jprocessor: ['processor', A.justice],
  jleader: ['leader', A.justice],
  unitadmin: ['unit_admin', A.justice],
  steering: ['steering', null],
  auditor: ['auditor', null],
  citizen: ['citizen', null],
  citizen2: ['citizen', null],
};

// A server on a new database with the fixtures, or on one `prepare(path)` makes (without them).
// `mount(dir)` may put a file system of its own under the directory first;
// `unmount(dir)` takes it away when the server stops.
// check: run `motcua check` when the server stops (off for suites that move single fields by hand
// to stage a report, or whose database `gen` made without control sheets).
// env: the server's environment (e.g. clockAt(moment)); server.env may change before a launch().
export async function startServer({ seedFixtures = true, args = [], prepare = null, mount = null, unmount = null, check = true, env = undefined } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-api-'));
  if (mount) mount(dir);
  const db = join(dir, 'test.db');
  if (prepare) {
    prepare(db);
    seedFixtures = false;
  } else {
    motcua('init', '--db', db);
  }
  let log = '';
  const server = {
    db, dir, args, env,
    log: () => log,
    // Starts (or starts again) the process on the database, on a new port, and waits for it.
    async launch() {
      server.port = await freePort();
      server.base = `http://127.0.0.1:${server.port}`;
      server.proc = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${server.port}`, '--threads', '4', ...args], {
        stdio: ['ignore', 'pipe', 'pipe'], env: server.env,
      });
      server.proc.stdout.on('data', (d) => (log += d));
      server.proc.stderr.on('data', (d) => (log += d));
      for (let i = 0; ; i++) {
        try {
          const r = await fetch(`${server.base}/healthz`);
          if (r.status === 200) break;
        } catch {}
        if (i > 100 || server.proc.exitCode !== null) throw new Error(`server did not start:\n${log}`);
        await new Promise((ok) => setTimeout(ok, 50));
      }
    },
    // Stops the process and starts it again on the same database (with a new environment if given).
    async restart(env = server.env) {
      const p = server.proc;
      if (p.exitCode === null && !p.signalCode) {
        const exited = new Promise((ok) => p.on('exit', ok));
        p.kill('SIGTERM');
        await exited;
      }
      server.env = env;
      await server.launch();
    },
    // Kills the process with SIGKILL, as a power cut would stop it.
    async crash() {
      const p = server.proc;
      if (p.exitCode !== null || p.signalCode) return;
      const exited = new Promise((ok) => p.on('exit', ok));
      p.kill('SIGKILL');
      await exited;
    },
    // Stops the server; it must exit cleanly (under sanitizers: no leak, no error report).
    async stop() {
      const proc = server.proc;
      if (proc.exitCode === null && !proc.signalCode) {
        proc.kill('SIGTERM');
        await new Promise((ok) => proc.on('exit', ok));
      }
      let verify = null;
      try {
        server.verifyStats();
        if (check) server.checkDossiers();
      } catch (err) {
        verify = err;
      }
      if (unmount) unmount(dir);
      rmSync(dir, { recursive: true, force: true });
      if (proc.exitCode !== 0) throw new Error(`the server exited with ${proc.exitCode}:\n${log.slice(-3000)}`);
      if (verify) throw verify;
    },
    // Every dossier's fields must agree with its status and control sheet (run at the end).
    checkDossiers() {
      try {
        motcua('check', '--db', db);
      } catch (err) {
        throw new Error(`motcua check found disagreements:\n${String(err.stdout || err).slice(0, 3000)}`);
      }
    },
    // The statistics counters must agree with the dossiers (run after every scenario).
    verifyStats() {
      try {
        motcua('report', 'verify', '--db', db);
      } catch (err) {
        throw new Error(`report verify found differences:\n${String(err.stdout || err).slice(0, 3000)}`);
      }
    },
  };
  await server.launch();
  if (seedFixtures) {
    try {
      await seed(server);
    } catch (err) {
      server.proc.kill('SIGKILL'); // a server left running would keep the test process alive
      throw err;
    }
  }
  return server;
}

// A client with its own cookie jar and CSRF token.
export class Client {
  constructor(server) {
    this.server = server;
    this.cookie = null;
    this.csrf = null;
  }
  async req(method, path, { body, headers = {}, raw, csrf = true } = {}) {
    const h = { ...headers };
    if (this.cookie) h.Cookie = this.cookie;
    if (csrf && this.csrf && method !== 'GET') h['X-CSRF-Token'] = this.csrf;
    let payload = raw;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      h['Content-Type'] ??= 'application/json';
    }
    const r = await fetch(this.server.base + path, { method, headers: h, body: payload });
    const text = await r.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch {}
    return { status: r.status, headers: r.headers, text, json };
  }
  get(path, opts) { return this.req('GET', path, opts); }
  post(path, body, opts = {}) { return this.req('POST', path, { ...opts, body }); }
  patch(path, body, opts = {}) { return this.req('PATCH', path, { ...opts, body }); }
  put(path, body, opts = {}) { return this.req('PUT', path, { ...opts, body }); }
  del(path, opts) { return this.req('DELETE', path, opts); }
  async login(username, password = PASSWORD) {
    const r = await this.post('/api/v1/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
    this.cookie = r.headers.get('set-cookie').split(';')[0];
    this.csrf = r.json.csrf_token;
    return r;
  }
}

export async function as(server, username) {
  const c = new Client(server);
  await c.login(username);
  return c;
}

export const PROC = {}; // procedure ids by key, filled by seed()

async function seed(server) {
  const db = server.db;
  motcua('user', 'add', '--db', db, '--username', 'admin', '--password', PASSWORD, '--role', 'admin');
  const admin = await as(server, 'admin');
  const agencies = [
    { id: A.province, name: 'Ủy ban nhân dân tỉnh Thử Nghiệm', level: 'province' },
    { id: A.centre, name: 'Trung tâm Phục vụ hành chính công', parent: A.province, level: 'centre' },
    { id: A.justice, name: 'Sở Tư pháp', parent: A.province, level: 'department' },
    { id: A.building, name: 'Sở Xây dựng', parent: A.province, level: 'department' },
    { id: A.commune1, name: 'Phường Đông Hà', parent: A.province, level: 'commune' },
    { id: A.commune2, name: 'Xã Đức Phổ', parent: A.province, level: 'commune' },
    { id: A.other, name: 'Ủy ban nhân dân tỉnh Khác', level: 'province' },
  ];
  for (const a of agencies) {
    const r = await admin.post('/api/v1/agencies', a);
    if (r.status !== 201) throw new Error(`agency ${a.id}: ${r.status} ${r.text}`);
  }
  for (const [name, [role, agency]] of Object.entries(USERS)) {
    if (name === 'admin') continue;
    const args = ['user', 'add', '--db', db, '--username', name, '--password', PASSWORD, '--role', role];
    if (agency) args.push('--agency', agency);
    motcua(...args);
  }
  const procs = {
    birth: { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', level: 'commune', agency: A.province, duration_days: 1, duration_kind: 'working', online_class: 'full',
      components: [{ name: 'Tờ khai đăng ký khai sinh', kind: 'original' }, { name: 'Giấy chứng sinh', kind: 'original', requirement: 'counter' }, { name: 'Bản sao Căn cước công dân', kind: 'copy', required: false }] },
    land: { code: '1.004227', name: 'Thủ tục đất đai: đăng ký biến động quyền sử dụng đất', field: 'Đất đai', level: 'commune', agency: A.province, duration_days: 10, duration_kind: 'working', online_duration_days: 8 },
    record: { code: '2.000488', name: 'Cấp Phiếu lý lịch tư pháp', field: 'Lý lịch tư pháp', level: 'province', agency: A.justice, duration_days: 10, duration_kind: 'working', online_class: 'full', fees: [{ name: 'Phí cấp phiếu', amount: 200000 }] },
    festival: { code: '1.003622', name: 'Cấp giấy phép tổ chức lễ hội', field: 'Văn hóa', level: 'province', agency: A.building, duration_days: 15, duration_kind: 'calendar' },
  };
  for (const [k, p] of Object.entries(procs)) {
    const r = await admin.post('/api/v1/procedures', p);
    if (r.status !== 201) throw new Error(`procedure ${k}: ${r.status} ${r.text}`);
    PROC[k] = r.json.id;
  }
  // the criminal record certificate: processed, then approved, at the department
  const v = await admin.put(`/api/v1/procedures/${PROC.record}/variants`, { variants: [
    { name: 'Cấp Phiếu lý lịch tư pháp số 1', duration_days: 10, duration_kind: 'working', steps: [
      { name: 'Thẩm định, xác minh', role: 'process', hours: 56 },
      { name: 'Ký duyệt', role: 'approve', hours: 16 },
    ] },
    { name: 'Cấp Phiếu lý lịch tư pháp số 2', duration_days: 10, duration_kind: 'working', steps: [
      { name: 'Thẩm định', unit: A.justice, role: 'process', hours: 72 },
    ] },
  ] });
  if (v.status !== 200) throw new Error(`variants: ${v.status} ${v.text}`);
  PROC.recordVariants = v.json.variants.map((x) => x.id);
}

// Today's local date (UTC+7), read at the moment it is called: a result is dated at most today.
export const today = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);

export function applicant(extra = {}) {
  return { kind: 1, name: 'Nguyễn Thị Hoa', id_number: '001190012345', phone: '0912 345 678', email: 'hoa@example.vn', address: 'Số 5 Lê Lợi', ...extra };
}

export function dossierBody(extra = {}) {
  return { procedure: PROC.birth, agency: A.commune1, channel: 'counter', applicant: applicant(), summary: 'Đăng ký khai sinh cho con', ...extra };
}

export const SAMPLE_PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

// Stages one file (POST /api/v1/uploads, or the lookup's supplement uploads with fields).
export async function stage(c, { path = '/api/v1/uploads', data = SAMPLE_PDF, name = 'to-khai.pdf', type = 'application/pdf', fields = {} } = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([data], { type }), name);
  const headers = c.cookie ? { Cookie: c.cookie, 'X-CSRF-Token': c.csrf } : {};
  const r = await fetch(c.server.base + path, { method: 'POST', body: form, headers });
  const text = await r.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch {}
  return { status: r.status, headers: r.headers, text, json };
}

// An online submission's body with a staged PDF for every component it must carry.
export async function onlineBody(c, extra = {}) {
  const body = dossierBody({ channel: 'online', ...extra });
  const p = (await c.get(`/api/v1/procedures/${body.procedure}`)).json;
  const files = [];
  for (const x of p.components || []) {
    if (x.requirement !== 'required') continue;
    const s = await stage(c);
    if (s.status !== 201) throw new Error(`stage: ${s.status} ${s.text}`);
    files.push({ component: x.position, upload: s.json.id });
  }
  return { ...body, files };
}

export function problem(t, r, status, field) {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
  if (!r.headers.get('content-type').startsWith('application/problem+json'))
    throw new Error(`expected problem+json, got ${r.headers.get('content-type')}`);
  if (r.json.status !== status || typeof r.json.detail !== 'string' || !r.json.type)
    throw new Error(`not a problem document: ${r.text}`);
  if (field && !(r.json.errors || []).some((e) => e.field === field))
    throw new Error(`expected an error on field ${field}: ${r.text}`);
}
