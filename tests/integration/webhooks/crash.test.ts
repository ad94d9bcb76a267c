import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/connection';
import { tempDir } from '../../helpers/db';
import { quoLegacyHeaders, quoReceived } from './signers';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '../../..');
const children: ChildProcess[] = [];
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Starts relay-child.ts on `dbPath` and resolves with its port once it listens. */
async function startChild(dbPath: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'relay-child.ts'), dbPath], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`relay child exited (${code}) before listening: ${stderr}`)));
  });
  return { child, port: (JSON.parse(line) as { port: number }).port };
}

/** A small seeded generator: the kill point is reproducible from the seed in the test name. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const event = (i: number) =>
  JSON.stringify(
    quoReceived({
      eventId: `EVcrash${i}`,
      messageId: `ACcrash${i}`,
      from: `+1415555${String(i).padStart(4, '0')}`,
      to: '+14155550000',
      body: `reply ${i}`,
      createdAt: new Date().toISOString(),
    }),
  );

/** Posts every event with `concurrency` in flight; `onAck` sees each 2xx. Failures (the relay died) are recorded, not thrown. */
async function fire(
  port: number,
  total: number,
  concurrency: number,
  onAck: (i: number, json: { stored: number; duplicates: number }) => void,
) {
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const body = event(i);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/webhooks/quo`, {
          method: 'POST',
          headers: quoLegacyHeaders(body, Date.now()),
          body,
        });
        const json = (await res.json()) as { stored: number; duplicates: number };
        if (res.status >= 200 && res.status < 300) onAck(i, json);
        else failures++;
      } catch {
        failures++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { failures };
}

describe('Relay killed mid-stream', () => {
  const seed = 20261128;
  it(`loses no acknowledged event and stores none twice (seed ${seed})`, async () => {
    const dir = tempDir('smsdesk-crash-');
    cleanups.push(dir.cleanup);
    const dbPath = join(dir.dir, 'desk.sqlite');
    const total = 400;
    const killAfter = 30 + Math.floor(seeded(seed)() * 200);

    const first = await startChild(dbPath);
    const acknowledged = new Set<number>();
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    const { failures } = await fire(first.port, total, 16, (i) => {
      acknowledged.add(i);
      if (acknowledged.size === killAfter) first.child.kill('SIGKILL');
    });
    await exited;
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(killAfter);
    expect(failures).toBeGreaterThan(0); // The kill really landed mid-stream.

    const db = openDatabase(dbPath);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = new Set(
      (
        db.prepare(`SELECT event_id FROM webhook_events WHERE provider = 'quo'`).all() as Array<{ event_id: string }>
      ).map((r) => r.event_id),
    );
    db.close();
    const lost = [...acknowledged].filter((i) => !stored.has(`EVcrash${i}`));
    expect(lost).toEqual([]);

    // Quo redelivers everything it did not see acknowledged (and some it did): each event ends up stored exactly once.
    const second = await startChild(dbPath);
    const answers = new Map<number, { stored: number; duplicates: number }>();
    expect((await fire(second.port, total, 16, (i, json) => answers.set(i, json))).failures).toBe(0);
    for (let i = 0; i < total; i++) {
      expect(answers.get(i)).toEqual(
        stored.has(`EVcrash${i}`) ? { ok: true, stored: 0, duplicates: 1 } : { ok: true, stored: 1, duplicates: 0 },
      );
    }
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
    expect(second.child.exitCode).toBe(0);

    const after = openDatabase(dbPath);
    const counts = after
      .prepare(
        `SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS distinctIds FROM webhook_events WHERE provider = 'quo'`,
      )
      .get();
    after.close();
    expect(counts).toEqual({ n: total, distinctIds: total });
  });
});
