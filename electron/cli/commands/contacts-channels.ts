import { call, defineCommand, UsageError, type Command } from '../framework';

const CHANNELS = ['sms', 'email', 'voice'] as const;
type ChannelName = (typeof CHANNELS)[number];
const n = (v: number) => v.toLocaleString('en-US');

/** --channel (or --reachable-by) sms|email|voice, or undefined when not given. */
export function channelOption(value: unknown, flag = '--channel'): ChannelName | undefined {
  if (value === undefined) return undefined;
  const found = CHANNELS.find((c) => c === value);
  if (!found) throw new UsageError(`${flag} must be one of sms, email or voice (got "${String(value)}").`);
  return found;
}

/** The audience filter of `contacts count` and `contacts list`: --tag and --reachable-by. */
export function listFilterOptions(values: { tag?: unknown; 'reachable-by'?: unknown }): {
  tag?: string;
  reachableBy?: ChannelName;
} {
  const reachableBy = channelOption(values['reachable-by'], '--reachable-by');
  return {
    ...(typeof values.tag === 'string' ? { tag: values.tag } : {}),
    ...(reachableBy ? { reachableBy } : {}),
  };
}

const REACHABLE_WORDS: Record<ChannelName, string> = { sms: 'by text', email: 'by e-mail', voice: 'by call' };
/** " tagged "VIP", reachable by e-mail" for the text output. */
export const filterInWords = (f: { tag?: string; reachableBy?: ChannelName }) =>
  `${f.tag ? ` tagged "${f.tag}"` : ''}${f.reachableBy ? `${f.tag ? ',' : ''} reachable ${REACHABLE_WORDS[f.reachableBy]}` : ''}`;

/** How many contacts a campaign on an e-mail or voice channel would reach (`contacts count --channel …`). */
export async function countOnChannel(
  app: Parameters<typeof call>[0],
  channel: 'email' | 'voice',
  f: { tag?: string; reachableBy?: ChannelName },
  reachable: boolean,
): Promise<{ json: { count: number; channel: ChannelName }; text: string }> {
  const filter = { ...(f.tag ? { tags: [f.tag] } : {}), ...(f.reachableBy ? { reachableBy: f.reachableBy } : {}) };
  const r = await call(app, 'consent:countReachable', { channel, filter });
  const value = reachable ? r.reachable : r.matched;
  const what = reachable ? (channel === 'email' ? 'e-mail-reachable ' : 'callable ') : '';
  return {
    json: { count: value, channel },
    text: `${n(value)} ${what}contact${value === 1 ? '' : 's'}${filterInWords(f)}.`,
  };
}

export const contactChannelCommands: Command[] = [
  defineCommand({
    name: 'contacts email-opt-out',
    usage: 'contacts email-opt-out <email> [--reason R]',
    summary:
      'Unsubscribe an e-mail address by hand (every contact holding it); written to the consent log as e-mail, manual.',
    options: { reason: { type: 'string' } },
    args: { min: 1, max: 1 },
    async run(ctx, { values, positionals: [email] }) {
      const r = await call(await ctx.app(), 'consent:emailOptOut', {
        email,
        ...(typeof values.reason === 'string' ? { reason: values.reason } : {}),
      });
      const text = r.changed.length
        ? `${r.email} is unsubscribed from marketing e-mail (${r.changed.length} contact${r.changed.length === 1 ? '' : 's'}); recorded in the consent log.`
        : `${r.email} was already unsubscribed; nothing changed.`;
      return { json: r, text };
    },
  }),
  defineCommand({
    name: 'contacts dnc',
    usage: 'contacts dnc <phone> [--reason R]',
    summary: 'Put a number on the do-not-call list (they asked not to be called); written to the consent log as voice.',
    options: { reason: { type: 'string' } },
    args: { min: 1, max: 1 },
    async run(ctx, { values, positionals: [phone] }) {
      const r = await call(await ctx.app(), 'consent:doNotCall', {
        phone,
        ...(typeof values.reason === 'string' ? { reason: values.reason } : {}),
      });
      const text = r.changed
        ? `${r.phone} is now on the do-not-call list${r.contactId === null ? ' (not a contact yet: it holds when they are added)' : ''}; recorded in the consent log.`
        : `${r.phone} was already on the do-not-call list; nothing changed.`;
      return { json: r, text };
    },
  }),
];
