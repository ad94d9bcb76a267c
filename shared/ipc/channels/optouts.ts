import { z } from 'zod';
import { channel } from '../define';
import type { OptOutRow } from '../../types/domain';

import { CONSENT_SOURCES, type ConsentSourceName } from '../../compliance/consent-sources';

export { CONSENT_SOURCE_LABEL, CONSENT_SOURCES, type ConsentSourceName } from '../../compliance/consent-sources';

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
  /** Which channel the change is about (a STOP: sms; an unsubscribe or bounce: email; do-not-call: voice). */
  channel: 'sms' | 'email' | 'voice';
  /** The e-mail address of an e-mail change. */
  email: string | null;
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
    /** Only the changes of one channel (default: every channel). */
    channel: z.enum(['sms', 'email', 'voice']).optional(),
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
