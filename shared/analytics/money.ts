/**
 * Money is stored and added as integer minor units (cents for USD, yen for JPY, fils for KWD), in the business
 * currency (`business.currency`). Decimals appear only at the edges: the CLI's JSON, CSV exports and the UI.
 * Pure, no Node APIs: main and renderer format alike.
 */

/** Integer amount in the currency's smallest unit. */
export type MinorUnits = number;

const ISO_CODE = /^[A-Z]{3}$/;

function supportedCurrencies(): ReadonlySet<string> {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'currency') => string[] };
  return new Set(intl.supportedValuesOf ? intl.supportedValuesOf('currency') : []);
}
let known: ReadonlySet<string> | null = null;

/** An ISO 4217 code the platform knows ("USD", "EUR", "JPY"). */
export function isCurrencyCode(code: string): boolean {
  if (!ISO_CODE.test(code)) return false;
  known ??= supportedCurrencies();
  return known.size === 0 || known.has(code);
}

/** Digits after the decimal point: 2 for USD/EUR, 0 for JPY, 3 for KWD. */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** 12.34 USD → 1234. Rounds half away from zero at the currency's precision. */
export function toMinor(amount: number, currency: string): MinorUnits {
  const scaled = amount * 10 ** currencyDigits(currency);
  return Math.sign(scaled) * Math.round(Math.abs(scaled) + 1e-9);
}

/** A possibly fractional minor amount (exact spend, 47.5 ¢) to whole minor units, half away from zero (48 ¢). */
function roundMinor(minor: number): MinorUnits {
  return Math.sign(minor) * Math.round(Math.abs(minor) + 1e-9);
}

/** 1234 USD → 12.34 (a decimal number, as the CLI's JSON gives money); a fractional amount is rounded here, once. */
export function fromMinor(minor: number, currency: string): number {
  const digits = currencyDigits(currency);
  return Number((roundMinor(minor) / 10 ** digits).toFixed(digits));
}

/** A possibly fractional minor amount (EPM, cost per conversion) → decimal number rounded to 4 places. */
export function fromMinorPrecise(minor: number, currency: string): number {
  return Number((minor / 10 ** currencyDigits(currency)).toFixed(4));
}

/** "$1,234.50" in the owner's locale (a fractional amount rounded to the currency's unit, half away from zero). */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
    roundMinor(minor) / 10 ** currencyDigits(currency),
  );
}

/** Millionths of the currency unit: how a message's price and cost are stored, so neither is rounded per message. */
export type MicroUnits = number;
const MICROS_PER_UNIT = 1_000_000;

/** A price in the currency as settings hold it (0.0079) → micro-units (7900). */
export function toMicros(amount: number): MicroUnits {
  return Math.round(amount * MICROS_PER_UNIT);
}

/** Micro-units → minor units, exact (possibly fractional: 474,000 µ$ → 47.4 ¢); rounded only where it is shown. */
export function microsToMinor(micros: MicroUnits, currency: string): number {
  return (micros * 10 ** currencyDigits(currency)) / MICROS_PER_UNIT;
}

/** One message's cost as a decimal number in the currency with its own precision (0.0079), for per-message rows. */
export function fromMicros(micros: MicroUnits): number {
  return micros / MICROS_PER_UNIT;
}

/** "$0.0079": a per-message cost, shown with the digits it has (at least the currency's, at most six). */
export function formatMicros(micros: MicroUnits, currency: string, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 6 }).format(
    fromMicros(micros),
  );
}

const SYMBOLS: Record<string, string> = {
  $: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  '₩': 'KRW',
  '₽': 'RUB',
  '₺': 'TRY',
  '₪': 'ILS',
  '₱': 'PHP',
  '₫': 'VND',
  '฿': 'THB',
  '₦': 'NGN',
  '₴': 'UAH',
  R$: 'BRL',
  C$: 'CAD',
  A$: 'AUD',
  NZ$: 'NZD',
  HK$: 'HKD',
  CA$: 'CAD',
  US$: 'USD',
  AU$: 'AUD',
};
/** Symbols that mean the business currency whatever country's dollar it is. */
const DOLLAR_LIKE = new Set(['USD', 'CAD', 'AUD', 'NZD', 'HKD', 'SGD', 'MXN']);

export type AmountParse = { ok: true; minor: MinorUnits } | { ok: false; reason: string };

/**
 * An amount as spreadsheets and shops write it: "12.50", "$1,234.50", "1.234,50 €", "EUR 12", "(5.00)", "-5".
 * A symbol or code for a different currency than `currency` is refused (no silent conversion), as is a symbol we
 * do not know. Negative amounts (refunds) are allowed; the caller decides whether to keep them.
 */
export function parseAmount(text: string, currency: string): AmountParse {
  let s = text.trim().replace(/\u00a0/g, ' ');
  if (s === '') return { ok: false, reason: 'amount is empty' };
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1).trim();
  }
  const code = /^([A-Z]{3})\s*|\s*([A-Z]{3})$/.exec(s);
  let marker: string | null = null;
  if (code) {
    marker = code[1] ?? code[2];
    s = s.replace(code[0], '').trim();
  }
  const symbol = /^([^\d\s.,-]+)\s*|\s*([^\d\s.,-]+)$/.exec(s);
  if (symbol) {
    const sym = symbol[1] ?? symbol[2];
    const meant = SYMBOLS[sym];
    if (!meant && /^[A-Za-z]+$/.test(sym)) return { ok: false, reason: `"${text.trim()}" is not an amount` };
    if (!meant) return { ok: false, reason: `unknown currency symbol "${sym}" in "${text.trim()}"` };
    const matches = meant === currency || (sym === '$' && DOLLAR_LIKE.has(currency));
    if (!matches)
      return { ok: false, reason: `amount "${text.trim()}" is in ${meant}, not the business currency ${currency}` };
    s = s.replace(symbol[0], '').trim();
  }
  if (marker && marker !== currency) {
    if (!isCurrencyCode(marker)) return { ok: false, reason: `unknown currency "${marker}" in "${text.trim()}"` };
    return { ok: false, reason: `amount "${text.trim()}" is in ${marker}, not the business currency ${currency}` };
  }
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1).trim();
  }
  const decimal = normaliseNumber(s);
  if (decimal === null) return { ok: false, reason: `"${text.trim()}" is not an amount` };
  const value = Number(decimal);
  if (!Number.isFinite(value) || value > 1e12) return { ok: false, reason: `"${text.trim()}" is not an amount` };
  const minor = toMinor(value, currency);
  return { ok: true, minor: negative ? -minor : minor };
}

/** "1,234.50" / "1.234,50" / "1 234,50" / "12" → "1234.50"; null when it is not a number. */
function normaliseNumber(s: string): string | null {
  const compact = s.replace(/[ '\u202f]/g, '');
  if (!/^\d[\d.,]*$/.test(compact)) return null;
  const lastComma = compact.lastIndexOf(',');
  const lastDot = compact.lastIndexOf('.');
  const decimalMark =
    lastComma > lastDot && compact.length - lastComma - 1 <= 2 ? ',' : lastDot > lastComma ? '.' : null;
  const grouping = decimalMark === ',' ? '.' : ',';
  const [whole, fraction, ...rest] = compact.split(decimalMark ?? '\u0000');
  if (rest.length > 0 || fraction === '') return null;
  const groups = whole.split(grouping);
  if (groups.length > 1 && (groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3))) return null;
  const digits = groups.join('');
  if (!/^\d+$/.test(digits) || (fraction !== undefined && !/^\d+$/.test(fraction))) return null;
  return fraction === undefined ? digits : `${digits}.${fraction}`;
}
