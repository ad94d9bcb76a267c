import type { SqliteDb } from '../../db/connection';
import { AppError } from '../../../shared/errors';
import type { EmailSide, UpdateRecord } from './contact-rows';
import { emailStatements, sideOfRow } from './writer-email';

// hot path: an undo runs in the import worker thread, which loads only better-sqlite3 (no Kysely: workers.test.ts);
// every statement here is typed by its prepare<Params, Row>, inside the typed functions below.

export interface UndoReport {
  importId: string;
  /** contacts the import created, now deleted */
  removed: number;
  /** contacts the import changed, put back (each counted once) */
  restored: number;
  /** contacts the import created that opted out (or back in) since: kept, with the import's tags removed */
  keptOptedOut: { contactId: number; phone: string }[];
  /** contacts the import created that have messages or conversions since: kept, with the import's tags removed */
  keptWithHistory: { contactId: number; phone: string }[];
  /** values left as they are because someone changed them after the import */
  keptLaterEdits: number;
}

interface ImportRow {
  id: string;
  status: string;
  started_at: string;
  options_json: string | null;
  counts_json: string | null;
  undone_at: string | null;
}

/**
 * A consent change since the import started (bound to its start time): any text one, and an e-mail or call one that
 * no import wrote (an import's own e-mail consent rows do not keep the contacts it created).
 */
const CHANGED_SINCE = "a.at >= ? AND (a.channel = 'sms' OR a.source <> 'import')";

/** Tags and custom fields an import created, stored with its counts so an undo can remove them when unused. */
export interface CreatedByImport {
  tagIds: number[];
  fieldIds: number[];
}

/**
 * Reverses an import: deletes the contacts it created and restores the values it changed. Opt-outs are never
 * touched: a created contact that opted out (or in) since the import is kept — its consent history must stay
 * attached to it — and only loses the import's tags; optout_audit rows are never deleted. A created contact that
 * has been texted, has written in or has a conversion is kept the same way, so no message or result loses its
 * contact. Values someone changed after the import are left alone. Runs in one transaction.
 */
export function undoImport(db: SqliteDb, importId: string, now: () => Date): UndoReport {
  const imp = db
    .prepare<[string], ImportRow>(
      'SELECT id, status, started_at, options_json, counts_json, undone_at FROM imports WHERE id = ?',
    )
    .get(importId);
  if (!imp) throw new AppError('not_found', `There is no import with id ${importId}.`);
  if (imp.undone_at) throw new AppError('conflict', `This import was already undone on ${imp.undone_at}.`);
  if (imp.status === 'running')
    throw new AppError('conflict', 'This import is still running. Cancel it instead, or wait for it to finish.');
  return db
    .transaction(() => {
      const created = (imp.counts_json
        ? (JSON.parse(imp.counts_json) as { created?: CreatedByImport }).created
        : undefined) ?? { tagIds: [], fieldIds: [] };
      const report = revertImport(db, imp, created, now().toISOString());
      db.prepare(`UPDATE imports SET status = 'undone', undone_at = ? WHERE id = ?`).run(now().toISOString(), importId);
      return report;
    })
    .immediate();
}

