/** Words and numbers of the results pages; money itself is formatted by shared/analytics `formatMoney`. */

/** 0.0834 → "8.3%"; null → "—" (a rate whose denominator is 0 is not 0 %). */
export function formatPercent(rate: number | null, digits = 1): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(Math.abs(rate) >= 10 ? 0 : digits)}%`;
}

/** "8.3% (6.1–11.0%)": a rate with the range it could really be in. */
export function formatRateWithInterval(rate: number | null, interval: { low: number; high: number } | null): string {
  if (rate === null) return '—';
  return interval
    ? `${formatPercent(rate)} (${formatPercent(interval.low)}–${formatPercent(interval.high)})`
    : formatPercent(rate);
}

/**
 * ROI as the owner should read it: "no revenue recorded" rather than −100 % when no sale was ever connected to the
 * texts, "—" when nothing was spent (ROI undefined), else "+240%".
 */
export function formatRoi(roi: number | null, revenueRecorded: boolean): string {
  if (!revenueRecorded) return 'no revenue recorded';
  if (roi === null) return '—';
  return `${roi > 0 ? '+' : ''}${formatPercent(roi, 0)}`;
}

/** Change against the previous period: "▲ 12%", "▼ 3%", "new" when there was nothing before. */
export function formatChange(
  change: number | null | undefined,
  current: number,
): { text: string; direction: 'up' | 'down' | 'flat' } {
  if (change === null || change === undefined)
    return current > 0 ? { text: 'new this period', direction: 'up' } : { text: 'no change', direction: 'flat' };
  if (Math.abs(change) < 0.005) return { text: 'no change', direction: 'flat' };
  return {
    text: `${change > 0 ? '▲' : '▼'} ${formatPercent(Math.abs(change), 0)}`,
    direction: change > 0 ? 'up' : 'down',
  };
}

export const count = (n: number): string => n.toLocaleString();

/** Axis ticks: 1200 → "1.2k", 3 → "3". */
export function compact(n: number): string {
  return new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

/** Axis ticks for money: "$1.2K", "€300". `amount` in the currency (not minor units). */
export function compactMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(amount);
}

/** "1 Nov – 30 Nov 2026" for a range whose `to` is exclusive. */
export function rangeWords(from: string, to: string): string {
  const last = new Date(Date.parse(to) - 1);
  const first = new Date(from);
  const opts: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', timeZone: 'UTC' };
  return `${first.toLocaleDateString(undefined, opts)} – ${last.toLocaleDateString(undefined, { ...opts, year: 'numeric' })}`;
}
