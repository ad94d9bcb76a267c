import { AppError } from '../../shared/errors';
import type { CampaignDraft } from '../../shared/campaigns';
import type { Channel } from '../../shared/types/domain';
import type { SqliteDb } from '../db/connection';
import { emailTemplate } from './queries';
import { voiceContentProblems } from '../../shared/voice/content';
import type { CampaignVoice } from '../../shared/campaign-channels';

/** The channels of a stored campaign, in the owner's order (NULL in the row: a text campaign). */
export function channelsOf(channelsJson: string | null): Channel[] {
  return channelsJson ? (JSON.parse(channelsJson) as Channel[]) : ['sms'];
}

/**
 * What each channel of a draft needs, in the owner's words: an e-mail channel has its subject and body, a voice
 * channel its call and a provider that can place calls (Quo has no call API), and a content is only given for a
 * channel the campaign sends on.
 */
export function validateChannels(
  db: SqliteDb,
  draft: Pick<CampaignDraft, 'channels' | 'email' | 'voice' | 'ab' | 'provider'>,
  defaultProvider: string,
  /** The `voice.provider` setting: calls go through Twilio or the Sandbox, never Quo. */
  voiceProvider = 'sandbox',
): void {
  const channels = draft.channels ?? ['sms'];
  if (draft.email && !channels.includes('email'))
    throw new AppError(
      'invalid_input',
      'The campaign has an e-mail but does not send on the e-mail channel: add email to its channels or leave the e-mail out.',
    );
  if (draft.voice && !channels.includes('voice'))
    throw new AppError(
      'invalid_input',
      'The campaign has a call but does not send on the voice channel: add voice to its channels or leave the call out.',
    );
  const abVoice = draft.ab?.channel === 'voice';
  if (abVoice) validateVoiceVariants(draft, channels);
  else if (channels.includes('voice')) {
    const problem = voiceContentProblems(draft.voice)[0];
    if (problem) throw new AppError('invalid_input', problem);
  }
  const abEmail = draft.ab?.channel === 'email';
  if (draft.ab && !abEmail && !abVoice && !channels.includes('sms'))
    throw new AppError('invalid_input', 'A/B variants are texts: add sms to the channels or leave the variants out.');
  if (abEmail && !channels.includes('email'))
    throw new AppError(
      'invalid_input',
      'The A/B variants are e-mails: add email to the channels, or make the variants texts.',
    );
  // An e-mail A/B test's variants are its e-mail (each a subject and a body).
  if (abEmail && draft.email)
    throw new AppError(
      'invalid_input',
      'The e-mail A/B variants are the e-mail: give each variant its subject and body, and leave the campaign’s own e-mail out.',
    );
  if (channels.includes('email') && !abEmail) validateEmail(db, draft.email);
  // Texts through Quo and calls through the Sandbox would send real texts and simulated calls.
  if (channels.includes('voice') && (draft.provider ?? defaultProvider) === 'quo' && voiceProvider !== 'twilio')
    throw new AppError(
      'invalid_input',
      'Quo has no call API: voice calls go through Twilio. Set voice.provider to twilio with your Twilio account, or leave voice out.',
    );
}

/** The content of a call variant as a campaign's call keeps it: its recording, else its body read aloud. */
export function voiceVariantContent(v: { body: string; recordingUrl?: string }): CampaignVoice {
  return v.recordingUrl ? { recordingUrl: v.recordingUrl } : { script: v.body };
}

/**
 * A call A/B test's variants are its call (each a script or a recording, under the same rules as a campaign's one
 * call); the identification and the opt-out key are added to every one of them when it is built.
 */
function validateVoiceVariants(draft: Pick<CampaignDraft, 'voice' | 'ab'>, channels: Channel[]): void {
  if (!channels.includes('voice'))
    throw new AppError(
      'invalid_input',
      'The A/B variants are calls: add voice to the channels, or make the variants texts.',
    );
  if (draft.voice)
    throw new AppError(
      'invalid_input',
      'The call A/B variants are the call: give each variant its script or recording, and leave the campaign’s own call out.',
    );
  for (const v of draft.ab?.variants ?? []) {
    const problem = voiceContentProblems(voiceVariantContent(v))[0];
    if (problem) throw new AppError('invalid_input', `Variant ${v.name}: ${problem}`);
  }
}

function validateEmail(db: SqliteDb, email: CampaignDraft['email']): void {
  if (!email)
    throw new AppError(
      'invalid_input',
      'The e-mail channel needs its e-mail: a subject and a body (Markdown, an e-mail template or an HTML file).',
    );
  const sources = [
    email.body?.trim() ? 'body' : null,
    email.templateId ? 'template' : null,
    email.html ? 'html' : null,
  ];
  const given = sources.filter((s) => s !== null);
  if (given.length === 0)
    throw new AppError(
      'invalid_input',
      'The e-mail has no body: write it in Markdown, pick an e-mail template, or give an HTML file.',
    );
  if (given.length > 1)
    throw new AppError(
      'invalid_input',
      `Give the e-mail one body, not ${given.join(' and ')}: a Markdown body, an e-mail template or an HTML file.`,
    );
  let templateSubject: string | null = null;
  if (email.templateId !== undefined) {
    const t = emailTemplate(db, email.templateId);
    if (!t) throw new AppError('not_found', `Template ${email.templateId} does not exist.`);
    if (t.channel !== 'email')
      throw new AppError('invalid_input', `Template ${email.templateId} is a ${t.channel} template, not an e-mail.`);
    templateSubject = t.subject;
  }
  if (!email.subject?.trim() && !templateSubject?.trim())
    throw new AppError('invalid_input', 'The e-mail channel needs a subject: give the e-mail a subject line.');
}
