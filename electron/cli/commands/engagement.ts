import { BAND_LABEL, ENGAGEMENT_BANDS, parseBand, type EngagementBand } from '../../../shared/analytics/engagement';
import { call, defineCommand, UsageError, type Command } from '../framework';

const pct = (r: number | null) => (r === null ? '–' : `${Math.round(r * 100)}%`);
const BAND_WORDS = ENGAGEMENT_BANDS.map((b) => BAND_LABEL[b].toLowerCase().replace(' ', '-')).join(', ');

/** `--band` of `contacts list` and `segments create|update`: a band by key or words ("at-risk", "atRisk"). */
export function bandOption(value: unknown): EngagementBand | undefined {
  if (value === undefined) return undefined;
  const band = parseBand(String(value));
  if (!band) throw new UsageError(`--band must be one of ${BAND_WORDS}, got "${String(value)}"`);
  return band;
}

function isoOption(values: Record<string, unknown>, k: 'from' | 'to'): string | undefined {
  const v = values[k];
  if (v === undefined) return undefined;
  if (Number.isNaN(Date.parse(String(v))))
    throw new UsageError(`--${k} must be an ISO date such as 2026-11-01, got "${String(v)}"`);
  return String(v);
}

export const engagementCommands: Command[] = [
  defineCommand({
    name: 'analytics engagement',
    usage: 'analytics engagement',
    summary:
      'How many contacts are Champions, Engaged, Quiet, At risk, Lost or New (engagement score bands; they add up to all contacts).',
    async run(ctx) {
      const r = await call(await ctx.app(), 'engagement:bands', {});
      const b = r.bands;
      const json = {
        bands: {
          champions: b.champions,
          engaged: b.engaged,
          quiet: b.quiet,
          atRisk: b.atRisk,
          lost: b.lost,
          new: b.new,
        },
        total: r.total,
      };
      const text = [
        ...ENGAGEMENT_BANDS.map(
          (k) => `${BAND_LABEL[k].padEnd(10)}${String(b[k]).padStart(10)}  ${pct(r.total ? b[k] / r.total : null)}`,
        ),
        `${'Total'.padEnd(10)}${String(r.total).padStart(10)}`,
      ].join('\n');
      return { json, text };
    },
  }),
  defineCommand({
    name: 'analytics cohorts',
    usage: 'analytics cohorts [--months N]',
    summary:
      'Contacts by month joined: per month since, the share still subscribed and the share that replied, clicked or bought.',
    options: { months: { type: 'string' } },
    async run(ctx, { values }) {
      const months = values.months === undefined ? 12 : Number(values.months);
      if (!Number.isInteger(months) || months < 1 || months > 60)
        throw new UsageError(`--months must be a whole number from 1 to 60, got "${String(values.months)}"`);
      const r = await call(await ctx.app(), 'engagement:cohorts', { months });
      const json = {
        cohorts: r.cohorts.map((c) => ({ month: c.month, size: c.size, subscribed: c.subscribed, engaged: c.engaged })),
      };
      const text = [
        'Month    Size  subscribed / engaged by month since joining',
        ...r.cohorts.map(
          (c) =>
            `${c.month}  ${String(c.size).padStart(5)}  ${c.subscribed.map((s, k) => `${pct(s)}/${pct(c.engaged[k])}`).join('  ')}`,
        ),
      ].join('\n');
      return { json, text };
    },
  }),
  defineCommand({
    name: 'analytics funnel',
    usage: 'analytics funnel [--campaign ID] [--from ISO] [--to ISO]',
    summary:
      'Sent → delivered → clicked → replied → converted with drop-off, for a period (default last 30 days) or one campaign.',
    options: { campaign: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
    async run(ctx, { values }) {
      const campaign = values.campaign === undefined ? undefined : String(values.campaign);
      if (campaign !== undefined && (!/^\d+$/.test(campaign) || Number(campaign) < 1))
        throw new UsageError(`--campaign must be a campaign id (a positive number), got "${campaign}"`);
      const from = isoOption(values, 'from');
      const to = isoOption(values, 'to');
      const r = await call(await ctx.app(), 'engagement:funnel', {
        ...(campaign ? { campaignId: Number(campaign) } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      });
      const json = {
        sent: r.sent,
        delivered: r.delivered,
        clicked: r.clicked,
        replied: r.replied,
        converted: r.converted,
      };
      const what = r.campaignName ? `Campaign ${r.campaignId}: ${r.campaignName}` : 'All campaigns';
      const when = r.from ? `${r.from} to ${r.to} (end excluded)` : 'all time';
      const text = [
        `${what}, ${when}`,
        ...r.steps.map(
          (s, i) =>
            `${s.label.padEnd(10)}${String(s.count).padStart(10)}${i === 0 ? '' : `  ${pct(s.ofPrevious)} of ${r.dropOff[i - 1].of}, ${pct(r.dropOff[i - 1].dropOff)} drop-off`}`,
        ),
      ].join('\n');
      return { json, text };
    },
  }),
];
