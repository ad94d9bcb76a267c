/**
 * Inbox search benchmark: N received texts (default 100,000) from 5,000 contacts with varied words, then the
 * conversation list as the Inbox calls it: all, unread only, and searches by name, phone (typed in several formats)
 * and message words. Prints one JSON line with p50/p95 per kind of query. Target: ≤ 100 ms each.
 *
 *   npx tsx tests/bench/inbox-search.ts [--messages 100000] [--runs 15]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/db/connection';
import { migrate } from '../../electron/db/migrator';
import { migrations } from '../../migrations';
import { listConversations, type ConversationQuery } from '../../electron/inbox/list';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}
const messages = Number(arg('--messages') ?? 100_000);
const runs = Number(arg('--runs') ?? 15);
const CONTACTS = 5_000;
const WORDS = [
  'roses',
  'tulips',
  'peonies',
  'delivery',
  'saturday',
  'wedding',
  'bouquet',
  'thanks',
  'price',
  'open',
  'sunday',
  'order',
  'birthday',
  'ranunculus',
  'anemone',
  'lilies',
];

const dir = mkdtempSync(join(tmpdir(), 'smsdesk-bench-inbox-'));
const dbPath = join(dir, 'bench.sqlite');
const db = openDatabase(dbPath);
await migrate(db, migrations, { dbPath, now: () => new Date() });
const iso = new Date('2026-12-01T12:00:00Z').toISOString();
const addContact = db.prepare(
  `INSERT INTO contacts (phone, first_name, last_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
);
const addText = db.prepare(
  `INSERT INTO inbound_messages (provider, contact_id, from_phone, to_phone, body, received_at, read_at, created_at) VALUES ('quo', ?, ?, '+15550100000', ?, ?, ?, ?)`,
);
let seedState = 7;
const rand = () => (seedState = (seedState * 48271) % 2147483647) / 2147483647;
const seedStart = performance.now();
db.transaction(() => {
  for (let c = 1; c <= CONTACTS; c++)
    addContact.run(`+1646555${String(c).padStart(4, '0')}`, `Name${c}`, `Family${c % 97}`, iso, iso);
  for (let m = 0; m < messages; m++) {
    const c = 1 + (m % CONTACTS);
    const body = Array.from({ length: 8 }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ') + ` #${m}`;
    const at = new Date(Date.parse(iso) + m * 1000).toISOString();
    addText.run(c, `+1646555${String(c).padStart(4, '0')}`, body, at, rand() < 0.9 ? at : null, at);
  }
})();
const seedMs = Math.round(performance.now() - seedStart);

const queries: Record<string, Omit<ConversationQuery, 'limit' | 'offset'>> = {
  all: {},
  unread: { unreadOnly: true },
  name: { search: 'Name4321' },
  phoneFormatted: { search: '(646) 555-4321' },
  phoneDigits: { search: '5554321' },
  word: { search: 'ranunculus' },
  twoWords: { search: 'wedding anemone' },
  rareText: { search: '#99999' },
  unreadWord: { search: 'birthday', unreadOnly: true },
};
const result: Record<string, { p50: number; p95: number; rows: number }> = {};
for (const [kind, q] of Object.entries(queries)) {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    rows = listConversations(db, { limit: 200, offset: 0, ...q }, 'US').length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  result[kind] = {
    p50: +times[Math.floor(runs / 2)].toFixed(1),
    p95: +times[Math.min(runs - 1, Math.floor(runs * 0.95))].toFixed(1),
    rows,
  };
}
console.log(JSON.stringify({ bench: 'inbox-search', messages, contacts: CONTACTS, seedMs, queries: result }));
db.close();
rmSync(dir, { recursive: true, force: true });
