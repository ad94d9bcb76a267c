import { resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { ContactRow } from '../../../shared/types/domain';
import { writeContactsCsv } from '../../contacts';
import { call, defineCommand, UsageError, type Command } from '../framework';
import { settleEngagement } from '../../analytics';
import { bandOption } from './engagement';
import { channelOption, countOnChannel, filterInWords, listFilterOptions } from './contacts-channels';

const n = (v: number) => v.toLocaleString('en-US');
const COUNT_USAGE =
  'contacts count [--tag T] [--reachable-by sms|email|voice] [--textable] [--channel sms|email|voice]';
const LIST_USAGE = 'contacts list [--search Q] [--tag T] [--reachable-by sms|email|voice] [--band B] [--limit N]';

function name(c: ContactRow): string {
  return [c.firstName, c.lastName].filter(Boolean).join(' ') || '(no name)';
}

function listLine(c: ContactRow): string {
  const flags = [
    c.optedOut ? 'opted out' : null,
    !c.textable ? `not textable: ${c.notTextableReason ?? 'no reason given'}` : null,
  ].filter(Boolean);
  return [
    `${c.phone.padEnd(16)}`,
    name(c),
    c.email ?? '',
    c.tags.length ? `[${c.tags.join(', ')}]` : '',
    flags.length ? `(${flags.join('; ')})` : '',
  ]
    .filter(Boolean)
    .join('  ');
}

function consentCommand(optedOut: boolean): Command {
  const verb = optedOut ? 'opt-out' : 'opt-in';
  const usage = `contacts ${verb} <phone> [--reason R]`;
  return defineCommand({
    name: `contacts ${verb}`,
    usage,
    summary: optedOut
      ? 'Opt a number out by hand (they asked in person or on the phone); written to the opt-out audit log as manual.'
      : 'Opt a contact back in by hand (they asked to be texted again); written to the opt-out audit log as manual.',
    options: { reason: { type: 'string' } },
    args: { min: 1, max: 1 },
    async run(ctx, { values, positionals: [phone] }) {
      const r = await call(await ctx.app(), optedOut ? 'contacts:optOut' : 'contacts:optIn', {
        phone,
        ...(typeof values.reason === 'string' ? { reason: values.reason } : {}),
      });
      const state = optedOut ? 'opted out' : 'opted in';
      const text = r.changed
        ? `${r.phone} is now ${state}${r.contactId === null ? ' (not a contact yet: the opt-out holds when they are added)' : ''}; recorded in the opt-out audit log.`
        : `${r.phone} was already ${state}; nothing changed.`;
      return { json: r, text };
    },
  });
}

export const contactCommands: Command[] = [
  defineCommand({
    name: 'contacts count',
    usage: COUNT_USAGE,
    summary:
      'How many contacts (with the tag; --reachable-by only those that channel can reach now); --textable counts only those a campaign on the channel (default sms) would reach: for sms not opted out, textable, valid number; for email consent and not unsubscribed or bounced; for voice written consent and not on the do-not-call list.',
    options: {
      tag: { type: 'string' },
      'reachable-by': { type: 'string' },
      textable: { type: 'boolean' },
      channel: { type: 'string' },
    },
    async run(ctx, { values }) {
      const f = listFilterOptions(values);
      const channel = channelOption(values.channel);
      if (channel === 'email' || channel === 'voice')
        return countOnChannel(await ctx.app(), channel, f, values.textable === true);
      const filter = { ...(f.tag ? { tags: [f.tag] } : {}), ...(f.reachableBy ? { reachableBy: f.reachableBy } : {}) };
      const count = await call(await ctx.app(), 'segments:count', { filter });
      const value = values.textable === true ? count.eligible : count.matched;
      const what = `${values.textable === true ? 'textable ' : ''}contact${value === 1 ? '' : 's'}${filterInWords(f)}`;
      return { json: channel ? { count: value, channel } : { count: value }, text: `${n(value)} ${what}.` };
    },
  }),
  defineCommand({
    name: 'contacts list',
    usage: LIST_USAGE,
    summary:
      'Contacts, newest first; --search finds a name, email or phone in any format; --reachable-by sms|email|voice only those that channel can reach now (consent, no opt-out on it); --band an engagement band (champions, engaged, quiet, at-risk, lost, new).',
    options: {
      search: { type: 'string' },
      tag: { type: 'string' },
      'reachable-by': { type: 'string' },
      band: { type: 'string' },
      limit: { type: 'string' },
    },
    async run(ctx, { values }) {
      const limit = values.limit === undefined ? 50 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw new UsageError(`--limit must be a whole number from 1 to 1000. Usage: ${LIST_USAGE}`);
      const band = bandOption(values.band);
      const app = await ctx.app();
      if (band) await settleEngagement(app);
      const page = await call(app, 'contacts:list', {
        limit,
        ...(band ? { band } : {}),
        ...(typeof values.search === 'string' ? { search: values.search } : {}),
        ...listFilterOptions(values),
      });
      const total = `${page.totalIsExact ? '' : 'more than '}${n(page.total)}`;
      const text = page.rows.length
        ? [...page.rows.map(listLine), '', `${n(page.rows.length)} shown of ${total}.`].join('\n')
        : 'No contacts found.';
      return { json: page, text };
    },
  }),
  defineCommand({
    name: 'contacts export',
    usage: 'contacts export <file>',
    summary: 'Write every contact (phone, name, email, tags, custom fields, opt-out and textable state) to a CSV file.',
    args: { min: 1, max: 1 },
    async run(ctx, { positionals: [file] }) {
      const app = await ctx.app();
      const path = resolve(file);
      const { rows } = await writeContactsCsv(app.db, { tagMode: 'any' }, path, app.now());
      app.audit('contacts.export', path, { rows });
      return { json: { file: path, rows }, text: `Wrote ${n(rows)} contacts to ${path}.` };
    },
  }),
  consentCommand(true),
  consentCommand(false),
  defineCommand({
    name: 'contacts verify',
    usage: 'contacts verify [--tag T]',
    summary:
      'Check numbers with NumVerify (needs the numverify.apiKey secret): line type and carrier, landlines marked not textable; cached 30 days.',
    options: { tag: { type: 'string' } },
    async run(ctx, { values }) {
      const filter = typeof values.tag === 'string' ? { tags: [values.tag] } : {};
      const r = await call(await ctx.app(), 'contacts:verify', { filter });
      if (r.stopped && r.checked === 0) throw new AppError('provider_error', r.stopped.message);
      const text = [
        `Checked ${n(r.checked)} of ${n(r.selected)} numbers (${n(r.fromCache)} from the 30-day cache, ${n(r.lookups)} looked up).`,
        `  mobile ${n(r.mobile)}, not textable ${n(r.markedNotTextable)} (landline, toll-free … or not valid)`,
        ...r.failed.slice(0, 10).map((f) => `  ${f.phone}: ${f.message}`),
        ...(r.failed.length > 10 ? [`  … and ${n(r.failed.length - 10)} more that could not be checked`] : []),
        ...(r.stopped ? [`Stopped early: ${r.stopped.message}`] : []),
      ].join('\n');
      return { json: r, text };
    },
  }),
  defineCommand({
    name: 'segments list',
    usage: 'segments list',
    summary: 'Saved segments (audience filters) by name, with their filters.',
    async run(ctx) {
      const rows = await call(await ctx.app(), 'segments:list', {});
      const text = rows.length
        ? rows.map((s) => `#${s.id}  ${s.name}  ${JSON.stringify(s.filter)}`).join('\n')
        : 'No saved segments.';
      return { json: rows, text };
    },
  }),
];
