import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../../electron/app';

/** IPC dispatch overhead: validated calls per second through the same path the UI uses. */
const { values } = parseArgs({
  options: { calls: { type: 'string', default: '20000' }, json: { type: 'boolean', default: false } },
});
const calls = Number(values.calls);
const dir = mkdtempSync(join(tmpdir(), 'smsdesk-bench-'));
const app = await createApp({ dbPath: join(dir, 'desk.sqlite'), log: () => undefined });
const t0 = performance.now();
for (let i = 0; i < calls; i++) {
  const r = await app.dispatch('settings:get', { key: 'provider' });
  if (!r.ok) throw new Error(r.error.message);
}
const ms = performance.now() - t0;
const invalidStart = performance.now();
for (let i = 0; i < calls; i++) await app.dispatch('contacts:list', { limit: -1 });
const invalidMs = performance.now() - invalidStart;
console.log(
  JSON.stringify({
    bench: 'ipc',
    calls,
    ms: Math.round(ms),
    callsPerSecond: Math.round((calls / ms) * 1000),
    invalidCallsPerSecond: Math.round((calls / invalidMs) * 1000),
    rssMb: Math.round(process.memoryUsage().rss / 1048576),
  }),
);
await app.close();
rmSync(dir, { recursive: true, force: true });
