import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDb } from '../../helpers/db';
import { runImport } from '../../../electron/contacts/import';
import { HELPER_NICE, WRITER_NICE } from '../../../electron/thread-priority';
import { at } from './import-helpers';

let t: Awaited<ReturnType<typeof tempDb>>;
beforeEach(async () => {
  t = await tempDb();
});
afterEach(() => t.cleanup());

/** Nice value of each thread of this process (Linux). */
function threadNice(): Map<number, number> {
  const nice = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      nice.set(Number(tid), Number(fields[16]));
    } catch {
      // the thread ended meanwhile
    }
  }
  return nice;
}

describe.runIf(process.platform === 'linux')('an import’s threads', () => {
  it('run below the main thread’s priority, and the main thread keeps its own', async () => {
    const before = threadNice();
    const lines = ['Phone,First Name'];
    for (let i = 0; i < 30_000; i++) lines.push(`212${String(2_000_000 + i).padStart(7, '0')},Ana`);
    let during: Map<number, number> | null = null;
    const r = await runImport(
      t.path,
      new Uint8Array(Buffer.from(lines.join('\n'))),
      { defaultCountry: 'US', onDuplicate: 'skip' },
      {
        now: at('2025-03-01T12:00:00.000Z'),
        onProgress: () => void (during ??= threadNice()),
      },
    );
    expect(r.counts.imported).toBe(30_000);
    expect(during).not.toBeNull();
    // The import worker (the writer), lowered; its reader, row worker and checkpoint worker, lower still.
    const atNice = (n: number) => [...during!].filter(([tid, nice]) => !before.has(tid) && nice === n).length;
    expect(atNice(WRITER_NICE)).toBe(1);
    expect(atNice(HELPER_NICE)).toBe(3);
    expect(during!.get(process.pid)).toBe(before.get(process.pid));
    expect(before.get(process.pid)).toBeLessThan(WRITER_NICE);
  });

  it('start a second row worker only when the first falls behind (numbers that need a full parse)', async () => {
    const before = threadNice();
    const newLowered = (now: Map<number, number>) =>
      [...now].filter(([tid, nice]) => !before.has(tid) && (nice === WRITER_NICE || nice === HELPER_NICE)).length;
    // Plain US numbers: the first row worker keeps ahead; the import runs on four threads of its own.
    const us = ['Phone'];
    for (let i = 0; i < 60_000; i++) us.push(`212${String(2_000_000 + i).padStart(7, '0')}`);
    let most = 0;
    await runImport(
      t.path,
      new Uint8Array(Buffer.from(us.join('\n'))),
      { defaultCountry: 'US', onDuplicate: 'skip' },
      {
        now: at('2025-03-01T12:00:00.000Z'),
        rowWorkers: 2,
        onProgress: () => void (most = Math.max(most, newLowered(threadNice()))),
      },
    );
    expect(most).toBe(4);
    // UK numbers written nationally go through libphonenumber's full parse, several times slower than the writer.
    const uk = ['Phone'];
    for (let i = 0; i < 120_000; i++) uk.push(`07700 ${String(100_000 + i).padStart(6, '0')}`);
    most = 0;
    const r = await runImport(
      t.path,
      new Uint8Array(Buffer.from(uk.join('\n'))),
      { defaultCountry: 'GB', onDuplicate: 'skip' },
      {
        now: at('2025-03-01T12:00:00.000Z'),
        rowWorkers: 2,
        onProgress: () => void (most = Math.max(most, newLowered(threadNice()))),
      },
    );
    expect(r.counts.rows).toBe(120_000);
    expect(r.counts.imported).toBeGreaterThan(90_000);
    expect(most).toBe(5);
  }, 60_000);
});
