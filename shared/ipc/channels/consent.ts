import { z } from 'zod';
import { channel } from '../define';
import { audienceFilterSchema } from '../../audience';

const CHANNELS = ['sms', 'email', 'voice'] as const;

/** Consent per channel beside SMS (issue 18): e-mail opt-out, do-not-call, prior express written consent to calls. */
export const consentChannels = {
  /** How many contacts the filter matches, and how many a campaign on the channel would reach (reachableOn). */
  'consent:countReachable': channel<{ channel: (typeof CHANNELS)[number]; matched: number; reachable: number }>()(
    z.object({ channel: z.enum(CHANNELS), filter: audienceFilterSchema.default({ tagMode: 'any' }) }).strict(),
  ),
  /** The person asked for no more marketing e-mail: every contact with the address is unsubscribed (audited, manual). */
  'consent:emailOptOut': channel<{ email: string; changed: number[] }>()(
    z
      .object({
        email: z.string({ error: 'enter an e-mail address' }).trim().min(3, 'enter an e-mail address').max(320),
        reason: z.string().trim().max(500).optional(),
      })
      .strict(),
  ),
  /** The person asked not to be called: the number goes on the do-not-call list (audited, manual). */
  'consent:doNotCall': channel<{ phone: string; contactId: number | null; changed: boolean }>()(
    z
      .object({
        contactId: z.number().int().positive().optional(),
        phone: z.string().trim().min(1, 'enter a phone number').max(40).optional(),
        reason: z.string().trim().max(500).optional(),
      })
      .strict()
      .refine((v) => (v.contactId === undefined) !== (v.phone === undefined), {
        message: 'give either contactId or phone',
        path: ['contactId'],
      }),
  ),
  /** Prior express written consent to prerecorded calls, with where it came from (required). */
  'consent:recordVoiceConsent': channel<{ contactId: number }>()(
    z
      .object({
        contactId: z.number().int().positive(),
        source: z
          .string({ error: 'say where the written consent came from' })
          .trim()
          .min(1, 'say where the written consent came from (e.g. "signed form in store")')
          .max(500),
        obtainedAt: z.iso.datetime({ error: 'enter when consent was given, e.g. 2026-11-28T15:00:00Z' }).optional(),
      })
      .strict(),
  ),
};
