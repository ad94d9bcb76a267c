import { formatMoney, hasRevenue } from '../../shared/analytics';
import type { AnalyticsSummaryView, PeriodFigures } from '../../shared/ipc/channels/analytics';
import type { ReportPeriod } from './period';

/** What a report says, computed once for the PDF and the CSV alike. */
export interface ReportContent {
  business: string;
  period: ReportPeriod;
  summary: AnalyticsSummaryView;
  figures: ReportFigure[];
  generatedAt: string;
}

export interface ReportFigure {
  label: string;
  /** Formatted for people ("$1,234.50", "8.3%", "no revenue recorded"). */
  value: string;
  /** The same figure for the period before, formatted. */
  previous: string;
  /** "up 12%", "down 3%", "new", "no change" (words: the PDF's standard fonts have no arrows) — up is good except for spend and opt-outs (`inverse`). */
  change: string;
  direction: 'up' | 'down' | 'flat';
  inverse: boolean;
  /** Machine-readable numbers for the CSV: rates as fractions, money in the currency. */
  raw: { current: number | null; previous: number | null };
}

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(Math.abs(r) >= 10 ? 0 : 1)}%`);

function changeWords(current: number | null, previous: number | null): Pick<ReportFigure, 'change' | 'direction'> {
  if (current === null || previous === null) return { change: '', direction: 'flat' };
  if (previous === 0)
    return current === 0 ? { change: 'no change', direction: 'flat' } : { change: 'new', direction: 'up' };
  const c = (current - previous) / Math.abs(previous);
  if (Math.abs(c) < 0.005) return { change: 'no change', direction: 'flat' };
  return { change: `${c > 0 ? 'up' : 'down'} ${(Math.abs(c) * 100).toFixed(0)}%`, direction: c > 0 ? 'up' : 'down' };
}

/** A rate's change in percentage points ("up 2.6 pts"): a relative change of a rate reads as nonsense. */
function pointsWords(current: number | null, previous: number | null): Pick<ReportFigure, 'change' | 'direction'> {
  if (current === null || previous === null) return { change: '', direction: 'flat' };
  const d = (current - previous) * 100;
  if (Math.abs(d) < 0.05) return { change: 'no change', direction: 'flat' };
  return { change: `${d > 0 ? 'up' : 'down'} ${Math.abs(d).toFixed(1)} pts`, direction: d > 0 ? 'up' : 'down' };
}

/** ROI in words: "no revenue recorded" rather than −100 % when no sale was connected to the texts. */
export function roiWords(f: Pick<PeriodFigures, 'roi' | 'revenueMinor' | 'converted'>): string {
  if (!hasRevenue(f)) return 'no revenue recorded';
  return f.roi === null ? '—' : `${f.roi > 0 ? '+' : ''}${(f.roi * 100).toFixed(0)}%`;
}

/** The headline figures of a period against the one before, in the order the report shows them. */
export function reportFigures(s: AnalyticsSummaryView): ReportFigure[] {
  const money = (minor: number) => formatMoney(minor, s.currency, 'en-US');
  const cur = s.current;
  const prev = s.previous;
  const unit =
    10 **
    new Intl.NumberFormat('en-US', { style: 'currency', currency: s.currency }).resolvedOptions()
      .maximumFractionDigits!;
  const make = (
    label: string,
    c: number | null,
    p: number | null,
    show: (n: number | null) => string,
    inverse = false,
  ): ReportFigure => ({
    label,
    value: show(c),
    previous: show(p),
    ...(show === pct ? pointsWords(c, p) : changeWords(c, p)),
    inverse,
    raw: { current: c, previous: p },
  });
  const n = (x: number | null) => (x === null ? '—' : x.toLocaleString('en-US'));
  const cash = (x: number | null) => (x === null ? '—' : money(Math.round(x * unit)));
  return [
    make('Sent', cur.sent, prev.sent, n),
    make('Delivered', cur.delivered, prev.delivered, n),
    make('Delivery rate', cur.rates.delivery, prev.rates.delivery, pct),
    make('Reply rate', cur.rates.reply, prev.rates.reply, pct),
    make('Click rate', cur.rates.click, prev.rates.click, pct),
    make('Opt-out rate', cur.rates.optOut, prev.rates.optOut, pct, true),
    make('Conversions', cur.converted, prev.converted, n),
    make('Revenue', cur.revenueMinor / unit, prev.revenueMinor / unit, cash),
    make('Spend', cur.spendMinor / unit, prev.spendMinor / unit, cash, true),
    {
      ...make('ROI', cur.roi, prev.roi, pct),
      value: roiWords(cur),
      previous: roiWords(prev),
      ...(hasRevenue(cur) && hasRevenue(prev) ? {} : { change: '', direction: 'flat' as const }),
    },
    make('New contacts', cur.newContacts, prev.newContacts, n),
    make('Opted out', cur.optOuts, prev.optOuts, n, true),
  ];
}

export function reportContent(
  business: string,
  period: ReportPeriod,
  summary: AnalyticsSummaryView,
  generatedAt: string,
): ReportContent {
  return { business, period, summary, figures: reportFigures(summary), generatedAt };
}
