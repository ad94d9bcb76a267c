import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { Select, ErrorBanner, Loading } from '../ui';
import { ChartFrame } from './ChartFrame';
import { FunnelChart } from './FunnelChart';
import { formatPercent } from './format';
import { CHANNEL_PLURAL, type ChannelChoice } from './ChannelFilter';
import { MEASURED_ON } from '../../../../shared/campaign-channels';
import './analytics.css';

const PERIODS = [
  { id: '7', label: 'Last 7 days', days: 7 },
  { id: '30', label: 'Last 30 days', days: 30 },
  { id: '90', label: 'Last 90 days', days: 90 },
  { id: '365', label: 'Last 12 months', days: 365 },
  { id: 'all', label: 'All time', days: null },
] as const;
type PeriodId = (typeof PERIODS)[number]['id'];
const DAY = 86_400_000;

/** Whole UTC days ending with today (the roll-ups' days); `to` exclusive. */
function range(id: PeriodId, now: Date): { from?: string; to?: string } {
  const days = PERIODS.find((p) => p.id === id)?.days ?? null;
  if (days === null)
    return {
      from: '2000-01-01',
      to: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY)
        .toISOString()
        .slice(0, 10),
    };
  const tomorrow = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY;
  return {
    from: new Date(tomorrow - days * DAY).toISOString().slice(0, 10),
    to: new Date(tomorrow).toISOString().slice(0, 10),
  };
}

/** " Replies are not measured on e-mails: left out." for a channel that cannot measure a step. */
function notMeasuredNote(channel: ChannelChoice): string {
  if (!channel) return '';
  const missing = (['replied', 'clicked'] as const).filter((m) => !MEASURED_ON[channel].includes(m));
  if (!missing.length) return '';
  const words = missing.map((m) => (m === 'replied' ? 'replies' : 'clicks')).join(' and ');
  return ` ${words[0].toUpperCase()}${words.slice(1)} are not measured on ${CHANNEL_PLURAL[channel].toLowerCase()}: left out.`;
}

/** Where people fall off between the text and the sale: sent → delivered → clicked → replied → converted. */
export function FunnelSection({ channel = null }: { channel?: ChannelChoice }) {
  const [period, setPeriod] = useState<PeriodId>('30');
  const [campaignId, setCampaignId] = useState<number | null>(null);
  const campaigns = useQuery(() => api.campaigns.list({ includeArchived: true }), [], ['campaigns']);
  const input = useMemo(
    () => ({
      ...(campaignId !== null ? { campaignId } : {}),
      ...(campaignId !== null && period === 'all' ? {} : range(period, new Date())),
      ...(channel ? { channel } : {}),
    }),
    [campaignId, period, channel],
  );
  const q = useQuery(() => api.engagement.funnel(input), [input], ['campaigns', 'inbox']);
  const f = q.data;
  const sent = (campaigns.data ?? []).filter((c) => c.status !== 'draft');
  return (
    <ChartFrame
      className="an-funnel"
      title={channel ? `Funnel — ${CHANNEL_PLURAL[channel]}` : 'Funnel'}
      table={{
        columns: ['Step', 'Recipients', 'Share', 'Drop-off'],
        rows: (f?.steps ?? []).map((s, i) => {
          const d = i === 0 ? null : f!.dropOff[i - 1];
          return [
            s.label,
            s.count.toLocaleString(),
            d ? `${formatPercent(s.ofPrevious)} of ${d.of}` : '—',
            d ? formatPercent(d.dropOff) : '—',
          ];
        }),
      }}
      actions={
        <div className="an-section-controls">
          <Select aria-label="Funnel period" value={period} onChange={(e) => setPeriod(e.target.value as PeriodId)}>
            {PERIODS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </Select>
          <Select
            aria-label="Funnel campaign"
            value={campaignId ?? ''}
            onChange={(e) => setCampaignId(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">All campaigns</option>
            {sent.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </div>
      }
      note={`Clicked, replied and converted are shares of the messages delivered; delivered is a share of those sent. Drop-off is what is lost at each step. Replies, clicks and sales count on the day they happened.${notMeasuredNote(channel)}`}
    >
      {!f ? (
        q.error ? (
          <ErrorBanner message={q.error} />
        ) : (
          <Loading />
        )
      ) : (
        <>
          <FunnelChart
            steps={f.steps.map((s, i) => ({
              key: s.step,
              label: s.label,
              count: s.count,
              ofPrevious: s.ofPrevious,
              ofWhat: i === 0 ? null : f.dropOff[i - 1].of,
            }))}
            ariaLabel={`Funnel${f.campaignName ? ` of ${f.campaignName}` : ''}: ${f.steps.map((s) => `${s.label} ${s.count}`).join(', ')}`}
          />
          <ul className="an-dropoffs" aria-label="Drop-off at each step">
            {f.dropOff.map((d) => (
              <li key={d.step}>
                {f.steps.find((s) => s.step === d.step)?.label}: <strong>{formatPercent(d.dropOff)}</strong> drop-off
                from {d.of}
              </li>
            ))}
          </ul>
        </>
      )}
    </ChartFrame>
  );
}
