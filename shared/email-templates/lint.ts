import type { Token } from 'markdown-it';
import { parseTemplate, validateTemplate, type ParseError } from '../templates';
import { attrOf, eachToken, inlineText, isSendableImage, isSendableLink, markdown } from './markdown';

export type EmailIssueCode =
  | 'postal_address_not_set'
  | 'subject_empty'
  | 'subject_too_long'
  | 'subject_spammy'
  | 'body_empty'
  | 'image_not_https'
  | 'link_not_absolute'
  | 'own_unsubscribe_link'
  | 'raw_html'
  | 'unknown_field'
  | ParseError['code'];

/** One finding about an e-mail template; `error` means it must not be sent as it is. */
export interface EmailIssue {
  code: EmailIssueCode;
  severity: 'error' | 'warning';
  /** Which part of the template it is about. */
  part: 'subject' | 'body' | 'settings';
  message: string;
}

export interface EmailLintOptions {
  /** The `email.postalAddress` setting ('' when not set). */
  postalAddress: string;
  /** Custom field keys that exist: when given, a {{field:…}} that is none of them is an error. */
  knownFields?: readonly string[];
}

/** Longer subjects are cut off on phones and by many clients (RFC 5322 recommends lines of at most 78). */
export const SUBJECT_MAX = 78;

/** Cheap patterns spam filters and people both distrust. */
const SPAMMY: ReadonlyArray<{ pattern: RegExp; why: string }> = [
  { pattern: /!{2,}|\?{2,}/, why: 'repeated "!!" or "??"' },
  {
    pattern: /\b(100% free|act now|risk[- ]free|click here|winner|cash bonus|guaranteed)\b/i,
    why: 'wording spam filters look for',
  },
  { pattern: /^\s*(re|fwd?):/i, why: 'a fake "Re:" or "Fwd:"' },
  { pattern: /\$\$+/, why: '"$$"' },
];

/** Compliance and deliverability findings for an e-mail template (docs/channels.md, "Rules"). */
export function lintEmailTemplate(subject: string, body: string, options: EmailLintOptions): EmailIssue[] {
  const issues: EmailIssue[] = [];
  if (options.postalAddress.trim() === '') {
    issues.push({
      code: 'postal_address_not_set',
      severity: 'error',
      part: 'settings',
      message:
        'Your postal address is not set. The law (CAN-SPAM) requires it in every marketing e-mail: add it in Settings → E-mail, and it is put in the footer for you.',
    });
  }
  issues.push(...subjectIssues(subject), ...bodyIssues(body));
  if (options.knownFields) {
    issues.push(...unknownFields(subject, 'subject', options.knownFields));
    issues.push(...unknownFields(body, 'body', options.knownFields));
  }
  return issues.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

function subjectIssues(subject: string): EmailIssue[] {
  const issues: EmailIssue[] = parseIssues(subject, 'subject');
  const trimmed = subject.trim();
  if (trimmed === '') {
    issues.push({
      code: 'subject_empty',
      severity: 'error',
      part: 'subject',
      message: 'Write a subject: an e-mail without one looks like spam.',
    });
    return issues;
  }
  if (trimmed.length > SUBJECT_MAX) {
    issues.push({
      code: 'subject_too_long',
      severity: 'warning',
      part: 'subject',
      message: `The subject is ${trimmed.length} characters; phones and many mail apps cut it after about ${SUBJECT_MAX}. Put what matters first.`,
    });
  }
  const letters = trimmed.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 8 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) {
    issues.push({
      code: 'subject_spammy',
      severity: 'warning',
      part: 'subject',
      message: 'The subject is all in capitals, which spam filters and readers distrust.',
    });
  }
  for (const { pattern, why } of SPAMMY) {
    if (pattern.test(trimmed)) {
      issues.push({
        code: 'subject_spammy',
        severity: 'warning',
        part: 'subject',
        message: `The subject has ${why}, which makes it more likely to land in spam.`,
      });
    }
  }
  return issues;
}

