import { z } from 'zod';
import { channel } from '../define';
import { ownRecordSchema } from '../../own-record-schema';
import { cleanName } from '../../contacts/names';
import {
  CONTACT_SORT_COLUMNS,
  type BulkActionResult,
  type BulkUndoResult,
  type ExistingContact,
} from '../../contacts/bulk';
import { audienceFilterSchema, type AudienceCount } from '../../audience';
import { ENGAGEMENT_BANDS } from '../../analytics/engagement';
import {
  IMPORT_MAX_BYTES,
  importOptionsInput,
  type ImportHistoryRow,
  type ImportJobStatus,
  type ImportPreviewView,
  type ImportUndoResult,
} from '../../contacts/imports';
import type {
  ConsentChangeResult,
  ContactDetail,
  ContactExportResult,
  ContactListPage,
  CustomFieldRow,
  SegmentRow,
  VerifyPlan,
  VerifyReport,
} from '../../contacts/views';

export * from '../../contacts/views';
export * from '../../contacts/imports';
export * from '../../contacts/bulk';

/**
 * The Contacts page's channels: the list and search, one contact's detail, manual add/edit/delete and consent,
 * tags, custom fields, saved segments, export, imports (upload → preview → run with progress → history, undo,
 * rejects) and NumVerify checks. Shapes here mirror the main-process import engine's; main's handlers are
 * type-checked against them.
 */

// ───────────────────────────── list and search ─────────────────────────────

export const contactListInput = z
  .object({
    /**
     * Name, email or phone in any format ("(415) 555-0100", "+1 415…", "5550100"). Three characters or more
     * match anywhere in the name or email; one or two match the start of a first name, last name or email.
     */
    search: z.string().max(200).optional(),
    tag: z.string().optional(),
    limit: z.number().int().min(1).max(1000).default(100),
    /** Skips this many rows (kept for compatibility; `afterId` is what a scrolling table should use). */
    offset: z.number().int().min(0).default(0),
    /** Keyset paging: only contacts with a smaller id (the list is newest first, by id). */
    afterId: z.number().int().positive().optional(),
    /** Only contacts who opted out (true) or did not (false). */
    optedOut: z.boolean().optional(),
    /** Only contacts marked textable (true) or not textable (false); opt-out is separate. */
    textable: z.boolean().optional(),
    /** Only the contacts a saved segment matches. */
    segmentId: z.number().int().positive().optional(),
    /** Only the contacts in this engagement band. */
    band: z.enum(ENGAGEMENT_BANDS).optional(),
    /** Leave out the contacts the opt-out model rates high risk (nobody while that model is not usable). */
    optOutRisk: z.enum(['exclude-high']).optional(),
    /** Only the contacts this channel can reach now (consent and no opt-out on it; shared/audience reachableBy). */
    reachableBy: z.enum(['sms', 'email', 'voice']).optional(),
    /** The table's order; default newest first (added, descending). Ties are broken by id, in the same direction. */
    sort: z
      .object({ by: z.enum(CONTACT_SORT_COLUMNS), direction: z.enum(['asc', 'desc']) })
      .strict()
      .optional(),
    /** Keyset paging in any order: the `nextCursor` of the page before. */
    after: z.string().min(1).max(1000).optional(),
  })
  .strict();

/** The filters of the list (no paging or order): "everyone the list shows" for a bulk action. */
export const contactListFilters = contactListInput.pick({
  search: true,
  tag: true,
  optedOut: true,
  textable: true,
  segmentId: true,
  band: true,
  optOutRisk: true,
  reachableBy: true,
});

// ───────────────────────────── one contact ─────────────────────────────

const phoneInput = z.string().trim().min(3, 'enter a phone number').max(40);
// Control and bidi-override characters are taken out of names typed or pasted by hand, as on import.
const nameInput = z.string().transform(cleanName).pipe(z.string().max(100));
const emailInput = z.union([
  z.literal(''),
  z.string().trim().max(254).email('expected an email address such as ana@example.com'),
]);
const tagList = z.array(z.string().trim().min(1).max(100)).max(50);
const fieldKey = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9_]+$/, 'expected lowercase letters, digits and _ (e.g. birthday_month)');

