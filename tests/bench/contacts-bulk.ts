/**
 * Sorting and bulk actions at scale: N contacts (default 1,000,000; pass --contacts for less), then
 * - a page of 200 in each sort order, first and 50 pages deep (by cursor), p50 over --runs;
 * - add a tag to --bulk contacts (default 100,000) and undo it, opt them out and undo, delete them and undo:
 *   the total time, the longest the event loop waited for a turn meanwhile (a timer asks every millisecond), and the
 *   most CPU time the process spent between two turns (longestBusyCpuMs: the longest block, less the machine's load).
 * Prints one JSON line. Targets: a sorted page ≤ 50 ms; no wait over 250 ms; no block over 50 ms of CPU.
 *
 *   npx tsx tests/bench/contacts-bulk.ts [--contacts 1000000] [--bulk 100000] [--runs 9] [--actions addTag,optOut,delete]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BulkAction, ContactSort } from '../../shared/ipc/channels/contacts';
import { openDatabase } from '../../electron/db/connection';
import { migrate } from '../../electron/db/migrator';
import { migrations } from '../../migrations';
import { listContacts } from '../../electron/contacts/list';
import { runBulkAction, undoBulkAction } from '../../electron/contacts/bulk';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}
const count = arg('--contacts', 1_000_000);
const bulk = Math.min(count, arg('--bulk', 100_000));
const runs = arg('--runs', 9);
const ALL_ACTIONS: BulkAction[] = ['addTag', 'optOut', 'delete'];
const actionsAt = process.argv.indexOf('--actions');
const actionList =
  actionsAt === -1 ? ALL_ACTIONS : ALL_ACTIONS.filter((a) => process.argv[actionsAt + 1].split(',').includes(a));
const NAMES = ['Ana', 'Bruno', 'Chloé', 'Dev', 'Emma', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jon', 'Kemi', 'Liam'];

const dir = mkdtempSync(join(tmpdir(), 'smsdesk-bench-'));
const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  const path = join(dir, 'desk.sqlite');
  const db = openDatabase(path);
  await migrate(db, migrations, { dbPath: path, now: () => new Date() });
  const insert = db.prepare(
    "INSERT INTO contacts (phone, first_name, last_name, created_at, updated_at, last_contacted_at) VALUES (?, ?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', ?)",
  );
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      insert.run(
        `+1${2_000_000_000 + i * 7}`,
        i % 50 ? NAMES[(i * 7) % NAMES.length] : null,
        `Name${(i * 7919) % count}`,
        i % 3 ? null : `2026-02-${String((i % 28) + 1).padStart(2, '0')}T10:00:00.000Z`,
      );
    }
  })();
  const options = { defaultCountry: 'US', now: new Date('2026-03-01T10:00:00Z') };
  const pages: Record<string, { firstMs: number; deepMs: number }> = {};
  for (const by of ['name', 'phone', 'added', 'lastTexted'] as const) {
    for (const direction of ['asc', 'desc'] as const) {
      const sort: ContactSort = { by, direction };
      const first: number[] = [];
      const deep: number[] = [];
      for (let r = 0; r < runs; r++) {
        let t = performance.now();
        let page = listContacts(db, { limit: 200, offset: 0, sort }, options);
        first.push(performance.now() - t);
        for (let k = 0; k < 50 && page.nextCursor; k++)
          page = listContacts(db, { limit: 200, offset: 0, sort, after: page.nextCursor }, options);
        t = performance.now();
        if (page.nextCursor) listContacts(db, { limit: 200, offset: 0, sort, after: page.nextCursor }, options);
        deep.push(performance.now() - t);
      }
      pages[`${by}-${direction}`] = { firstMs: +p50(first).toFixed(2), deepMs: +p50(deep).toFixed(2) };
    }
  }
  const ids = db.prepare('SELECT id FROM contacts ORDER BY id LIMIT ?').pluck().all(bulk) as number[];
  const actions: Record<string, { actionMs: number; undoMs: number; longestWaitMs: number; longestBusyCpuMs: number }> =
    {};
  let clock = Date.parse('2026-03-01T10:00:00Z');
  for (const action of actionList) {
    let last = performance.now();
    let lastCpu = process.cpuUsage();
    let longest = 0;
    let longestCpu = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      const cpu = process.cpuUsage();
      longest = Math.max(longest, now - last);
      // The CPU the process used between two turns: the work that held the event loop, without the time the
      // machine's other load kept this process waiting (the wall-clock wait above includes that).
      longestCpu = Math.max(longestCpu, (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000);
      last = now;
      lastCpu = cpu;
    }, 1);
    const deps = { db, now: () => new Date((clock += 1000)) };
    let t = performance.now();
    const done = await runBulkAction(deps, action, ids, action === 'addTag' ? 'Bench' : undefined);
    const actionMs = performance.now() - t;
    t = performance.now();
    await undoBulkAction(deps, done.actionId);
    const undoMs = performance.now() - t;
    clearInterval(timer);
    actions[action] = {
      actionMs: Math.round(actionMs),
      undoMs: Math.round(undoMs),
      longestWaitMs: Math.round(longest),
      longestBusyCpuMs: Math.round(longestCpu),
    };
  }
  db.close();
  console.log(JSON.stringify({ benchmark: 'contacts-bulk', contacts: count, bulk, sortedPage: pages, actions }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
