import { z } from 'zod';
import { channel } from '../define';
import type { OptOutRow } from '../../types/domain';

export const CONSENT_SOURCES = [
  'keyword',
  'manual',
  'provider',
  'import',
  'reconciliation',
  'unsubscribe_link',
  'list_unsubscribe',
  'bounce',
  'complaint',
  'keypress',
] as const;
export type ConsentSourceName = (typeof CONSENT_SOURCES)[number];

/** The words the report uses for each way consent changes. */
export const CONSENT_SOURCE_LABEL: Record<ConsentSourceName, string> = {
  keyword: 'Replied with a keyword',
  manual: 'Changed by you',
  provider: 'Reported by provider',
  import: 'Import file',
  reconciliation: 'Found by reconciliation',
  unsubscribe_link: 'Unsubscribe link in an e-mail',
  list_unsubscribe: "The mail app's unsubscribe button",
  bounce: 'E-mail address does not exist (hard bounce)',
  complaint: 'Marked an e-mail as spam',
  keypress: 'Pressed the opt-out key during a call',
};

/** One consent change from the append-only audit: who, when, how, and the message that did it. */
export interface OptOutReportRow {
  id: number;
  phone: string;
  contactId: number | null;
  name: string | null;
  at: string;
  oldState: string;
  newState: 'opted_out' | 'opted_in';
  source: ConsentSourceName;
  actor: string;
  message: string | null;
  inboundMessageId: number | null;
}

const isoDate = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), 'expected a date such as 2026-11-28 or 2026-11-28T15:00:00Z');

export const optOutFilterSchema = z
  .object({
    /** Changes at or after this moment. */
    since: isoDate.optional(),
    /** Changes before this moment. */
    until: isoDate.optional(),
    source: z.enum(CONSENT_SOURCES).optional(),
    /** 'opted_out' (default: both). */
    state: z.enum(['opted_out', 'opted_in']).optional(),
    /** Part of the phone number, the name or the message text. */
    search: z.string().trim().max(200).optional(),
  })
  .strict();
export type OptOutFilter = z.output<typeof optOutFilterSchema>;

export const optOutChannels = {
  'optouts:list': channel<OptOutRow[]>()(
    z
      .object({
        search: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(1000).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
  ),
  'optouts:report': channel<{ rows: OptOutReportRow[]; total: number }>()(
    optOutFilterSchema
      .extend({ limit: z.number().int().min(1).max(1000).default(200), offset: z.number().int().min(0).default(0) })
      .strict(),
  ),
  /** The filtered report as CSV text (the renderer saves it through a download link). */
  'optouts:exportCsv': channel<{ csv: string; rows: number; fileName: string }>()(optOutFilterSchema),
  /** Opt a contact out (or back in) by hand, e.g. they asked in person; audited with source "manual". */
  'optouts:setConsent': channel<{ contactId: number; optedOut: boolean; changed: boolean }>()(
    z
      .object({
        contactId: z.number().int().positive(),
        optedOut: z.boolean(),
        note: z.string().trim().max(500).optional(),
      })
      .strict(),
  ),
};
