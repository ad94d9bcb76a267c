import type { SqliteDb } from '../../db/connection';
import type { ExistingContact } from './contact-rows';
import type { CustomFieldColumn } from './types';
import { EMAIL_STATE } from './batch';
import { emailAuditText } from './writer-email';

/** What a writer knows about its import. */
export interface WriterContext {
  importId: string;
  fileName: string;
  now: string;
  /** headers of the file's SMS-consent columns, for the consent record's note */
  consentColumns: string[];
  /** the owner's answer for a file without a consent column ("signed up in store"), or null when not given */
  consentAnswer: string | null;
  /** headers of the file's e-mail consent, unsubscribe and cleaned columns; empty when it has none */
  emailColumns: string[];
  customFields: CustomFieldColumn[];
  dryRun: boolean;
}

/**
 * The consent record's note: the file's own words on consent (`"Accepts SMS Marketing": no`), given the quoted
 * column as @column; for a file without one, the owner's answer for the whole file (@answer) or "consent not stated".
 */
const consentNoteSql = (consent: string) =>
  `CASE WHEN @column IS NOT NULL THEN @column || ': ' || CASE ${consent} WHEN 1 THEN 'yes' WHEN 0 THEN 'no' ELSE 'not stated' END
        ELSE coalesce(@answer, 'consent not stated') END`;

/** A string as an SQL literal. */
const sqlText = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** What the consent records of a transaction's new contacts are written from (see insertConsents). */
interface ConsentRecordsOfRun {
  ref: string;
  now: string;
  column: string | null;
  answer: string | null;
  /** JSON arrays of the new contacts' ids whose row said no / yes */
  no: string;
  yes: string;
  first: number;
  import: string;
}

/** A new contact's values: phone, first and last name, e-mail, country, textable and why not, opted out and when. */
export type NewContactValues = [
  string,
  string | null,
  string | null,
  string | null,
  string | null,
  0 | 1,
  string | null,
  0 | 1,
  string | null,
];
/** And its e-mail side: consent, unsubscribed and when, suppressed and when. */
type NewContactEmailValues = [0 | 1 | null, 0 | 1, string | null, 'hard_bounce' | 'complaint' | null, string | null];

/** A later row's stricter consent for a contact this import created (see mergeIntoCreated). */
interface ConsentUpdate {
  consent: 0 | 1 | null;
  column: string | null;
  answer: string | null;
  id: number;
  ref: string;
}

/**
 * All SQL of an import, as typed prepared statements on the import's own connection; in a dry run only the reads
 * (the writes are null). Raw SQL on purpose:
 */
