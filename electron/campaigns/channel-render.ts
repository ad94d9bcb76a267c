import { AppError } from '../../shared/errors';
import { parseTemplate, renderParsed, type ParsedTemplate } from '../../shared/templates';
import type { Channel } from '../../shared/types/domain';
import type { DeskCore } from '../core';
import type { OutboxProviderId } from '../providers';
import { buildCallFromSettings, voiceProviderId } from '../voice';
import type { CampaignRecord } from './model';
import type { LinkTracker } from '../abtests';
import type { ChannelMessage, ContactValues } from './snapshot-channels';
import { emailContent, emailProviderId } from './channel-email';
import { contactContext, fieldReader } from './channel-fields';

/** The provider a campaign's message goes through on a channel (each has its own queue, rate and breaker). */
export function channelProvider(core: DeskCore, c: CampaignRecord, channel: Channel): OutboxProviderId {
  if (channel === 'sms') return c.provider;
  if (channel === 'voice') return voiceProviderId(core.settings);
  return emailProviderId(core.settings);
}

function firstProblem(parsed: ParsedTemplate, what: string): void {
  const bad = parsed.errors[0];
  if (bad) throw new AppError('invalid_input', `The ${what} has a problem: ${bad.message}`);
}

/**
 * How one contact's e-mail or call is written: the e-mail by the e-mail templates' renderer with the recipient's own
 * unsubscribe link, the call by the voice builder (identification, key-press opt-out, the message). Problems in
 * the content are found here, before anything is written.
 */
export function channelRenderer(
  core: DeskCore,
  c: CampaignRecord,
  channel: Exclude<Channel, 'sms'>,
  links?: LinkTracker,
): (contact: ContactValues, outboxId: number) => ChannelMessage {
  if (channel === 'email') return emailContent(core, c, links);
  const voice = c.voice;
  if (!voice || (!voice.script?.trim() && !voice.recordingUrl?.trim()))
    throw new AppError('invalid_input', `Campaign "${c.name}" has no call: give it a script or a recording.`);
  const script = voice.script?.trim() ? parseTemplate(voice.script) : null;
  if (script) firstProblem(script, 'call script');
  const fields = fieldReader(core, script ? [script] : []);
  const business = { name: core.settings.get('business.name'), contact: core.settings.get('business.contact') };
  const build = (r: ContactValues) => {
    const text = script ? renderParsed(script, { contact: contactContext(r, fields(r.id)), business }).text : null;
    return buildCallFromSettings(core.settings, { script: text, recordingUrl: voice.recordingUrl ?? null });
  };
  return (r) => {
    const call = build(r);
    return {
      body: call.body,
      voiceJson: call.voiceJson,
      toEmail: null,
      subject: null,
      html: null,
      variant: null,
      links: [],
    };
  };
}
