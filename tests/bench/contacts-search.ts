/**
 * Contact search benchmark: N contacts (default 1,000,000) with varied names, emails and US numbers, a tag on a
 * third of them, then the contact list as the Contacts page calls it: first page, keyset pages, a tag, and
 * searches by name, phone fragment (typed in several formats), email and one or two characters. Prints one JSON
 * line with p50/p95 per kind of query (status views: opted out, textable), how long the initial search indexing took, and searches made while 5% more
 * contacts wait to be indexed (as right after a big import). Target: ≤ 150 ms each.
 *
 *   npx tsx tests/bench/contacts-search.ts [--contacts 1000000] [--db PATH] [--runs 15]
 *
 * --db keeps the generated database at PATH and reuses it when it exists.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type SqliteDb } from '../../electron/db/connection';
import { migrate } from '../../electron/db/migrator';
import { migrations } from '../../migrations';
import { listContacts, type ContactQuery } from '../../electron/contacts/list';
import { indexAllQueuedContacts } from '../../electron/contacts/search-index';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}
const count = Number(arg('--contacts') ?? 1_000_000);
const runs = Number(arg('--runs') ?? 15);

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  'an',
  'be',
  'chlo',
  'da',
  'el',
  'fa',
  'gu',
  'ha',
  'i',
  'jo',
  'ka',
  'li',
  'ma',
  'no',
  'ol',
  'pe',
  'ra',
  'sé',
  'ta',
  'ur',
  'vi',
  'wa',
  'ya',
  'zo',
  'mü',
  'nu',
  'ñez',
  'ller',
  'son',
  'ton',
];
const AREAS = [
  '212',
  '646',
  '718',
  '917',
  '415',
  '510',
  '305',
  '786',
  '312',
  '773',
  '213',
  '310',
  '617',
  '702',
  '503',
  '206',
  '404',
  '512',
  '214',
  '303',
];

function seed(db: SqliteDb, n: number): { indexMs: number } {
  const rnd = prng(7);
  const word = (parts: number) => {
    let w = '';
    for (let i = 0; i < parts; i++) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
    return w[0].toUpperCase() + w.slice(1);
  };
  const now = '2026-01-01T00:00:00.000Z';
  db.prepare(`INSERT INTO tags (name, created_at) VALUES ('VIP', ?)`).run(now);
  const insert = db.prepare(
    'INSERT OR IGNORE INTO contacts (phone, first_name, last_name, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const tag = db.prepare('INSERT INTO contact_tags (contact_id, tag_id) VALUES (?, 1)');
  const chunk = 50_000;
  for (let start = 0; start < n; start += chunk) {
    db.transaction(() => {
      for (let i = start; i < Math.min(n, start + chunk); i++) {
        const first = word(2);
        const last = word(2 + Math.floor(rnd() * 2));
        const phone = `+1${AREAS[i % AREAS.length]}${200 + Math.floor(rnd() * 800)}${String(Math.floor(rnd() * 10_000)).padStart(4, '0')}`;
        const email =
          rnd() < 0.7
            ? `${first.toLowerCase()}.${last.toLowerCase()}${i % 1000}@${rnd() < 0.5 ? 'gmail.com' : 'example.com'}`
            : null;
        const r = insert.run(phone, first, last, email, now, now);
        if (r.changes && i % 3 === 0) tag.run(Number(r.lastInsertRowid));
      }
    })();
  }
  // 2% opted out, 5% not textable: the list's status views.
  db.exec(`UPDATE contacts SET opted_out = 1, opted_out_at = '${now}' WHERE id % 50 = 0`);
  db.exec(`UPDATE contacts SET textable = 0, not_textable_reason = 'landline (NumVerify)' WHERE id % 20 = 7`);
  const t0 = performance.now();
  indexAllQueuedContacts(db);
  return { indexMs: Math.round(performance.now() - t0) };
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] * 10) / 10;
  return { p50: at(0.5), p95: at(0.95), max: at(1) };
}

const dir = mkdtempSync(join(tmpdir(), 'smsdesk-bench-search-'));
try {
  const dbPath = arg('--db') ?? join(dir, 'desk.sqlite');
  const fresh = !existsSync(dbPath);
  const db = openDatabase(dbPath);
  await migrate(db, migrations, { dbPath, now: () => new Date() });
  let indexMs: number | null = null;
  if (fresh) {
    console.error(`seeding ${count} contacts…`);
    indexMs = seed(db, count).indexMs;
  }
  const total = db.prepare('SELECT count(*) FROM contacts').pluck().get() as number;
  const sample = db.prepare(
    'SELECT phone, first_name, last_name, email FROM contacts WHERE email IS NOT NULL ORDER BY id LIMIT 1 OFFSET ?',
  );
  const withEmail = db.prepare('SELECT count(*) FROM contacts WHERE email IS NOT NULL').pluck().get() as number;
  const pick = (k: number) =>
    sample.get(Math.floor((withEmail * (k + 1)) / (runs + 2))) as {
      phone: string;
      first_name: string;
      last_name: string;
      email: string;
    };
  const people = Array.from({ length: runs }, (_, k) => pick(k));
  const middleId =
    (db
      .prepare('SELECT id FROM contacts ORDER BY id LIMIT 1 OFFSET ?')
      .pluck()
      .get(Math.floor(total / 2)) as number) ?? 1;

  const time = (queries: Partial<ContactQuery>[]) =>
    queries.map((q) => {
      const t0 = performance.now();
      listContacts(db, { limit: 100, offset: 0, ...q }, { defaultCountry: 'US', now: new Date() });
      return performance.now() - t0;
    });
  const national = (p: string) => `(${p.slice(2, 5)}) ${p.slice(5, 8)}-${p.slice(8)}`;
  const kinds = {
    firstPage: time(people.map(() => ({}))),
    keysetPage: time(people.map((_, k) => ({ afterId: middleId - k * 1000 }))),
    tagFirstPage: time(people.map(() => ({ tag: 'VIP' }))),
    name: time(
      people.map((p, k) => ({
        search: k % 2 ? p.last_name.slice(1, 6) : `${p.first_name} ${p.last_name.slice(0, 3)}`,
      })),
    ),
    phoneFragment: time(
      people.map((p, k) => ({
        search: [
          p.phone.slice(-7),
          national(p.phone),
          p.phone.slice(-4),
          `${p.phone.slice(2, 5)}-${p.phone.slice(5, 8)}`,
        ][k % 4],
      })),
    ),
    email: time(people.map((p, k) => ({ search: k % 2 ? p.email.split('@')[0] : p.email }))),
    shortPrefix: time(people.map((p, k) => ({ search: k % 2 ? p.first_name.slice(0, 1) : p.last_name.slice(0, 2) }))),
    nameWithTag: time(people.map((p) => ({ search: p.last_name.slice(0, 4), tag: 'VIP' }))),
    optedOutView: time(people.map(() => ({ optedOut: true }))),
    textableView: time(people.map(() => ({ optedOut: false, textable: true }))),
    nameInOptedOut: time(people.map((p) => ({ search: p.last_name.slice(0, 4), optedOut: true }))),
  };
  // Right after a big import, before the background indexing has caught up: new contacts are searched directly.
  const waiting = Math.max(1000, Math.round(total / 20));
  const maxId = db.prepare('SELECT max(id) FROM contacts').pluck().get() as number;
  const addWaiting = db.prepare(
    'INSERT OR IGNORE INTO contacts (phone, first_name, last_name, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let i = 0; i < waiting; i++)
      addWaiting.run(
        `+1999${String(maxId + i).padStart(7, '0')}`,
        `Late${i}`,
        'Arrival',
        `late${i}@example.com`,
        '2026-01-02T00:00:00.000Z',
        '2026-01-02T00:00:00.000Z',
      );
  })();
  const waitingSearch = people.map((p, k) => {
    const t0 = performance.now();
    listContacts(
      db,
      { limit: 100, offset: 0, search: k % 2 ? p.last_name.slice(1, 6) : p.phone.slice(-7) },
      { defaultCountry: 'US', now: new Date(), indexQueued: false },
    );
    return performance.now() - t0;
  });
  const t1 = performance.now();
  indexAllQueuedContacts(db);
  const catchUpMs = Math.round(performance.now() - t1);
  db.prepare("DELETE FROM contacts WHERE last_name = 'Arrival'").run();
  console.log(
    JSON.stringify({
      bench: 'contacts-search',
      contacts: total,
      runsPerKind: runs,
      initialIndexMs: indexMs,
      ms: Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, stats(v)])),
      /** name/phone searches with this many new contacts not yet indexed, and indexing them afterwards */
      waiting: { contacts: waiting, searchMs: stats(waitingSearch), catchUpMs },
    }),
  );
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