// hot path: a million-row import (npm run bench -- import) in a worker thread that loads only better-sqlite3 (no Kysely: workers.test.ts)
export function writerStatements(db: SqliteDb, ctx: WriterContext) {
  const p = <P extends unknown[] | object = unknown[], R = unknown>(sql: string) => db.prepare<P, R>(sql);
  return {
    insertContact: ctx.dryRun
      ? null
      : // The import's time and id are the same for every contact: written into the statement, not converted and
        // bound again for each of a million rows.
        p<NewContactValues>(`INSERT INTO contacts (phone, first_name, last_name, email, country, textable, not_textable_reason, opted_out, opted_out_at, source, created_at, updated_at, import_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'import', ${sqlText(ctx.now)}, ${sqlText(ctx.now)}, ${sqlText(ctx.importId)}) ON CONFLICT(phone) DO NOTHING`),
    // A file with e-mail columns: the new contact's e-mail side too (a statement of its own, so that an import
    // without them binds nothing more per row).
    insertContactEmail:
      ctx.dryRun || !ctx.emailColumns.length
        ? null
        : p<
            [...NewContactValues, ...NewContactEmailValues]
          >(`INSERT INTO contacts (phone, first_name, last_name, email, country, textable, not_textable_reason, opted_out, opted_out_at,
               email_consent, email_opted_out, email_opted_out_at, email_suppressed, email_suppressed_at, source, created_at, updated_at, import_id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'import', ${sqlText(ctx.now)}, ${sqlText(ctx.now)}, ${sqlText(ctx.importId)}) ON CONFLICT(phone) DO NOTHING`),
    // The consent log's e-mail rows of the contacts a transaction created with an e-mail state, in one statement at
    // its end (as their consent records): each goes from unknown to what the file said.
    auditCreatedEmail:
      ctx.dryRun || !ctx.emailColumns.length
        ? null
        : p<[{ first: number; import: string; now: string }]>(
            `INSERT INTO optout_audit (contact_id, phone, email, channel, old_state, new_state, source, message_text, actor, at)
             SELECT id, phone, email, 'email', 'unknown',
                    CASE WHEN email_suppressed IS NOT NULL OR email_opted_out = 1 OR email_consent = 0 THEN 'opted_out' ELSE 'opted_in' END,
                    'import',
                    CASE WHEN email_suppressed IS NOT NULL THEN ${sqlText(emailAuditText(ctx.fileName, EMAIL_STATE.cleaned))}
                         WHEN email_opted_out = 1 THEN ${sqlText(emailAuditText(ctx.fileName, EMAIL_STATE.unsubscribed))}
                         WHEN email_consent = 0 THEN ${sqlText(emailAuditText(ctx.fileName, EMAIL_STATE.no))}
                         ELSE ${sqlText(emailAuditText(ctx.fileName, EMAIL_STATE.yes))} END,
                    'user', @now
             FROM contacts
             WHERE id >= @first AND import_id = @import
               AND (email_consent IS NOT NULL OR email_opted_out = 1 OR email_suppressed IS NOT NULL)
             ORDER BY id`,
          ),
    auditSince: p<[number], { id: number; phone: string; new_state: string; at: string }>(
      "SELECT id, phone, new_state, at FROM optout_audit WHERE id > ? AND channel = 'sms' ORDER BY id",
    ),
    // The consent records of the contacts created in a transaction, in one statement at its end: a statement per
    // contact costs a million-row import about a second. Every contact above the transaction's first new id
    // is one it created (SQLite gives a new row the highest id plus one, and the transaction holds the lock).
    insertConsents: ctx.dryRun
      ? null
      : p<
          [ConsentRecordsOfRun]
        >(`INSERT INTO consent_records (contact_id, source, source_ref, consent, obtained_at, note, created_at)
           SELECT id, 'import', @ref, consent, @now,
${consentNoteSql('consent')}, @now
           FROM (SELECT c.id,
                        CASE WHEN c.id IN (SELECT value FROM json_each(@no)) THEN 0 WHEN c.id IN (SELECT value FROM json_each(@yes)) THEN 1 END AS consent
                 FROM contacts c WHERE c.id >= @first AND c.import_id = @import)
           ORDER BY id`),
    // The tags and custom values of new contacts with consecutive ids, one statement per tag and per custom field
    // (see CreatedRun): a statement per value cost a million-row import about a second.
    insertTags: ctx.dryRun
      ? null
      : p<[{ first: number; tag: number; offsets: string }]>(
          'INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) SELECT @first + value, @tag FROM json_each(@offsets)',
        ),
    insertValues: ctx.dryRun
      ? null
      : p<
          [{ first: number; field: number; values: string }]
        >(`INSERT INTO contact_field_values (contact_id, field_id, value) SELECT @first + key, @field, value FROM json_each(@values) WHERE value IS NOT NULL
           ON CONFLICT(contact_id, field_id) DO UPDATE SET value = excluded.value`),
    findContact: p<[string], ExistingContact>('SELECT id, first_name, last_name, email FROM contacts WHERE phone = ?'),
    findTag: p<[string], { id: number }>('SELECT id FROM tags WHERE name = ?'),
    insertTag: ctx.dryRun ? null : p<[string, string]>('INSERT INTO tags (name, created_at) VALUES (?, ?)'),
    addTag: ctx.dryRun
      ? null
      : p<[number, number]>('INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) VALUES (?, ?)'),
    hasTag: p<[number, number], { one: 1 }>('SELECT 1 AS one FROM contact_tags WHERE contact_id = ? AND tag_id = ?'),
    findField: p<[string], { id: number }>('SELECT id FROM custom_fields WHERE key = ?'),
    insertField: ctx.dryRun
      ? null
      : p<[string, string, string, string]>(
          'INSERT INTO custom_fields (key, label, created_at, type) VALUES (?, ?, ?, ?)',
        ),
    getValue: p<[number, number], { value: string }>(
      'SELECT value FROM contact_field_values WHERE contact_id = ? AND field_id = ?',
    ),
    setValue: ctx.dryRun
      ? null
      : p<[number, number, string]>(`INSERT INTO contact_field_values (contact_id, field_id, value) VALUES (?, ?, ?)
           ON CONFLICT(contact_id, field_id) DO UPDATE SET value = excluded.value`),
    updateFields: ctx.dryRun
      ? null
      : p<[string | null, string | null, string | null, string, number]>(
          'UPDATE contacts SET first_name = ?, last_name = ?, email = ?, updated_at = ? WHERE id = ?',
        ),
    getChange: p<[string, number], { previous_json: string }>(
      'SELECT previous_json FROM import_changes WHERE import_id = ? AND contact_id = ?',
    ),
    putChange: ctx.dryRun
      ? null
      : p<
          [string, number, string]
        >(`INSERT INTO import_changes (import_id, contact_id, action, previous_json) VALUES (?, ?, 'updated', ?)
           ON CONFLICT(import_id, contact_id) DO UPDATE SET previous_json = excluded.previous_json`),
    setConsent: ctx.dryRun
      ? null
      : p<[ConsentUpdate]>(
          `UPDATE consent_records SET consent = @consent, note = ${consentNoteSql('@consent')} WHERE contact_id = @id AND source = 'import' AND source_ref = @ref`,
        ),
    setTextable: ctx.dryRun
      ? null
      : p<[0 | 1, string | null, number]>('UPDATE contacts SET textable = ?, not_textable_reason = ? WHERE id = ?'),
    // A later row fills what a contact the import created still lacks, whatever the user changed meanwhile:
    // each statement keeps a value that is there and writes nothing for a contact deleted since.
    fillFields: ctx.dryRun
      ? null
      : p<
          [{ id: number; first: string | null; last: string | null; email: string | null; now: string }]
        >(`UPDATE contacts SET
             first_name = CASE WHEN coalesce(first_name, '') = '' THEN coalesce(@first, first_name) ELSE first_name END,
             last_name = CASE WHEN coalesce(last_name, '') = '' THEN coalesce(@last, last_name) ELSE last_name END,
             email = CASE WHEN coalesce(email, '') = '' THEN coalesce(@email, email) ELSE email END,
             updated_at = @now
           WHERE id = @id AND ((@first IS NOT NULL AND coalesce(first_name, '') = '') OR (@last IS NOT NULL AND coalesce(last_name, '') = '')
                               OR (@email IS NOT NULL AND coalesce(email, '') = ''))`),
    fillValue: ctx.dryRun
      ? null
      : p<
          [{ id: number; field: number; value: string }]
        >(`INSERT INTO contact_field_values (contact_id, field_id, value) SELECT @id, @field, @value WHERE EXISTS (SELECT 1 FROM contacts WHERE id = @id)
           ON CONFLICT(contact_id, field_id) DO NOTHING`),
    fillTag: ctx.dryRun
      ? null
      : p<[{ id: number; tag: number }]>(
          'INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) SELECT @id, @tag WHERE EXISTS (SELECT 1 FROM contacts WHERE id = @id)',
        ),
  };
}
