import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../../electron/app';

/**
 * templates:measure over a large audience: every contact's message rendered and counted, streamed from SQLite in
 * chunks. `npm run bench -- templates-measure --contacts 1000000` for the million-contact case.
 */
const { values } = parseArgs({
  options: { contacts: { type: 'string', default: '50000' }, json: { type: 'boolean', default: false } },
});
const count = Number(values.contacts);
const dir = mkdtempSync(join(tmpdir(), 'smsdesk-bench-'));
const app = await createApp({ dbPath: join(dir, 'desk.sqlite'), log: () => undefined });
app.settings.set('business.name', 'Bloom Salon');

const at = '2025-01-01T00:00:00.000Z';
const names = ['Ana', 'Zo\u00eb', null, 'Christopher', 'Li', 'Mar\u00eda Jos\u00e9', 'Bartholomew-Alexander'];
app.db.prepare(`INSERT INTO custom_fields (key, label, created_at) VALUES ('tier', 'Tier', ?)`).run(at);
const insert = app.db.prepare(
  'INSERT INTO contacts (phone, first_name, last_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
);
const field = app.db.prepare('INSERT INTO contact_field_values (contact_id, field_id, value) VALUES (?, 1, ?)');
const seedStart = performance.now();
app.db.transaction(() => {
  for (let i = 0; i < count; i++) {
    const { lastInsertRowid } = insert.run(
      `+1${String(2_000_000_000 + i)}`,
      names[i % names.length],
      i % 3 ? 'Lee' : null,
      at,
      at,
    );
    if (i % 4 === 0) field.run(lastInsertRowid, i % 8 === 0 ? 'Gold' : 'Silver');
  }
})();
const seedMs = performance.now() - seedStart;

const body =
  'Hi {{first_name|there}} {{last_name}}, {{field:tier|Member}} perks at {{business_name}} this week: 20% off colour. Reply STOP to opt out';
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const t0 = performance.now();
const r = await app.dispatch('templates:measure', { body });
const ms = performance.now() - t0;
if (!r.ok) throw new Error(r.error.message);
const m = r.value as { recipients: number; segments: unknown; encodingCounts: unknown; missing: unknown };
console.log(
  JSON.stringify({
    bench: 'templates-measure',
    contacts: count,
    seedMs: Math.round(seedMs),
    measureMs: Math.round(ms),
    contactsPerSecond: Math.round((m.recipients / ms) * 1000),
    heapGrowthMb: Math.round((process.memoryUsage().heapUsed - heapBefore) / 1048576),
    rssMb: Math.round(process.memoryUsage().rss / 1048576),
    recipients: m.recipients,
    segments: m.segments,
    encodingCounts: m.encodingCounts,
    missing: m.missing,
  }),
);
await app.close();
rmSync(dir, { recursive: true, force: true });
