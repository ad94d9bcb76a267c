import { gsmReplacementFor } from './gsm-replacements';
import type { TemplateIssue } from './issues';
import { findLinkShorteners } from './link-shorteners';
import { findOptOutWording } from './opt-out-wording';
import { parseTemplate } from './parse';
import { countSegments } from './segments';

export interface LintOptions {
  /** The business name setting (may be empty when the owner has not set it yet). */
  businessName: string;
  /**
   * Whether this message must carry opt-out instructions: true for a campaign's message (the first marketing
   * text a contact gets from it), false for a one-to-one reply from the inbox. Defaults to true.
   */
  requireOptOut?: boolean;
}

/** Compliance and deliverability findings for a template (see docs/compliance.md, "Content"). */
export function lintTemplate(body: string, options: LintOptions): TemplateIssue[] {
  const issues: TemplateIssue[] = [...businessNameIssues(body, options.businessName)];
  if ((options.requireOptOut ?? true) && findOptOutWording(body) === null) {
    issues.push({
      code: 'missing_opt_out',
      severity: 'warning',
      message:
        'The message does not tell people how to opt out. Add "Reply STOP to opt out" — it is required in the first message of a campaign.',
      suggestion: 'Reply STOP to opt out',
    });
  }
  for (const link of findLinkShorteners(body)) {
    issues.push({
      code: 'link_shortener',
      severity: 'error',
      message: `"${link.url}" uses ${link.domain}, a public link shortener that US carriers block; messages with it are often not delivered. Use the full link, or a short link on your own domain.`,
      position: { start: link.start, end: link.end },
    });
  }
  issues.push(...ucs2Issues(body));
  return issues.sort((a, b) => rank(a) - rank(b));
}

function rank(issue: TemplateIssue): number {
  return issue.severity === 'error' ? 0 : 1;
}

function businessNameIssues(body: string, businessName: string): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const name = businessName.trim();
  const usesVariable = parseTemplate(body).tokens.some((t) => t.kind === 'variable' && t.builtin === 'business_name');
  if (name === '') {
    issues.push({
      code: 'business_name_not_set',
      severity: 'warning',
      message:
        'Your business name is not set. Add it in Settings: texts must say who they are from, and {{business_name}} fills it in.',
    });
  }
  if (!usesVariable && (name === '' || !mentionsName(body, name))) {
    issues.push({
      code: 'missing_business_name',
      severity: 'warning',
      message:
        name === ''
          ? 'The message does not say which business it is from. Add {{business_name}}.'
          : `The message does not say it is from ${name}. Add {{business_name}} or write "${name}".`,
      suggestion: '{{business_name}}',
    });
  }
  return issues;
}

/** Quotes and spacing vary between the setting and the message ("Joe’s  Pizza" vs "Joe's Pizza"); case too. */
function normalizeForName(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201a\u201b\u0060\u00b4]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** The name as a whole word or phrase: "Bloom" is in "Thanks from Bloom!" but not in "Blooming deals". */
function mentionsName(body: string, name: string): boolean {
  const needle = normalizeForName(name)
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${needle}(?![\\p{L}\\p{N}])`, 'u').test(normalizeForName(body));
}

function ucs2Issues(body: string): TemplateIssue[] {
  return countSegments(body).ucs2Characters.map(({ char, position }) => {
    const replacement = gsmReplacementFor(char);
    const what = replacement?.kind === 'whitespace' ? `An invisible or special space (U+${hex(char)})` : `"${char}"`;
    const effect = `${what} switches the whole message to UCS-2, which fits 70 characters per segment instead of 160 and costs more.`;
    let advice: string;
    if (!replacement) advice = 'It has no plain-text equivalent; remove it to keep the cheaper encoding.';
    else if (replacement.replacement === '') advice = 'Remove it.';
    else if (replacement.replacement === ' ') advice = 'Replace it with a normal space.';
    else if (replacement.replacement === '\n') advice = 'Replace it with a normal line break.';
    else
      advice = `Use "${replacement.replacement}" instead${replacement.kind === 'letter' ? ' (drops the accent)' : ''}.`;
    return {
      code: 'ucs2_forced' as const,
      severity: 'warning' as const,
      message: `${effect} ${advice}`,
      position: { start: position, end: position + char.length },
      ...(replacement ? { suggestion: replacement.replacement } : {}),
    };
  });
}

function hex(char: string): string {
  return (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}
