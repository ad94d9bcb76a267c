import { DateTime } from 'luxon';
import { call, callLoose, defineCommand, UsageError, type Command } from '../framework';

const positive = (text: string, what: string, min = 1): number => {
  if (!/^\d+$/.test(text) || Number(text) < min)
    throw new UsageError(`${what} must be a whole number${min ? `, ${min} or more` : ''}, got "${text}"`);
  return Number(text);
};

/** --from / --to: an ISO date (start of that day) or date-time, local to the business zone without an offset. */
function instant(text: string, zone: string, what: string): DateTime {
  const at = /(Z|[+-]\d{2}:?\d{2})$/i.test(text)
    ? DateTime.fromISO(text, { setZone: true })
    : DateTime.fromISO(text, { zone });
  if (!at.isValid) throw new UsageError(`${what} must be an ISO date or date-time such as 2026-12-01, got "${text}"`);
  return at;
}

export const seriesCommands: Command[] = [
  defineCommand({
    name: 'campaigns occurrences',
    usage: 'campaigns occurrences <id> [--count N]',
    summary:
      "A recurring campaign's past runs (and missed or skipped ones) and its next N planned occurrences (default 10).",
    args: { min: 1, max: 1 },
    options: { count: { type: 'string' } },
    async run(ctx, { positionals: [id], values }) {
      const r = await call(await ctx.app(), 'series:occurrences', {
        id: positive(id, 'campaign id'),
        count: values.count === undefined ? 10 : positive(values.count as string, '--count', 0),
      });
      const occurrences = r.occurrences.map((o) => ({ at: o.at, status: o.status }));
      return {
        json: { occurrences },
        text: r.occurrences.length
          ? r.occurrences
              .map(
                (o) =>
                  `${o.at}\t${o.status}${o.campaignId ? `\tcampaign ${o.campaignId}` : ''}${o.reason ? `\t${o.reason}` : ''}`,
              )
              .join('\n')
          : 'No occurrences.',
      };
    },
  }),
  defineCommand({
    name: 'calendar',
    usage: 'calendar [--from ISO] [--to ISO]',
    summary:
      'Scheduled, recurring (expanded), birthday and sent campaigns between two dates (default: today and the next 30 days).',
    options: { from: { type: 'string' }, to: { type: 'string' } },
    async run(ctx, { values }) {
      const app = await ctx.app();
      const zone = app.settings.get('business.timezone');
      const from = values.from
        ? instant(values.from as string, zone, '--from')
        : DateTime.fromJSDate(app.now(), { zone }).startOf('day');
      const to = values.to ? instant(values.to as string, zone, '--to') : from.plus({ days: 30 });
      if (to <= from) throw new UsageError(`--to (${to.toISO()}) must be after --from (${from.toISO()})`);
      const r = await callLoose(app, 'calendar:entries', { from: from.toUTC().toISO(), to: to.toUTC().toISO() });
      const entries = r.entries.map((e) => ({
        campaignId: e.campaignId,
        name: e.name,
        at: e.at,
        kind: e.kind,
        status: e.status,
      }));
      return {
        json: { entries },
        text: entries.length
          ? entries.map((e) => `${e.at}\t${e.kind}\t${e.status}\t${e.campaignId}\t${e.name}`).join('\n')
          : 'Nothing on the calendar.',
      };
    },
  }),
];
