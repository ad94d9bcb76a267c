import { TRIAGE_LABEL_NAMES } from '../../../shared/ai';
import type { DraftCheck } from '../../../shared/ipc/channels/ai';
import { callLoose, defineCommand, UsageError, type Command } from '../framework';

const DRAFT_USAGE = 'ai draft --brief TEXT [--variants 3] [--tone friendly|professional|playful|urgent] [--long]';

function wholeNumberOption(value: unknown, name: string, usage: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value))
    throw new UsageError(`${name} must be a whole number, got "${String(value)}". Usage: ${usage}`);
  return Number(value);
}

function draftText(d: DraftCheck, n: number): string {
  const head = `${n}. ${d.text}\n   ${d.segments} segment${d.segments === 1 ? '' : 's'}, ${d.encoding}${d.usable ? '' : ' — cannot be used until fixed'}`;
  return [head, ...d.warnings.map((w) => `   ${w.severity === 'error' ? 'error' : 'warning'}: ${w.message}`)].join(
    '\n',
  );
}

export const aiCommands: Command[] = [
  defineCommand({
    name: 'ai draft',
    usage: DRAFT_USAGE,
    summary:
      'Gemini drafts campaign messages from a one-line brief, each checked by the template validation, segment counter and compliance lint.',
    options: {
      brief: { type: 'string' },
      variants: { type: 'string' },
      tone: { type: 'string' },
      long: { type: 'boolean' },
    },
    async run(ctx, { values }) {
      if (typeof values.brief !== 'string' || !values.brief.trim())
        throw new UsageError(`--brief is required: what the message is about. Usage: ${DRAFT_USAGE}`);
      const count = wholeNumberOption(values.variants, '--variants', DRAFT_USAGE);
      const app = await ctx.app();
      const { drafts } = await callLoose(app, 'ai:draft', {
        brief: values.brief,
        ...(count !== undefined ? { count } : {}),
        ...(typeof values.tone === 'string' ? { tone: values.tone } : {}),
        fitsOneSegment: values.long !== true,
      });
      return {
        json: {
          drafts: drafts.map((d) => ({
            text: d.text,
            segments: d.segments,
            encoding: d.encoding,
            warnings: d.warnings,
          })),
        },
        text: drafts.map((d, i) => draftText(d, i + 1)).join('\n\n'),
      };
    },
  }),
  defineCommand({
    name: 'ai triage',
    usage: 'ai triage <inbound-id>',
    summary:
      'Gemini labels one incoming reply now (question, interested, complaint, wrong number, possible opt-out for review).',
    args: { min: 1, max: 1 },
    async run(ctx, { positionals }) {
      const inboundId = wholeNumberOption(positionals[0], 'the inbound id', 'ai triage <inbound-id>');
      const app = await ctx.app();
      const view = await callLoose(app, 'ai:triage', { inboundId });
      const text = view.label
        ? `#${view.inboundId}: ${TRIAGE_LABEL_NAMES[view.label]} (confidence ${Math.round((view.confidence ?? 0) * 100)}%)${view.flagged ? ' — flagged for you to review; nothing was changed' : ''}`
        : `#${view.inboundId}: no label — ${view.problem ?? 'unknown problem'}`;
      return { json: view, text };
    },
  }),
  defineCommand({
    name: 'ai summary',
    usage: 'ai summary <campaign-id>',
    summary: 'Gemini sums up a campaign’s results in two sentences (only its totals and rates are sent).',
    args: { min: 1, max: 1 },
    async run(ctx, { positionals }) {
      const campaignId = wholeNumberOption(positionals[0], 'the campaign id', 'ai summary <campaign-id>');
      const app = await ctx.app();
      const result = await callLoose(app, 'ai:summary', { campaignId });
      return { json: result, text: result.summary };
    },
  }),
];
