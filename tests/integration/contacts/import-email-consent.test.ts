import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDb } from '../../helpers/db';
import { inspectImport, runImport, undoImport, type ImportOptions } from '../../../electron/contacts/import';
import { executeImport } from '../../../electron/contacts/import/execute';
import { validateImportOptions } from '../../../electron/contacts/import/options';
import { inlineRowPool } from '../../../electron/contacts/import/rows';
import { inlineRowSource } from '../../../electron/contacts/import/read-rows';
import type { SqliteDb } from '../../../electron/db/connection';
import { at, fixture } from './import-helpers';

/**
 * E-mail consent from imports (issue 18 point 1): Shopify's "Accepts Email Marketing", Mailchimp's three audience
 * exports (told apart by their columns), a sheet's own "Email opt-in"; every change in the consent log as an e-mail
 * row from the import; an undo puts the e-mail side back exactly; consent on one channel never moves another.
 */

let t: Awaited<ReturnType<typeof tempDb>>;
beforeEach(async () => {
  t = await tempDb();
});
afterEach(() => t.cleanup());

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const run = (
  file: string | Uint8Array,
  options: Partial<ImportOptions> = {},
  when = '2025-03-01T12:00:00.000Z',
  fileName = 'customers_export.csv',
) =>
  runImport(
    t.path,
    typeof file === 'string' ? bytes(file) : file,
    { defaultCountry: 'US', onDuplicate: 'update', fileName, ...options },
    { now: at(when), rowWorkers: 1 },
  );
const mailchimp = (kind: 'subscribed' | 'unsubscribed' | 'cleaned') =>
  new Uint8Array(readFileSync(fixture(`mailchimp-${kind}_members_export.csv`)));

interface EmailSideView {
  phone: string;
  email: string | null;
  email_consent: number | null;
  email_opted_out: number;
  email_opted_out_at: string | null;
  email_suppressed: string | null;
  email_suppressed_at: string | null;
}
function emailSides(db: SqliteDb): Record<string, Omit<EmailSideView, 'phone'>> {
  const rows = db
    .prepare<[], EmailSideView>(
      `SELECT phone, email, email_consent, email_opted_out, email_opted_out_at, email_suppressed, email_suppressed_at
       FROM contacts ORDER BY phone`,
    )
    .all();
  return Object.fromEntries(rows.map(({ phone, ...rest }) => [phone, rest]));
}
interface AuditView {
  phone: string;
  email: string | null;
  channel: string;
  old_state: string;
  new_state: string;
  source: string;
  message_text: string | null;
  actor: string;
  at: string;
}
const emailAudit = (db: SqliteDb) =>
  db
    .prepare<[], AuditView>(
      `SELECT phone, email, channel, old_state, new_state, source, message_text, actor, at FROM optout_audit
       WHERE channel = 'email' ORDER BY id`,
    )
    .all();

const SHOPIFY = [
  'First Name,Last Name,Email,Accepts Email Marketing,Phone,Accepts SMS Marketing',
  'Ann,Lee,ann@example.com,yes,2125550101,no',
  'Bob,Ray,bob@example.com,no,2125550102,yes',
  'Cy,Fox,cy@example.com,,2125550103,yes',
].join('\n');

