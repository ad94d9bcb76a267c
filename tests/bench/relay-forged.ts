import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBenchRelay } from './_relay-app';

/**
 * Forged Quo webhooks against the relay's liveness: `--rate` forged requests a second (default 50), each a legacy
 * `openphone-signature` header of `--entries` comma-separated fresh-looking entries (default 227) over a
 * `--body-kb` body (default 250), while `/healthz` is asked 20 times a second; reports `/healthz` latency first with
 * no attack (`quiet*`) then under attack. `--sources N` spreads the forged requests over N client addresses, as the
 * tunnel reports them in X-Forwarded-For (default 1: one attacker). `--seconds` is the attack's length (default 10).
 * The attacker and the prober are two child processes, as they would be other machines, so neither one's work
 * delays the other's timing. The relay's CPU time per forged request and its event-loop delay during the attack say
 * what the attack costs the relay itself; the /healthz latencies also carry the machine's load (load1m).
 */
const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '50' },
    entries: { type: 'string', default: '227' },
    'body-kb': { type: 'string', default: '250' },
    sources: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '10' },
    role: { type: 'string' },
    port: { type: 'string' },
  },
});
const rate = Number(values.rate);
const entries = Number(values.entries);
const bodyBytes = Number(values['body-kb']) * 1024;
const sources = Math.max(1, Number(values.sources));
const seconds = Number(values.seconds);
const QUIET_MS = 3000;
const PROBES_PER_SECOND = 20;
const REQUEST_TIMEOUT_MS = 15_000;

interface ProbeReport {
  quietP50Ms: number;
  quietP99Ms: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  probes: number;
}

interface AttackReport {
  forgedSent: number;
  forgedAnswers: Record<string, number>;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 100) / 100;
}

/** Calls `fn` `perSecond` times a second for `ms` (open loop: a slow answer does not slow the caller down). */
function every(perSecond: number, ms: number, fn: (i: number) => void): Promise<void> {
  const total = Math.floor((perSecond * ms) / 1000);
  return new Promise((resolve) => {
    const t0 = performance.now();
    let i = 0;
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * perSecond));
      while (i < due) fn(i++);
      if (i >= total) return resolve();
      setTimeout(tick, 5);
    };
    tick();
  });
}

/** The prober: /healthz 20 times a second, quiet first, then (after printing "attack") for the attack's length. */
async function probe(port: number): Promise<ProbeReport> {
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const one = () =>
    new Promise<number>((resolve) => {
      const started = performance.now();
      const req = request({ agent, host: '127.0.0.1', port, path: '/healthz', timeout: REQUEST_TIMEOUT_MS }, (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - started));
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(performance.now() - started));
      req.end();
    });
  const round = async (ms: number) => {
    const pending: Promise<number>[] = [];
    await every(PROBES_PER_SECOND, ms, () => pending.push(one()));
    return (await Promise.all(pending)).sort((a, b) => a - b);
  };
  const quiet = await round(QUIET_MS);
  process.stdout.write('attack\n');
  const attacked = await round(seconds * 1000);
  agent.destroy();
  return {
    quietP50Ms: percentile(quiet, 0.5),
    quietP99Ms: percentile(quiet, 0.99),
    p50Ms: percentile(attacked, 0.5),
    p99Ms: percentile(attacked, 0.99),
    maxMs: Math.round(attacked[attacked.length - 1] ?? 0),
    probes: attacked.length,
  };
}

