import { Metadata, PhoneNumber } from 'libphonenumber-js/core';
import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
  type NumberType,
} from 'libphonenumber-js/max';
import maxMetadata from 'libphonenumber-js/max/metadata';

/** What a phone cell became: an E.164 number, or the reason a business owner can act on. */
export type PhoneResult = { ok: true; e164: string; country: string | null } | { ok: false; reason: string };

export type LineTypeGuess = 'mobile' | 'fixed_line' | 'fixed_line_or_mobile' | 'other';

const FORMATTING_ONLY = /^\+?[\d\s().\-/\u00a0]+$/;
const NON_DIGITS = /\D/g;

/**
 * Undoes what spreadsheets and shop exports do to phone cells before we parse them:
 * Shopify prefixes a `'` so Excel keeps the `+`, some exports write `="0123"` so Excel keeps a leading zero.
 */
export function cleanPhoneCell(raw: string): string {
  let s = raw.trim();
  if (s.startsWith("'")) s = s.slice(1).trim();
  if (s.startsWith('="') && s.endsWith('"')) s = s.slice(2, -1).trim();
  if (s.toLowerCase().startsWith('tel:')) s = s.slice(4).trim();
  return s;
}

/**
 * Cache key for a cleaned cell. Spaces, dashes, dots, slashes and brackets are pure formatting to libphonenumber
 * (it keeps only digits and a leading +), so "(212) 555-0101" and "212.555.0101" share one parse.
 * Anything else (letters, extensions, `#`) keeps its full text so we never change what the library sees.
 */
export function phoneCacheKey(cleaned: string): string {
  if (!FORMATTING_ONLY.test(cleaned)) return cleaned;
  const digits = cleaned.replace(NON_DIGITS, '');
  return cleaned.trimStart().startsWith('+') ? `+${digits}` : digits;
}

export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code);
}

function parseValid(text: string, country: CountryCode | undefined) {
  const parsed = parsePhoneNumberFromString(text, country);
  return parsed && parsed.isValid() ? parsed : undefined;
}

/** Parses one cleaned cell for a country, with no caching. Exposed for tests that compare with the cached path. */
export function normalisePhoneUncached(cleaned: string, country: string): PhoneResult {
  if (cleaned === '') return { ok: false, reason: 'missing phone' };
  const cc = country as CountryCode;
  let parsed = parseValid(cleaned, cc);
  // Spreadsheets often drop the leading + of international numbers ("447911123456"): when the number is not
  // valid for the default country and is long enough to carry a country code, read it as international.
  if (!parsed && !cleaned.startsWith('+')) {
    const digits = cleaned.replace(NON_DIGITS, '');
    if (digits.length >= 11 && FORMATTING_ONLY.test(cleaned)) parsed = parseValid(`+${digits}`, undefined);
  }
  if (!parsed) return { ok: false, reason: `invalid phone for ${country}: "${cleaned}"` };
  return { ok: true, e164: parsed.number, country: parsed.country ?? null };
}

/** A US number as spreadsheets hold it: ten digits, or eleven with the leading 1 (with or without +). */
const US_DIGITS = /^(?:\+?1)?(\d{10})$/;
/** Every number type libphonenumber's getNumberType tries; a number is valid when one of them matches. */
const NUMBER_TYPES = [
  'FIXED_LINE',
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
];

/** The parts of libphonenumber's numbering plan that getNumberType reads (present at runtime, not in its typings). */
interface PlanInternals {
  nationalNumberPattern?(): string;
  type?(t: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}

/**
 * The US numbering plan's patterns, compiled once. libphonenumber builds a new RegExp from a several-kilobyte
 * pattern on every check, which is most of the cost of validating a number. Null when the library's internals
 * are not what this expects; usFastPath then asks PhoneNumber.isValid() instead.
 */
const usPlan = (() => {
  const metadata = new Metadata(maxMetadata);
  metadata.selectNumberingPlan('US');
  const plan = metadata.numberingPlan as unknown as PlanInternals | undefined;
  if (typeof plan?.nationalNumberPattern !== 'function' || typeof plan.type !== 'function') return null;
  const whole = (pattern: string) => new RegExp(`^(?:${pattern})$`);
  const types = NUMBER_TYPES.flatMap((t) => {
    const def = plan.type!(t);
    return def && def.pattern() ? [{ re: whole(def.pattern()), lengths: def.possibleLengths() }] : [];
  });
  return { national: whole(plan.nationalNumberPattern()), types };
})();

function validForUs(national: string): boolean {
  if (!usPlan) return new PhoneNumber(`+1${national}`, maxMetadata).isValid();
  if (!usPlan.national.test(national)) return false;
  return usPlan.types.some((t) => (!t.lengths || t.lengths.includes(national.length)) && t.re.test(national));
}

/**
 * The common case of a US import, without libphonenumber's text parser (most of the cost of a parse): when
 * the default country is the US, no row country says otherwise, and the cell is only digits and formatting,
 * a number valid in the US numbering plan is exactly what parsing would have produced — parsing tries the US
 * first among the +1 countries and strips the national prefix 1 the same way. Anything else (Canadian and
 * Caribbean numbers, invalid ones) returns undefined and takes the full parse, so every reject reason and
 * every other country still comes from the parser itself. tests/unit/contacts/phone.test.ts checks the
 * equivalence over every US area code.
 */
export function usFastPath(key: string): PhoneResult | undefined {
  const m = US_DIGITS.exec(key);
  return m && validForUs(m[1]) ? { ok: true, e164: `+1${m[1]}`, country: 'US' } : undefined;
}

function lineTypeOf(type: NumberType): LineTypeGuess {
  if (type === 'MOBILE') return 'mobile';
  if (type === 'FIXED_LINE') return 'fixed_line';
  if (type === 'FIXED_LINE_OR_MOBILE') return 'fixed_line_or_mobile';
  return 'other';
}

/**
 * Normalises phone cells to E.164 for one default country, remembering results for repeated cells
 * (the same customer appears in several rows; libphonenumber is the slowest step of an import).
 * The cache is bounded so a million unique numbers cannot grow it without limit.
 */
export class PhoneNormaliser {
  private readonly cache = new Map<string, PhoneResult>();
  private readonly types = new Map<string, LineTypeGuess>();

