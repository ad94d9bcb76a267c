import { COMPARE_METRICS } from '../../../shared/analytics/insights/compare';
import { WEEKDAY_NAMES, hourLabel, weekdayHourLabel } from '../../../shared/analytics/insights/best-time';
import type { TargetSummary } from '../../../shared/analytics/insights/predictions';
import { call, callLoose, defineCommand, UsageError, type Command } from '../framework';

const pct = (r: number | null) => (r === null ? '–' : `${(r * 100).toFixed(1)} %`);
const modelJson = (t: TargetSummary | null) => ({
  auc: t?.auc ?? null,
  baseRate: t?.baseRate ?? null,
  usable: t?.usable ?? false,
});

/** Issue 14, points 4–6: best time to send, segment comparison, predictions. */
export const insightCommands: Command[] = [
  defineCommand({
    name: 'analytics best-time',
    usage: 'analytics best-time',
    summary:
      "Reply rates by the recipient's local weekday and hour, and the best time to send when the data supports one.",
    async run(ctx) {
      const r = await call(await ctx.app(), 'insights:bestTime', {});
      const json = {
        cells: r.cells.map((c) => ({
          weekday: c.weekday,
          hour: c.hour,
          delivered: c.delivered,
          replied: c.replied,
          rate: c.rate,
        })),
        recommendation: r.recommendation,
        reason: r.reason,
      };
      const busy = r.cells.filter((c) => c.delivered > 0).sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0));
      const text = [
        r.recommendation
          ? `Best time to send: ${weekdayHourLabel(r.recommendation)} (recipient's local time).`
          : 'No recommendation yet.',
        r.reason,
        ...busy
          .slice(0, 10)
          .map(
            (c) =>
              `  ${WEEKDAY_NAMES[c.weekday].slice(0, 3)} ${hourLabel(c.hour).padStart(5)}\t${c.delivered} delivered\t${c.replied} replied\t${pct(c.rate)} (${pct(c.low)}–${pct(c.high)})`,
          ),
      ].join('\n');
      return { json, text };
    },
  }),
  defineCommand({
    name: 'analytics compare',
    usage: 'analytics compare (--tag T | --segment S)... [--metric replied|clicked|converted|optedOut]',
    summary:
      'Two to five tags or saved segments side by side on a rate, with a chi-square test (Holm for the leader) and a verdict.',
    options: {
      tag: { type: 'string', multiple: true },
      segment: { type: 'string', multiple: true },
      metric: { type: 'string' },
    },
    async run(ctx, { values }) {
      const metric = (values.metric as string | undefined) ?? 'replied';
      if (!(COMPARE_METRICS as readonly string[]).includes(metric))
        throw new UsageError(`--metric must be one of ${COMPARE_METRICS.join(', ')}, got "${metric}"`);
      const groups = [
        ...((values.tag as string[] | undefined) ?? []).map((tag) => ({ tag })),
        ...((values.segment as string[] | undefined) ?? []).map((segment) => ({ segment })),
      ];
      if (groups.length < 2 || groups.length > 5)
        throw new UsageError(`give two to five --tag or --segment options (got ${groups.length})`);
      const r = await callLoose(await ctx.app(), 'insights:compare', { groups, metric });
      const json = {
        groups: r.groups.map((g) => ({ name: g.name, delivered: g.delivered, successes: g.successes, rate: g.rate })),
        test: r.test,
        verdict: r.verdict,
      };
      const text = [
        ...r.groups.map((g) => `${g.name}\t${g.delivered} delivered\t${g.successes} ${metric}\t${pct(g.rate)}`),
        r.test.statistic === null
          ? 'No test yet.'
          : `Chi-square ${r.test.statistic.toFixed(3)}, ${r.test.dof} degrees of freedom, p = ${r.test.pValue?.toPrecision(3)}`,
        r.verdict,
      ].join('\n');
      return { json, text };
    },
  }),
  defineCommand({
    name: 'analytics predict',
    usage: 'analytics predict',
    summary:
      'Train the reply and opt-out models on your history (off the main thread), score every contact, and say whether each beats the base rate.',
    async run(ctx) {
      const r = await call(await ctx.app(), 'insights:train', {});
      const json = { reply: modelJson(r.reply), optOut: modelJson(r.optOut) };
      const line = (name: string, t: TargetSummary | null) =>
        `${name}: ${t?.usable ? 'usable' : 'not usable'} — holdout AUC ${t?.auc?.toFixed(3) ?? '–'}, base rate ${pct(t?.baseRate ?? null)}. ${t?.reason ?? ''}`;
      return {
        json,
        text: [
          line('Reply', r.reply),
          line('Opt-out', r.optOut),
          `${r.highRisk} contacts rated high opt-out risk.`,
        ].join('\n'),
      };
    },
  }),
];
