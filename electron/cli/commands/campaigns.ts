import type { CampaignStatusView } from '../../../shared/ipc/channels/campaigns';
import { call, callLoose, defineCommand, UsageError, type Command } from '../framework';
import { abCreateOptions, abCreateUsage, abDraftFromOptions } from './ab-options';
import { audienceFromOptions, minDaysOption, positiveId, recipientLocalSchedule } from './campaign-options';
import { DateTime } from 'luxon';
import { outboxStateCounts } from '../queries';
import { dateFieldCreateOptions, dateFieldCreateUsage, dateFieldFromOptions } from './date-field-options';
import { localAt, repeatCreateOptions, repeatCreateUsage, repeatFromOptions } from './repeat-options';
import {
  channelCreateOptions,
  channelCreateUsage,
  channelsFromOptions,
  emailFromOptions,
  voiceFromOptions,
} from './channel-options';

function statusText(s: CampaignStatusView): string {
  const c = s.counts;
  return [
    `Campaign ${s.id}: ${s.status}${s.lastError ? ` (${s.lastError})` : ''}`,
    `Audience ${s.audience}: ${c.queued} queued, ${c.sending} sending, ${c.sent} sent, ${c.delivered} delivered, ${c.failed} failed, ${c.unknown} unknown, ${c.skipped} skipped`,
  ].join('\n');
}

