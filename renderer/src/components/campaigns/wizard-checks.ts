import { businessInstant, businessToday } from './business-time';
import { voiceContentProblems } from '../../../../shared/voice/content';
import { FEDERAL_END, FEDERAL_START, voiceOf, type WizardState } from './wizard-state';

/** The places in the wizard an error can be shown next to. */
export type WizardField = 'name' | 'audience' | 'message' | 'schedule' | 'quietHours' | 'provider' | 'general';
export type FieldErrors = Partial<Record<WizardField, string>>;

export const STEPS = ['Audience', 'Message', 'Schedule', 'Review'] as const;
export const STEP_FIELDS: WizardField[][] = [
  ['name', 'audience'],
  ['message'],
  ['schedule', 'quietHours'],
  ['provider', 'general'],
];

const PATH_FIELD: Array<[RegExp, WizardField]> = [
  [/^name\b/, 'name'],
  [/^audience\b/, 'audience'],
  [/^(body|templateId|ab|channels|everyChannel|email|voice)\b/, 'message'],
  [/^schedule\b/, 'schedule'],
  [/^quietHours\b/, 'quietHours'],
  [/^(provider|fromNumber)\b/, 'provider'],
];

// Errors the core raises in words rather than with a field path; the words say which part of the campaign they mean.
const WORDS_FIELD: Array<[RegExp, WizardField]> = [
  [/sending number|api key|\b(quo|twilio)\b/i, 'provider'],
  [/\b(message|template|body|e-mail|channel|subject|voice|call)\b/i, 'message'],
  [/audience|can be texted|\btag\b|segment/i, 'audience'],
  [/schedul/i, 'schedule'],
  [/quiet hours|window/i, 'quietHours'],
];

/**
 * Splits an API error into the fields it names. Validation errors read "Invalid input for campaigns:create:
 * name: give the campaign a name; schedule.at: …"; the core's own errors are one sentence.
 */
export function errorsByField(message: string): FieldErrors {
  const out: FieldErrors = {};
  const add = (field: WizardField, text: string) => {
    out[field] = out[field] ? `${out[field]} ${text}` : text;
  };
  const validation = /^Invalid input for [\w:]+: (.*?)\.?$/s.exec(message);
  if (validation) {
    for (const part of validation[1].split('; ')) {
      const m = /^([\w.]+): (.*)$/s.exec(part);
      const field = m ? PATH_FIELD.find(([re]) => re.test(m[1]))?.[1] : undefined;
      if (m && field)
        add(field, sentence(`${m[1].includes('.') ? `${m[1].split('.').slice(1).join(' ')}: ` : ''}${m[2]}`));
      else add('general', sentence(part));
    }
    return out;
  }
  add(WORDS_FIELD.find(([re]) => re.test(message))?.[1] ?? 'general', message);
  return out;
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** What the owner must fix before leaving a step; the API checks again on save. */
export function checkStep(
  step: number,
  s: WizardState,
  ctx: { zone: string; now: Date; messageErrors: string[] },
): FieldErrors {
  const e: FieldErrors = {};
  if (step === 0) {
    if (!s.name.trim()) e.name = 'Give the campaign a name, so you can find it later.';
    else if (s.name.trim().length > 100) e.name = 'Use at most 100 characters.';
    if (s.minDays.trim() !== '') {
      const days = Number(s.minDays);
      if (!Number.isInteger(days) || days < 1 || days > 3650)
        e.audience = 'Days since last contact must be a whole number from 1 to 3650, or empty.';
    }
    const both = s.tags.filter((t) => s.excludeTags.includes(t));
    if (both.length) e.audience = `"${both[0]}" is both included and excluded; pick one.`;
  }
  if (step === 1) {
    if (!s.channels.length) e.message = 'Choose at least one channel: a text, an e-mail or a call.';
    else if (s.channels.includes('email') && !s.emailSubject.trim())
      e.message = 'The e-mail needs a subject: write the line your contacts see in their inbox.';
    else if (s.channels.includes('email') && !s.emailKept && !s.emailBody.trim())
      e.message = 'Write the e-mail your contacts will receive.';
    else if (s.channels.includes('voice') && voiceContentProblems(voiceOf(s)).length)
      e.message = voiceContentProblems(voiceOf(s))[0];
    if (e.message || !s.channels.includes('sms')) return e;
    if (s.source === 'template' && s.templateId === null)
      e.message = 'Pick a template, or write the message here instead.';
    else if (s.source === 'inline' && !s.body.trim()) e.message = 'Write the message your contacts will receive.';
    else if (ctx.messageErrors.length) e.message = `Fix this first: ${ctx.messageErrors[0]}`;
  }
  if (step === 2) {
    if (s.scheduleMode === 'at') {
      const at = businessInstant(s.atDate, s.atTime, ctx.zone);
      if (!at) e.schedule = 'Pick a date and a time.';
      else if (Date.parse(at.iso) <= ctx.now.getTime())
        e.schedule = 'That time has already passed; pick a later one, or choose "Send now".';
    }
    if (s.scheduleMode === 'recipient_local') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s.localDate) || !/^\d{2}:\d{2}$/.test(s.localTime))
        e.schedule = 'Pick a date and a time.';
      else if (s.localDate < businessToday(ctx.zone, ctx.now))
        e.schedule = 'That date has already passed; pick today or later.';
    }
    if (s.quietStart < FEDERAL_START || s.quietEnd > FEDERAL_END)
      e.quietHours = 'The window can only be narrowed: no earlier than 08:00, no later than 21:00.';
    else if (s.quietStart >= s.quietEnd) e.quietHours = 'The window must start before it ends.';
    else if (s.excludedDays.length > 6) e.quietHours = 'Leave at least one day of the week to send on.';
  }
  return e;
}

export function firstStepWithError(errors: FieldErrors): number | null {
  const i = STEP_FIELDS.findIndex((fields) => fields.some((f) => errors[f]));
  return i < 0 ? null : i;
}