/** Reverses an import that never finished (cancelled, failed, or cut off by a crash). Caller owns the transaction. */
export function revertImport(
  db: SqliteDb,
  imp: Pick<ImportRow, 'id' | 'started_at' | 'options_json'>,
  created: CreatedByImport,
  /** when, for the consent log's rows of what it puts back */
  at: string,
): UndoReport {
  const report: UndoReport = {
    importId: imp.id,
    removed: 0,
    restored: 0,
    keptOptedOut: [],
    keptWithHistory: [],
    keptLaterEdits: 0,
  };
  const optionTags = ((imp.options_json ? JSON.parse(imp.options_json) : {}) as { tags?: string[] }).tags ?? [];

  const hasConversions =
    db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'conversions'`).get() !== undefined;
  const kept = db
    .prepare<[string, string, string], { contactId: number; phone: string; optedOut: number }>(
      `SELECT c.id AS contactId, c.phone AS phone,
              (c.opted_out = 1 OR EXISTS (SELECT 1 FROM optout_audit a WHERE a.phone = c.phone AND ${CHANGED_SINCE})) AS optedOut
       FROM contacts c
       WHERE c.import_id = ?
         AND (c.opted_out = 1 OR EXISTS (SELECT 1 FROM optout_audit a WHERE a.phone = c.phone AND ${CHANGED_SINCE})
              OR c.id IN (SELECT contact_id FROM outbox_messages WHERE contact_id IS NOT NULL)
              OR c.id IN (SELECT contact_id FROM inbound_messages WHERE contact_id IS NOT NULL)
              ${hasConversions ? 'OR c.id IN (SELECT contact_id FROM conversions)' : ''})`,
    )
    .all(imp.started_at, imp.id, imp.started_at);
  for (const k of kept)
    (k.optedOut ? report.keptOptedOut : report.keptWithHistory).push({ contactId: k.contactId, phone: k.phone });
  const removeTag = db.prepare(
    'DELETE FROM contact_tags WHERE contact_id = ? AND tag_id = (SELECT id FROM tags WHERE name = ?)',
  );
  for (const k of kept) for (const t of optionTags) removeTag.run(k.contactId, t);

  db.exec('CREATE TEMP TABLE IF NOT EXISTS undo_keep (id INTEGER PRIMARY KEY)');
  db.exec('DELETE FROM temp.undo_keep');
  const keep = db.prepare('INSERT INTO temp.undo_keep (id) VALUES (?)');
  for (const k of kept) keep.run(k.contactId);
  report.removed = db
    .prepare(`DELETE FROM contacts WHERE import_id = ? AND id NOT IN (SELECT id FROM temp.undo_keep)`)
    .run(imp.id).changes;
  db.exec('DELETE FROM temp.undo_keep');

  const updated = db
    .prepare<[string], { contact_id: number; previous_json: string }>(
      `SELECT contact_id, previous_json FROM import_changes WHERE import_id = ? AND action = 'updated'`,
    )
    .all(imp.id);
  const email = emailStatements(db);
  for (const u of updated) {
    const rec = JSON.parse(u.previous_json) as UpdateRecord;
    const { restored, keptEdits } = restoreContact(db, u.contact_id, rec);
    const e = rec.email ? restoreEmail(email, u.contact_id, rec.email, imp.id, at) : null;
    if (e === 'restored' && !restored) report.restored++;
    if (e === 'kept') report.keptLaterEdits++;
    if (restored) report.restored++;
    report.keptLaterEdits += keptEdits;
  }

  // Tags and custom fields the import brought in go too, unless something else uses them by now.
  const dropTag = db.prepare(
    'DELETE FROM tags WHERE id = ? AND NOT EXISTS (SELECT 1 FROM contact_tags WHERE tag_id = ?)',
  );
  for (const id of created.tagIds) dropTag.run(id, id);
  const dropField = db.prepare(
    'DELETE FROM custom_fields WHERE id = ? AND NOT EXISTS (SELECT 1 FROM contact_field_values WHERE field_id = ?)',
  );
  for (const id of created.fieldIds) dropField.run(id, id);
  return report;
}

const sameSide = (a: EmailSide, b: EmailSide) =>
  a.consent === b.consent &&
  a.optedOut === b.optedOut &&
  a.optedOutAt === b.optedOutAt &&
  a.suppressed === b.suppressed &&
  a.suppressedAt === b.suppressedAt;

/**
 * Puts back the e-mail consent the import found, exactly, with its row in the consent log — unless it changed
 * since the import (an unsubscribe link, a bounce): that later change stands.
 */
function restoreEmail(
  email: ReturnType<typeof emailStatements>,
  contactId: number,
  change: { from: EmailSide; to: EmailSide },
  importId: string,
  at: string,
): 'restored' | 'kept' | null {
  const row = email.read(contactId);
  if (!row) return null;
  if (!sameSide(sideOfRow(row), change.to)) return 'kept';
  email.change(row, change.from, at, `Import ${importId} undone: e-mail consent as it was before`);
  return 'restored';
}

function restoreContact(db: SqliteDb, contactId: number, rec: UpdateRecord): { restored: boolean; keptEdits: number } {
  const current = db
    .prepare<[number], Record<string, string | null>>('SELECT first_name, last_name, email FROM contacts WHERE id = ?')
    .get(contactId);
  if (!current) return { restored: false, keptEdits: 0 };
  let restored = false;
  let keptEdits = 0;
  for (const [field, ch] of Object.entries(rec.fields)) {
    if (current[field] !== ch.to) {
      keptEdits++;
      continue;
    }
    // Field names come from our own change record (first_name, last_name, email), never from the file.
    db.prepare(`UPDATE contacts SET ${field} = ? WHERE id = ?`).run(ch.from, contactId);
    restored = true;
  }
  const removeTag = db.prepare(
    'DELETE FROM contact_tags WHERE contact_id = ? AND tag_id = (SELECT id FROM tags WHERE name = ?)',
  );
  for (const t of rec.tagsAdded) if (removeTag.run(contactId, t).changes) restored = true;
  for (const [key, ch] of Object.entries(rec.custom)) {
    const fieldId = db.prepare<[string], { id: number }>('SELECT id FROM custom_fields WHERE key = ?').get(key)?.id;
    if (fieldId === undefined) continue;
    const value =
      db
        .prepare<[number, number], { value: string }>(
          'SELECT value FROM contact_field_values WHERE contact_id = ? AND field_id = ?',
        )
        .get(contactId, fieldId)?.value ?? null;
    if (value !== ch.to) {
      keptEdits++;
      continue;
    }
    if (ch.from === null)
      db.prepare('DELETE FROM contact_field_values WHERE contact_id = ? AND field_id = ?').run(contactId, fieldId);
    else
      db.prepare('UPDATE contact_field_values SET value = ? WHERE contact_id = ? AND field_id = ?').run(
        ch.from,
        contactId,
        fieldId,
      );
    restored = true;
  }
  return { restored, keptEdits };
}

/**
 * Imports left 'running' by a crash or a killed app: reverted and marked 'interrupted'. Call once at start-up,
 * before any import starts (an import in another process would look the same).
 */
export function recoverInterruptedImports(db: SqliteDb, now: () => Date): UndoReport[] {
  const running = db
    .prepare<[], Pick<ImportRow, 'id' | 'started_at' | 'options_json'>>(
      `SELECT id, started_at, options_json FROM imports WHERE status = 'running'`,
    )
    .all();
  return running.map((imp) =>
    db
      .transaction(() => {
        const report = revertImport(db, imp, { tagIds: [], fieldIds: [] }, now().toISOString());
        db.prepare(`UPDATE imports SET status = 'interrupted', finished_at = ?, undone_at = ? WHERE id = ?`).run(
          now().toISOString(),
          now().toISOString(),
          imp.id,
        );
        return report;
      })
      .immediate(),
  );
}
