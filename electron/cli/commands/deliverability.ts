import { callLoose, defineCommand, UsageError, type Command } from '../framework';

const USAGE = 'email check-domain <domain> [--dkim-selector s]';

export const deliverabilityCommands: Command[] = [
  defineCommand({
    name: 'email check-domain',
    usage: USAGE,
    summary:
      'Looks up the sending domain’s SPF, DKIM (at the selector named, or the deliverability.dkimSelector setting) and DMARC records and says what is missing.',
    options: { 'dkim-selector': { type: 'string' } },
    args: { min: 1, max: 1 },
    async run(ctx, { values, positionals }) {
      const domain = positionals[0] ?? '';
      const selector = values['dkim-selector'];
      if (selector !== undefined && (typeof selector !== 'string' || selector.trim() === ''))
        throw new UsageError(`--dkim-selector needs a selector name. Usage: ${USAGE}`);
      const app = await ctx.app();
      const check = await callLoose(app, 'deliverability:checkDomain', {
        domain,
        ...(typeof selector === 'string' ? { dkimSelector: selector } : {}),
      });
      const line = (label: string, record: string | null) => `${label.padEnd(6)} ${record ?? '(none)'}`;
      const text = [
        line('SPF', check.spf),
        line('DKIM', check.dkim),
        line('DMARC', check.dmarc),
        '',
        ...(check.problems.length === 0
          ? [`${domain} is set up for delivery: SPF, DKIM and DMARC are in place.`]
          : check.problems.map((p) => `- ${p}`)),
      ].join('\n');
      return {
        json: { spf: check.spf, dkim: check.dkim, dmarc: check.dmarc, problems: check.problems },
        text,
      };
    },
  }),
];
