import type { SqliteDb } from '../../electron/db/connection';

const AREA_CODES = [
  '212',
  '415',
  '305',
  '512',
  '312',
  '206',
  '617',
  '404',
  '602',
  '303',
  '718',
  '213',
  '713',
  '215',
  '702',
  '503',
  '612',
  '919',
  '615',
  '801',
];
const FIRST = [
  'Ana',
  'Ben',
  'Chloé',
  'Dev',
  'Emma',
  'Farah',
  'Gus',
  'Hana',
  'Ivan',
  'Júlia',
  'Kai',
  'Liam',
  'Mía',
  'Noah',
  'Omar',
  'Pia',
];

/** Phone number i of a deterministic set of valid-looking US numbers spread over several time zones. */
export function seedPhone(i: number): string {
  const area = AREA_CODES[i % AREA_CODES.length];
  const rest = Math.floor(i / AREA_CODES.length);
  const exchange = 200 + (Math.floor(rest / 10_000) % 800);
  const line = String(rest % 10_000).padStart(4, '0');
  return `+1${area}${exchange}${line}`;
}

/** Inserts n contacts (optionally tagged) straight into the real schema; returns their ids. */
export function seedContacts(
  db: SqliteDb,
  n: number,
  opts: { tag?: string; start?: number; nowIso?: string } = {},
): number[] {
  const now = opts.nowIso ?? new Date().toISOString();
  const insert = db.prepare(
    `INSERT INTO contacts (phone, first_name, last_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
  );
  const ids: number[] = [];
  db.transaction(() => {
    let tagId: number | null = null;
    if (opts.tag) {
      db.prepare('INSERT OR IGNORE INTO tags (name, created_at) VALUES (?, ?)').run(opts.tag, now);
      tagId = (db.prepare('SELECT id FROM tags WHERE name = ?').get(opts.tag) as { id: number }).id;
    }
    for (let k = 0; k < n; k++) {
      const i = (opts.start ?? 0) + k;
      const id = Number(insert.run(seedPhone(i), FIRST[i % FIRST.length], `Tester${i}`, now, now).lastInsertRowid);
      ids.push(id);
      if (tagId !== null) db.prepare('INSERT INTO contact_tags (contact_id, tag_id) VALUES (?, ?)').run(id, tagId);
    }
  })();
  return ids;
}

/** Real time, shifted so that the test starts on a weekday afternoon in every US zone (inside quiet hours everywhere). */
export function daytimeClock(startIso = '2026-12-02T19:00:00Z'): () => Date {
  const offset = Date.parse(startIso) - Date.now();
  return () => new Date(Date.now() + offset);
}
