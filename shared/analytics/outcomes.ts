/** The outcomes a campaign message can earn, and where conversions come from. */

/** Recorded once per message (the first one counts), with the attribution that gave it to the message. */
export const OUTCOME_KINDS = ['replied', 'clicked', 'opted_out'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/**
 * Each source keeps its own id; a conversion is unique per (source, source id) and never counted twice. 'quickbooks'
 * is the accounting integration, QuickBooks Online (source ids `quickbooks:<Entity>:<Id>`).
 */
export const CONVERSION_SOURCES = ['keyword', 'link', 'manual', 'order', 'quickbooks'] as const;
export type ConversionSource = (typeof CONVERSION_SOURCES)[number];

export const CONVERSION_SOURCE_LABEL: Record<ConversionSource, string> = {
  keyword: 'Reply keyword',
  link: 'Thank-you page visit',
  manual: 'Marked by hand',
  order: 'Imported order',
  quickbooks: 'QuickBooks',
};

/** What the recipients table filters on. */
export const RECIPIENT_FILTERS = [
  'all',
  'delivered',
  'undelivered',
  'pending',
  'clicked',
  'replied',
  'optedOut',
  'converted',
  'noResponse',
] as const;
export type RecipientFilter = (typeof RECIPIENT_FILTERS)[number];

/** Buckets of the dashboard's charts. */
export const SUMMARY_BUCKETS = ['day', 'week', 'month'] as const;
export type SummaryBucket = (typeof SUMMARY_BUCKETS)[number];

export function isConversionSource(s: string): s is ConversionSource {
  return (CONVERSION_SOURCES as readonly string[]).includes(s);
}
