import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { quoLegacySignature, quoReceived } from '../integration/webhooks/signers';
import { startBenchRelay } from './_relay-app';

/**
 * Webhook intake: signed Quo events over loopback into the relay, each stored durably (WAL, synchronous=FULL) in a
 * real app database before its 200. The senders run in a child process (as the provider is a different machine),
 * so their work does not sit in the relay's event loop; latency is per request as the sender sees it, memory is the
 * relay's; load1m (the machine's load average) says how much the numbers were squeezed by other work.
 * `--events N`, `--concurrency C` (keep-alive connections), `--window MS` (group-commit wait).
 */
const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '32' },
    window: { type: 'string', default: '0' },
    'sender-port': { type: 'string' },
  },
});
const events = Number(values.events);
const concurrency = Number(values.concurrency);

interface SenderReport {
  ms: number;
  p50Ms: number;
  p99Ms: number;
}

/** The provider's side: `concurrency` keep-alive connections posting freshly signed events as fast as answered. */
async function send(port: number): Promise<SenderReport> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const post = (body: string, signature: string) =>
    new Promise<number>((resolve, reject) => {
      const headers = {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'openphone-signature': signature,
      };
      const req = request({ agent, host: '127.0.0.1', port, method: 'POST', path: '/webhooks/quo', headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
  const latencies = new Float64Array(events);
  let next = 0;
  const sender = async () => {
    while (next < events) {
      const i = next++;
      const from = `+1415${String(i % 10_000_000).padStart(7, '0')}`;
      const body = JSON.stringify(
        quoReceived({
          eventId: `EVbench${i}`,
          messageId: `ACbench${i}`,
          from,
          to: '+14155550000',
          body: `reply number ${i}`,
          createdAt: new Date().toISOString(),
        }),
      );
      const started = performance.now();
      const status = await post(body, quoLegacySignature(body, Date.now()));
      latencies[i] = performance.now() - started;
      if (status !== 200) throw new Error(`event ${i} answered ${status}`);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, sender));
  const ms = performance.now() - t0;
  agent.destroy();
  latencies.sort();
  const pct = (p: number) => Math.round(latencies[Math.min(events - 1, Math.floor(p * events))] * 100) / 100;
  return { ms, p50Ms: pct(0.5), p99Ms: pct(0.99) };
}

if (values['sender-port']) {
  process.stdout.write(`${JSON.stringify(await send(Number(values['sender-port'])))}\n`);
} else {
  const { app, relay, close } = await startBenchRelay({ batchWindowMs: Number(values.window) });
  const rssStartMb = Math.round(process.memoryUsage().rss / 1048576);
  const args = [
    '--import',
    'tsx',
    fileURLToPath(import.meta.url),
    '--sender-port',
    String(relay.port),
    '--events',
    String(events),
    '--concurrency',
    String(concurrency),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`sender exited with ${code}`);
  const report = JSON.parse(out) as SenderReport;
  const rssEndMb = Math.round(process.memoryUsage().rss / 1048576);

  const stored = (app.db.prepare('SELECT COUNT(*) AS n FROM webhook_events').get() as { n: number }).n;
  if (stored !== events) throw new Error(`stored ${stored} of ${events} events`);
  console.log(
    JSON.stringify({
      bench: 'webhooks',
      events,
      ms: Math.round(report.ms),
      perSecond: Math.round((events / report.ms) * 1000),
      p50Ms: report.p50Ms,
      p99Ms: report.p99Ms,
      rssStartMb,
      rssEndMb,
      load1m: Math.round(loadavg()[0] * 100) / 100,
    }),
  );
  await close();
}
