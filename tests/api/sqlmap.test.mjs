// sqlmap (Debian's) against the API's parameters: query strings of public and
// staff routes, JSON bodies, a path segment. It must find no injection.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { startServer, as, A, PROC, dossierBody } from './helpers.mjs';

let server, cookie, csrf, code;
before(async () => {
  // sqlmap sends hundreds of requests: no lockout or lookup limit in its way
  server = await startServer({ args: ['--login-attempts', '1000', '--lookup-rate', '100000', '--lookup-code-tries', '100000'] });
  const lead = await as(server, 'leader1');
  cookie = lead.cookie;
  csrf = lead.csrf;
  code = (await (await as(server, 'receiver1')).post('/api/v1/dossiers', dossierBody())).json.code;
});
after(async () => { await server.stop(); });

// Asynchronous, so that the test keeps reading the server's log while sqlmap
// runs (a full pipe would stall the server). Boolean, error and UNION
// techniques: the time-based ones add minutes and find nothing these do not
// (no statement is built from input, so no payload reaches SQL).
function sqlmap(name, url, extra = []) {
  const args = ['-u', url, '--batch', '--level=1', '--risk=1', '--flush-session', '--disable-coloring',
    '--technique=BEU', '--threads=2', `--output-dir=${join(server.dir, 'sqlmap', name)}`, ...extra];
  return new Promise((ok, fail) => {
    execFile('sqlmap', args, { encoding: 'utf8', timeout: 300000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const out = `${stdout}${stderr}`;
      try {
        if (err && err.killed) throw new Error(`${name}: sqlmap did not finish`);
        assert.doesNotMatch(out, /identified the following injection point|appears to be injectable|is vulnerable/i, `${name}:\n${out.slice(-3000)}`);
        assert.match(out, /do(es)? not (seem|appear) to be injectable/, `${name}:\n${out.slice(-3000)}`);
        assert.doesNotMatch(out, /unable to connect|connection timed out/, `${name}:\n${out.slice(-3000)}`);
        // every parameter was really tried (not skipped for a status or a heuristic)
        const params = extra.includes('--data') ? Object.keys(JSON.parse(extra[extra.indexOf('--data') + 1]))
          : url.includes('*') ? ['#1*'] : [...new URL(url).searchParams.keys()];
        for (const p of params) assert.ok(out.includes(`parameter '${extra.includes('--data') ? 'JSON ' : ''}${p}' does not seem to be injectable`), `${name}: ${p} was not tested`);
        ok(out);
      } catch (e) { fail(e); }
    });
  });
}

test('no injection in the public query parameters', async () => {
  await sqlmap('procedures', `${server.base}/api/v1/procedures?q=dang&field=H%E1%BB%99%20t%E1%BB%8Bch&level=commune&limit=5`);
  await sqlmap('lookup', `${server.base}/api/v1/lookup?code=${code}&phone_last4=5678`);
  await sqlmap('holidays', `${server.base}/api/v1/calendar/holidays?year=2026`);
});

test('no injection in a JSON body', async () => {
  await sqlmap('login', `${server.base}/api/v1/auth/login`, ['--data', '{"username":"leader1","password":"x"}', '--headers', 'Content-Type: application/json', '--ignore-code=401']);
});

test('no injection in the staff parameters: queue filters, reports, a path segment', async () => {
  const auth = ['--cookie', cookie, '--headers', `X-CSRF-Token: ${csrf}`];
  await sqlmap('queue', `${server.base}/api/v1/dossiers?agency=${A.commune1}&status=received&procedure=${PROC.birth}&from=2026-01-01&view=open&sort=due`, auth);
  await sqlmap('report', `${server.base}/api/v1/reports/resolution?agency=${A.commune1}&from=2026-01-01&to=2026-12-31&group_by=procedure`, auth);
  await sqlmap('dossier', `${server.base}/api/v1/dossiers/${code}*`, auth);
});
