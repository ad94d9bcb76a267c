import type { AudienceMeasure, ContactRef } from '../../shared/ipc/channels/templates';
import {
  audienceStatIssues,
  estimateCost,
  prepareForAudience,
  type ParsedTemplate,
  type RenderContext,
  type TemplateIssue,
} from '../../shared/templates';
import type { SqliteDb } from '../db/connection';
import type { SettingsStore } from '../settings/store';
import { businessContext, contactRef, sampleContactContext, type AudienceFilter } from './audience';
import { contactsWithIds } from './queries';
import { streamAudience, type StreamOptions } from './audience-stream';
import { createAudienceTally, type AudienceTallyResult } from './tally';

export interface MeasureDeps {
  db: SqliteDb;
  settings: Pick<SettingsStore, 'get'>;
}

export const PRICE_SETTING = {
  sandbox: 'pricing.sandboxPerSegment',
  quo: 'pricing.quoPerSegment',
  twilio: 'pricing.twilioPerSegment',
} as const;

/**
 * Renders the template for every audience contact (streamed, never all in memory) and reports the segment
 * spread, encodings, contacts missing a value, the cost with the current provider's price, and which contacts
 * are worth a look in the preview.
 */
export async function measureTemplateAudience(
  deps: MeasureDeps,
  body: string,
  filter: AudienceFilter,
  options: StreamOptions = {},
): Promise<AudienceMeasure> {
  const { db, settings } = deps;
  const template = prepareForAudience(body);
  const fieldKeys = template.parsed.tokens.flatMap((t) =>
    t.kind === 'variable' && t.fieldKey !== null ? [t.fieldKey] : [],
  );
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
  const wanted: Array<{
    reason: AudienceMeasure['examples'][number]['reason'];
    key?: string;
    id: number;
    segments?: number;
  }> = [];
  if (stats.most) wanted.push({ reason: 'most_segments', id: stats.most.id, segments: stats.most.segments });
  if (stats.fewest && stats.most && stats.fewest.segments < stats.most.segments) {
    wanted.push({ reason: 'fewest_segments', id: stats.fewest.id, segments: stats.fewest.segments });
  }
  for (const [key, id] of Object.entries(stats.firstMissing)) wanted.push({ reason: 'missing', key, id });
  if (wanted.length === 0) return [];
  const ids = [...new Set(wanted.map((w) => w.id))];
  const rows = contactsWithIds(db, ids);
  const refs = new Map<number, ContactRef>(rows.map((r) => [r.id, contactRef(r)]));
  return wanted.flatMap((w) => {
    const contact = refs.get(w.id);
    // A contact deleted while the pass ran is simply not offered.
    if (!contact) return [];
    return [{ reason: w.reason, ...(w.key ? { key: w.key } : {}), segments: w.segments ?? 0, contact }];
  });
}

/** Findings about the rendered messages, each with how many contacts it concerns. */
export function audienceIssues(parsed: ParsedTemplate, stats: AudienceTallyResult): TemplateIssue[] {
  return audienceStatIssues(parsed, stats, 'the only contact');
}
