import { afterEach, describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { portRowPool, type RowPool } from '../../../electron/contacts/import/rows-pool';
import type { RowBatch, RowSetup } from '../../../electron/contacts/import/batch';

/** The far end of a row worker's port: remembers what it was sent and answers when told to. */
function fakeWorker() {
  const { port1, port2 } = new MessageChannel();
  const waiting: number[] = [];
  port2.on('message', (msg: { seq?: number; close?: boolean }) => {
    if (msg.seq !== undefined) waiting.push(msg.seq);
  });
  return {
    port: port1,
    waiting,
    /** as a row worker that has sent its results straight to the writer: acknowledges each batch */
    finishAll() {
      for (const seq of waiting.splice(0)) port2.postMessage({ seq });
    },
    close: () => port2.close(),
  };
}

const settle = () => new Promise((r) => setTimeout(r, 20));
const setup = {} as RowSetup;
const batch = {} as RowBatch;

let pool: RowPool | null = null;
const workers: ReturnType<typeof fakeWorker>[] = [];
/** batches are numbered by the caller (the reader), in file order */
let seq = 0;
const run = () => pool!.run(batch, seq++);
afterEach(() => {
  seq = 0;
  pool?.close();
  for (const w of workers.splice(0)) w.close();
});

describe('the row worker pool', () => {
  it('gives batches to the first worker until ten wait there, then asks for more workers and shares with the least busy', async () => {
    workers.push(fakeWorker(), fakeWorker());
    let asked = 0;
    pool = portRowPool([workers[0].port], setup, () => asked++);
    const first = Array.from({ length: 10 }, () => run());
    await settle();
    expect([workers[0].waiting.length, asked]).toEqual([10, 0]);
    // The eleventh finds ten waiting: more workers are asked for (once); until they come the first takes it.
    const eleventh = run();
    run().catch(() => {});
    expect(asked).toBe(1);
    pool.addPorts([workers[1].port]);
    const more = Array.from({ length: 3 }, () => run());
    await settle();
    expect([workers[0].waiting.length, workers[1].waiting.length, asked]).toEqual([12, 3, 1]);
    workers.forEach((w) => w.finishAll());
    const results = await Promise.all([...first, eleventh, ...more]);
    expect(results).toEqual(Array.from({ length: 14 }, () => null));
    // With the first worker's queue empty again, it takes the work alone.
    const again = run();
    await settle();
    expect([workers[0].waiting.length, workers[1].waiting.length]).toEqual([1, 0]);
    workers[0].finishAll();
    expect(await again).toBeNull();
  });

  it('resolves a batch whose result went straight to the writer with null, by the number the caller gave it', async () => {
    workers.push(fakeWorker());
    pool = portRowPool(
      workers.map((w) => w.port),
      setup,
    );
    seq = 41;
    const sent = run();
    await settle();
    expect(workers[0].waiting).toEqual([41]);
    workers[0].finishAll();
    expect(await sent).toBeNull();
  });

  it('fails every waiting and later batch once a worker has died', async () => {
    workers.push(fakeWorker());
    pool = portRowPool(
      workers.map((w) => w.port),
      setup,
    );
    const waiting = run();
    pool.fail(new Error('a row worker stopped: out of memory'));
    await expect(waiting).rejects.toThrow(/out of memory/);
    await expect(run()).rejects.toThrow(/out of memory/);
  });
});
