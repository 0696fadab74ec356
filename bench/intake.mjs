// Intake: times N counter dossiers (POST /api/v1/dossiers) one after another on
// a fresh test server, and prints the total and per-request figures.
//
//   node bench/intake.mjs            # BENCH_INTAKES=500 by default
import { readFileSync } from 'node:fs';
import { startServer, as, dossierBody } from '../tests/api/helpers.mjs';

// The server's CPU time (user + system) in milliseconds, from /proc where there is one.
function cpuMs(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // clock ticks of 10 ms
  } catch {
    return NaN;
  }
}

const n = Number(process.env.BENCH_INTAKES ?? 500);
const server = await startServer();
try {
  const receiver = await as(server, 'receiver1');
  for (let i = 0; i < 20; i++) await receiver.post('/api/v1/dossiers', dossierBody()); // warm-up
  const times = [];
  const cpu0 = cpuMs(server.proc.pid);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    const r = await receiver.post('/api/v1/dossiers', dossierBody());
    if (r.status !== 201) throw new Error(`intake ${i}: ${r.status} ${r.text}`);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const total = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = cpuMs(server.proc.pid) - cpu0;
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(2);
  console.log(`${n} intakes in ${total.toFixed(0)} ms: ${(total / n).toFixed(2)} ms each,`
    + ` median ${q(0.5)} ms, p90 ${q(0.9)} ms, p99 ${q(0.99)} ms; server CPU ${(cpu / n).toFixed(3)} ms each`);
} finally {
  await server.stop();
}
