import { fromMinor } from '../../shared/analytics';
import { contactCsvCell } from '../contacts';
import type { ReportContent } from './content';

const line = (cells: Array<string | number | null>) =>
  cells.map((c) => (typeof c === 'number' ? String(c) : contactCsvCell(c))).join(',');

/**
 * The report as CSV (UTF-8 with BOM, spreadsheet-safe): the headline figures with the previous period, then the
 * figures per day (or week), then the top campaigns — one table after another, each with its own header row.
 * Rates are fractions (0.083), money decimal amounts in the currency.
 */
export function reportCsv(r: ReportContent): string {
  const s = r.summary;
  const money = (minor: number) => fromMinor(minor, s.currency);
  const lines = [
    line(['report', 'period', 'from', 'to', 'currency', 'attribution']),
    line([
      `${r.period.kind === 'week' ? 'weekly' : 'monthly'}${r.business ? ` — ${r.business}` : ''}`,
      r.period.label,
      s.from,
      s.to,
      s.currency,
      s.windowsNote,
    ]),
    '',
    line(['figure', 'this period', 'previous period', 'change']),
    ...r.figures.map((f) => line([f.label, f.raw.current, f.raw.previous, f.change])),
    '',
    line([
      'bucket',
      'sent',
      'delivered',
      'replied',
      'clicked',
      'opted out',
      'converted',
      'revenue',
      'spend',
      'new contacts',
      'opt-outs',
    ]),
    ...s.series.map((p) =>
      line([
        p.start,
        p.sent,
        p.delivered,
        p.replied,
        p.clicked,
        p.optedOut,
        p.converted,
        money(p.revenueMinor),
        money(p.spendMinor),
        p.newContacts,
        p.optOuts,
      ]),
    ),
    '',
    line(['campaign id', 'campaign', 'sent', 'delivered', 'reply rate', 'converted', 'revenue', 'spend', 'roi']),
    ...s.topCampaignRows.map((c) =>
      line([
        c.id,
        c.name,
        c.sent,
        c.delivered,
        c.replyRate,
        c.converted,
        money(c.revenueMinor),
        money(c.spendMinor),
        c.roi,
      ]),
    ),
  ];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
