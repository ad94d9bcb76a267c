import type { AudienceFilter } from '../../../shared/audience';
import { AppError } from '../../../shared/errors';
import {
  compareGroups,
  MAX_GROUPS,
  MIN_GROUPS,
  type GroupComparison,
} from '../../../shared/analytics/insights/compare';
import type { AbMetric } from '../../../shared/abtests/wording';
import type { SqliteDb } from '../../db/connection';
import { allRows, firstRow, qb } from '../../db/sync-query';
import { audienceCondition } from '../../contacts';

export type CompareGroupInput = { tag: string } | { segment: string };

/** A tag by name, or a saved segment by id or name, as the audience filter that selects its contacts. */
function groupFilter(db: SqliteDb, g: CompareGroupInput): { name: string; filter: AudienceFilter } {
  if ('tag' in g) {
    const tag = allRows(db, qb.selectFrom('tags').select('name').where('name', '=', g.tag))[0];
    if (!tag) throw new AppError('not_found', `There is no tag "${g.tag}".`);
    return { name: tag.name, filter: { tags: [tag.name], tagMode: 'any' } };
  }
  const byId = /^\d+$/.test(g.segment) ? Number(g.segment) : -1;
  const segment = allRows(
    db,
    qb
      .selectFrom('segments')
      .select(['id', 'name'])
      .where((eb) => eb.or([eb('id', '=', byId), eb('name', '=', g.segment)])),
  )[0];
  if (!segment) throw new AppError('not_found', `There is no saved segment "${g.segment}".`);
  return { name: segment.name, filter: { segmentId: segment.id, tagMode: 'any' } };
}

export type GroupOutcomes = { name: string; delivered: number } & Record<AbMetric, number>;

export interface SegmentComparison extends GroupComparison {
  metric: AbMetric;
  /** Every rate's counts for each group, side by side. */
  outcomes: GroupOutcomes[];
}

/** Delivered campaign texts to the group's contacts (as they are today) and how many earned each outcome. */
function groupOutcomes(db: SqliteDb, filter: AudienceFilter, now: Date): Omit<GroupOutcomes, 'name'> {
  const row = firstRow(
    db,
    qb
      .selectFrom('outbox_messages as o')
      .innerJoin('contacts as c', 'c.id', 'o.contact_id')
      .select((eb) => {
        const count = (found: Parameters<typeof eb.exists>[0]) =>
          eb.fn.coalesce(eb.fn.sum<number>(eb.case().when(eb.exists(found)).then(1).else(0).end()), eb.lit(0));
        const outcome = (kind: 'replied' | 'clicked' | 'opted_out') =>
          count(
            eb
              .selectFrom('message_outcomes as m')
              .select('m.id')
              .whereRef('m.outbox_id', '=', 'o.id')
              .where('m.kind', '=', kind),
          );
        return [
          eb.fn.countAll<number>().as('delivered'),
          outcome('replied').as('replied'),
          outcome('clicked').as('clicked'),
          outcome('opted_out').as('optedOut'),
          count(
            eb
              .selectFrom('conversions as v')
              .select('v.id')
              .whereRef('v.campaign_id', '=', 'o.campaign_id')
              .whereRef('v.contact_id', '=', 'o.contact_id'),
          ).as('converted'),
        ];
      })
      .where('o.kind', '=', 'campaign')
      .where('o.state', '=', 'delivered')
      .where(audienceCondition(db, filter, now)),
  );
  return {
    delivered: Number(row?.delivered ?? 0),
    replied: Number(row?.replied ?? 0),
    clicked: Number(row?.clicked ?? 0),
    optedOut: Number(row?.optedOut ?? 0),
    converted: Number(row?.converted ?? 0),
  };
}

export function compareSegments(
  db: SqliteDb,
  groups: readonly CompareGroupInput[],
  metric: AbMetric,
  now: Date,
): SegmentComparison {
  if (groups.length < MIN_GROUPS || groups.length > MAX_GROUPS) {
    throw new AppError(
      'invalid_input',
      `Compare ${MIN_GROUPS} to ${MAX_GROUPS} tags or segments; ${groups.length} were given.`,
    );
  }
  const resolved = groups.map((g) => groupFilter(db, g));
  const names = resolved.map((r) => r.name.toLowerCase());
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined)
    throw new AppError(
      'invalid_input',
      `"${resolved[names.indexOf(twice)].name}" is given twice; compare different groups.`,
    );
  const outcomes = resolved.map((r) => ({ name: r.name, ...groupOutcomes(db, r.filter, now) }));
  return {
    metric,
    outcomes,
    ...compareGroups(
      outcomes.map((o) => ({ name: o.name, delivered: o.delivered, successes: o[metric] })),
      metric,
    ),
  };
}
