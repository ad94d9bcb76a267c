import type { AudienceFilterInput } from '../../../../shared/audience';
import type { CampaignDraftInput } from '../../../../shared/campaigns';
import type { CampaignDetail } from '../../../../shared/ipc/channels/campaigns';
import { businessInstant, businessParts, businessToday } from './business-time';
import { emptyRepeat, repeatOf, type RepeatChoice } from '../calendar/repeat-choice';
import type { Channel } from '../../../../shared/types/domain';
import type { CampaignEmail, CampaignVoice } from '../../../../shared/campaign-channels';

export type ScheduleMode = 'now' | 'at' | 'recipient_local';
export type MessageSource = 'template' | 'inline';

/** Everything the wizard edits, as the inputs hold it (strings for what the owner types). */
export interface WizardState {
  name: string;
  tags: string[];
  tagMode: 'any' | 'all';
  excludeTags: string[];
  /** Empty = no limit. */
  minDays: string;
  /** A saved segment the audience must match, on top of the tags. */
  segmentId: number | null;
  source: MessageSource;
  templateId: number | null;
  body: string;
  scheduleMode: ScheduleMode;
  atDate: string;
  atTime: string;
  localDate: string;
  localTime: string;
  /** Recipient-local only: each recipient's best hour that day (best-time analysis); `localTime` when there is none. */
  bestHour: boolean;
  quietStart: string;
  quietEnd: string;
  excludedDays: number[];
  /** The Repeat section (at a date and time only). */
  repeat: RepeatChoice;
  /** The channels in the owner's order (a text campaign: ["sms"]), and whether each contact gets every one. */
  channels: Channel[];
  everyChannel: boolean;
  /** The e-mail (e-mail channel): its subject and Markdown body. */
  emailSubject: string;
  emailBody: string;
  /** An e-mail made from an HTML file or an e-mail template elsewhere (the CLI), kept as it was. */
  emailKept: Pick<CampaignEmail, 'html' | 'templateId'> | null;
  /** The call (voice channel): a script read aloud, or a recording played from an https address. */
  voiceSource: 'script' | 'recording';
  voiceScript: string;
  voiceRecordingUrl: string;
  /** Parts of an edited campaign the wizard does not show, kept as they were. */
  keep: Pick<CampaignDraftInput, 'ab' | 'notes' | 'fromNumber' | 'provider' | 'trackLinks'> & {
    audience: Omit<AudienceFilterInput, 'tags' | 'tagMode' | 'excludeTags' | 'minDaysSinceContact' | 'segmentId'>;
  };
}

export const FEDERAL_START = '08:00';
export const FEDERAL_END = '21:00';

export function emptyWizard(zone: string, now: Date): WizardState {
  const today = businessToday(zone, now);
  return {
    name: '',
    tags: [],
    tagMode: 'any',
    excludeTags: [],
    minDays: '',
    segmentId: null,
    source: 'inline',
    templateId: null,
    body: '',
    scheduleMode: 'now',
    atDate: today,
    atTime: '10:00',
    localDate: today,
    localTime: '10:00',
    bestHour: false,
    quietStart: FEDERAL_START,
    quietEnd: FEDERAL_END,
    excludedDays: [],
    repeat: emptyRepeat(),
    channels: ['sms'],
    everyChannel: false,
    emailSubject: '',
    emailBody: '',
    emailKept: null,
    voiceSource: 'script',
    voiceScript: '',
    voiceRecordingUrl: '',
    keep: { audience: {} },
  };
}