  constructor(
    readonly defaultCountry: string,
    private readonly maxCache = 20_000,
  ) {
    if (!isCountryCode(defaultCountry)) throw new Error(`unsupported default country "${defaultCountry}"`);
  }

  normalise(raw: string, countryHint?: string | null): PhoneResult {
    const cleaned = cleanPhoneCell(raw);
    if (cleaned === '') return { ok: false, reason: 'missing phone' };
    const country =
      countryHint && countryHint !== this.defaultCountry && isCountryCode(countryHint) ? countryHint : null;
    const digits = phoneCacheKey(cleaned);
    // Plain US numbers are checked faster than the cache could be asked (and are not kept in it).
    const fast = !country && this.defaultCountry === 'US' ? usFastPath(digits) : undefined;
    if (fast) return fast;
    const key = `${country ?? ''}|${digits}`;
    const hit = this.cache.get(key);
    if (hit) return hit.ok ? hit : { ok: false, reason: `invalid phone for ${this.defaultCountry}: "${cleaned}"` };
    let result = country ? normalisePhoneUncached(cleaned, country) : undefined;
    // A row's address country is only a hint: when the number is not valid there, the user's default decides.
    if (!result || !result.ok) result = normalisePhoneUncached(cleaned, this.defaultCountry);
    if (this.cache.size >= this.maxCache) this.cache.clear();
    this.cache.set(key, result);
    return result;
  }

  /** libphonenumber's guess from numbering plans; many countries (the US among them) cannot tell mobile from fixed. */
  lineType(e164: string): LineTypeGuess {
    let t = this.types.get(e164);
    if (t) return t;
    const type = parsePhoneNumberFromString(e164)?.getType();
    t = type ? lineTypeOf(type) : 'other';
    if (this.types.size >= this.maxCache) this.types.clear();
    this.types.set(e164, t);
    return t;
  }
}

export interface PhoneCandidate {
  raw: string;
  /** true when the column or label names it a mobile number */
  mobile: boolean;
}

export type PhoneChoice =
  { ok: true; e164: string; country: string | null; others: string[] } | { ok: false; reason: string };

/**
 * Picks the one number a contact is texted on when a row has several: a number labelled mobile first,
 * then one libphonenumber knows can be mobile, then the first valid one. The rest are returned so they are not lost.
 */
export function choosePhone(
  candidates: PhoneCandidate[],
  normaliser: PhoneNormaliser,
  countryHint?: string | null,
): PhoneChoice {
  if (candidates.length === 1) {
    const r = normaliser.normalise(candidates[0].raw, countryHint);
    // Built field by field: an object spread here cost a million-row import a tenth of a second.
    return r.ok ? { ok: true, e164: r.e164, country: r.country, others: [] } : r;
  }
  const valid: { e164: string; country: string | null; mobile: boolean }[] = [];
  let firstError: string | null = null;
  for (const c of candidates) {
    const r = normaliser.normalise(c.raw, countryHint);
    if (r.ok) {
      if (!valid.some((v) => v.e164 === r.e164)) valid.push({ e164: r.e164, country: r.country, mobile: c.mobile });
      else if (c.mobile) valid.find((v) => v.e164 === r.e164)!.mobile = true;
    } else if (firstError === null && r.reason !== 'missing phone') firstError = r.reason;
  }
  if (!valid.length) return { ok: false, reason: firstError ?? 'missing phone' };
  let best = valid.find((v) => v.mobile);
  if (!best && valid.length > 1) {
    best =
      valid.find((v) => normaliser.lineType(v.e164) === 'mobile') ??
      valid.find((v) => normaliser.lineType(v.e164) === 'fixed_line_or_mobile');
  }
  best ??= valid[0];
  return {
    ok: true,
    e164: best.e164,
    country: best.country,
    others: valid.filter((v) => v !== best).map((v) => v.e164),
  };
}
