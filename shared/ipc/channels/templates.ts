import { z } from 'zod';
import { channel } from '../define';
import type { TemplateRow } from '../../types/domain';
import type { BusinessContext, ContactContext, SmsEncoding, TemplateIssue, TemplatePreview } from '../../templates';

/** A template as the editor opens it: the row plus how many campaigns use it (those make delete archive instead). */
export interface TemplateDetail extends TemplateRow {
  campaignCount: number;
}

export interface TemplateDeleteResult {
  id: number;
  /** `archived` when a campaign uses the template: its history must keep pointing at it. */
  outcome: 'deleted' | 'archived';
  campaignCount: number;
  /** A sentence for the owner saying what happened and why. */
  message: string;
}

/** Who a preview is for: enough to show and pick a contact, never their whole record. */
export interface ContactRef {
  id: number;
  phone: string;
  /** "Ana Lee", or the phone when the contact has no name. */
  label: string;
}

/** A contact with the values templates can use, so the editor renders previews locally on every keystroke. */
export interface SampleContact extends ContactRef {
  context: ContactContext;
}

export interface PreviewContext {
  business: BusinessContext;
  /** Custom field keys that exist (`{{field:<key>}}`). */
  knownFields: string[];
  /** Tag names, for choosing an audience. */
  tags: string[];
  /** How many contacts the chosen audience has (textable, not opted out, with the tag when one is given). */
  audienceSize: number;
  contacts: SampleContact[];
}

export interface TemplatePreviewResult extends TemplatePreview {
  /** The contact rendered; null for the sample contact used when there are no contacts. */
  contact: ContactRef | null;
}

export interface AudienceMeasure {
  tag: string | null;
  recipients: number;
  /** Segments of the rendered messages: shortest, median (a real recipient's count) and longest. */
  segments: { min: number; typical: number; max: number; total: number };
  encodingCounts: Record<SmsEncoding, number>;
  /** Per variable without a fallback: how many recipients have no value for it. */
  missing: Array<{ key: string; affected: number }>;
  /** Recipients whose rendered message is over the 1,600-character limit. */
  overLimit: number;
  /** Findings about the rendered messages, with how many contacts each concerns; positions point into the body. */
  issues: TemplateIssue[];
  /** Contacts worth previewing: the most and the fewest segments (when they differ), and the first contact missing each variable. */
  examples: Array<{
    reason: 'most_segments' | 'fewest_segments' | 'missing';
    key?: string;
    segments: number;
    contact: ContactRef;
  }>;
  cost: { provider: 'sandbox' | 'quo' | 'twilio'; pricePerSegment: number; perMessageTypical: number; total: number };
}

/** A test e-mail sent to the owner (templates:sendTestEmail). */
export interface TestEmailResult {
  /** The owner's address it went to (from email.from). */
  to: string;
  provider: 'smtp' | 'postmark' | 'sandbox_email';
  /** As sent, "[Test] " first. */
  subject: string;
  providerMessageId: string;
  /** The contact whose values filled the variables; null for a contact with no values (no contacts yet). */
  renderedFor: ContactRef | null;
  /** Variables that were empty for that contact and had no fallback. */
  missing: string[];
}

const id = z.number().int().positive();
const name = z.string().trim().min(1, 'give the template a name').max(100, 'at most 100 characters');
// Longer than the 1,600 a provider accepts, so validation can say by how much a message is over rather than zod refusing it.
const body = z.string().max(10_000, 'at most 10,000 characters');
const writtenBody = body.refine((b) => b.trim() !== '', 'write the message text');
const category = z.string().trim().max(50, 'at most 50 characters').nullable();
const notes = z.string().max(2_000, 'at most 2,000 characters').nullable();
const tag = z.string().trim().min(1).max(100);
// Mail apps show about 78 characters; the limit is the header line's (RFC 5322), so the lint can say how much is over.
const subject = z.string().max(998, 'a subject is at most 998 characters').nullable();
const templateChannel = z.enum(['sms', 'email'], { error: 'choose sms or email' });

export const templateChannels = {
  'templates:list': channel<TemplateRow[]>()(
    z
      .object({
        search: z.string().max(200).optional(),
        includeArchived: z.boolean().default(false),
        channel: z.enum(['sms', 'email', 'voice']).optional(),
      })
      .strict(),
  ),
  'templates:get': channel<TemplateDetail>()(z.object({ id }).strict()),
  'templates:create': channel<TemplateDetail>()(
    z
      .object({
        name,
        body: writtenBody,
        category: category.optional(),
        notes: notes.optional(),
        channel: templateChannel.optional(),
        subject: subject.optional(),
      })
      .strict(),
  ),
  'templates:update': channel<TemplateDetail>()(
    z
      .object({
        id,
        name: name.optional(),
        body: writtenBody.optional(),
        category: category.optional(),
        notes: notes.optional(),
        subject: subject.optional(),
      })
      .strict(),
  ),
  'templates:duplicate': channel<TemplateDetail>()(z.object({ id, name: name.optional() }).strict()),
  'templates:archive': channel<TemplateDetail>()(z.object({ id }).strict()),
  'templates:unarchive': channel<TemplateDetail>()(z.object({ id }).strict()),
  'templates:delete': channel<TemplateDeleteResult>()(z.object({ id }).strict()),
  'templates:preview': channel<TemplatePreviewResult>()(
    z
      .object({
        id: id.optional(),
        body: body.optional(),
        contactId: id.optional(),
        /** In any format; read with the contacts.defaultCountry setting. */
        phone: z.string().trim().min(1).max(40).optional(),
        /** For campaign messages (the default) the opt-out wording is required. */
        requireOptOut: z.boolean().default(true),
      })
      .strict()
      .refine((v) => (v.id === undefined) !== (v.body === undefined), {
        message: 'give either a template id or a body, not both',
        path: ['body'],
      })
      .refine((v) => v.contactId === undefined || v.phone === undefined, {
        message: 'give either contactId or phone, not both',
        path: ['phone'],
      }),
  ),
  'templates:sendTestEmail': channel<TestEmailResult>()(
    z
      .object({
        subject: z.string().trim().min(1, 'write a subject').max(998, 'a subject is at most 998 characters'),
        body: writtenBody,
        contactId: id.optional(),
      })
      .strict(),
  ),
  'templates:measure': channel<AudienceMeasure>()(z.object({ body, tag: tag.optional() }).strict()),
  'templates:sampleContacts': channel<PreviewContext>()(
    z
      .object({
        tag: tag.optional(),
        /** A name, phone or email to preview a particular contact. */
        search: z.string().trim().max(200).optional(),
        /** These contacts instead of a sample (in this order), in the audience or not: e.g. the examples a measurement found. */
        contactIds: z.array(id).max(50).optional(),
        limit: z.number().int().min(1).max(50).default(10),
      })
      .strict(),
  ),
};
