import type { AudienceMeasure, ContactRef } from '../../shared/ipc/channels/templates';
import {
  MAX_MESSAGE_LENGTH,
  estimateCost,
  prepareForAudience,
  type ParsedTemplate,
  type RenderContext,
  type TemplateIssue,
  type VariableToken,
} from '../../shared/templates';
import type { SqliteDb } from '../db/connection';
import type { SettingsStore } from '../settings/store';
import { businessContext, contactRef, sampleContactContext, type AudienceFilter, type ContactDbRow } from './audience';
import { streamAudience, type StreamOptions } from './audience-stream';
import { createAudienceTally, type AudienceTallyResult } from './tally';

export interface MeasureDeps {
  db: SqliteDb;
  settings: Pick<SettingsStore, 'get'>;
}

const PRICE_SETTING = {
  sandbox: 'pricing.sandboxPerSegment',
  quo: 'pricing.quoPerSegment',
  twilio: 'pricing.twilioPerSegment',
} as const;

/**
 * Renders the template for every audience contact (streamed, never all in memory) and reports the segment
 * spread, encodings, contacts missing a value, the cost with the current provider's price, and which contacts
 * are worth a look in the preview.
 */
export async function measureTemplateAudience(deps: MeasureDeps, body: string, filter: AudienceFilter, options: StreamOptions = {}): Promise<AudienceMeasure> {
  const { db, settings } = deps;
  const template = prepareForAudience(body);
  const fieldKeys = template.parsed.tokens.flatMap((t) => (t.kind === 'variable' && t.fieldKey !== null ? [t.fieldKey] : []));
  const tally = createAudienceTally(template);
  const ctx: RenderContext = { contact: sampleContactContext, business: businessContext(settings) };
  await streamAudience(
    db,
    filter,
    fieldKeys,
    (id, contact) => {
      ctx.contact = contact;
      tally.add(id, ctx);
    },
    options,
  );
  const stats = tally.result();

  const provider = settings.get('provider');
  const pricePerSegment = settings.get(PRICE_SETTING[provider]);
  const cost = estimateCost({ typical: stats.typical, totalSegments: stats.totalSegments }, pricePerSegment);

  return {
    tag: filter.tag ?? null,
    recipients: stats.recipients,
    segments: { min: stats.min, typical: stats.typical, max: stats.max, total: stats.totalSegments },
    encodingCounts: stats.encodingCounts,
    missing: Object.entries(stats.missing).map(([key, affected]) => ({ key, affected })),
    overLimit: stats.overLimit,
    issues: audienceIssues(template.parsed, stats),
    examples: examples(db, stats),
    cost: { provider, pricePerSegment, ...cost },
  };
}

function examples(db: SqliteDb, stats: AudienceTallyResult): AudienceMeasure['examples'] {
  const wanted: Array<{ reason: AudienceMeasure['examples'][number]['reason']; key?: string; id: number; segments?: number }> = [];
  if (stats.most) wanted.push({ reason: 'most_segments', id: stats.most.id, segments: stats.most.segments });
  if (stats.fewest && stats.most && stats.fewest.segments < stats.most.segments) {
    wanted.push({ reason: 'fewest_segments', id: stats.fewest.id, segments: stats.fewest.segments });
  }
  for (const [key, id] of Object.entries(stats.firstMissing)) wanted.push({ reason: 'missing', key, id });
  if (wanted.length === 0) return [];
  const ids = [...new Set(wanted.map((w) => w.id))];
  const rows = db
    .prepare<number[], ContactDbRow>(`SELECT id, phone, first_name, last_name, email FROM contacts WHERE id IN (${ids.map(() => '?').join(', ')})`)
    .all(...ids);
  const refs = new Map<number, ContactRef>(rows.map((r) => [r.id, contactRef(r)]));
  return wanted.flatMap((w) => {
    const contact = refs.get(w.id);
    // A contact deleted while the pass ran is simply not offered.
    if (!contact) return [];
    return [{ reason: w.reason, ...(w.key ? { key: w.key } : {}), segments: w.segments ?? 0, contact }];
  });
}

function describeCount(affected: number, total: number): string {
  if (total === 1) return 'the only contact';
  if (affected === total) return `all ${total.toLocaleString('en-US')} contacts`;
  return `${affected.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} contacts`;
}

/** Findings about the rendered messages, each with how many contacts it concerns. */
export function audienceIssues(parsed: ParsedTemplate, stats: AudienceTallyResult): TemplateIssue[] {
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
    const token = parsed.tokens.find((t): t is VariableToken => t.kind === 'variable' && t.key === key && t.fallback === null);
    if (token) issues.push(missingValue(token, affected, total));
  }
  return issues;
}

function missingValue(token: VariableToken, affected: number, total: number): TemplateIssue {
  const base = { code: 'missing_value', severity: 'warning', position: { start: token.start, end: token.end }, affected } as const;
  const who = describeCount(affected, total);
  if (token.builtin === 'business_name' || token.builtin === 'business_contact') {
    const setting = token.builtin === 'business_name' ? 'business name' : 'business contact details';
    return { ...base, message: `Your ${setting} is not set in Settings, so ${token.raw} would be blank for ${who}.` };
  }
  if (token.builtin === 'first_name' || token.builtin === 'full_name') {
    const suggestion = `{{${token.key}|there}}`;
    return { ...base, message: `${token.raw} is empty for ${who}, so they get nothing in its place. Add a fallback, e.g. ${suggestion}.`, suggestion };
  }
  return { ...base, message: `${token.raw} is empty for ${who}, so they get nothing in its place. Add a fallback after a bar: {{${token.key}|text to use instead}}.` };
}