describe('Shopify customer export', () => {
  it('maps Accepts Email Marketing to e-mail consent, apart from SMS consent, each change in the consent log', async () => {
    const seen = await inspectImport(bytes(SHOPIFY), { defaultCountry: 'US', onDuplicate: 'skip', fileName: 'x.csv' });
    expect(seen.mapping.map((m) => [m.header, m.target])).toEqual([
      ['First Name', 'first_name'],
      ['Last Name', 'last_name'],
      ['Email', 'email'],
      ['Accepts Email Marketing', 'email_consent'],
      ['Phone', 'phone'],
      ['Accepts SMS Marketing', 'sms_consent'],
    ]);
    expect(seen.sampleRows.map((r) => [r.consent, r.emailConsent])).toEqual([
      ['no', 'yes'],
      ['yes', 'no'],
      ['yes', null],
    ]);

    const r = await run(SHOPIFY);
    expect(r.counts).toMatchObject({ imported: 3, notTextable: 1 });
    const sides = emailSides(t.db);
    expect(sides['+12125550101']).toMatchObject({ email_consent: 1, email_opted_out: 0, email_suppressed: null });
    expect(sides['+12125550102']).toMatchObject({ email_consent: 0, email_opted_out: 0 });
    // A blank cell says nothing: consent is never assumed.
    expect(sides['+12125550103']).toMatchObject({ email_consent: null, email_opted_out: 0 });
    expect(t.db.prepare('SELECT phone, textable FROM contacts ORDER BY phone').all()).toEqual([
      { phone: '+12125550101', textable: 0 },
      { phone: '+12125550102', textable: 1 },
      { phone: '+12125550103', textable: 1 },
    ]);
    expect(emailAudit(t.db)).toEqual([
      {
        phone: '+12125550101',
        email: 'ann@example.com',
        channel: 'email',
        old_state: 'unknown',
        new_state: 'opted_in',
        source: 'import',
        message_text: 'Import of customers_export.csv: accepts marketing e-mail',
        actor: 'user',
        at: '2025-03-01T12:00:00.000Z',
      },
      expect.objectContaining({
        phone: '+12125550102',
        old_state: 'unknown',
        new_state: 'opted_out',
        message_text: 'Import of customers_export.csv: does not accept marketing e-mail',
      }),
    ]);
    // The SMS side writes no consent-log row on import (consent records instead), as before.
    expect(t.db.prepare(`SELECT count(*) FROM optout_audit WHERE channel <> 'email'`).pluck().get()).toBe(0);
  });

  it('an e-mail column without a consent column gives no e-mail consent', async () => {
    await run('Name,Phone,Email\nAnn Lee,2125550101,ann@example.com\n', { consent: 'Signed up in store' });
    expect(emailSides(t.db)['+12125550101']).toMatchObject({ email: 'ann@example.com', email_consent: null });
    expect(emailAudit(t.db)).toEqual([]);
  });
});

describe('Mailchimp audience exports', () => {
  it('subscribed members: the opt-in and confirm times say they agreed; rows without a number are rejected', async () => {
    const seen = await inspectImport(mailchimp('subscribed'), {
      defaultCountry: 'US',
      onDuplicate: 'skip',
      fileName: 'subscribed_members_export.csv',
    });
    const target = (h: string) => seen.mapping.find((m) => m.header === h)?.target;
    expect([target('Email Address'), target('Phone Number'), target('OPTIN_TIME'), target('CONFIRM_TIME')]).toEqual([
      'email',
      'phone',
      'email_consent',
      'email_consent',
    ]);
    const r = await run(mailchimp('subscribed'), {}, undefined, 'subscribed_members_export.csv');
    expect(r.counts).toMatchObject({ rows: 3, imported: 2, invalid: 1 });
    expect(r.rejects).toEqual([{ row: 3, reason: 'missing phone' }]);
    expect(emailSides(t.db)).toEqual({
      '+12125550121': expect.objectContaining({ email: 'ana@example.com', email_consent: 1, email_opted_out: 0 }),
      '+12125550122': expect.objectContaining({ email: 'ben@example.com', email_consent: 1, email_opted_out: 0 }),
    });
    expect(emailAudit(t.db)).toMatchObject([
      { phone: '+12125550121', old_state: 'unknown', new_state: 'opted_in', source: 'import' },
      { phone: '+12125550122', old_state: 'unknown', new_state: 'opted_in', source: 'import' },
    ]);
  });

  it('unsubscribed members: UNSUB_TIME unsubscribes, the opt-in times are only history (custom fields)', async () => {
    // Rosa was subscribed and has an e-mail waiting; the export from Mailchimp says she unsubscribed since.
    await run(mailchimp('subscribed'), {}, '2025-03-01T12:00:00.000Z', 'subscribed_members_export.csv');
    await run('Email Address,Phone Number,CONFIRM_TIME\nrosa@example.com,2125550131,2023-04-02 10:12:00\n');
    const rosa = t.db.prepare(`SELECT id FROM contacts WHERE phone = '+12125550131'`).pluck().get() as number;
    t.db
      .prepare(
        `INSERT INTO outbox_messages (kind, contact_id, to_phone, to_email, body, provider, channel, state, created_at, updated_at)
         VALUES ('campaign', ?, '+12125550131', 'rosa@example.com', 'Hi', 'smtp', 'email', 'queued', '2025-03-01T12:00:00.000Z', '2025-03-01T12:00:00.000Z')`,
      )
      .run(rosa);

    const seen = await inspectImport(mailchimp('unsubscribed'), {
      defaultCountry: 'US',
      onDuplicate: 'skip',
      fileName: 'unsubscribed_members_export.csv',
    });
    const target = (h: string) => seen.mapping.find((m) => m.header === h)?.target;
    expect([target('UNSUB_TIME'), target('OPTIN_TIME'), target('CONFIRM_TIME')]).toEqual([
      'email_unsubscribed',
      'custom:optin_time',
      'custom:confirm_time',
    ]);
    expect(seen.sampleRows.map((s) => s.emailConsent)).toEqual(['unsubscribed', 'unsubscribed']);

    // Skip leaves existing contacts alone, but an unsubscribe is honoured all the same.
    const r = await run(
      mailchimp('unsubscribed'),
      { onDuplicate: 'skip' },
      '2025-03-02T09:00:00.000Z',
      'unsubscribed_members_export.csv',
    );
    expect(r.counts).toMatchObject({ rows: 2, imported: 1, duplicates: 1 });
    const sides = emailSides(t.db);
    expect(sides['+12125550131']).toMatchObject({
      email_consent: 1,
      email_opted_out: 1,
      email_opted_out_at: '2025-03-02T09:00:00.000Z',
    });
    expect(sides['+12125550132']).toMatchObject({
      email: 'tom@example.com',
      email_consent: null,
      email_opted_out: 1,
      email_opted_out_at: '2025-03-02T09:00:00.000Z',
    });
    expect(t.db.prepare('SELECT state, error_code FROM outbox_messages').get()).toEqual({
      state: 'skipped',
      error_code: 'opted_out',
    });
    expect(emailAudit(t.db).slice(-2)).toMatchObject([
      {
        phone: '+12125550131',
        old_state: 'opted_in',
        new_state: 'opted_out',
        source: 'import',
        message_text: 'Import of unsubscribed_members_export.csv: unsubscribed',
      },
      { phone: '+12125550132', old_state: 'unknown', new_state: 'opted_out', source: 'import' },
    ]);
    // Their texts are untouched: consent never crosses channels.
    expect(t.db.prepare(`SELECT opted_out FROM contacts WHERE phone = '+12125550131'`).pluck().get()).toBe(0);
  });

  it('cleaned members: CLEAN_TIME suppresses the address for good as a hard bounce', async () => {
    const r = await run(mailchimp('cleaned'), {}, '2025-03-01T12:00:00.000Z', 'cleaned_members_export.csv');
    expect(r.counts).toMatchObject({ imported: 1 });
    expect(emailSides(t.db)['+12125550141']).toMatchObject({
      email_consent: null,
      email_suppressed: 'hard_bounce',
      email_suppressed_at: '2025-03-01T12:00:00.000Z',
    });
    expect(emailAudit(t.db)).toMatchObject([
      { old_state: 'unknown', new_state: 'opted_out', message_text: expect.stringContaining('cleaned (hard bounce)') },
    ]);
    // A later "yes" never lifts it.
    await run('Phone,Email opt-in\n2125550141,yes\n', {}, '2025-03-05T12:00:00.000Z');
    expect(emailSides(t.db)['+12125550141']).toMatchObject({ email_consent: 1, email_suppressed: 'hard_bounce' });
  });
});

