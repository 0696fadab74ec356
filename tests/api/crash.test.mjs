// Nothing lost: the server under write load from several clients is killed
// with SIGKILL at random moments; after each kill every dossier whose creation
// or handover got a 2xx answer is there in that state, the database is whole,
// and the counters and the audit chain still verify.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, as, sql, motcua, A, dossierBody } from './helpers.mjs';

const ROUNDS = 20;
const RECEIVED = 2, PROCESSING = 4;
let server;
after(async () => { await server?.stop(); });

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

test(`killed ${ROUNDS} times under write load, every acknowledged change is still there`, async () => {
  server = await startServer();
  const desks = { [A.commune1]: await as(server, 'receiver1'), [A.commune2]: await as(server, 'receiver2') };
  const acked = new Map(); // code -> the status its last 2xx answer left it in
  const inFlight = new Map(); // code -> the status a request without an answer may have left it in
  let total = 0;

  for (let round = 0; round < ROUNDS; round++) {
    let running = true;
    const worker = async (agency) => {
      const desk = desks[agency];
      while (running) {
        try {
          const r = await desk.post('/api/v1/dossiers', dossierBody({ agency, summary: `Vòng ${round}` }));
          if (r.status !== 201) throw new Error(`intake: ${r.status} ${r.text}`);
          const code = r.json.code;
          acked.set(code, RECEIVED);
          if (Math.random() < 0.6) {
            inFlight.set(code, PROCESSING);
            const h = await desk.post(`/api/v1/dossiers/${code}/handover`, {});
            if (h.status !== 200) throw new Error(`handover: ${h.status} ${h.text}`);
            acked.set(code, PROCESSING);
            inFlight.delete(code);
          }
        } catch (err) {
          if (running) throw err; // an error other than the server going away
          return;
        }
      }
    };
    const workers = [worker(A.commune1), worker(A.commune2), worker(A.commune1), worker(A.commune2)];
    await sleep(150 + Math.random() * 600);
    running = false;
    await server.crash();
    await Promise.all(workers);

    assert.equal(sql(server.db, 'PRAGMA integrity_check'), 'ok', `round ${round}`);
    const stored = new Map(sql(server.db, 'SELECT code, status FROM dossiers').split('\n').filter(Boolean)
      .map((line) => { const [code, status] = line.split('|'); return [code, Number(status)]; }));
    for (const [code, status] of acked) {
      const got = stored.get(code);
      assert.ok(got === status || got === inFlight.get(code), `round ${round}: ${code} acknowledged as ${status}, stored as ${got}`);
    }
    // what the store holds at the last answer is what counts from now on
    for (const code of inFlight.keys()) acked.set(code, stored.get(code));
    inFlight.clear();
    server.verifyStats();
    motcua('audit', 'verify', '--db', server.db);
    total = acked.size;
    await server.launch();
  }
  assert.ok(total >= ROUNDS * 5, `only ${total} dossiers were acknowledged`);
});
