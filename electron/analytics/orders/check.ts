import { DateTime } from 'luxon';
import { isCurrencyCode, parseAmount } from '../../../shared/analytics';
import type { OrderColumnView, OrderSampleRow } from '../../../shared/ipc/channels/analytics';
import { cleanPhoneCell, normalisePhoneUncached } from '../../contacts';

/** A checked order: the preview's sample row before its contact is looked up. */
export type OrderRow = Omit<OrderSampleRow, 'contactId'>;

export type RowCheck = { ok: true; order: OrderRow } | { ok: false; row: number; reason: string };

const DATE_FORMATS = [
  'yyyy-MM-dd HH:mm:ss ZZZ',
  'yyyy-MM-dd HH:mm:ss',
  'yyyy-MM-dd HH:mm',
  'M/d/yyyy H:mm:ss',
  'M/d/yyyy H:mm',
  'M/d/yyyy h:mm:ss a',
  'M/d/yyyy h:mm a',
  'M/d/yyyy',
  'M/d/yy',
  'yyyy-MM-dd',
  'd.M.yyyy',
];

/** Zone names as Square (Rails) writes them in its exports, to the IANA zones they mean. */
const RAILS_ZONES: Record<string, string> = {
  'Eastern Time (US & Canada)': 'America/New_York',
  'Central Time (US & Canada)': 'America/Chicago',
  'Mountain Time (US & Canada)': 'America/Denver',
  'Pacific Time (US & Canada)': 'America/Los_Angeles',
  Arizona: 'America/Phoenix',
  Alaska: 'America/Anchorage',
  Hawaii: 'Pacific/Honolulu',
  'Atlantic Time (Canada)': 'America/Halifax',
  Newfoundland: 'America/St_Johns',
  London: 'Europe/London',
  Dublin: 'Europe/Dublin',
  Madrid: 'Europe/Madrid',
  Paris: 'Europe/Paris',
  Tokyo: 'Asia/Tokyo',
  Sydney: 'Australia/Sydney',
  Melbourne: 'Australia/Melbourne',
  Brisbane: 'Australia/Brisbane',
  Perth: 'Australia/Perth',
};

/** The zone a row's own Time Zone cell names (Square's "Pacific Time (US & Canada)", or an IANA name); null if none. */
export function orderZone(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  const zone = RAILS_ZONES[t] ?? t;
  return DateTime.local({ zone }).isValid ? zone : null;
}

/** An order date as shops write it; one without a zone is read in the business's time zone. */
export function parseOrderDate(text: string, zone: string): DateTime | null {
  const t = text.trim();
  if (!t) return null;
  const iso = DateTime.fromISO(t, { zone, setZone: true });
  if (iso.isValid) return iso;
  for (const f of DATE_FORMATS) {
    const d = DateTime.fromFormat(t, f, { zone, setZone: true });
    if (d.isValid) return d;
  }
  return null;
}

/** One row checked: a row-numbered reason for anything wrong; nothing is looked up in the database here. */
export function checkOrderRow(
  row: number,
  fields: string[],
  columns: OrderColumnView[],
  ctx: { currency: string; zone: string; country: string; now: Date },
): RowCheck {
  const values = (target: string) =>
    columns.filter((c) => c.target === target).map((c) => (fields[c.index] ?? '').trim());
  const first = (target: string) => values(target).find((v) => v !== '') ?? '';
  const orderId = first('order_id');
  if (!orderId) return { ok: false, row, reason: 'no order id' };
  const currency = first('currency').toUpperCase();
  if (currency && currency !== ctx.currency) {
    return {
      ok: false,
      row,
      reason: isCurrencyCode(currency)
        ? `order ${orderId} is in ${currency}, not the business currency ${ctx.currency}`
        : `unknown currency "${currency}"`,
    };
  }
  const amountText = first('amount');
  const amount = parseAmount(amountText, ctx.currency);
  if (!amount.ok) return { ok: false, row, reason: amount.reason };
  if (amount.minor < 0)
    return { ok: false, row, reason: `amount ${amountText} is negative (a refund): only sales count as conversions` };
  const zoneText = first('time_zone');
  const zone = zoneText ? orderZone(zoneText) : ctx.zone;
  if (!zone) return { ok: false, row, reason: `unknown time zone "${zoneText}"` };
  // Square writes the date and the time of day in two columns; the time matters to a 24-hour window.
  const when = [first('date'), first('time')].filter(Boolean).join(' ');
  const date = first('date') ? parseOrderDate(when, zone) : null;
  if (!date) return { ok: false, row, reason: first('date') ? `"${when}" is not a date` : 'no order date' };
  if (date.toMillis() > ctx.now.getTime()) return { ok: false, row, reason: `the date ${when} is in the future` };
  let phone: string | null = null;
  let phoneProblem: string | null = null;
  for (const raw of values('phone')) {
    if (!raw) continue;
    const n = normalisePhoneUncached(cleanPhoneCell(raw), ctx.country);
    if (n.ok) {
      phone = n.e164;
      break;
    }
    phoneProblem = n.reason;
  }
  const email =
    values('email')
      .find((v) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v))
      ?.toLowerCase() ?? null;
  if (!phone && !email)
    return { ok: false, row, reason: phoneProblem ?? 'no phone number or e-mail to find the customer by' };
  return { ok: true, order: { row, orderId, phone, email, at: date.toUTC().toISO() ?? '', amountMinor: amount.minor } };
}
