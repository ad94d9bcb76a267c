import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BulkAction } from '../../../shared/ipc/channels/contacts';
import type { SqliteDb } from '../../../electron/db/connection';
import { BULK_OPT_OUT_TEXT, BULK_UNDO_TEXT, runBulkAction, undoBulkAction } from '../../../electron/contacts/bulk';
import { tempDb } from '../../helpers/db';

let t: Awaited<ReturnType<typeof tempDb>>;
let db: SqliteDb;
beforeEach(async () => {
  t = await tempDb();
  db = t.db;
});
afterEach(() => t.cleanup());

const TAGS = ['VIP', 'Newsletter', 'Market'];
const person = fc.record({
  first: fc.option(fc.constantFrom('Ana', 'Bo', 'Chloé', 'Dee'), { nil: null }),
  optedOut: fc.boolean(),
  textable: fc.boolean(),
  tags: fc.subarray(TAGS),
  consents: fc.array(fc.constantFrom<0 | 1 | null>(0, 1, null), { maxLength: 2 }),
  field: fc.option(fc.constantFrom('1990-04-01', 'gold'), { nil: null }),
  texted: fc.boolean(),
});

/** A fresh list of contacts with tags, consent records, a custom value and message history. */
type Person = typeof person extends fc.Arbitrary<infer P> ? P : never;
function seed(people: Person[]): number[] {
  db.exec('DELETE FROM contacts; DELETE FROM tags; DELETE FROM custom_fields; DELETE FROM outbox_messages;');
  for (const name of TAGS) db.prepare("INSERT INTO tags (name, created_at) VALUES (?, '2026-01-01')").run(name);
  db.prepare("INSERT INTO custom_fields (key, label, created_at) VALUES ('tier', 'Tier', '2026-01-01')").run();
  return people.map((p, i) => {
    const id = Number(
      db
        .prepare(
          `INSERT INTO contacts (phone, first_name, last_name, textable, not_textable_reason, opted_out, opted_out_at, source, created_at, updated_at, last_contacted_at)
           VALUES (?, ?, 'Lee', ?, ?, ?, ?, 'import', '2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z', ?)`,
        )
        .run(
          `+1415555${String(1000 + i)}`,
          p.first,
          p.textable ? 1 : 0,
          p.textable ? null : 'landline',
          p.optedOut ? 1 : 0,
          p.optedOut ? '2026-01-05T00:00:00.000Z' : null,
          p.texted ? '2026-02-01T00:00:00.000Z' : null,
        ).lastInsertRowid,
    );
    for (const tag of p.tags)
      db.prepare('INSERT INTO contact_tags (contact_id, tag_id) SELECT ?, id FROM tags WHERE name = ?').run(id, tag);
    for (const c of p.consents) {
      db.prepare(
        "INSERT INTO consent_records (contact_id, source, consent, obtained_at, note, created_at) VALUES (?, 'import', ?, '2026-01-02', 'web form', '2026-01-02')",
      ).run(id, c);
    }
    if (p.field)
      db.prepare(
        'INSERT INTO contact_field_values (contact_id, field_id, value) SELECT ?, id, ? FROM custom_fields',
      ).run(id, p.field);
    if (p.texted) {
      db.prepare(
        `INSERT INTO outbox_messages (kind, contact_id, to_phone, body, provider, state, created_at, updated_at, sent_at)
         VALUES ('reply', ?, (SELECT phone FROM contacts WHERE id = ?), 'Hi', 'sandbox', 'sent', '2026-02-01', '2026-02-01', '2026-02-01')`,
      ).run(id, id);
    }
    return id;
  });
}

/** What must be as it was after an undo (updated_at says when a row last changed, so it moves on). */
function tables() {
  return {
    contacts: db
      .prepare('SELECT * FROM contacts ORDER BY id')
      .all()
      .map((r) => ({ ...(r as object), updated_at: undefined })),
    tags: db.prepare('SELECT * FROM tags ORDER BY id').all(),
    contactTags: db.prepare('SELECT * FROM contact_tags ORDER BY contact_id, tag_id').all(),
    consent: db.prepare('SELECT * FROM consent_records ORDER BY id').all(),
    fields: db.prepare('SELECT * FROM contact_field_values ORDER BY contact_id, field_id').all(),
    messageLinks: db.prepare('SELECT id, contact_id FROM outbox_messages ORDER BY id').all(),
  };
}

let clock = Date.parse('2026-03-01T10:00:00.000Z');
const deps = (batch: number) => ({ db, now: () => new Date((clock += 1000)), batch });

describe('bulk actions and their undo', () => {
  it('any bulk action followed by its undo leaves contacts, tags, consent, custom values and message links as they were', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(person, { minLength: 1, maxLength: 12 }),
        fc.constantFrom<BulkAction>('addTag', 'removeTag', 'optOut', 'delete'),
        fc.constantFrom(...TAGS, 'Brand new'),
        fc.array(fc.nat(), { maxLength: 15 }),
        fc.integer({ min: 1, max: 5 }),
        async (people, action, tag, picks, batch) => {
          const ids = seed(people);
          const selection = picks.length ? picks.map((p) => ids[p % ids.length]) : ids;
          if (action === 'removeTag' && tag === 'Brand new') return;
          const before = tables();
          const auditBefore = db.prepare('SELECT * FROM optout_audit ORDER BY id').all();
          const done = await runBulkAction(
            deps(batch),
            action,
            selection,
            action === 'addTag' || action === 'removeTag' ? tag : undefined,
          );
          expect(done.selected).toBe(new Set(selection).size);
          const undo = await undoBulkAction(deps(batch), done.actionId);
          expect(undo).toMatchObject({ restored: done.changed, kept: 0 });
          expect(tables()).toEqual(before);
          // The consent log only grows: the bulk opt-outs and the opt-ins that undid them, each saying so.
          const audit = db.prepare('SELECT * FROM optout_audit ORDER BY id').all() as {
            message_text: string;
            new_state: string;
          }[];
          expect(audit.slice(0, auditBefore.length)).toEqual(auditBefore);
          const added = audit.slice(auditBefore.length);
          expect(added.filter((a) => a.message_text === BULK_OPT_OUT_TEXT && a.new_state === 'opted_out')).toHaveLength(
            action === 'optOut' ? done.changed : 0,
          );
          expect(added.filter((a) => a.message_text === BULK_UNDO_TEXT && a.new_state === 'opted_in')).toHaveLength(
            action === 'optOut' ? done.changed : 0,
          );
          expect(added).toHaveLength(action === 'optOut' ? 2 * done.changed : 0);
        },
      ),
      { numRuns: 60 },
    );
  });
});