function bodyIssues(body: string): EmailIssue[] {
  const issues: EmailIssue[] = parseIssues(body, 'body');
  if (body.trim() === '') {
    issues.push({ code: 'body_empty', severity: 'error', part: 'body', message: 'Write the e-mail text.' });
    return issues;
  }
  const tokens = markdown.parse(body, {});
  eachToken(tokens, (token) => {
    if (token.type === 'image') issues.push(...imageIssues(token));
    if (token.type === 'link_open') issues.push(...linkIssues(token, tokens));
    if ((token.type === 'html_inline' || token.type === 'html_block') && !issues.some((i) => i.code === 'raw_html')) {
      issues.push(rawHtml());
    }
  });
  // With raw HTML off, markdown-it leaves tags as text: find them there.
  if (!issues.some((i) => i.code === 'raw_html') && /<\/?[a-z][a-z0-9]*(\s[^<>]*)?>/i.test(body))
    issues.push(rawHtml());
  if (/\bunsubscribe\b/i.test(body) && !issues.some((i) => i.code === 'own_unsubscribe_link')) {
    issues.push({
      code: 'own_unsubscribe_link',
      severity: 'warning',
      part: 'body',
      message:
        'You do not need to write an unsubscribe line: the footer of every e-mail has a working "Unsubscribe" link for each person. Remove yours so there is only one.',
    });
  }
  return issues;
}

function imageIssues(token: Token): EmailIssue[] {
  const src = attrOf(token, 'src');
  if (isSendableImage(src) || hasVariable(src)) return [];
  const what = src.startsWith('data:')
    ? 'is pasted into the e-mail (data:)'
    : src.startsWith('http:')
      ? 'is not on https'
      : 'is not a full web address';
  return [
    {
      code: 'image_not_https',
      severity: 'error',
      part: 'body',
      message: `The image "${inlineText(token.children) || src.slice(0, 60)}" ${what}. Mail apps only load images from an https:// address: upload it to your website or shop and use that address.`,
    },
  ];
}

function linkIssues(token: Token, all: readonly Token[]): EmailIssue[] {
  const href = attrOf(token, 'href');
  const label = labelOf(token, all);
  if (/unsubscribe|opt[- ]?out/i.test(label)) {
    return [
      {
        code: 'own_unsubscribe_link',
        severity: 'warning',
        part: 'body',
        message: `Your own "${label}" link cannot unsubscribe anyone reliably. The footer adds a working unsubscribe link for each person: remove yours.`,
      },
    ];
  }
  if (isSendableLink(href) || hasVariable(href)) return [];
  return [
    {
      code: 'link_not_absolute',
      severity: 'error',
      part: 'body',
      message: `The link "${label || href}" goes to "${href}", which is not a full address. Write it with https:// (or mailto:) — it is sent without the link otherwise.`,
    },
  ];
}

/** The words of the link that `open` starts. */
function labelOf(open: Token, all: readonly Token[]): string {
  let label = '';
  eachToken(all, (token) => {
    if (!token.children) return;
    const start = token.children.indexOf(open);
    if (start < 0) return;
    const end = token.children.findIndex((t, i) => i > start && t.type === 'link_close');
    label = inlineText(token.children.slice(start + 1, end < 0 ? undefined : end));
  });
  return label.trim();
}

function hasVariable(text: string): boolean {
  return /%7B%7B|\{\{/i.test(text);
}

function rawHtml(): EmailIssue {
  return {
    code: 'raw_html',
    severity: 'warning',
    part: 'body',
    message:
      'HTML tags are shown as written, not as formatting. Use the toolbar (or Markdown: **bold**, [words](https://…)) instead.',
  };
}

function parseIssues(text: string, part: 'subject' | 'body'): EmailIssue[] {
  return parseTemplate(text).errors.map((e) => ({
    code: e.code,
    severity: 'error' as const,
    part,
    message: e.message,
  }));
}

/** Custom fields no contact has ({{field:tier}} without a tier field): the same words as for a text. */
function unknownFields(text: string, part: 'subject' | 'body', knownFields: readonly string[]): EmailIssue[] {
  if (text.trim() === '') return [];
  return validateTemplate(text, { knownFields })
    .filter((i) => i.code === 'unknown_field')
    .map((i) => ({ code: 'unknown_field' as const, severity: 'error' as const, part, message: i.message }));
}
