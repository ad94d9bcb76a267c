import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDb } from '../../helpers/db';
import { runImport } from '../../../electron/contacts/import';
import { BACKGROUND_NICE } from '../../../electron/thread-priority';
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
    const r = await runImport(t.path, new Uint8Array(Buffer.from(lines.join('\n'))), { defaultCountry: 'US', onDuplicate: 'skip' }, {
      now: at('2025-03-01T12:00:00.000Z'),
      onProgress: () => void (during ??= threadNice()),
    });
    expect(r.counts.imported).toBe(30_000);
    expect(during).not.toBeNull();
    // The import worker, its row workers and the checkpoint worker: new threads, lowered.
    const lowered = [...during!].filter(([tid, nice]) => !before.has(tid) && nice === BACKGROUND_NICE);
    expect(lowered.length).toBeGreaterThanOrEqual(3);
    expect(during!.get(process.pid)).toBe(before.get(process.pid));
    expect(before.get(process.pid)).not.toBe(BACKGROUND_NICE);
  });
});
