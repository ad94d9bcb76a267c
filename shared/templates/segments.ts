import { gsmSeptets } from './gsm-charset';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/**
 * Segment sizes. A message that needs more than one segment loses room in each part to the concatenation
 * header (UDH): 160 → 153 septets in GSM-7, 70 → 67 code units in UCS-2.
 */
export const GSM_SINGLE = 160;
export const GSM_PER_PART = 153;
export const UCS2_SINGLE = 70;
export const UCS2_PER_PART = 67;

export interface Ucs2Character {
  /** The whole character (both halves of a surrogate pair for an emoji). */
  char: string;
  /** Offset in the text, in UTF-16 code units. */
  position: number;
}

export interface SegmentCount {
  encoding: SmsEncoding;
  /** 0 for an empty text. */
  segments: number;
  /** What a person would count: Unicode code points. */
  characters: number;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  /** Room in each segment at the current size: 160/153 or 70/67. */
  perSegment: number;
  /** Units still free in the last segment before another one is needed. */
  remainingInSegment: number;
  /** The characters that force UCS-2, with their offsets; empty for GSM-7. */
  ucs2Characters: Ucs2Character[];
}

export function countSegments(text: string): SegmentCount {
  const ucs2Characters: Ucs2Character[] = [];
  let septets = 0;
  let characters = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    characters++;
    if (isHighSurrogate(unit) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      ucs2Characters.push({ char: text.slice(i, i + 2), position: i });
      i++;
      continue;
    }
    const cost = gsmSeptets(unit);
    if (cost === 0) ucs2Characters.push({ char: text[i], position: i });
    septets += cost;
  }

  if (ucs2Characters.length === 0) {
    const { segments, lastPartUnits } = packGsm(text, septets);
    const perSegment = segments > 1 ? GSM_PER_PART : GSM_SINGLE;
    return {
      encoding: 'GSM-7',
      segments,
      characters,
      units: septets,
      perSegment,
      remainingInSegment: perSegment - lastPartUnits,
      ucs2Characters,
    };
  }
  const { segments, lastPartUnits } = packUcs2(text);
  const perSegment = segments > 1 ? UCS2_PER_PART : UCS2_SINGLE;
  return {
    encoding: 'UCS-2',
    segments,
    characters,
    units: text.length,
    perSegment,
    remainingInSegment: perSegment - lastPartUnits,
    ucs2Characters,
  };
}

/** Just the segment count and encoding, without listing characters: for counting a whole audience. */
export function segmentsOf(text: string): { encoding: SmsEncoding; segments: number } {
  const septets = gsmSeptetsOf(text);
  if (septets >= 0) return { encoding: 'GSM-7', segments: packGsm(text, septets).segments };
  return { encoding: 'UCS-2', segments: packUcs2(text).segments };
}

/** Septets the text needs in GSM-7, or -1 when some character is not in the GSM-7 alphabet. */
export function gsmSeptetsOf(text: string): number {
  let septets = 0;
  for (let i = 0; i < text.length; i++) {
    const cost = gsmSeptets(text.charCodeAt(i));
    if (cost === 0) return -1;
    septets += cost;
  }
  return septets;
}

interface Packing {
  segments: number;
  /** Units used in the last segment. */
  lastPartUnits: number;
}

/**
 * Fills parts of 153 septets in order. An extension character (escape + code) that does not fit whole in
 * the current part moves to the next one, because a phone cannot join an escape split across two parts.
 */
function packGsm(text: string, totalSeptets: number): Packing {
  if (totalSeptets === 0) return { segments: 0, lastPartUnits: 0 };
  if (totalSeptets <= GSM_SINGLE) return { segments: 1, lastPartUnits: totalSeptets };
  let segments = 1;
  let used = 0;
  for (let i = 0; i < text.length; i++) {
    const cost = gsmSeptets(text.charCodeAt(i));
    if (used + cost > GSM_PER_PART) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { segments, lastPartUnits: used };
}

/** Fills parts of 67 code units in order, moving a surrogate pair (emoji) that does not fit whole to the next part. */
function packUcs2(text: string): Packing {
  if (text.length === 0) return { segments: 0, lastPartUnits: 0 };
  if (text.length <= UCS2_SINGLE) return { segments: 1, lastPartUnits: text.length };
  let segments = 1;
  let used = 0;
  for (let i = 0; i < text.length; i++) {
    const pair = isHighSurrogate(text.charCodeAt(i)) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1));
    const cost = pair ? 2 : 1;
    if (used + cost > UCS2_PER_PART) {
      segments++;
      used = 0;
    }
    used += cost;
    if (pair) i++;
  }
  return { segments, lastPartUnits: used };
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