export const campaignCommands: Command[] = [
  defineCommand({
    name: 'campaigns create',
    usage: `campaigns create --name N (--template ID | --body B | --variant TEXT...) [--tag T]... [--segment S] [--min-days N] [--provider sandbox|quo|twilio] [--at ISO [--local-time]] ${channelCreateUsage} ${abCreateUsage} ${repeatCreateUsage} ${dateFieldCreateUsage}`,
    summary:
      'Create a draft campaign, a multi-channel one with --channel and --fallback (e.g. a text, else an e-mail), an A/B campaign with --variant, a recurring one with --repeat, or a birthday/anniversary series with --date-field (prints its id).',
    options: {
      name: { type: 'string' },
      template: { type: 'string' },
      body: { type: 'string' },
      tag: { type: 'string', multiple: true },
      segment: { type: 'string' },
      provider: { type: 'string' },
      at: { type: 'string' },
      'local-time': { type: 'boolean' },
      'min-days': { type: 'string' },
      from: { type: 'string' },
      ...abCreateOptions,
      ...repeatCreateOptions,
      ...dateFieldCreateOptions,
      ...channelCreateOptions,
    },
    async run(ctx, { values }) {
      if (!values.name) throw new UsageError('--name is required');
      const channels = channelsFromOptions(values);
      const texts = !channels.channels || channels.channels.includes('sms');
      if (values.variant && (values.template || values.body))
        throw new UsageError('an A/B campaign takes its messages from --variant; leave out --template and --body');
      if (texts && !values.template && !values.body && !values.variant)
        throw new UsageError('give --template <id>, --body <text>, or two to five --variant <text>');
      const email = emailFromOptions(values, values.body as string | undefined);
      if (values.template && values.body) throw new UsageError('give --template or --body, not both');
      const abDraft = abDraftFromOptions(values);
      minDaysOption(values['min-days']); // a usage error before the database is opened
      // With --date-field, --local-time means each recipient's own zone for the date-field send (date-field-options.ts).
      const localSchedule = values['local-time'] && !values['date-field'] ? recipientLocalSchedule(values.at) : null;
      const app = await ctx.app();
      // --at without an offset is a local time in the business's zone (and the first occurrence of a repeat).
      const zone = app.settings.get('business.timezone');
      const dateField = dateFieldFromOptions(values, DateTime.fromJSDate(app.now(), { zone }).toISODate() ?? '');
      const at = values.at ? localAt(values.at as string, zone) : null;
      const repeat = repeatFromOptions(values, zone);
      const draft = {
        name: values.name,
        ...(values.template
          ? { templateId: positiveId(values.template as string, 'template id') }
          : values.body && texts
            ? { body: values.body }
            : {}),
        ...channels,
        ...email,
        ...voiceFromOptions(values),
        ...abDraft,
        audience: audienceFromOptions(app, values),
        ...(values.provider ? { provider: values.provider } : {}),
        ...(values.from ? { fromNumber: values.from } : {}),
        schedule: localSchedule ?? (at && !repeat.repeat ? { mode: 'at', at: at.toUTC().toISO() } : { mode: 'now' }),
        ...repeat,
        ...dateField,
      };
      const series = repeat.repeat
        ? 'recurring '
        : dateField.dateField
          ? `${dateField.dateField.fieldKey} date-field `
          : '';
      const c = await callLoose(app, 'campaigns:create', draft);
      return {
        json: { id: c.id },
        text: `Created ${series}campaign ${c.id} (${c.name}), a draft. ${series ? 'Start the series' : 'Launch it'} with: campaigns launch ${c.id}`,
      };
    },
  }),
  defineCommand({
    name: 'campaigns list',
    usage: 'campaigns list [--archived]',
    summary: 'Campaigns with their status and counts.',
    options: { archived: { type: 'boolean' } },
    async run(ctx, { values }) {
      const rows = await call(await ctx.app(), 'campaigns:list', { includeArchived: !!values.archived });
      return {
        json: rows,
        text: rows.length
          ? rows.map((r) => `${r.id}\t${r.status}\t${r.total} messages\t${r.name}`).join('\n')
          : 'No campaigns.',
      };
    },
  }),
  defineCommand({
    name: 'campaigns launch',
    usage: 'campaigns launch <id> [--confirm-late] [--acknowledge "reason"] [--confirm-count N]',
    summary:
      'Snapshot the audience into the outbox and start sending (or schedule it). A blocking compliance finding needs --acknowledge with a reason; over 1,000 recipients, --confirm-count with the exact audience.',
    args: { min: 1, max: 1 },
    options: {
      'confirm-late': { type: 'boolean' },
      acknowledge: { type: 'string' },
      'confirm-count': { type: 'string' },
    },
    async run(ctx, { positionals: [id], values }) {
      const count =
        values['confirm-count'] === undefined ? undefined : String(values['confirm-count']).replace(/[,_\s]/g, '');
      if (count !== undefined && !/^\d+$/.test(count))
        throw new UsageError(
          `--confirm-count must be the number of people the campaign goes to, got "${String(values['confirm-count'])}"`,
        );
      if (values.acknowledge !== undefined && !String(values.acknowledge).trim())
        throw new UsageError('--acknowledge needs a reason, e.g. --acknowledge "opt-out line is in the follow-up"');
      const s = await call(await ctx.app(), 'campaigns:launch', {
        id: positiveId(id),
        confirmLate: !!values['confirm-late'],
        ...(values.acknowledge !== undefined ? { acknowledge: String(values.acknowledge) } : {}),
        ...(count !== undefined ? { confirmCount: Number(count) } : {}),
      });
      return {
        json: s,
        text: `${statusText(s)}\n${s.status === 'sending' ? 'Messages are queued; they go out while the app is open, or run: campaigns run --until-idle' : ''}`.trim(),
      };
    },
  }),
  ...(['pause', 'resume', 'cancel'] as const).map((verb) =>
    defineCommand({
      name: `campaigns ${verb}`,
      usage: `campaigns ${verb} <id>`,
      summary: `${verb[0].toUpperCase()}${verb.slice(1)} a campaign.`,
      args: { min: 1, max: 1 },
      async run(ctx, { positionals: [id] }) {
        const s = await call(await ctx.app(), `campaigns:${verb}`, { id: positiveId(id) });
        return { json: s, text: statusText(s) };
      },
    }),
  ),
  defineCommand({
    name: 'campaigns status',
    usage: 'campaigns status <id>',
    summary: 'Status, audience and counts by state.',
    args: { min: 1, max: 1 },
    async run(ctx, { positionals: [id] }) {
      const s = await call(await ctx.app(), 'campaigns:status', { id: positiveId(id) });
      return {
        json: {
          status: s.status,
          audience: s.audience,
          counts: s.counts,
          lastError: s.lastError,
          scheduledAt: s.scheduledAt,
        },
        text: statusText(s),
      };
    },
  }),
  defineCommand({
    name: 'campaigns run',
    usage: 'campaigns run [--until-idle]',
    summary: 'Run the send queue headless (Ctrl+C to stop); --until-idle returns when nothing more can be sent now.',
    options: { 'until-idle': { type: 'boolean' } },
    async run(ctx, { values }) {
      const app = await ctx.app();
      // Elapsed time, not a business time (the app's clock may be fixed in tests): a monotonic timer.
      const before = performance.now();
      if (values['until-idle']) {
        // Receipts from the Sandbox arrive after its delay; let the event path run while we send.
        app.startJobs(250, { dispatch: false });
        await app.dispatcher.runUntilIdle();
      } else {
        app.startJobs();
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
      }
      app.tick();
      const counts = outboxStateCounts(app.db);
      const byState = Object.fromEntries(counts.map((c) => [c.state, c.n]));
      return {
        json: { ms: Math.round(performance.now() - before), outbox: byState },
        text: `Outbox: ${counts.map((c) => `${c.n} ${c.state}`).join(', ') || 'empty'}`,
      };
    },
  }),
];
