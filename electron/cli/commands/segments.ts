import type { AudienceFilterInput } from '../../../shared/audience';
import { call, defineCommand, UsageError, type Command } from '../framework';
import { minDaysOption, positiveId, segmentId } from './campaign-options';
import { bandOption } from './engagement';
import { channelOption } from './contacts-channels';

/**
 * The filters the Contacts page saves as a segment (search, tag, status, engagement band, leaving out high opt-out
 * risk, the channel that can reach them) plus days since last texted.
 */
const filterOptions = {
  tag: { type: 'string', multiple: true },
  'min-days': { type: 'string' },
  search: { type: 'string' },
  status: { type: 'string' },
  band: { type: 'string' },
  'exclude-high-optout-risk': { type: 'boolean' },
  'reachable-by': { type: 'string' },
} as const;
const FILTER_USAGE =
  '[--tag T]... [--min-days N] [--search TEXT] [--status textable|not-textable|opted-out] [--band champions|engaged|quiet|at-risk|lost|new] [--exclude-high-optout-risk] [--reachable-by sms|email|voice]';
const STATUS: Record<string, Pick<AudienceFilterInput, 'optedOut' | 'textable'>> = {
  textable: { optedOut: false, textable: true },
  'not-textable': { textable: false },
  'opted-out': { optedOut: true },
};

function filterFromOptions(values: Record<string, unknown>): AudienceFilterInput {
  const status = values.status === undefined ? undefined : String(values.status);
  if (status !== undefined && !STATUS[status])
    throw new UsageError(`--status must be textable, not-textable or opted-out, got "${status}"`);
  const minDays = minDaysOption(values['min-days']);
  const search = values.search === undefined ? '' : String(values.search).trim();
  const band = bandOption(values.band);
  const reachableBy = channelOption(values['reachable-by'], '--reachable-by');
  return {
    ...(reachableBy ? { reachableBy } : {}),
    ...(band ? { band } : {}),
    ...(values.tag ? { tags: values.tag as string[] } : {}),
    ...(minDays !== undefined ? { minDaysSinceContact: minDays } : {}),
    ...(search ? { search } : {}),
    ...(status ? STATUS[status] : {}),
    ...(values['exclude-high-optout-risk'] ? { optOutRisk: 'exclude-high' as const } : {}),
  };
}

const hasFilter = (values: Record<string, unknown>) => Object.keys(filterOptions).some((k) => values[k] !== undefined);

export const segmentCommands: Command[] = [
  defineCommand({
    name: 'segments create',
    usage: `segments create --name N ${FILTER_USAGE}`,
    summary: 'Save an audience filter as a segment that campaigns and A/B tests can pick (prints its id).',
    options: { name: { type: 'string' }, ...filterOptions },
    async run(ctx, { values }) {
      if (!values.name || !String(values.name).trim()) throw new UsageError('--name is required');
      const filter = filterFromOptions(values);
      const s = await call(await ctx.app(), 'segments:create', { name: String(values.name), filter });
      return { json: { id: s.id }, text: `Saved segment ${s.id} (${s.name}).` };
    },
  }),
  defineCommand({
    name: 'segments update',
    usage: `segments update <id|name> [--name N] ${FILTER_USAGE}`,
    summary: 'Rename a segment, or replace its filters with the ones given.',
    args: { min: 1, max: 1 },
    options: { name: { type: 'string' }, ...filterOptions },
    async run(ctx, { positionals: [ref], values }) {
      if (values.name === undefined && !hasFilter(values))
        throw new UsageError(`say what to change: --name, or the filters ${FILTER_USAGE}`);
      const filter = hasFilter(values) ? filterFromOptions(values) : undefined;
      const app = await ctx.app();
      const s = await call(app, 'segments:update', {
        id: segmentId(app, ref),
        ...(values.name !== undefined ? { name: String(values.name) } : {}),
        ...(filter ? { filter } : {}),
      });
      return {
        json: { id: s.id, name: s.name, filter: s.filter },
        text: `Segment ${s.id} (${s.name}) saved: ${JSON.stringify(s.filter)}`,
      };
    },
  }),
  defineCommand({
    name: 'segments delete',
    usage: 'segments delete <id>',
    summary: 'Delete a saved segment (refused while an unfinished campaign or another segment uses it).',
    args: { min: 1, max: 1 },
    async run(ctx, { positionals: [id] }) {
      const r = await call(await ctx.app(), 'segments:delete', { id: positiveId(id, 'segment id') });
      return { json: r, text: `Segment ${id} deleted.` };
    },
  }),
];