describe('a sheet’s own e-mail consent column', () => {
  it('reads "Email opt-in" yes / no, and a re-import never overrides a recorded "no" with a "yes"', async () => {
    await run('Phone,Email,Email opt-in\n2125550101,a@example.com,Yes\n2125550102,b@example.com,No\n');
    expect(emailSides(t.db)['+12125550101'].email_consent).toBe(1);
    expect(emailSides(t.db)['+12125550102'].email_consent).toBe(0);
    await run('Phone,Email Consent\n2125550101,no\n2125550102,yes\n', {}, '2025-03-02T12:00:00.000Z');
    expect(emailSides(t.db)['+12125550101'].email_consent).toBe(0);
    expect(emailSides(t.db)['+12125550102'].email_consent).toBe(0);
    expect(emailAudit(t.db).map((a) => [a.phone, a.old_state, a.new_state])).toEqual([
      ['+12125550101', 'unknown', 'opted_in'],
      ['+12125550102', 'unknown', 'opted_out'],
      ['+12125550101', 'opted_in', 'opted_out'],
    ]);
  });
});

describe('undo', () => {
  it('restores the e-mail consent the import found, exactly, each restoration in the consent log', async () => {
    await run('Phone,Email\n2125550101,a@example.com\n2125550102,b@example.com\n2125550103,c@example.com\n');
    // b had said yes before; c will unsubscribe by link after the import.
    t.db.prepare(`UPDATE contacts SET email_consent = 1 WHERE phone = '+12125550102'`).run();
    const before = emailSides(t.db);
    const r = await run(
      'Phone,Accepts Email Marketing,UNSUB_TIME\n2125550101,yes,\n2125550102,yes,2025-01-01 10:00:00\n2125550103,no,\n2125550104,yes,\n',
      {},
      '2025-03-02T12:00:00.000Z',
    );
    expect(r.counts).toMatchObject({ imported: 1, updated: 3 });
    expect(emailSides(t.db)['+12125550101'].email_consent).toBe(1);
    expect(emailSides(t.db)['+12125550102'].email_opted_out).toBe(1);
    t.db
      .prepare(
        `UPDATE contacts SET email_opted_out = 1, email_opted_out_at = '2025-03-03T08:00:00.000Z' WHERE phone = '+12125550103'`,
      )
      .run();
    const auditRows = emailAudit(t.db).length;

    const u = undoImport(t.db, r.importId, at('2025-03-04T00:00:00.000Z'));
    expect(u).toMatchObject({ removed: 1, restored: 2, keptLaterEdits: 1 });
    const after = emailSides(t.db);
    expect(after['+12125550101']).toEqual(before['+12125550101']);
    expect(after['+12125550102']).toEqual(before['+12125550102']);
    expect(after['+12125550103']).toMatchObject({ email_consent: 0, email_opted_out: 1 });
    expect(after['+12125550104']).toBeUndefined();
    expect(emailAudit(t.db).slice(auditRows)).toMatchObject([
      {
        phone: '+12125550101',
        old_state: 'opted_in',
        new_state: 'opted_out',
        source: 'import',
        at: '2025-03-04T00:00:00.000Z',
        message_text: `Import ${r.importId} undone: e-mail consent as it was before`,
      },
      { phone: '+12125550102', old_state: 'opted_out', new_state: 'opted_in', source: 'import' },
    ]);
  });
});