export const contactCreateInput = z
  .object({
    /** Any format; read with the `contacts.defaultCountry` setting unless it starts with + or `country` is given. */
    phone: phoneInput,
    /** ISO two-letter country for reading the phone number, e.g. "GB". */
    country: z.string().trim().length(2).optional(),
    firstName: nameInput.optional(),
    lastName: nameInput.optional(),
    email: emailInput.optional(),
    tags: tagList.optional(),
    /** Custom field key → value; the fields must exist (contacts:createField). */
    customFields: ownRecordSchema(fieldKey, z.string().max(1000)).optional(),
    /**
     * How the contact agreed to texts; stored as a manual consent record. Without it consent is "not stated":
     * the contact is kept but not textable until the owner records how they agreed (contacts:recordConsent).
     */
    consent: z
      .object({
        /** false: they did not agree (the contact is kept but not textable). Default true. */
        given: z.boolean().default(true),
        /** When they agreed; default now. */
        obtainedAt: z.string().datetime().optional(),
        /** e.g. "signed up at the counter" */
        note: z.string().trim().max(500).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const contactUpdateInput = z
  .object({
    id: z.number().int().positive(),
    phone: phoneInput.optional(),
    country: z.string().trim().length(2).optional(),
    /** null or "" clears the value. */
    firstName: nameInput.nullable().optional(),
    lastName: nameInput.nullable().optional(),
    email: z.union([emailInput, z.null()]).optional(),
    /** Replaces the contact's tags. */
    tags: tagList.optional(),
    /** Sets (or, with null, removes) custom values; keys not named are left alone. */
    customFields: ownRecordSchema(fieldKey, z.string().max(1000).nullable()).optional(),
    /** Mark the number textable or not by hand (e.g. a landline that does take texts). Opt-out is separate. */
    textable: z.boolean().optional(),
  })
  .strict();

/** A contact named by id or by phone number (any format, read with `contacts.defaultCountry`). */
const contactRef = {
  contactId: z.number().int().positive().optional(),
  phone: phoneInput.optional(),
};
const oneContact = (v: { contactId?: number; phone?: string }) =>
  (v.contactId === undefined) !== (v.phone === undefined);
const oneContactMessage = { message: 'give either contactId or phone', path: ['contactId'] };

/** The owner says how these contacts agreed to texts: a manual consent record each; "not stated" ones become textable. */
export const recordConsentInput = z
  .object({
    contactIds: z.array(z.number().int().positive()).min(1).max(10_000),
    /** In the owner's words: "signed up in store", "gave verbal consent" … */
    how: z.string().trim().min(1, 'say how they agreed to texts').max(500),
  })
  .strict();

export const consentChangeInput = z
  .object({ ...contactRef, reason: z.string().trim().max(500).optional() })
  .strict()
  .refine(oneContact, oneContactMessage);

/** Which contacts a bulk action applies to: listed ids, or everyone an audience filter matches. */
const contactSelection = {
  contactIds: z.array(z.number().int().positive()).min(1).max(10_000).optional(),
  filter: audienceFilterSchema.optional(),
};
const oneSelection = (v: { contactIds?: unknown; filter?: unknown }) =>
  (v.contactIds === undefined) !== (v.filter === undefined);
const oneSelectionMessage = { message: 'give either contactIds or filter', path: ['contactIds'] };

export const setTagsInput = z
  .object({
    ...contactSelection,
    tags: tagList,
    /** add: keep existing tags; remove: take these off; set: the contacts end up with exactly these tags. */
    mode: z.enum(['add', 'remove', 'set']).default('add'),
  })
  .strict()
  .refine(oneSelection, oneSelectionMessage);

/** Numbers to check: listed contacts, everyone a filter matches, or the contacts an import created. */
export const verifySelectionInput = z
  .object({ ...contactSelection, importId: z.string().min(1).max(64).optional() })
  .strict()
  .refine((v) => [v.contactIds, v.filter, v.importId].filter((x) => x !== undefined).length === 1, {
    message: 'give one of contactIds, filter or importId',
    path: ['contactIds'],
  });

/**
 * A bulk action on the contacts picked in the table: listed ids, or everyone the list shows for these filters
 * ("select all 12,345 matching"). Undo with contacts:bulkUndo.
 */
export const bulkActionInput = z
  .object({
    action: z.enum(['addTag', 'removeTag', 'optOut', 'delete']),
    /** The tag to add or remove. */
    tag: z.string().trim().min(1, 'name the tag').max(100).optional(),
    contactIds: z.array(z.number().int().positive()).min(1).max(100_000).optional(),
    matching: contactListFilters.strict().optional(),
  })
  .strict()
  .refine((v) => (v.contactIds === undefined) !== (v.matching === undefined), {
    message: 'give either contactIds or matching',
    path: ['contactIds'],
  })
  .refine((v) => (v.action === 'addTag' || v.action === 'removeTag') === (v.tag !== undefined), {
    message: 'a tag is named for addTag and removeTag only',
    path: ['tag'],
  });

// ───────────────────────────── custom fields and segments ─────────────────────────────

const segmentName = z.string().trim().min(1, 'give the segment a name').max(100);

const fileId = z.string().regex(/^upl_[A-Za-z0-9_-]{8,40}$/, 'expected a fileId from contacts:importUpload');
const importId = z.string().min(1).max(64);

export const contactChannels = {
  /** One page of contacts, newest first. */
  'contacts:list': channel<ContactListPage>()(contactListInput),
  /** A contact with custom fields, consent records, opt-out history and message history. */
  'contacts:get': channel<ContactDetail>()(
    z
      .object({ id: z.number().int().positive(), messageLimit: z.number().int().min(1).max(1000).default(200) })
      .strict(),
  ),
  /** Add a contact by hand; refused when the number is already a contact. Records a manual consent record. */
  'contacts:create': channel<ContactDetail>()(contactCreateInput),
  'contacts:update': channel<ContactDetail>()(contactUpdateInput),
  /**
   * Delete contacts. Their opt-out history stays in the audit log, so an opted-out number added again later is
   * added opted out.
   */
  'contacts:delete': channel<{ deleted: number }>()(
    z.object({ ids: z.array(z.number().int().positive()).min(1).max(10_000) }).strict(),
  ),
  /** Opt out by hand (they asked in person, by phone…): audited with source "manual", actor "user", message = reason. */
  'contacts:optOut': channel<ConsentChangeResult>()(consentChangeInput),
  'contacts:optIn': channel<ConsentChangeResult>()(consentChangeInput),
  /** Records how contacts agreed to texts; those not textable only for want of consent become textable. */
  'contacts:recordConsent': channel<{ contacts: number; nowTextable: number }>()(recordConsentInput),
  /** Add, remove or set tags on listed contacts or on everyone a filter matches. */
  'contacts:setTags': channel<{ contacts: number }>()(setTagsInput),
  /** Add or remove a tag, opt out (audited "bulk action by owner") or delete, in batches; answers the action to undo. */
  'contacts:bulk': channel<BulkActionResult>()(bulkActionInput),
  /** Puts back what a bulk action changed (once). */
  'contacts:bulkUndo': channel<BulkUndoResult>()(z.object({ actionId: z.number().int().positive() }).strict()),
  /** The contact with this phone number (any format), if there is one: the add and edit forms link to it. */
  'contacts:findByPhone': channel<ExistingContact | null>()(
    z.object({ phone: z.string().trim().min(1).max(40), exceptId: z.number().int().positive().optional() }).strict(),
  ),
  'contacts:fields': channel<CustomFieldRow[]>()(z.object({}).strict()),
  /** A new custom field; `key` defaults to the label in snake_case; `type` date makes it usable by date-field campaigns. */
  'contacts:createField': channel<CustomFieldRow>()(
    z
      .object({
        label: z.string().trim().min(1, 'give the field a name').max(100),
        key: fieldKey.optional(),
        type: z.enum(['text', 'date']).default('text'),
      })
      .strict(),
  ),
  /** Every contact a filter matches (empty filter: everyone) as CSV; see ContactExportResult. */
  'contacts:export': channel<ContactExportResult>()(
    z.object({ filter: audienceFilterSchema.default({ tagMode: 'any' }) }).strict(),
  ),
  /** Look numbers up with NumVerify (needs the numverify.apiKey secret); cached 30 days; landlines marked not textable. */
  'contacts:verify': channel<VerifyReport>()(verifySelectionInput),
  /** How many numbers a check would really look up (cached ones are free) and what it costs, before it starts. */
  'contacts:verifyPlan': channel<VerifyPlan>()(verifySelectionInput),

  'segments:list': channel<SegmentRow[]>()(z.object({}).strict()),
  'segments:create': channel<SegmentRow>()(z.object({ name: segmentName, filter: audienceFilterSchema }).strict()),
  'segments:update': channel<SegmentRow>()(
    z
      .object({
        id: z.number().int().positive(),
        name: segmentName.optional(),
        filter: audienceFilterSchema.optional(),
      })
      .strict(),
  ),
  /** Refused while a campaign that is not finished uses the segment. */
  'segments:delete': channel<{ deleted: true }>()(z.object({ id: z.number().int().positive() }).strict()),
  /** How many contacts a saved segment (or an unsaved filter) matches, and how many of them can be texted. */
  'segments:count': channel<AudienceCount>()(
    z
      .object({ id: z.number().int().positive().optional(), filter: audienceFilterSchema.optional() })
      .strict()
      .refine((v) => (v.id === undefined) !== (v.filter === undefined), {
        message: 'give either id or filter',
        path: ['id'],
      }),
  ),

  /**
   * Sends a file's bytes (base64) for an import; they are kept in the data folder until imported. A large file
   * may come in pieces: send the first piece without `fileId`, then the rest with the fileId it returned.
   */
  'contacts:importUpload': channel<{ fileId: string; size: number; name: string }>()(
    z
      .object({
        name: z.string().trim().min(1).max(255),
        dataBase64: z.string().max(Math.ceil(IMPORT_MAX_BYTES / 3) * 4),
        fileId: fileId.optional(),
      })
      .strict(),
  ),
  /** What the file is, how its columns map, its first rows, and (unless `counts: false`) a dry run's counts. */
  'contacts:importPreview': channel<ImportPreviewView>()(
    z.object({ fileId, options: importOptionsInput, counts: z.boolean().default(true) }).strict(),
  ),
  /** Starts the import in the background and answers at once; follow it with import:progress / import:finished. */
  'contacts:importRun': channel<{ importId: string }>()(
    z.object({ fileId, options: importOptionsInput, dryRun: z.boolean().default(false) }).strict(),
  ),
  /** Cancels a running import; the database is left as it was. */
  'contacts:importCancel': channel<{ cancelled: boolean }>()(z.object({ importId }).strict()),
  'contacts:importStatus': channel<ImportJobStatus>()(z.object({ importId }).strict()),
  /** The import history, newest first. */
  'imports:list': channel<ImportHistoryRow[]>()(
    z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict(),
  ),
  'imports:undo': channel<ImportUndoResult>()(z.object({ importId }).strict()),
  /** Every rejected row with its row number, reason and original text, as CSV. */
  'imports:rejectsCsv': channel<{ csv: string; fileName: string; rows: number }>()(z.object({ importId }).strict()),
};
