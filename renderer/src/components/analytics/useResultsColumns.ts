import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { formatMoney, hasRevenue } from '../../../../shared/analytics';
import type { CampaignResultsColumns } from '../../../../shared/ipc/channels/analytics';
import { formatPercent, formatRoi } from './format';
import { settingText } from '../../api/setting-text';

export type ResultsSortKey = 'replyRate' | 'revenue' | 'roi';
export interface ResultsSort {
  key: ResultsSortKey;
  descending: boolean;
}

/** Reply rate, revenue and ROI of the campaigns listed (from the roll-ups), and the list's sort by one of them. */
export function useResultsColumns(ids: number[]) {
  const q = useQuery(
    () => (ids.length ? api.analytics.campaignColumns({ ids }) : Promise.resolve([])),
    [ids],
    ['campaigns', 'inbox'],
  );
  const currency = settingText(
    useQuery(() => api.settings.get({ key: 'business.currency' }), [], ['settings']).data?.value,
    'USD',
  );
  const [sort, setSort] = useState<ResultsSort | null>(null);
  const byId = useMemo(() => new Map((q.data ?? []).map((c) => [c.id, c])), [q.data]);

  /** Orders rows by the chosen column; campaigns with nothing to measure go last either way. */
  function sorted<R extends { id: number }>(rows: R[]): R[] {
    if (!sort) return rows;
    const value = (r: R): number | null => {
      const c = byId.get(r.id);
      if (!c) return null;
      return sort.key === 'replyRate' ? c.replyRate : sort.key === 'revenue' ? c.revenueMinor : c.roi;
    };
    return [...rows].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
      return sort.descending ? y - x : x - y;
    });
  }
  const toggle = (key: ResultsSortKey) =>
    setSort((s) => (s?.key === key ? (s.descending ? { key, descending: false } : null) : { key, descending: true }));
  return { byId, currency, sort, toggle, sorted };
}

export function replyRateCell(c: CampaignResultsColumns | undefined): string {
  return c ? formatPercent(c.replyRate) : '—';
}

export function revenueCell(c: CampaignResultsColumns | undefined, currency: string): string {
  return c && c.delivered > 0 ? formatMoney(c.revenueMinor, currency) : '—';
}

export function roiCell(c: CampaignResultsColumns | undefined): string {
  if (!c || c.sent === 0) return '—';
  // The columns carry no conversion count: revenue is what says whether a sale was connected.
  const roi = formatRoi(c.roi, hasRevenue({ revenueMinor: c.revenueMinor, converted: 0 }));
  return roi === 'no revenue recorded' ? 'no revenue' : roi;
}
