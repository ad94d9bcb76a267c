import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { tempDb } from '../../helpers/db';
import { executeImport } from '../../../electron/contacts/import/execute';
import { validateImportOptions } from '../../../electron/contacts/import/options';
import { inlineRowPool } from '../../../electron/contacts/import/rows';
import { inlineRowSource } from '../../../electron/contacts/import/read-rows';
import { MAX_IN_FLIGHT, portRowSource, type ReadJob } from '../../../electron/contacts/import/row-source';
import type { RowPool } from '../../../electron/contacts/import/rows-pool';
import type { BatchResult, RowSetup } from '../../../electron/contacts/import/batch';

/**
 * The reading half of an import (row-source.ts): how far it reads ahead of the writer, how the writer joins the
 * reader's items with the row workers' results, and what the writer does when the reading fails half-way.
 */

let t: Awaited<ReturnType<typeof tempDb>>;
beforeEach(async () => {
  t = await tempDb();
});
afterEach(() => t.cleanup());

const options = validateImportOptions({ defaultCountry: 'US', onDuplicate: 'skip', fileName: 'list.csv' });
function csv(rows: number): Uint8Array {
  const lines = ['Phone,First Name'];
  for (let i = 0; i < rows; i++) lines.push(`212${String(2_000_000 + i).padStart(7, '0')},Ana`);
  return new Uint8Array(Buffer.from(lines.join('\n')));
}
const read = (rows: number): ReadJob => ({ source: csv(rows), options });
const settle = () => new Promise((r) => setTimeout(r, 30));

/** An inline pool that counts the batches it was given, and can be told to fail one. */
function countingPool(failAt = -1) {
  const seen: number[] = [];
  const create = (setup: RowSetup): RowPool => {
    const inline = inlineRowPool(setup);
    return {
      ...inline,
      run: (batch, seq) => {
        seen.push(seq);
        return seq === failAt
          ? Promise.reject(new Error('a row worker stopped: out of memory'))
          : inline.run(batch, seq);
      },
    };
  };
  return { seen, create };
}

describe('the import reader', () => {
  it('reads no further ahead of the writer than it is allowed, in rows and in batches', async () => {
    const pool = countingPool();
    const source = inlineRowSource(read(150_000), pool.create);
    source.grant({ takenRows: 0, takenBatches: 0, aheadRows: 12_000 });
    expect((await source.next()).kind).toBe('start');
    await settle();
    // 5,000-record batches: the third takes it past 12,000 rows, and it waits there.
    expect(pool.seen).toEqual([0, 1, 2]);
    const first = await source.next();
    expect(first).toMatchObject({ kind: 'rows', records: 5000 });
    source.grant({ takenRows: 5000, takenBatches: 1, aheadRows: 12_000 });
    await settle();
    expect(pool.seen).toEqual([0, 1, 2, 3]);
    // However many rows it may read, never more than MAX_IN_FLIGHT batches beyond those taken.
    source.grant({ takenRows: 5000, takenBatches: 1, aheadRows: 1_000_000 });
    await settle();
    expect(pool.seen.length).toBe(1 + MAX_IN_FLIGHT);
    const rest: number[] = [];
    let taken = 1;
    for (let item = await source.next(); item.kind === 'rows'; item = await source.next()) {
      rest.push(item.records);
      source.grant({ takenRows: 5000 + rest.reduce((a, b) => a + b, 0), takenBatches: ++taken, aheadRows: 1_000_000 });
    }
    expect(rest.reduce((a, b) => a + b, 0)).toBe(145_000);
    source.close();
  });

  it('joins the reader’s items with the row workers’ results, whichever arrives first', async () => {
    const fromReader = new MessageChannel();
    const fromRows = new MessageChannel();
    const source = portRowSource(fromReader.port2, [fromRows.port2]);
    const result = (records: number): BatchResult => ({
      records,
      blank: 0,
      accepted: '',
      acceptedCount: 0,
      rejected: '',
      rejectedCount: 0,
    });
    // Batch 0's result comes before its place in the file; batch 1's after.
    fromRows.port1.postMessage({ seq: 0, result: result(10) });
    fromReader.port1.postMessage({ kind: 'rows', seq: 0, records: 10, bytesRead: 100 });
    fromReader.port1.postMessage({ kind: 'rows', seq: 1, records: 20, bytesRead: 200 });
    expect(await source.next()).toEqual({ kind: 'rows', records: 10, bytesRead: 100, result: result(10) });
    const second = source.next();
    await settle();
    fromRows.port1.postMessage({ seq: 1, result: result(20) });
    expect(await second).toEqual({ kind: 'rows', records: 20, bytesRead: 200, result: result(20) });
    // The reader dies while the writer waits for a result: the writer gets an error, not a hang.
    fromReader.port1.postMessage({ kind: 'rows', seq: 2, records: 5, bytesRead: 300 });
    const third = source.next();
    await settle();
    source.fail('the file reader stopped: exit code 1');
    expect(await third).toEqual({ kind: 'error', code: 'internal', message: 'the file reader stopped: exit code 1' });
    source.close();
    fromReader.port1.close();
    fromRows.port1.close();
  });

  it('makes the writer take back everything when a batch fails after earlier transactions were written', async () => {
    const pool = countingPool(5);
    const job = { dbPath: t.path, options, importId: 'imp_fails', dryRun: false };
    const hooks = { now: async () => '2025-03-01T12:00:00.000Z', onProgress: () => {}, isCancelled: () => false };
    const progress: number[] = [];
    await expect(
      executeImport(job, {
        ...hooks,
        onProgress: (p) => progress.push(p.rowsRead),
        openSource: () => inlineRowSource(read(40_000), pool.create),
      }),
    ).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('a row worker stopped: out of memory'),
    });
    // Transactions were written before the failure…
    expect(progress.length).toBeGreaterThan(0);
    // …and taken back: no contact, consent record or tag of the import is left; its history says it failed.
    expect(t.db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(0);
    expect(t.db.prepare('SELECT count(*) FROM consent_records').pluck().get()).toBe(0);
    expect(t.db.prepare('SELECT status FROM imports WHERE id = ?').pluck().get('imp_fails')).toBe('failed');
  });
});
