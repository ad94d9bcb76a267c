import { MAX_MESSAGE_LENGTH } from './issues';
import { parseTemplate, type ParsedTemplate, type TemplateToken, type VariableToken } from './parse';
import { resolveVariable, type RenderContext } from './render';
import { GSM_SINGLE, UCS2_SINGLE, gsmSeptetsOf, segmentsOf, type SmsEncoding } from './segments';

export interface AudienceSegments {
  recipients: number;
  /** Segments of the shortest, middle and longest rendered message (0 for an empty audience). */
  min: number;
  /** The segment count of the middle recipient when sorted (lower median), so it is always a real message's count. */
  typical: number;
  max: number;
  totalSegments: number;
  encodingCounts: Record<SmsEncoding, number>;
  /** Per variable key: how many recipients have no value for it where it has no fallback. */
  missing: Record<string, number>;
  /** The longest rendered message: its recipient's index in the audience and its length in UTF-16 units. */
  longest: { index: number; length: number } | null;
  /** Recipients whose rendered message is over the 1,600-character provider limit. */
  overLimit: number;
}

interface Piece {
  token: TemplateToken;
  /** For text: septets in GSM-7, or -1 when it needs UCS-2. */
  septets: number;
}

/**
 * A template prepared for measuring many recipients: the static text is measured once, so each recipient only
 * costs a look at their variable values.
 */
export interface MeasurableTemplate {
  parsed: ParsedTemplate;
  pieces: Piece[];
}

export function prepareForAudience(template: string | ParsedTemplate): MeasurableTemplate {
  const parsed = typeof template === 'string' ? parseTemplate(template) : template;
  const pieces = parsed.tokens.map((token) => ({
    token,
    septets: token.kind === 'text' ? gsmSeptetsOf(token.text) : 0,
  }));
  return { parsed, pieces };
}

export interface RecipientMeasure {
  encoding: SmsEncoding;
  segments: number;
  /** Rendered length in UTF-16 units. */
  length: number;
}

/**
 * Segments of one recipient's rendered message — the same answer as countSegments(renderTemplate(...).text).
 * Only a message that might need several parts is rendered and packed; a single-part message is settled by
 * adding up lengths, which is what keeps an audience of hundreds of thousands cheap.
 */
export function measureRecipient(
  template: MeasurableTemplate,
  ctx: RenderContext,
  onMissing?: (key: string) => void,
): RecipientMeasure {
  let septets = 0;
  let gsm = true;
  let length = 0;
  for (const piece of template.pieces) {
    const token = piece.token;
    let text: string;
    let pieceSeptets: number;
    if (token.kind === 'text') {
      text = token.text;
      pieceSeptets = piece.septets;
    } else {
      text = pieceText(token, ctx);
      if (text === '' && token.fallback === null) onMissing?.(token.key);
      pieceSeptets = gsm ? gsmSeptetsOf(text) : 0;
    }
    length += text.length;
    if (pieceSeptets < 0) gsm = false;
    else septets += pieceSeptets;
  }
  if (gsm) {
    if (septets <= GSM_SINGLE) return { encoding: 'GSM-7', segments: septets === 0 ? 0 : 1, length };
  } else if (length <= UCS2_SINGLE) {
    return { encoding: 'UCS-2', segments: 1, length };
  }
  // Only a message of several parts is rendered whole (no array of pieces per recipient for the single-part rest).
  let message = '';
  for (const piece of template.pieces) {
    message += piece.token.kind === 'text' ? piece.token.text : pieceText(piece.token, ctx);
  }
  const packed = segmentsOf(message);
  return { encoding: packed.encoding, segments: packed.segments, length };
}

/** A placeholder's text for one recipient: the value, else the fallback, else nothing. */
function pieceText(token: VariableToken, ctx: RenderContext): string {
  const value = resolveVariable(token, ctx);
  if (value !== '') return value;
  return token.fallback ?? '';
}

/** Segment statistics over an audience in one pass, O(recipients × template length), no sorting. */
export function measureAudience(
  template: string | ParsedTemplate | MeasurableTemplate,
  audience: readonly RenderContext[],
): AudienceSegments {
  const prepared = typeof template !== 'string' && 'pieces' in template ? template : prepareForAudience(template);
  // Segment counts are small integers, so a histogram gives the median without sorting.
  const histogram: number[] = [];
  const missing: Record<string, number> = {};
  const encodingCounts: Record<SmsEncoding, number> = { 'GSM-7': 0, 'UCS-2': 0 };
  let totalSegments = 0;
  let longest: AudienceSegments['longest'] = null;
  let overLimit = 0;
  const seenThisRecipient = new Set<string>();
  const onMissing = (key: string) => {
    if (seenThisRecipient.has(key)) return;
    seenThisRecipient.add(key);
    missing[key] = (missing[key] ?? 0) + 1;
  };

  for (let index = 0; index < audience.length; index++) {
    seenThisRecipient.clear();
    const measure = measureRecipient(prepared, audience[index], onMissing);
    histogram[measure.segments] = (histogram[measure.segments] ?? 0) + 1;
    totalSegments += measure.segments;
    encodingCounts[measure.encoding]++;
    if (measure.length > MAX_MESSAGE_LENGTH) overLimit++;
    if (longest === null || measure.length > longest.length) longest = { index, length: measure.length };
  }

  const recipients = audience.length;
  const { min, typical, max } = segmentSpread(histogram, recipients);
  return { recipients, min, typical, max, totalSegments, encodingCounts, missing, longest, overLimit };
}

/**
 * min / typical (lower median) / max segments from a histogram of segment counts (index = segments, value = how
 * many recipients). Tiny whatever the audience size, so streamed and in-memory measurements share it.
 */
export function segmentSpread(
  histogram: readonly (number | undefined)[],
  recipients: number,
): { min: number; typical: number; max: number } {
  if (recipients <= 0) return { min: 0, typical: 0, max: 0 };
  const min = histogram.findIndex((count) => count !== undefined && count > 0);
  const max = histogram.length - 1;
  const middle = Math.floor((recipients - 1) / 2);
  let seen = 0;
  for (let segments = min; segments <= max; segments++) {
    seen += histogram[segments] ?? 0;
    if (seen > middle) return { min, typical: segments, max };
  }
  return { min, typical: max, max };
}
