import type { AudienceFilter } from '../../../shared/audience';
import { AppError } from '../../../shared/errors';
import { compareGroups, MAX_GROUPS, MIN_GROUPS, type GroupComparison } from '../../../shared/analytics/insights/compare';
import type { AbMetric } from '../../../shared/abtests/wording';
import type { SqliteDb } from '../../db/connection';
import { allRows, qb } from '../../db/sync-query';
import { audienceWhere } from '../../contacts';

export type CompareGroupInput = { tag: string } | { segment: string };

/** A tag by name, or a saved segment by id or name, as the audience filter that selects its contacts. */
function groupFilter(db: SqliteDb, g: CompareGroupInput): { name: string; filter: AudienceFilter } {
  if ('tag' in g) {
    const tag = allRows(db, qb.selectFrom('tags').select('name').where('name', '=', g.tag))[0];
    if (!tag) throw new AppError('not_found', `There is no tag "${g.tag}".`);
    return { name: tag.name, filter: { tags: [tag.name], tagMode: 'any' } };
  }
  const byId = /^\d+$/.test(g.segment) ? Number(g.segment) : -1;
  const segment = allRows(db, qb.selectFrom('segments').select(['id', 'name']).where((eb) => eb.or([eb('id', '=', byId), eb('name', '=', g.segment)])))[0];
  if (!segment) throw new AppError('not_found', `There is no saved segment "${g.segment}".`);
  return { name: segment.name, filter: { segmentId: segment.id, tagMode: 'any' } };
}

export type GroupOutcomes = { name: string; delivered: number } & Record<AbMetric, number>;

export interface SegmentComparison extends GroupComparison {
  metric: AbMetric;
  /** Every rate's counts for each group, side by side. */
  outcomes: GroupOutcomes[];
}

/**
 * Delivered campaign texts to the group's contacts (as they are today) and how many earned each outcome. The
 * audience filter is SQL text shared with campaigns and segments, so this one statement is raw around it.
 */
function groupOutcomes(db: SqliteDb, filter: AudienceFilter, now: Date): Omit<GroupOutcomes, 'name'> {
  const where = audienceWhere(db, filter, now);
  const outcome = (kind: string) => `coalesce(SUM(EXISTS (SELECT 1 FROM message_outcomes m WHERE m.outbox_id = o.id AND m.kind = '${kind}')), 0)`;
  const row = db
    .prepare(
      `SELECT COUNT(*) AS delivered, ${outcome('replied')} AS replied, ${outcome('clicked')} AS clicked, ${outcome('opted_out')} AS optedOut,
              coalesce(SUM(EXISTS (SELECT 1 FROM conversions v WHERE v.campaign_id = o.campaign_id AND v.contact_id = o.contact_id)), 0) AS converted
       FROM outbox_messages o JOIN contacts c ON c.id = o.contact_id
       WHERE o.kind = 'campaign' AND o.state = 'delivered' AND (${where.sql})`,
    )
    .get(...where.params) as Record<'delivered' | AbMetric, number>;
  return { delivered: Number(row.delivered), replied: Number(row.replied), clicked: Number(row.clicked), optedOut: Number(row.optedOut), converted: Number(row.converted) };
}

export function compareSegments(db: SqliteDb, groups: readonly CompareGroupInput[], metric: AbMetric, now: Date): SegmentComparison {
  if (groups.length < MIN_GROUPS || groups.length > MAX_GROUPS) {
    throw new AppError('invalid_input', `Compare ${MIN_GROUPS} to ${MAX_GROUPS} tags or segments; ${groups.length} were given.`);
  }
  const resolved = groups.map((g) => groupFilter(db, g));
  const names = resolved.map((r) => r.name.toLowerCase());
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new AppError('invalid_input', `"${resolved[names.indexOf(twice)].name}" is given twice; compare different groups.`);
  const outcomes = resolved.map((r) => ({ name: r.name, ...groupOutcomes(db, r.filter, now) }));
  return { metric, outcomes, ...compareGroups(outcomes.map((o) => ({ name: o.name, delivered: o.delivered, successes: o[metric] })), metric) };
}
