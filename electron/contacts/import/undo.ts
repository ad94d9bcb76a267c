import type { SqliteDb } from '../../db/connection';
import { AppError } from '../../../shared/errors';
import type { DB } from '../../db/schema';
import {
  contactNameAndEmail,
  createdContactsToKeep,
  deleteCreatedContacts,
  deleteFieldIfUnused,
  fieldValue,
  importRow,
  importUpdates,
  runningImports,
  setContactField,
  updateFieldValue,
  updateImport,
} from '../queries-import';
import { customFieldByKey, deleteFieldValue, deleteTagIfUnused, untagContactByName } from '../queries-tags';
import type { UpdateRecord } from './contact-rows';

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

type ImportRow = DB['imports'];

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
  const imp = importRow(db, importId);
  if (!imp) throw new AppError('not_found', `There is no import with id ${importId}.`);
  if (imp.undone_at) throw new AppError('conflict', `This import was already undone on ${imp.undone_at}.`);
  if (imp.status === 'running') throw new AppError('conflict', 'This import is still running. Cancel it instead, or wait for it to finish.');
  return db.transaction(() => {
    const created = (imp.counts_json ? (JSON.parse(imp.counts_json) as { created?: CreatedByImport }).created : undefined) ?? { tagIds: [], fieldIds: [] };
    const report = revertImport(db, imp, created);
    updateImport(db, importId, { status: 'undone', undone_at: now().toISOString() });
    return report;
  }).immediate();
}

/** Reverses an import that never finished (cancelled, failed, or cut off by a crash). Caller owns the transaction. */
export function revertImport(db: SqliteDb, imp: Pick<ImportRow, 'id' | 'started_at' | 'options_json'>, created: CreatedByImport): UndoReport {
  const report: UndoReport = { importId: imp.id, removed: 0, restored: 0, keptOptedOut: [], keptWithHistory: [], keptLaterEdits: 0 };
  const optionTags = ((imp.options_json ? JSON.parse(imp.options_json) : {}) as { tags?: string[] }).tags ?? [];

  const kept = createdContactsToKeep(db, imp.id, imp.started_at);
  for (const k of kept) (k.optedOut ? report.keptOptedOut : report.keptWithHistory).push({ contactId: k.contactId, phone: k.phone });
  for (const k of kept) for (const t of optionTags) untagContactByName(db, k.contactId, t);
  report.removed = deleteCreatedContacts(
    db,
    imp.id,
    kept.map((k) => k.contactId),
  );

  for (const u of importUpdates(db, imp.id)) {
    if (u.previous_json === null) continue;
    const { restored, keptEdits } = restoreContact(db, u.contact_id, JSON.parse(u.previous_json) as UpdateRecord);
    if (restored) report.restored++;
    report.keptLaterEdits += keptEdits;
  }

  // Tags and custom fields the import brought in go too, unless something else uses them by now.
  for (const id of created.tagIds) deleteTagIfUnused(db, id);
  for (const id of created.fieldIds) deleteFieldIfUnused(db, id);
  return report;
}

const RESTORABLE = ['first_name', 'last_name', 'email'] as const;

function restoreContact(db: SqliteDb, contactId: number, rec: UpdateRecord): { restored: boolean; keptEdits: number } {
  const current = contactNameAndEmail(db, contactId);
  if (!current) return { restored: false, keptEdits: 0 };
  let restored = false;
  let keptEdits = 0;
  // Field names come from our own change record (first_name, last_name, email), never from the file.
  for (const field of RESTORABLE) {
    const ch = rec.fields[field];
    if (!ch) continue;
    if (current[field] !== ch.to) {
      keptEdits++;
      continue;
    }
    setContactField(db, contactId, field, ch.from);
    restored = true;
  }
  for (const t of rec.tagsAdded) if (untagContactByName(db, contactId, t)) restored = true;
  for (const [key, ch] of Object.entries(rec.custom)) {
    const fieldId = customFieldByKey(db, key)?.id;
    if (fieldId === undefined) continue;
    if (fieldValue(db, contactId, fieldId) !== ch.to) {
      keptEdits++;
      continue;
    }
    if (ch.from === null) deleteFieldValue(db, contactId, fieldId);
    else updateFieldValue(db, contactId, fieldId, ch.from);
    restored = true;
  }
  return { restored, keptEdits };
}

/**
 * Imports left 'running' by a crash or a killed app: reverted and marked 'interrupted'. Call once at start-up,
 * before any import starts (an import in another process would look the same).
 */
export function recoverInterruptedImports(db: SqliteDb, now: () => Date): UndoReport[] {
  return runningImports(db).map((imp) =>
    db.transaction(() => {
      const report = revertImport(db, imp, { tagIds: [], fieldIds: [] });
      updateImport(db, imp.id, { status: 'interrupted', finished_at: now().toISOString(), undone_at: now().toISOString() });
      return report;
    }).immediate(),
  );
}
