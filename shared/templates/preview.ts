import type { TemplateIssue, TemplateIssueCode } from './issues';
import { lintTemplate } from './lint';
import type { Span } from './parse';
import { renderTemplate, type RenderContext } from './render';
import { isGsmText } from './gsm-charset';
import { countSegments, type SmsEncoding } from './segments';
import { validateTemplate } from './validate';

export interface PreviewOptions {
  /** Custom field keys that exist. */
  knownFields: readonly string[];
  /** Whether the message must carry opt-out wording (a campaign message); defaults to true. */
  requireOptOut?: boolean;
}

export interface PreviewWarning {
  code: TemplateIssueCode;
  message: string;
  position?: Span;
}

/** What the template editor shows and `templates preview --json` prints: one contact's message and its findings. */
export interface TemplatePreview {
  text: string;
  encoding: SmsEncoding;
  segments: number;
  characters: number;
  /** Errors first, then warnings; positions point into the template body. */
  warnings: PreviewWarning[];
}

export function previewTemplate(body: string, ctx: RenderContext, options: PreviewOptions): TemplatePreview {
  const { text } = renderTemplate(body, ctx);
  const count = countSegments(text);

  const lint = lintTemplate(body, { businessName: ctx.business.name, requireOptOut: options.requireOptOut });
  const businessNameUnset = lint.some((issue) => issue.code === 'business_name_not_set');
  // The lint already says the business name setting is empty; saying it again per placeholder adds nothing.
  const validation = validateTemplate(body, { knownFields: options.knownFields, audience: [ctx] }).filter(
    (issue) => !(businessNameUnset && issue.code === 'missing_value' && isBusinessNamePlaceholder(body, issue)),
  );

  const issues: TemplateIssue[] = [...validation, ...lint];
  if (count.encoding === 'UCS-2' && isGsmText(body)) {
    const { char } = count.ucs2Characters[0];
    issues.push({
      code: 'ucs2_from_contact',
      severity: 'warning',
      message: `This contact's details contain "${char}", so their message is sent as UCS-2 (70 characters per segment instead of 160).`,
    });
  }

  const warnings = issues
    .map((issue, order) => ({ issue, order }))
    .sort((a, b) => rank(a.issue) - rank(b.issue) || a.order - b.order)
    .map(({ issue }): PreviewWarning => ({
      code: issue.code,
      message: issue.message,
      ...(issue.position ? { position: { start: issue.position.start, end: issue.position.end } } : {}),
    }));

  return { text, encoding: count.encoding, segments: count.segments, characters: count.characters, warnings };
}

function rank(issue: TemplateIssue): number {
  return issue.severity === 'error' ? 0 : 1;
}

function isBusinessNamePlaceholder(body: string, issue: TemplateIssue): boolean {
  if (!issue.position) return false;
  return /^\{\{\s*business_name\s*(\||\}\})/.test(body.slice(issue.position.start, issue.position.end));
}
