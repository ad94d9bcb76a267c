import type { CampaignDraftInput } from '../../../shared/campaigns';
import type { CampaignDetail } from '../../../shared/ipc/channels/campaigns';
import { call, defineCommand, UsageError, type Command } from '../framework';
import { audienceFromOptions, audienceOptions, positiveId, recipientLocalSchedule } from './campaign-options';

/** A saved campaign as the draft `campaigns:update` takes: what it has, nothing it does not. */
function draftOf(c: CampaignDetail): CampaignDraftInput {
  return {
    name: c.name,
    ...(c.templateId !== null
      ? { templateId: c.templateId }
      : c.ab || !c.channels.includes('sms')
        ? {}
        : { body: c.body ?? '' }),
    audience: c.audience,
    provider: c.provider,
    ...(c.fromNumber ? { fromNumber: c.fromNumber } : {}),
    schedule: c.schedule,
    ...(c.quietHours ? { quietHours: c.quietHours } : {}),
    ...(c.notes ? { notes: c.notes } : {}),
    ...(c.ab ? { ab: c.ab } : {}),
    ...(c.trackLinks !== null ? { trackLinks: c.trackLinks } : {}),
    ...(c.channels.join() !== 'sms' ? { channels: c.channels } : {}),
    ...(c.everyChannel ? { everyChannel: true } : {}),
    ...(c.email ? { email: c.email } : {}),
    ...(c.voice ? { voice: c.voice } : {}),
  };
}

const EDIT_OPTIONS = [
  'name',
  'body',
  'template',
  'tag',
  'segment',
  'min-days',
  'all',
  'at',
  'now',
  'local-time',
  'provider',
] as const;

export const campaignActionCommands: Command[] = [
  defineCommand({
    name: 'campaigns test',
    usage: 'campaigns test <id> [--contact PHONE]',
    summary:
      "Text the campaign's message to your own number(s) (setting business.testPhones), rendered for a contact; marked as a test, never counted.",
    args: { min: 1, max: 1 },
    options: { contact: { type: 'string' } },
    async run(ctx, { positionals: [id], values }) {
      const r = await call(await ctx.app(), 'campaigns:sendTest', {
        id: positiveId(id),
        ...(values.contact ? { contactPhone: String(values.contact) } : {}),
      });
      const who = r.renderedFor ? `${r.renderedFor.label} (${r.renderedFor.phone})` : 'a sample contact';
      const lines = r.messages.map((m) => `  → ${m.toPhone}${m.variant ? ` [variant ${m.variant}]` : ''}: ${m.body}`);
      return {
        json: r,
        text: [
          `Queued ${r.messages.length} test message(s), rendered for ${who}. They go out while the app runs, or run: campaigns run --until-idle`,
          ...lines,
        ].join('\n'),
      };
    },
  }),
  defineCommand({
    name: 'campaigns duplicate',
    usage: 'campaigns duplicate <id>',
    summary: 'Copy a campaign into a new draft (prints its id).',
    args: { min: 1, max: 1 },
    async run(ctx, { positionals: [id] }) {
      const c = await call(await ctx.app(), 'campaigns:duplicate', { id: positiveId(id) });
      return { json: { id: c.id }, text: `Created draft ${c.id} (${c.name}).` };
    },
  }),
  ...(['archive', 'unarchive'] as const).map((verb) =>
    defineCommand({
      name: `campaigns ${verb}`,
      usage: `campaigns ${verb} <id>`,
      summary:
        verb === 'archive'
          ? 'Hide a finished campaign from the list (campaigns list --archived shows it).'
          : 'Bring an archived campaign back to the list.',
      args: { min: 1, max: 1 },
      async run(ctx, { positionals: [id] }) {
        const c = await call(await ctx.app(), 'campaigns:archive', {
          id: positiveId(id),
          archived: verb === 'archive',
        });
        return {
          json: { id: c.id, archived: c.archived },
          text: `Campaign ${c.id} (${c.name}) ${c.archived ? 'archived' : 'is back in the list'}.`,
        };
      },
    }),
  ),
  defineCommand({
    name: 'campaigns edit',
    usage:
      'campaigns edit <id> [--name N] [--body B | --template ID] [--tag T]... [--segment S] [--min-days N] [--all] [--at ISO [--local-time] | --now] [--provider P]',
    summary:
      'Change a draft (or a scheduled campaign, which goes back to draft); what is not given stays. --all clears the audience filters.',
    args: { min: 1, max: 1 },
    options: {
      name: { type: 'string' },
      body: { type: 'string' },
      template: { type: 'string' },
      ...audienceOptions,
      all: { type: 'boolean' },
      at: { type: 'string' },
      now: { type: 'boolean' },
      'local-time': { type: 'boolean' },
      provider: { type: 'string' },
    },
    async run(ctx, { positionals: [idText], values }) {
      const id = positiveId(idText);
      if (!EDIT_OPTIONS.some((o) => values[o] !== undefined))
        throw new UsageError(`say what to change: ${EDIT_OPTIONS.map((o) => `--${o}`).join(', ')}`);
      if (values.body !== undefined && values.template !== undefined)
        throw new UsageError('give --body or --template, not both');
      if (values.now && values.at !== undefined) throw new UsageError('give --at or --now, not both');
      if (values.all && (values.tag || values.segment || values['min-days']))
        throw new UsageError('--all clears the audience filters; leave out --tag, --segment and --min-days');
      const app = await ctx.app();
      const current = draftOf(await call(app, 'campaigns:get', { id }));
      const audienceChange = audienceFromOptions(app, values);
      let schedule = current.schedule;
      if (values.now) schedule = { mode: 'now' };
      else if (values['local-time']) schedule = recipientLocalSchedule(values.at);
      else if (values.at !== undefined) {
        if (Number.isNaN(Date.parse(String(values.at))))
          throw new UsageError(
            `--at must be an ISO date-time such as 2026-12-01T15:00:00-05:00, got "${String(values.at)}"`,
          );
        schedule = { mode: 'at', at: new Date(String(values.at)).toISOString() };
      }
      const { body: _b, templateId: _t, ...rest } = current;
      const message =
        values.body !== undefined
          ? { body: String(values.body) }
          : values.template !== undefined
            ? { templateId: positiveId(String(values.template), 'template id') }
            : { body: current.body, templateId: current.templateId };
      const draft: CampaignDraftInput = {
        ...rest,
        ...Object.fromEntries(Object.entries(message).filter(([, v]) => v !== undefined)),
        ...(values.name !== undefined ? { name: String(values.name) } : {}),
        ...(values.provider !== undefined ? { provider: values.provider as CampaignDraftInput['provider'] } : {}),
        audience: values.all ? {} : { ...current.audience, ...audienceChange },
        schedule,
      };
      const c = await call(app, 'campaigns:update', { id, draft });
      return {
        json: { id: c.id, status: c.status },
        text: `Campaign ${c.id} (${c.name}) saved as a draft. Launch it with: campaigns launch ${c.id}`,
      };
    },
  }),
];