/** A saved campaign back into the wizard, its instant shown in the business's zone. */
export function wizardFromCampaign(c: CampaignDetail, zone: string, now: Date): WizardState {
  const base = emptyWizard(zone, now);
  const { tags, tagMode, excludeTags, minDaysSinceContact, segmentId, ...otherAudience } = c.audience;
  const at = c.schedule.mode === 'at' ? businessParts(c.schedule.at, zone) : null;
  return {
    ...base,
    name: c.name,
    tags: tags ?? [],
    tagMode: tagMode ?? 'any',
    excludeTags: excludeTags ?? [],
    minDays: minDaysSinceContact ? String(minDaysSinceContact) : '',
    segmentId: segmentId ?? null,
    source: c.templateId !== null ? 'template' : 'inline',
    templateId: c.templateId,
    body: c.body ?? '',
    scheduleMode: c.schedule.mode,
    atDate: at?.date ?? base.atDate,
    atTime: at?.time ?? base.atTime,
    localDate: c.schedule.mode === 'recipient_local' ? c.schedule.date : base.localDate,
    localTime: c.schedule.mode === 'recipient_local' ? c.schedule.time : base.localTime,
    bestHour: c.schedule.mode === 'recipient_local' && c.schedule.bestHour === true,
    quietStart: c.quietHours?.start ?? FEDERAL_START,
    quietEnd: c.quietHours?.end ?? FEDERAL_END,
    excludedDays: c.quietHours?.excludedDays ?? [],
    channels: c.channels,
    everyChannel: c.everyChannel,
    emailSubject: c.email?.subject ?? '',
    emailBody: c.email?.body ?? '',
    emailKept:
      c.email?.html !== undefined || c.email?.templateId !== undefined
        ? {
            ...(c.email.html !== undefined ? { html: c.email.html } : {}),
            ...(c.email.templateId !== undefined ? { templateId: c.email.templateId } : {}),
          }
        : null,
    voiceSource: c.voice?.recordingUrl ? 'recording' : 'script',
    voiceScript: c.voice?.script ?? '',
    voiceRecordingUrl: c.voice?.recordingUrl ?? '',
    keep: {
      audience: otherAudience,
      ...(c.ab ? { ab: c.ab } : {}),
      ...(c.notes ? { notes: c.notes } : {}),
      ...(c.fromNumber ? { fromNumber: c.fromNumber } : {}),
      ...(typeof c.trackLinks === 'boolean' ? { trackLinks: c.trackLinks } : {}),
      provider: c.provider,
    },
  };
}

export function audienceOf(s: WizardState): AudienceFilterInput {
  const days = Number(s.minDays);
  return {
    ...s.keep.audience,
    tagMode: s.tagMode,
    ...(s.segmentId !== null ? { segmentId: s.segmentId } : {}),
    ...(s.tags.length ? { tags: s.tags } : {}),
    ...(s.excludeTags.length ? { excludeTags: s.excludeTags } : {}),
    ...(s.minDays.trim() !== '' && Number.isInteger(days) && days > 0 ? { minDaysSinceContact: days } : {}),
  };
}

/** The draft the API takes. An `at` time that cannot be read is sent as typed so the API names the field. */
export function draftOf(s: WizardState, zone: string): CampaignDraftInput {
  let schedule: CampaignDraftInput['schedule'];
  if (s.scheduleMode === 'at')
    schedule = { mode: 'at', at: businessInstant(s.atDate, s.atTime, zone)?.iso ?? `${s.atDate}T${s.atTime}` };
  else if (s.scheduleMode === 'recipient_local')
    schedule = {
      mode: 'recipient_local',
      date: s.localDate,
      time: s.localTime,
      ...(s.bestHour ? { bestHour: true } : {}),
    };
  else schedule = { mode: 'now' };
  const texts = s.channels.includes('sms');
  const message = !texts
    ? {}
    : s.source === 'template' && s.templateId !== null
      ? { templateId: s.templateId }
      : { body: s.body };
  const { audience: _shownElsewhere, ...kept } = s.keep;
  return {
    ...kept,
    name: s.name.trim(),
    ...message,
    ...channelsOf(s),
    audience: audienceOf(s),
    schedule,
    quietHours: { start: s.quietStart, end: s.quietEnd, excludedDays: [...s.excludedDays].sort((a, b) => a - b) },
    ...(s.scheduleMode === 'at' ? repeatOf(s.repeat, s.atDate, s.atTime) : {}),
  };
}

/** The call as the draft takes it: the chosen one of script and recording (the other is kept only in the wizard). */
export function voiceOf(s: WizardState): CampaignVoice {
  return s.voiceSource === 'recording' ? { recordingUrl: s.voiceRecordingUrl.trim() } : { script: s.voiceScript };
}

/** The channels, the e-mail and the call as the draft takes them (nothing for a text campaign). */
function channelsOf(s: WizardState): Pick<CampaignDraftInput, 'channels' | 'everyChannel' | 'email' | 'voice'> {
  if (s.channels.length === 1 && s.channels[0] === 'sms') return {};
  const email: CampaignEmail | undefined = s.channels.includes('email')
    ? {
        ...(s.emailSubject.trim() ? { subject: s.emailSubject.trim() } : {}),
        ...(s.emailKept ?? { body: s.emailBody }),
      }
    : undefined;
  return {
    channels: s.channels,
    ...(s.everyChannel && s.channels.length > 1 ? { everyChannel: true } : {}),
    ...(email ? { email } : {}),
    ...(s.channels.includes('voice') ? { voice: voiceOf(s) } : {}),
  };
}
