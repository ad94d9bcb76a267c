/**
 * The service texts the desk sends on its own: the answer to HELP/INFO and the one confirmation after an opt-out or
 * opt-in (compliance.md). Their wording is a setting with `{business}` and `{contact}` placeholders; this module fills
 * them and checks a wording before it is saved. Shared so the Settings page can preview exactly what goes out.
 */

export const REPLY_PLACEHOLDERS = ['business', 'contact'] as const;
export type ReplyPlaceholder = (typeof REPLY_PLACEHOLDERS)[number];
export type ReplyValues = Record<ReplyPlaceholder, string>;

export const DEFAULT_HELP_REPLY = '{business}: for help, contact {contact}. Reply STOP to opt out.';
export const DEFAULT_OPT_OUT_CONFIRMATION =
  "You're unsubscribed from {business}. No more messages. Reply START to resubscribe.";
export const DEFAULT_OPT_IN_CONFIRMATION = "You're resubscribed to {business} messages. Reply STOP to opt out.";

export type ServiceReplyKind = 'help' | 'opt_out' | 'opt_in';

export interface ServiceReplyWording {
  help: string;
  optOut: string;
  optIn: string;
}

const PLACEHOLDER = /\{([a-z_]+)\}/gi;

/**
 * Fills the placeholders. A sentence whose placeholder has no value (no business name or contact set yet) is left
 * out rather than sent as "for help, contact ." — the rest of the text still says what matters (STOP, START).
 */
export function fillReply(template: string, values: ReplyValues): string {
  const sentences = template.split(/(?<=[.!?])\s+/);
  const kept = sentences.filter((s) =>
    [...s.matchAll(PLACEHOLDER)].every((m) => (values[m[1].toLowerCase() as ReplyPlaceholder] ?? '').trim() !== ''),
  );
  return kept
    .join(' ')
    .replace(PLACEHOLDER, (_all, name: string) => (values[name.toLowerCase() as ReplyPlaceholder] ?? '').trim())
    .trim();
}

export function serviceReplyText(kind: ServiceReplyKind, wording: ServiceReplyWording, values: ReplyValues): string {
  const template = kind === 'help' ? wording.help : kind === 'opt_out' ? wording.optOut : wording.optIn;
  return fillReply(template, values);
}

/** Placeholders a wording uses that the desk cannot fill (a typo such as `{busines}`). */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)]
    .map((m) => m[1])
    .filter((n) => !(REPLY_PLACEHOLDERS as readonly string[]).includes(n.toLowerCase()));
}

/** Whether a text tells the reader how to opt out (HELP answers and opt-in confirmations must). */
export function mentionsStop(text: string): boolean {
  return /\bstop\b/i.test(text);
}