/** The attacker: forged requests at `rate` a second; the headers are made ahead (fresh timestamps each second). */
async function attack(port: number): Promise<AttackReport> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const body = Buffer.alloc(bodyBytes, '{"pad":"' + 'x'.repeat(1000) + '"}');
  const headersFor = (atMs: number) =>
    Array.from({ length: 16 }, () =>
      Array.from({ length: entries }, () => `hmac;1;${atMs};${randomBytes(32).toString('base64')}`).join(','),
    );
  let forged = headersFor(Date.now());
  const refresh = setInterval(() => (forged = headersFor(Date.now())), 1000);
  const answers: Record<string, number> = {};
  const count = (key: string) => (answers[key] = (answers[key] ?? 0) + 1);
  let settled = 0;
  let sent = 0;
  let allSent = false;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = () => resolve()));
  const settle = () => {
    settled++;
    if (allSent && settled === sent) done();
  };
  await every(rate, seconds * 1000, (i) => {
    sent++;
    const source = i % sources;
    const headers = {
      'content-type': 'application/json',
      'content-length': body.length,
      'openphone-signature': forged[i % forged.length],
      'x-forwarded-for': `10.9.8.7, 203.0.${Math.floor(source / 250)}.${source % 250}`,
    };
    const req = request(
      { agent, host: '127.0.0.1', port, method: 'POST', path: '/webhooks/quo', headers, timeout: REQUEST_TIMEOUT_MS },
      (res) => {
        res.resume();
        res.on('end', () => {
          count(String(res.statusCode ?? 0));
          settle();
        });
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', (err: NodeJS.ErrnoException) => {
      count(`error ${err.code ?? err.message}`);
      settle();
    });
    req.end(body);
  });
  allSent = true;
  if (settled < sent) await finished;
  clearInterval(refresh);
  agent.destroy();
  return { forgedSent: sent, forgedAnswers: answers };
}

/** Runs this file in another process in `role`; resolves with its JSON report, calling `onLine` for other lines. */
function child(
  role: string,
  port: number,
  onLine: (line: string) => void = () => undefined,
): { process: ChildProcess; report: Promise<unknown> } {
  const args = [
    '--import',
    'tsx',
    fileURLToPath(import.meta.url),
    '--role',
    role,
    '--port',
    String(port),
    '--rate',
    String(rate),
    '--entries',
    String(entries),
    '--body-kb',
    String(values['body-kb']),
    '--sources',
    String(sources),
    '--seconds',
    String(seconds),
  ];
  const proc = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout.on('data', (d) => {
    out += d.toString();
    for (let nl = out.indexOf('\n'); nl >= 0; nl = out.indexOf('\n')) {
      const line = out.slice(0, nl);
      out = out.slice(nl + 1);
      if (line.startsWith('{')) proc.emit('report', JSON.parse(line));
      else onLine(line);
    }
  });
  const report = new Promise<unknown>((resolve, reject) => {
    proc.once('report', resolve);
    proc.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`${role} exited with ${code}`))));
  });
  return { process: proc, report };
}

if (values.role === 'probe') {
  process.stdout.write(`${JSON.stringify(await probe(Number(values.port)))}\n`);
} else if (values.role === 'attack') {
  // Started ahead (a process takes seconds to start on a loaded machine); attacks when told on stdin.
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.pause();
  process.stdout.write(`${JSON.stringify(await attack(Number(values.port)))}\n`);
} else {
  const { relay, close } = await startBenchRelay();
  // The relay's own CPU time and event-loop delay during the attack: what forged requests cost it.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  let cpuAtAttack: NodeJS.CpuUsage | undefined;
  let attackerReady: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (attackerReady = resolve));
  const attacker = child('attack', relay.port, (line) => line === 'ready' && attackerReady());
  await started;
  const prober = child('probe', relay.port, (line) => {
    if (line !== 'attack') return;
    cpuAtAttack = process.cpuUsage();
    loop.enable();
    attacker.process.stdin!.end('go\n');
  });
  const probes = (await prober.report) as ProbeReport;
  const cpu = process.cpuUsage(cpuAtAttack);
  loop.disable();
  const attack = (await attacker.report) as AttackReport;
  const relayCpuMs = Math.round((cpu.user + cpu.system) / 1000);
  console.log(
    JSON.stringify({
      bench: 'relay-forged',
      rate,
      entries,
      bodyKb: bodyBytes / 1024,
      sources,
      seconds,
      ...probes,
      ...attack,
      relayCpuMs,
      relayCpuMsPerForged: Math.round((relayCpuMs / Math.max(1, attack.forgedSent)) * 100) / 100,
      relayLoopDelayP99Ms: Math.round(loop.percentile(99) / 1e4) / 100,
      load1m: Math.round(loadavg()[0] * 100) / 100,
    }),
  );
  await close(1000);
}
