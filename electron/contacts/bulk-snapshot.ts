import type { SqliteDb } from '../db/connection';

/**
 * Deleted contacts kept whole for Undo, and put back. Raw SQL: each is one set-based statement over a batch of
 * thousands of contacts (JSON built and read by SQLite), where building rows in JavaScript was the slow part.
 */

/** Tables whose rows point at a contact and lose the link when it is deleted (ON DELETE SET NULL). */
const LINKED = ['outbox_messages', 'inbound_messages', 'tracked_links', 'message_outcomes'] as const;

// hot path: one set-based statement per batch of a bulk delete and its undo (npm run bench -- contacts-bulk)
/** Stores each contact of the batch with its tags, consent records, custom values and message links. */
export function snapshotContacts(db: SqliteDb, actionId: number, ids: number[]): void {
  const links = LINKED.map((t) => `'${t}', (SELECT json_group_array(x.id) FROM ${t} x WHERE x.contact_id = c.id)`).join(
    ', ',
  );
  db.prepare(
    `INSERT INTO contact_bulk_changes (action_id, contact_id, snapshot_json)
     SELECT @action, c.id, json_object(
       'contact', json_object('id', c.id, 'phone', c.phone, 'first_name', c.first_name, 'last_name', c.last_name, 'email', c.email,
         'country', c.country, 'textable', c.textable, 'not_textable_reason', c.not_textable_reason, 'opted_out', c.opted_out,
         'opted_out_at', c.opted_out_at, 'line_type', c.line_type, 'carrier', c.carrier, 'source', c.source, 'is_unknown', c.is_unknown,
         'created_at', c.created_at, 'updated_at', c.updated_at, 'last_contacted_at', c.last_contacted_at, 'import_id', c.import_id),
       'tags', (SELECT json_group_array(ct.tag_id) FROM contact_tags ct WHERE ct.contact_id = c.id),
       'consent', (SELECT json_group_array(json_object('id', r.id, 'source', r.source, 'source_ref', r.source_ref, 'consent', r.consent,
         'obtained_at', r.obtained_at, 'note', r.note, 'created_at', r.created_at)) FROM consent_records r WHERE r.contact_id = c.id),
       'fields', (SELECT json_group_array(json_array(v.field_id, v.value)) FROM contact_field_values v WHERE v.contact_id = c.id),
       'links', json_object(${links})
     )
     FROM contacts c WHERE c.id IN (SELECT value FROM json_each(@ids))`,
  ).run({ action: actionId, ids: JSON.stringify(ids) });
}

const CONTACT_COLUMNS = [
  'id',
  'phone',
  'first_name',
  'last_name',
  'email',
  'country',
  'textable',
  'not_textable_reason',
  'opted_out',
  'opted_out_at',
  'line_type',
  'carrier',
  'source',
  'is_unknown',
  'created_at',
  'updated_at',
  'last_contacted_at',
  'import_id',
] as const;

// hot path: set-based statements over the snapshots of a batch of thousands (undo of a bulk delete)
/**
 * Puts back the batch's deleted contacts whose id and number are still free, as they were; returns their ids.
 * A number that opted out while it was not a contact comes back opted out (the audit log outlives contacts).
 */
export function restoreContacts(db: SqliteDb, actionId: number, ids: number[], actionAt: string): number[] {
  const batch = { action: actionId, ids: JSON.stringify(ids) };
  const free = db
    .prepare(
      `SELECT ch.contact_id FROM contact_bulk_changes ch
       WHERE ch.action_id = @action AND ch.contact_id IN (SELECT value FROM json_each(@ids)) AND ch.snapshot_json IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM contacts x WHERE x.id = ch.contact_id OR x.phone = ch.snapshot_json ->> '$.contact.phone')`,
    )
    .pluck()
    .all(batch) as number[];
  if (!free.length) return [];
  const chosen = { action: actionId, ids: JSON.stringify(free) };
  const from = `FROM contact_bulk_changes ch WHERE ch.action_id = @action AND ch.contact_id IN (SELECT value FROM json_each(@ids))`;
  db.prepare(
    `INSERT INTO contacts (${CONTACT_COLUMNS.join(', ')})
     SELECT ${CONTACT_COLUMNS.map((c) => `ch.snapshot_json ->> '$.contact.${c}'`).join(', ')} ${from}`,
  ).run(chosen);
  db.prepare(
    `INSERT OR IGNORE INTO contact_tags (contact_id, tag_id)
     SELECT ch.contact_id, t.value FROM contact_bulk_changes ch, json_each(ch.snapshot_json, '$.tags') t
     WHERE ch.action_id = @action AND ch.contact_id IN (SELECT value FROM json_each(@ids)) AND t.value IN (SELECT id FROM tags)`,
  ).run(chosen);
  // A consent record keeps its id unless a newer record took it.
  db.prepare(
    `INSERT INTO consent_records (id, contact_id, source, source_ref, consent, obtained_at, note, created_at)
     SELECT CASE WHEN EXISTS (SELECT 1 FROM consent_records x WHERE x.id = r.value ->> '$.id') THEN NULL ELSE r.value ->> '$.id' END,
       ch.contact_id, r.value ->> '$.source', r.value ->> '$.source_ref', r.value ->> '$.consent', r.value ->> '$.obtained_at',
       r.value ->> '$.note', r.value ->> '$.created_at'
     FROM contact_bulk_changes ch, json_each(ch.snapshot_json, '$.consent') r
     WHERE ch.action_id = @action AND ch.contact_id IN (SELECT value FROM json_each(@ids))
     ORDER BY r.value ->> '$.id'`,
  ).run(chosen);
  db.prepare(
    `INSERT OR IGNORE INTO contact_field_values (contact_id, field_id, value)
     SELECT ch.contact_id, f.value ->> '$[0]', f.value ->> '$[1]' FROM contact_bulk_changes ch, json_each(ch.snapshot_json, '$.fields') f
     WHERE ch.action_id = @action AND ch.contact_id IN (SELECT value FROM json_each(@ids)) AND (f.value ->> '$[0]') IN (SELECT id FROM custom_fields)`,
  ).run(chosen);
  for (const table of LINKED) {
    db.prepare(
      `UPDATE ${table} SET contact_id = l.contact_id
       FROM (SELECT ch.contact_id, j.value AS row_id FROM contact_bulk_changes ch, json_each(ch.snapshot_json, '$.links.${table}') j
             WHERE ch.action_id = @action AND ch.contact_id IN (SELECT value FROM json_each(@ids))) l
       WHERE ${table}.id = l.row_id AND ${table}.contact_id IS NULL`,
    ).run(chosen);
  }
  // Restored ids below the search index's mark are indexed again like edited contacts; those above it as new ones.
  db.prepare(
    `INSERT OR IGNORE INTO contact_search_queue (contact_id)
     SELECT value FROM json_each(@ids) WHERE value <= (SELECT indexed_through FROM contact_search_state)`,
  ).run({ ids: chosen.ids });
  db.prepare(
    `UPDATE contacts SET opted_out = 1, opted_out_at = (SELECT a.at FROM optout_audit a WHERE a.phone = contacts.phone AND a.channel = 'sms' ORDER BY a.at DESC, a.id DESC LIMIT 1)
     WHERE id IN (SELECT value FROM json_each(@ids)) AND opted_out = 0
       AND (SELECT a.new_state FROM optout_audit a WHERE a.phone = contacts.phone AND a.channel = 'sms' AND a.at >= @at ORDER BY a.at DESC, a.id DESC LIMIT 1) = 'opted_out'`,
  ).run({ ids: chosen.ids, at: actionAt });
  return free;
}
