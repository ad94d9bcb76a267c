import { z } from 'zod';
import { audienceFilterSchema } from './audience';
import { dateFieldRepeatSchema, repeatSchema } from './recurrence';
import { campaignChannelListSchema, campaignEmailSchema, campaignVoiceSchema } from './campaign-channels';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM (24-hour)');

export const scheduleSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('now') }),
  /** At one instant (chosen in the business's time zone by the UI). */
  z.object({ mode: z.literal('at'), at: z.string().datetime({ offset: true }) }),
  /** At the same local time for each recipient on a date. */
  z.object({
    mode: z.literal('recipient_local'),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'),
    time: hhmm,
    /** "Each recipient's best hour that day" (best-time analysis, inside quiet hours); `time` when the data names none. */
    bestHour: z.boolean().optional(),
  }),
]);
export type Schedule = z.infer<typeof scheduleSchema>;

/** The owner may only narrow the federal window; the stricter state rules apply on top. */
export const quietHoursPolicySchema = z
  .object({
    start: hhmm.default('08:00'),
    end: hhmm.default('21:00'),
    excludedDays: z.array(z.number().int().min(0).max(6)).max(6).default([]),
  })
  .refine((q) => q.start < q.end, { message: 'the window must start before it ends', path: ['end'] });
export type QuietHoursPolicy = z.infer<typeof quietHoursPolicySchema>;

export const abConfigSchema = z
  .object({
    variants: z
      .array(
        z.object({
          name: z.string().min(1).max(40),
          /** A text's message, an e-mail variant's Markdown body, or a call variant's script read aloud. */
          body: z.string().min(1).max(10_000),
          /** An e-mail variant's subject line. */
          subject: z.string().trim().max(200, 'keep the subject under 200 characters').optional(),
          /** A call variant's recording (https), played instead of reading `body` aloud; `body` then says what it is. */
          recordingUrl: z.string().trim().url('give the recording as a web address (https://…)').optional(),
        }),
      )
      .min(2)
      .max(5),
    /** The channel the variants go out on: texts (left out), the campaign's e-mails, or its calls. */
    channel: z.enum(['sms', 'email', 'voice']).optional(),
    /** Percent per variant, 1–99 each, summing to 100. */
    split: z.array(z.number().int().min(1).max(99)),
    /** "Test on X % of the audience, then send the winner to the rest". */
    testPercent: z.number().int().min(1).max(99).optional(),
    metric: z.enum(['replied', 'clicked', 'converted', 'optedOut']).default('replied'),
    /** "Test, then winner": the variant (index) the rest gets when the test cannot decide by its deadline; absent, the owner is asked. */
    defaultVariant: z.number().int().min(0).max(4).optional(),
  })
  .refine((a) => a.split.length === a.variants.length, {
    message: 'give one split percentage per variant',
    path: ['split'],
  })
  .refine((a) => a.split.reduce((x, y) => x + y, 0) === 100, {
    message: 'split percentages must add up to 100',
    path: ['split'],
  })
  .refine((a) => a.defaultVariant === undefined || a.defaultVariant < a.variants.length, {
    message: 'the default variant must be one of the variants',
    path: ['defaultVariant'],
  })
  .refine((a) => a.defaultVariant === undefined || a.testPercent !== undefined, {
    message: 'a default variant only applies to "test, then send the winner"',
    path: ['defaultVariant'],
  })
  .refine((a) => a.channel !== 'email' || a.variants.every((v) => v.subject), {
    message: 'give each e-mail variant a subject line',
    path: ['variants'],
  })
  // Replies come back to a number, not to a marketing e-mail; opens are never counted.
  .refine((a) => a.channel !== 'email' || a.metric === 'clicked' || a.metric === 'converted', {
    message:
      'an e-mail A/B test compares link clicks or conversions (e-mails get no replies, and opens are not counted)',
    path: ['metric'],
  })
  .refine((a) => a.channel === 'email' || a.variants.every((v) => v.subject === undefined), {
    message: 'a subject line is for e-mail variants: set the test’s channel to email',
    path: ['variants'],
  })
  // A call gets no reply or click to count, only what the owner records: conversions decide (opt-outs are shown).
  .refine((a) => a.channel !== 'voice' || a.metric === 'converted', {
    message: 'a call A/B test compares conversions (calls get no replies or link clicks to count)',
    path: ['metric'],
  })
  .refine((a) => a.channel !== 'voice' || a.testPercent === undefined, {
    message:
      '“test, then send the winner” is not available for calls: the winner goes out as a text, which a held-back call recipient cannot be given. A call A/B test calls every call recipient with one of its variants: leave the test sample out',
    path: ['testPercent'],
  })
  .refine((a) => a.channel === 'voice' || a.variants.every((v) => v.recordingUrl === undefined), {
    message: 'a recording is for call variants: set the test’s channel to voice',
    path: ['variants'],
  })
  // Results are kept per variant name, so two variants with one name would be counted as one.
  .refine((a) => new Set(a.variants.map((v) => v.name.trim().toLowerCase())).size === a.variants.length, {
    message: 'give each variant a different name',
    path: ['variants'],
  });
export type AbConfig = z.infer<typeof abConfigSchema>;

export const campaignDraftSchema = z
  .object({
    name: z.string().trim().min(1, 'give the campaign a name').max(100),
    templateId: z.number().int().positive().optional(),
    body: z.string().max(10_000).optional(),
    audience: audienceFilterSchema.default({ tagMode: 'any' }),
    provider: z.enum(['sandbox', 'quo', 'twilio']).optional(),
    fromNumber: z.string().max(40).optional(),
    schedule: scheduleSchema.default({ mode: 'now' }),
    quietHours: quietHoursPolicySchema.optional(),
    notes: z.string().max(2000).optional(),
    ab: abConfigSchema.optional(),
    /** Replace links with tracked short links; left out, the `links.trackByDefault` setting decides at launch. */
    trackLinks: z.boolean().optional(),
    /** Makes the campaign a recurring series (see electron/campaigns/series). */
    repeat: repeatSchema.optional(),
    /** Makes the campaign a birthday / anniversary series on a contact date field. */
    dateField: dateFieldRepeatSchema.optional(),
    /** The channels in the owner's order; left out, the campaign is a text (SMS) campaign. */
    channels: campaignChannelListSchema.optional(),
    /** Send on every channel a contact can be reached on, instead of the first one only. */
    everyChannel: z.boolean().optional(),
    /** The e-mail, when the campaign has the e-mail channel. */
    email: campaignEmailSchema.optional(),
    /** The call, when the campaign has the voice channel. */
    voice: campaignVoiceSchema.optional(),
  })
  .strict()
  .refine((d) => !(d.repeat && d.dateField), {
    message: 'a campaign repeats by a rule or by a date field, not both',
    path: ['dateField'],
  });
export type CampaignDraft = z.infer<typeof campaignDraftSchema>;
export type CampaignDraftInput = z.input<typeof campaignDraftSchema>;
