import { resolve } from 'node:path';
import { defineCommand, UsageError, type Command } from '../framework';
import { lastCompletePeriod, summaryFromAnalytics, writeReport } from '../../reports';

const USAGE = 'reports run --out DIR [--period week|month]';

export const reportCommands: Command[] = [
  defineCommand({
    name: 'reports run',
    usage: USAGE,
    summary:
      'Write the report (PDF and CSV) for the last complete week (default) or month into DIR; prints the two paths.',
    options: { out: { type: 'string' }, period: { type: 'string' } },
    async run(ctx, { values }) {
      if (typeof values.out !== 'string' || !values.out.trim())
        throw new UsageError(`--out is required: the folder to write the report to. Usage: ${USAGE}`);
      const period = values.period ?? 'week';
      if (period !== 'week' && period !== 'month')
        throw new UsageError(`--period must be week or month, got "${String(period)}". Usage: ${USAGE}`);
      const app = await ctx.app();
      const files = await writeReport(
        app,
        summaryFromAnalytics(app),
        lastCompletePeriod(period, app.now()),
        resolve(values.out),
      );
      return { json: files, text: `${files.pdf}\n${files.csv}` };
    },
  }),
];
