import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHANNELS, type CampaignEmail, type CampaignVoice } from '../../../shared/campaign-channels';
import type { Channel } from '../../../shared/types/domain';
import { UsageError } from '../framework';

/** The options `campaigns create` takes for the channels of a campaign and its e-mail. */
export const channelCreateOptions = {
  channel: { type: 'string' },
  fallback: { type: 'string', multiple: true },
  'every-channel': { type: 'boolean' },
  subject: { type: 'string' },
  'html-file': { type: 'string' },
  'email-body': { type: 'string' },
  'email-template': { type: 'string' },
  'voice-script': { type: 'string' },
  'voice-recording': { type: 'string' },
} as const;

export const channelCreateUsage =
  '[--channel sms|email|voice [--fallback email]... [--every-channel]] [--subject S (--email-body MARKDOWN | --email-template ID | --html-file F)] [--voice-script TEXT | --voice-recording URL]';

function channelName(text: string, option: string): Channel {
  const name = text.trim().toLowerCase();
  if (!(CHANNELS as readonly string[]).includes(name))
    throw new UsageError(`${option} must be sms, email or voice, got "${text}"`);
  return name as Channel;
}

/**
 * The channels in the owner's order: --channel first, then each --fallback (repeated, or a comma list, in order).
 * Left out, the campaign is a text campaign and the draft says nothing of channels.
 */
export function channelsFromOptions(values: Record<string, unknown>): { channels?: Channel[]; everyChannel?: true } {
  const fallbacks = ((values.fallback as string[] | undefined) ?? []).flatMap((f) => f.split(','));
  if (values.channel === undefined) {
    if (fallbacks.length)
      throw new UsageError('--fallback needs --channel: the channel tried first, e.g. --channel sms');
    if (values['every-channel']) throw new UsageError('--every-channel needs --channel and at least one --fallback');
    return {};
  }
  const channels = [
    channelName(String(values.channel), '--channel'),
    ...fallbacks.map((f) => channelName(f, '--fallback')),
  ];
  const twice = channels.find((ch, i) => channels.indexOf(ch) !== i);
  if (twice)
    throw new UsageError(`${twice} is listed twice: give each channel once (--channel first, then --fallback)`);
  return { channels, ...(values['every-channel'] ? { everyChannel: true } : {}) };
}

/** The campaign's e-mail from --subject, --email-body / --email-template / --html-file (the file is read here). */
export function emailFromOptions(
  values: Record<string, unknown>,
  textBody: string | undefined,
): { email?: CampaignEmail } {
  const given = ['subject', 'html-file', 'email-body', 'email-template'].filter((o) => values[o] !== undefined);
  if (!given.length) return {};
  const email: CampaignEmail = {};
  if (values.subject !== undefined) email.subject = String(values.subject);
  if (values['html-file'] !== undefined) {
    const path = resolve(String(values['html-file']));
    try {
      email.html = readFileSync(path, 'utf8');
    } catch (e) {
      throw new UsageError(`--html-file: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  }
  if (values['email-template'] !== undefined) {
    const id = String(values['email-template']);
    if (!/^\d+$/.test(id) || Number(id) < 1)
      throw new UsageError(`--email-template must be a template id, got "${id}"`);
    email.templateId = Number(id);
  }
  if (values['email-body'] !== undefined) email.body = String(values['email-body']);
  // Without its own body, the e-mail says what the text says (Markdown reads well as plain text).
  if (email.html === undefined && email.templateId === undefined && email.body === undefined && textBody)
    email.body = textBody;
  return { email };
}

/** The campaign's call from --voice-script (read aloud, with {{variables}}) or --voice-recording (an https URL). */
export function voiceFromOptions(values: Record<string, unknown>): { voice?: CampaignVoice } {
  const script = values['voice-script'] as string | undefined;
  const recordingUrl = values['voice-recording'] as string | undefined;
  if (script === undefined && recordingUrl === undefined) return {};
  if (script !== undefined && recordingUrl !== undefined)
    throw new UsageError('a call is --voice-script or --voice-recording, not both');
  return { voice: script !== undefined ? { script } : { recordingUrl } };
}
