import { z } from 'zod';
import { ENGAGEMENT_BANDS } from './analytics/engagement';

/**
 * Who a campaign (or a saved segment) is for. Every field narrows the set; an empty filter means "everyone".
 * Opted-out, not-textable and invalid contacts are always removed from a campaign's audience, whatever the filter
 * says — the exclusions are counted by reason so the owner sees why.
 */
export const audienceFilterSchema = z
  .object({
    tags: z.array(z.string().min(1).max(100)).max(50).optional(),
    tagMode: z.enum(['any', 'all']).default('any'),
    excludeTags: z.array(z.string().min(1).max(100)).max(50).optional(),
    segmentId: z.number().int().positive().optional(),
    fields: z
      .array(
        z.object({
          key: z.string().min(1).max(64),
          op: z.enum(['eq', 'neq', 'contains', 'empty', 'not_empty']),
          value: z.string().max(500).optional(),
        }),
      )
      .max(20)
      .optional(),
    /** Segments may look at opted-out or not-textable contacts; campaigns never send to them. */
    optedOut: z.boolean().optional(),
    textable: z.boolean().optional(),
    /** Nobody texted within the last N days (contacts never texted qualify). */
    minDaysSinceContact: z.number().int().min(1).max(3650).optional(),
    lastContactedAfter: z.string().datetime().optional(),
    lastContactedBefore: z.string().datetime().optional(),
    createdAfter: z.string().datetime().optional(),
    createdBefore: z.string().datetime().optional(),
    /** Not sent a message from this template in the last N days. */
    notMessagedByTemplate: z
      .object({ templateId: z.number().int().positive(), days: z.number().int().min(1).max(3650) })
      .optional(),
    search: z.string().max(200).optional(),
    /**
     * Only contacts that channel can reach now: a text (consent, not opted out), an e-mail (consent, not
     * unsubscribed, not bounced) or a call (written consent, not on the do-not-call list) — electron/compliance
     * reachableOn, the one definition.
     */
    reachableBy: z.enum(['sms', 'email', 'voice']).optional(),
    /** Engagement band (score of migration 0014): champions, engaged, quiet, atRisk, lost (opted out included) or new. */
    band: z.enum(ENGAGEMENT_BANDS).optional(),
    /** Leave out contacts the opt-out model rates high risk (nobody is left out while that model is not usable). */
    optOutRisk: z.enum(['exclude-high']).optional(),
    /** Set on each occurrence of a recurring or date-field campaign (never chosen by the owner; see campaigns/series). */
    occurrenceOf: z
      .object({
        seriesId: z.number().int().positive(),
        /** Skip contacts an earlier occurrence of the series texted within this many days. */
        skipRecentDays: z.number().int().min(1).max(3650).optional(),
        /** Contacts whose date field falls on one of these days (MM-DD), not yet texted by the series that year. */
        dateField: z
          .object({
            key: z.string().min(1).max(64),
            monthDays: z
              .array(z.string().regex(/^\d{2}-\d{2}$/))
              .min(1)
              .max(2),
            year: z.number().int(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type AudienceFilter = z.infer<typeof audienceFilterSchema>;
export type AudienceFilterInput = z.input<typeof audienceFilterSchema>;

export interface AudienceCount {
  /** Contacts the filter matches, before compliance exclusions. */
  matched: number;
  /** Contacts who will get the message. */
  eligible: number;
  excluded: { optedOut: number; notTextable: number; invalidPhone: number };
}
