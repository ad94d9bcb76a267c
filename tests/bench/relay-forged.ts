import { spawn } from 'node:child_process';
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
 * The attacker runs in a child process, as it would be another machine. The relay's CPU time per forged request and
 * its event-loop delay during the attack say what the attack costs the relay itself, which a loaded machine (load1m)
 * does not change much; the /healthz latencies include the machine's load.
 */
const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '50' },
    entries: { type: 'string', default: '227' },
    'body-kb': { type: 'string', default: '250' },
    sources: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '10' },
    'attack-port': { type: 'string' },
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

interface AttackReport {
  quietP50Ms: number;
  quietP99Ms: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  probes: number;
  forgedSent: number;
  forgedAnswers: Record<string, number>;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 100) / 100;
}

function forgedHeader(): string {
  const now = Date.now();
  return Array.from({ length: entries }, () => `hmac;1;${now};${randomBytes(32).toString('base64')}`).join(',');
}

async function attack(port: number): Promise<AttackReport> {
  const forgedAgent = new Agent({ keepAlive: true, maxSockets: 256 });
  const probeAgent = new Agent({ keepAlive: true, maxSockets: 4 });
  const body = Buffer.alloc(bodyBytes, '{"pad":"' + 'x'.repeat(1000) + '"}');

  const probe = () =>
    new Promise<number>((resolve) => {
      const started = performance.now();
      const req = request({ agent: probeAgent, host: '127.0.0.1', port, path: '/healthz', timeout: REQUEST_TIMEOUT_MS }, (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - started));
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(performance.now() - started));
      req.end();
    });
  const answers: Record<string, number> = {};
  const forge = (i: number) => {
    const headers = {
      'content-type': 'application/json',
      'content-length': body.length,
      'openphone-signature': forgedHeader(),
      'x-forwarded-for': `203.0.113.${(i % sources) % 250}, 198.51.${Math.floor(i % sources / 250)}.${(i % sources) % 250}`,
    };
    const req = request({ agent: forgedAgent, host: '127.0.0.1', port, method: 'POST', path: '/webhooks/quo', headers, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => (answers[res.statusCode ?? 0] = (answers[res.statusCode ?? 0] ?? 0) + 1));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => (answers.error = (answers.error ?? 0) + 1));
    req.end(body);
  };
  /** Calls `fn` `perSecond` times a second for `ms` (open loop: a slow answer does not slow the caller down). */
  const every = (perSecond: number, ms: number, fn: (i: number) => void) =>
    new Promise<void>((resolve) => {
      if (perSecond <= 0) return void setTimeout(resolve, ms);
      const t0 = performance.now();
      let i = 0;
      const tick = () => {
        const due = Math.floor(((performance.now() - t0) / 1000) * perSecond);
        while (i < due) fn(i++);
        if (performance.now() - t0 >= ms) return resolve();
        setTimeout(tick, 5);
      };
      tick();
    });
  const probeRound = async (ms: number, withAttack: boolean) => {
    const pending: Promise<number>[] = [];
    await Promise.all([every(PROBES_PER_SECOND, ms, () => pending.push(probe())), withAttack ? every(rate, ms, forge) : Promise.resolve()]);
    return (await Promise.all(pending)).sort((a, b) => a - b);
  };

  const quiet = await probeRound(QUIET_MS, false);
  // Tells the relay's side to start counting its CPU time.
  process.stdout.write('attack\n');
  const attacked = await probeRound(seconds * 1000, true);
  forgedAgent.destroy();
  probeAgent.destroy();
  return {
    quietP50Ms: percentile(quiet, 0.5),
    quietP99Ms: percentile(quiet, 0.99),
    p50Ms: percentile(attacked, 0.5),
    p99Ms: percentile(attacked, 0.99),
    maxMs: Math.round(attacked[attacked.length - 1] ?? 0),
    probes: attacked.length,
    forgedSent: Math.floor(seconds * rate),
    forgedAnswers: answers,
  };
}

if (values['attack-port']) {
  process.stdout.write(`${JSON.stringify(await attack(Number(values['attack-port'])))}\n`);
} else {
  const { relay, close } = await startBenchRelay();
  const args = [
    '--import', 'tsx', fileURLToPath(import.meta.url), '--attack-port', String(relay.port),
    '--rate', String(rate), '--entries', String(entries), '--body-kb', String(values['body-kb']), '--sources', String(sources), '--seconds', String(seconds),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  // The relay's own CPU time during the attack: what forged requests cost it, whatever else the machine is doing.
  let cpuAtAttack: NodeJS.CpuUsage | null = null;
  let cpuAtEnd: NodeJS.CpuUsage | null = null;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  child.stdout.on('data', (d) => {
    out += d.toString();
    if (!cpuAtAttack && out.includes('attack\n')) {
      cpuAtAttack = process.cpuUsage();
      loop.enable();
    }
    if (cpuAtAttack && !cpuAtEnd && out.trimEnd().endsWith('}')) {
      cpuAtEnd = process.cpuUsage(cpuAtAttack);
      loop.disable();
    }
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`attacker exited with ${code}`);
  const report = JSON.parse(out.slice(out.indexOf('attack\n') + 'attack\n'.length)) as AttackReport;
  const cpu = cpuAtEnd ?? process.cpuUsage(cpuAtAttack ?? undefined);
  const relayCpuMs = Math.round((cpu.user + cpu.system) / 1000);
  console.log(
    JSON.stringify({
      bench: 'relay-forged', rate, entries, bodyKb: bodyBytes / 1024, sources, seconds, ...report,
      relayCpuMs, relayCpuMsPerForged: Math.round((relayCpuMs / Math.max(1, report.forgedSent)) * 100) / 100,
      relayLoopDelayP99Ms: Math.round(loop.percentile(99) / 1e4) / 100,
      load1m: Math.round(loadavg()[0] * 100) / 100,
    }),
  );
  await close(1000);
}
