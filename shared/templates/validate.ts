import { measureAudience } from './audience';
import { MAX_MESSAGE_LENGTH, type TemplateIssue } from './issues';
import { parseTemplate, type ParsedTemplate, type VariableToken } from './parse';
import type { RenderContext } from './render';
import { closestField } from './suggest';

export interface ValidateOptions {
  /** Custom field keys that exist. */
  knownFields: readonly string[];
  /** Contacts the template will be sent to; enables the checks on rendered messages. */
  audience?: readonly RenderContext[];
}

/** Everything that would stop this template from being sent as the owner meant, errors first. */
export function validateTemplate(body: string, options: ValidateOptions): TemplateIssue[] {
  if (body.trim() === '') {
    return [
      {
        code: 'empty_body',
        severity: 'error',
        message: 'The message is empty. Write the text your contacts will receive.',
      },
    ];
  }
  const parsed = parseTemplate(body, { knownFields: options.knownFields });
  const issues: TemplateIssue[] = [];

  if (body.length > MAX_MESSAGE_LENGTH) issues.push(tooLong(body));
  for (const error of parsed.errors) {
    issues.push({
      code: error.code,
      severity: 'error',
      message: error.message,
      position: { start: error.start, end: error.end },
      ...(error.suggestion ? { suggestion: error.suggestion } : {}),
    });
  }
  issues.push(...unknownFields(parsed, options.knownFields));
  if (options.audience && options.audience.length > 0) issues.push(...audienceIssues(parsed, options.audience));

  return issues
    .map((issue, order) => ({ issue, order }))
    .sort(
      (a, b) => severityRank(a.issue) - severityRank(b.issue) || start(a.issue) - start(b.issue) || a.order - b.order,
    )
    .map(({ issue }) => issue);
}

function tooLong(body: string): TemplateIssue {
  // Start the highlight at the first character past the limit, not in the middle of an emoji.
  const cut = isLowSurrogate(body.charCodeAt(MAX_MESSAGE_LENGTH)) ? MAX_MESSAGE_LENGTH - 1 : MAX_MESSAGE_LENGTH;
  return {
    code: 'too_long',
    severity: 'error',
    message: `The message is ${body.length.toLocaleString('en-US')} characters; providers accept at most ${MAX_MESSAGE_LENGTH.toLocaleString('en-US')}. Shorten it by ${(body.length - MAX_MESSAGE_LENGTH).toLocaleString('en-US')}.`,
    position: { start: cut, end: body.length },
  };
}

function unknownFields(parsed: ParsedTemplate, knownFields: readonly string[]): TemplateIssue[] {
  const known = new Set(knownFields);
  const issues: TemplateIssue[] = [];
  for (const token of parsed.tokens) {
    if (token.kind !== 'variable' || token.fieldKey === null || known.has(token.fieldKey)) continue;
    const closest = closestField(token.fieldKey, knownFields);
    const fallback = token.fallback === null ? '' : `|${token.fallback}`;
    issues.push({
      code: 'unknown_field',
      severity: 'error',
      message: closest
        ? `There is no custom field "${token.fieldKey}". Did you mean {{field:${closest}${fallback}}}?`
        : `There is no custom field "${token.fieldKey}". Add it as a custom field first, or use one that exists.`,
      position: { start: token.start, end: token.end },
      ...(closest ? { suggestion: `{{field:${closest}${fallback}}}` } : {}),
    });
  }
  return issues;
}

function audienceIssues(parsed: ParsedTemplate, audience: readonly RenderContext[]): TemplateIssue[] {
  return audienceStatIssues(parsed, { ...measureAudience(parsed, audience), recipients: audience.length });
}

/** What measured segment statistics mean for the owner (too long for some; a variable empty for some). */
export interface AudienceStats {
  recipients: number;
  overLimit: number;
  longest: { length: number } | null;
  /** Per variable key: recipients with no value and no fallback. */
  missing: Readonly<Record<string, number>>;
}

/**
 * Findings about rendered messages, each with how many contacts it concerns; shared by the in-memory measurement
 * here and the streamed one over a whole database audience. `onlyContact` names a single recipient.
 */
export function audienceStatIssues(
  parsed: ParsedTemplate,
  stats: AudienceStats,
  onlyContact = 'this contact',
): TemplateIssue[] {
  const describeCount = (affected: number, total: number) => countWords(affected, total, onlyContact);
  const issues: TemplateIssue[] = [];
  const total = stats.recipients;

  if (stats.overLimit > 0 && stats.longest) {
    issues.push({
      code: 'rendered_too_long',
      severity: 'error',
      message: `With contact details filled in, ${describeCount(stats.overLimit, total)} get a message over ${MAX_MESSAGE_LENGTH.toLocaleString('en-US')} characters (the longest is ${stats.longest.length.toLocaleString('en-US')}); providers reject those. Shorten the text or use shorter fields.`,
      affected: stats.overLimit,
    });
  }

  for (const [key, affected] of Object.entries(stats.missing)) {
    const first = parsed.tokens.find(
      (t): t is VariableToken => t.kind === 'variable' && t.key === key && t.fallback === null,
    );
    if (first) issues.push(missingValue(first, affected, total, onlyContact));
  }
  return issues;
}

function missingValue(token: VariableToken, affected: number, total: number, onlyContact: string): TemplateIssue {
  const describeCount = (a: number, t: number) => countWords(a, t, onlyContact);
  const base = {
    code: 'missing_value',
    severity: 'warning',
    position: { start: token.start, end: token.end },
    affected,
  } as const;
  if (token.builtin === 'business_name' || token.builtin === 'business_contact') {
    const setting = token.builtin === 'business_name' ? 'business name' : 'business contact details';
    return {
      ...base,
      message: `Your ${setting} is not set in Settings, so ${token.raw} would be blank for ${describeCount(affected, total)}.`,
    };
  }
  const who = describeCount(affected, total);
  const fallback = token.builtin === 'first_name' || token.builtin === 'full_name' ? 'there' : null;
  if (fallback) {
    const suggestion = `{{${token.key}|${fallback}}}`;
    return {
      ...base,
      message: `${token.raw} is empty for ${who}, so they get nothing in its place. Add a fallback, e.g. ${suggestion}.`,
      suggestion,
    };
  }
  return {
    ...base,
    message: `${token.raw} is empty for ${who}, so they get nothing in its place. Add a fallback after a bar: {{${token.key}|text to use instead}}.`,
  };
}

function countWords(affected: number, total: number, onlyContact: string): string {
  if (total === 1) return onlyContact;
  if (affected === total) return `all ${total.toLocaleString('en-US')} contacts`;
  return `${affected.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} contacts`;
}

function severityRank(issue: TemplateIssue): number {
  return issue.severity === 'error' ? 0 : 1;
}

function start(issue: TemplateIssue): number {
  return issue.position?.start ?? -1;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
