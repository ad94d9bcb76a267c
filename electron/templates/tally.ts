import {
  MAX_MESSAGE_LENGTH,
  measureRecipient,
  segmentSpread,
  type MeasurableTemplate,
  type RenderContext,
  type SmsEncoding,
} from '../../shared/templates';

/**
 * Segment statistics over an audience fed one recipient at a time, so a million contacts can stream from the
 * database without ever being held in memory. It gives the same numbers as shared `measureAudience` (which
 * needs the whole audience as an array): the median comes from a histogram of segment counts, which stays tiny.
 */
export interface RecipientNote {
  id: number;
  segments: number;
  length: number;
}

export interface AudienceTallyResult {
  recipients: number;
  min: number;
  /** Lower median of the segment counts: always the count of a real recipient's message. */
  typical: number;
  max: number;
  totalSegments: number;
  encodingCounts: Record<SmsEncoding, number>;
  /** Per variable key: recipients with no value for it where it has no fallback. */
  missing: Record<string, number>;
  /** The first recipient (in feeding order) missing each variable. */
  firstMissing: Record<string, number>;
  overLimit: number;
  /** The longest message by length (what the 1,600-character limit is about). */
  longest: RecipientNote | null;
  /** The recipients with the most and the fewest segments (ties: the longer / shorter message), worth a preview. */
  most: RecipientNote | null;
  fewest: RecipientNote | null;
}

export interface AudienceTally {
  add(id: number, ctx: RenderContext): void;
  result(): AudienceTallyResult;
}

export function createAudienceTally(template: MeasurableTemplate): AudienceTally {
  const histogram: number[] = [];
  const missing: Record<string, number> = {};
  const firstMissing: Record<string, number> = {};
  const encodingCounts: Record<SmsEncoding, number> = { 'GSM-7': 0, 'UCS-2': 0 };
  let recipients = 0;
  let totalSegments = 0;
  let overLimit = 0;
  let longest: RecipientNote | null = null;
  let most: RecipientNote | null = null;
  let fewest: RecipientNote | null = null;
  let currentId = 0;
  // A placeholder used twice without a fallback still counts the recipient once.
  const seenThisRecipient = new Set<string>();
  const onMissing = (key: string) => {
    if (seenThisRecipient.has(key)) return;
    seenThisRecipient.add(key);
    missing[key] = (missing[key] ?? 0) + 1;
    if (!(key in firstMissing)) firstMissing[key] = currentId;
  };

  return {
    add(id, ctx) {
      currentId = id;
      seenThisRecipient.clear();
      const measure = measureRecipient(template, ctx, onMissing);
      recipients++;
      histogram[measure.segments] = (histogram[measure.segments] ?? 0) + 1;
      totalSegments += measure.segments;
      encodingCounts[measure.encoding]++;
      if (measure.length > MAX_MESSAGE_LENGTH) overLimit++;
      // A note is kept only by the contact that takes a record: no object per contact for the rest of the audience.
      const { segments, length } = measure;
      const isLongest = longest === null || length > longest.length;
      const isMost = most === null || segments > most.segments || (segments === most.segments && length > most.length);
      const isFewest =
        fewest === null || segments < fewest.segments || (segments === fewest.segments && length < fewest.length);
      if (isLongest || isMost || isFewest) {
        const note = { id, segments, length };
        if (isLongest) longest = note;
        if (isMost) most = note;
        if (isFewest) fewest = note;
      }
    },
    result() {
      const { min, typical, max } = segmentSpread(histogram, recipients);
      return {
        recipients,
        min,
        typical,
        max,
        totalSegments,
        encodingCounts: { ...encodingCounts },
        missing: { ...missing },
        firstMissing: { ...firstMissing },
        overLimit,
        longest,
        most,
        fewest,
      };
    },
  };
}
