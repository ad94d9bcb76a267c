import { rates, roi, windowsSentence, type OutcomeTotals } from '../../../shared/analytics';
import type { AnalyticsSummaryView, PeriodFigures, SummaryPoint } from '../../../shared/ipc/channels/analytics';

const DAY = 86_400_000;

function figures(from: string, to: string, t: OutcomeTotals, newContacts: number, optOuts: number): PeriodFigures {
  return {
    from,
    to,
    ...t,
    roi: roi(t.revenueMinor, t.spendMinor),
    epmMinor: t.delivered ? t.revenueMinor / t.delivered : null,
    rates: rates(t),
    newContacts,
    optOuts,
  };
}

/** A week of a salon's texting as analytics:summary answers it: two campaigns, replies, a few sales. */
export function salonWeek(
  from = '2026-11-30T00:00:00.000Z',
  options: { revenue?: boolean } = {},
): AnalyticsSummaryView {
  const start = Date.parse(from);
  const to = new Date(start + 7 * DAY).toISOString();
  const revenue = options.revenue ?? true;
  const series: SummaryPoint[] = Array.from({ length: 7 }, (_, i) => {
    const sent = [0, 119, 40, 0, 250, 12, 0][i];
    const delivered = Math.round(sent * 0.97);
    return {
      start: new Date(start + i * DAY).toISOString().slice(0, 10),
      label: new Date(start + i * DAY).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }),
      sent,
      delivered,
      replied: Math.round(delivered * 0.12),
      clicked: Math.round(delivered * 0.08),
      optedOut: Math.round(delivered * 0.01),
      converted: revenue ? Math.round(delivered * 0.03) : 0,
      revenueMinor: revenue ? Math.round(delivered * 0.03) * 4500 : 0,
      spendMinor: sent * 2,
      newContacts: [3, 40, 0, 1, 0, 2, 0][i],
      optOuts: Math.round(delivered * 0.01),
    };
  });
  const sum = (k: keyof SummaryPoint) => series.reduce((n, p) => n + Number(p[k]), 0);
  const totals: OutcomeTotals = {
    sent: sum('sent'),
    delivered: sum('delivered'),
    failed: sum('sent') - sum('delivered'),
    replied: sum('replied'),
    clicked: sum('clicked'),
    optedOut: sum('optedOut'),
    converted: sum('converted'),
    revenueMinor: sum('revenueMinor'),
    spendMinor: sum('spendMinor'),
  };
  const before: OutcomeTotals = {
    sent: 300,
    delivered: 290,
    failed: 10,
    replied: 20,
    clicked: 15,
    optedOut: 4,
    converted: revenue ? 5 : 0,
    revenueMinor: revenue ? 22_500 : 0,
    spendMinor: 600,
  };
  const current = figures(from, to, totals, sum('newContacts'), sum('optOuts'));
  const previous = figures(new Date(start - 7 * DAY).toISOString(), from, before, 12, 4);
  const windows = { clickDays: 5, deliveryHours: 24 };
  const top = [
    {
      id: 1,
      name: 'Colour week',
      sent: 250,
      delivered: 243,
      converted: revenue ? 7 : 0,
      revenueMinor: revenue ? 31_500 : 0,
      spendMinor: 500,
      replyRate: 0.12,
    },
    {
      id: 2,
      name: 'Gift cards for December',
      sent: 119,
      delivered: 115,
      converted: revenue ? 3 : 0,
      revenueMinor: revenue ? 13_500 : 0,
      spendMinor: 238,
      replyRate: 0.15,
    },
  ].map((c) => ({ ...c, revenue: c.revenueMinor / 100, roi: roi(c.revenueMinor, c.spendMinor) }));
  return {
    from,
    to,
    sent: totals.sent,
    delivered: totals.delivered,
    replied: totals.replied,
    clicked: totals.clicked,
    optedOut: totals.optedOut,
    converted: totals.converted,
    revenue: totals.revenueMinor / 100,
    spend: totals.spendMinor / 100,
    roi: current.roi,
    newContacts: current.newContacts,
    optOuts: current.optOuts,
    topCampaigns: top.map((c) => ({ id: c.id, name: c.name, revenue: c.revenue, roi: c.roi })),
    currency: 'USD',
    channel: null,
    channels: [{ channel: 'sms' as const, ...totals, roi: current.roi, rates: current.rates }],
    bucket: 'day',
    current,
    previous,
    change: {},
    series,
    topCampaignRows: top,
    revenueBySource: revenue
      ? [{ source: 'quickbooks' as const, label: 'QuickBooks', count: 10, revenueMinor: 45_000 }]
      : [],
    windows,
    windowsNote: windowsSentence(windows),
    anythingSent: true,
    dayNote: 'Days are UTC calendar days.',
    generatedAt: to,
  };
}
