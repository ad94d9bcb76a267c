import { writePrivateFile } from '../../security/private-files';
import { formatPValue } from '../../../shared/abtests/wording';
import type { AbReport } from '../../../shared/ipc/channels/abtests';
import { call, defineCommand, UsageError, type Command } from '../framework';
import { variantLabel } from '../../abtests';

const positiveId = (text: string): number => {
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new UsageError(`campaign id must be a positive number, got "${text}"`);
  return Number(text);
};

/** The same words the verdict uses for its test, so a test not computed yet still says which one it will be. */
const chiSquareMethod = (variants: number) =>
  `chi-square test of independence (2×${variants}, no continuity correction)`;

/** `ab report --json`: the documented shape, for scripts. */
export function reportJson(r: AbReport) {
  const test = r.verdict.test;
  return {
    metric: r.metric,
    variants: r.variants.map((v) => ({
      name: v.name,
      ratio: v.ratio,
      sent: v.sent,
      delivered: v.delivered,
      clicked: v.clicked,
      replied: v.replied,
      optedOut: v.optedOut,
      converted: v.converted,
      rate: v.rate,
    })),
    test: test
      ? { statistic: test.statistic, dof: test.dof, pValue: test.pValue, method: test.method }
      : { statistic: null, dof: r.variants.length - 1, pValue: null, method: chiSquareMethod(r.variants.length) },
    winner: r.verdict.winner === null ? null : r.variants[r.verdict.winner].name,
    decided: r.verdict.decided,
  };
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

function reportText(r: AbReport): string {
  const head = [
    'Variant',
    'Split',
    'Sent',
    'Delivered',
    'Failed',
    'Clicked',
    'Replied',
    'Opted out',
    'Converted',
    `Rate (${Math.round(r.confidence * 100)}% interval)`,
  ];
  const rows = r.variants.map((v) =>
    [
      v.label,
      `${v.ratio}%`,
      v.sent,
      v.delivered,
      v.failed,
      v.clicked,
      v.replied,
      v.optedOut,
      v.converted,
      v.rate === null ? '—' : `${pct(v.rate)} (${pct(v.interval!.low)}–${pct(v.interval!.high)})`,
    ].map(String),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const test = r.verdict.test;
  return [
    `A/B test "${r.campaign.name}" (campaign ${r.campaign.id}, ${r.campaign.status}): ${r.metricNoun} per ${r.basis} message`,
    '',
    line(head),
    ...rows.map(line),
    '',
    `Verdict: ${r.verdict.sentence}`,
    `Recommendation: ${r.verdict.recommendation}`,
    test
      ? `Test: ${test.method}, χ² = ${test.statistic.toFixed(2)}, ${test.dof} degree${test.dof === 1 ? '' : 's'} of freedom, ${formatPValue(test.pValue)}`
      : 'Test: not computed yet (a variant has no measured messages).',
    `Peeking guard: ${r.verdict.guard.description}`,
    r.settledNote,
    ...(r.basisNote ? [r.basisNote] : []),
    `Rest of the audience: ${r.winner.note}`,
    r.openedNote,
  ].join('\n');
}

/** "B", "b", "2" or a variant's full name → its index. */
function variantIndex(r: AbReport, text: string): number {
  const wanted = text.trim().toLowerCase();
  const found = r.variants.find(
    (v) => v.name.toLowerCase() === wanted || v.label.toLowerCase() === wanted || String(v.index + 1) === wanted,
  );
  if (!found) throw new UsageError(`no variant "${text}"; this test has ${r.variants.map((v) => v.name).join(', ')}`);
  return found.index;
}

export const abTestCommands: Command[] = [
  defineCommand({
    name: 'ab report',
    usage: 'ab report <campaign-id>',
    summary: 'The A/B report: counts and rates per variant, the test, the verdict and what to do next.',
    args: { min: 1, max: 1 },
    async run(ctx, { positionals: [id] }) {
      const r = await call(await ctx.app(), 'abtests:report', { id: positiveId(id) });
      return { json: reportJson(r), text: reportText(r) };
    },
  }),
  defineCommand({
    name: 'ab send-winner',
    usage: 'ab send-winner <campaign-id> [--variant NAME]',
    summary:
      'Send the winning variant to the held-back rest of the audience (or the --variant you choose when there is no winner).',
    args: { min: 1, max: 1 },
    options: { variant: { type: 'string' } },
    async run(ctx, { positionals: [id], values }) {
      const app = await ctx.app();
      let variant: number | undefined;
      if (values.variant !== undefined)
        variant = variantIndex(await call(app, 'abtests:report', { id: positiveId(id) }), String(values.variant));
      const r = await call(app, 'abtests:sendWinner', {
        id: positiveId(id),
        ...(variant !== undefined ? { variant } : {}),
      });
      const text =
        r.alreadySent && r.released === 0
          ? `${variantLabel(r.variantName)} was already sent to the rest of the audience (${r.sentAt}); nothing more to do.`
          : `${variantLabel(r.variantName)} queued for ${r.released} held-back contact${r.released === 1 ? '' : 's'}${r.skipped ? ` (${r.skipped} skipped: opted out or deleted)` : ''}. They go out while the app runs, or with: campaigns run --until-idle`;
      return { json: r, text };
    },
  }),
  defineCommand({
    name: 'ab export',
    usage: 'ab export <campaign-id> <file.csv>',
    summary: 'Write the A/B report as CSV (one row per variant).',
    args: { min: 2, max: 2 },
    async run(ctx, { positionals: [id, file] }) {
      const { csv } = await call(await ctx.app(), 'abtests:exportCsv', { id: positiveId(id) });
      writePrivateFile(file, csv);
      const rows = csv.trim().split('\r\n').length - 1;
      return { json: { file, rows }, text: `Wrote ${rows} variant rows to ${file}.` };
    },
  }),
];