const OPTIONS: ImportOptions = { defaultCountry: 'US', onDuplicate: 'update', fileName: 'p.csv' };
function importInline(dbPath: string, file: string, mapping: ImportOptions['mapping'], onDuplicate: 'skip' | 'update') {
  const valid = validateImportOptions({ ...OPTIONS, mapping, onDuplicate });
  return executeImport(
    { dbPath, options: valid, importId: `imp-${Math.random()}`, dryRun: false },
    {
      now: async () => '2025-03-01T12:00:00.000Z',
      onProgress: () => {},
      isCancelled: () => false,
      openSource: () => inlineRowSource({ source: bytes(file), options: valid }, inlineRowPool),
    },
  );
}

const answer = fc.constantFrom('yes', 'no', '', 'pending', 'unsubscribed');
const SMS_SIDE = 'SELECT phone, textable, not_textable_reason, opted_out, opted_out_at FROM contacts ORDER BY phone';
const EMAIL_SIDE =
  'SELECT phone, email_consent, email_opted_out, email_opted_out_at, email_suppressed FROM contacts ORDER BY phone';

describe('consent per channel (property)', () => {
  it('an import’s e-mail consent never changes SMS consent, nor its SMS consent the e-mail side', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ n: fc.integer({ min: 0, max: 5 }), sms: answer, email: answer }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.array(
          fc.record({
            n: fc.integer({ min: 0, max: 5 }),
            optedOut: fc.boolean(),
            emailConsent: fc.constantFrom(0, 1, null),
          }),
          { maxLength: 4 },
        ),
        fc.constantFrom('skip' as const, 'update' as const),
        async (rows, existing, onDuplicate) => {
          const file = [
            'Phone,Accepts SMS Marketing,Accepts Email Marketing',
            ...rows.map((r) => `212555010${r.n},${r.sms},${r.email}`),
          ].join('\n');
          const sides = async (mapping: ImportOptions['mapping']) => {
            const d = await tempDb();
            try {
              for (const e of existing)
                d.db
                  .prepare(
                    `INSERT OR IGNORE INTO contacts (phone, opted_out, opted_out_at, email_consent, textable, source, created_at, updated_at)
                     VALUES (?, ?, ?, ?, 1, 'manual', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')`,
                  )
                  .run(
                    `+1212555010${e.n}`,
                    e.optedOut ? 1 : 0,
                    e.optedOut ? '2025-01-02T00:00:00.000Z' : null,
                    e.emailConsent,
                  );
              await importInline(d.path, file, mapping, onDuplicate);
              return { sms: d.db.prepare(SMS_SIDE).all(), email: d.db.prepare(EMAIL_SIDE).all() };
            } finally {
              d.cleanup();
            }
          };
          const both = await sides(undefined);
          const smsOnly = await sides({ 'Accepts Email Marketing': 'drop' });
          const emailOnly = await sides({ 'Accepts SMS Marketing': 'drop' });
          expect(both.sms).toEqual(smsOnly.sms);
          expect(both.email).toEqual(emailOnly.email);
        },
      ),
      { numRuns: 10 },
    );
  }, 120_000);
});
