import type { Expression, SqlBool } from 'kysely';
import type { SqliteDb } from '../db/connection';
import { allRows, firstRow, qb } from '../db/sync-query';
import { eligibleCondition, type ContactScope } from '../contacts';
import { isE164 } from '../db/sql-fns';
import type { Channel } from '../../shared/types/domain';
import { channelPick } from './channel-pick';

/** The contact ids an audience is read between, in slices: (lo, hi], both 0 when there are no contacts. */
export function contactIdRange(db: SqliteDb): { lo: number; hi: number } {
  const r = firstRow(
    db,
    qb.selectFrom('contacts').select((eb) => [eb.fn.min('id').as('min'), eb.fn.max('id').as('max')]),
  );
  return { lo: (r?.min ?? 1) - 1, hi: r?.max ?? 0 };
}

/** The audience's contacts with an id in (from, to]. */
const slice = (audience: Expression<SqlBool>, from: number, to: number) =>
  qb.selectFrom('contacts as c').where('c.id', '>', from).where('c.id', '<=', to).where(audience);

/** How many of a slice match, and how many of those are left out for each reason (in the order it is attributed). */
export function audienceSliceCounts(db: SqliteDb, audience: Expression<SqlBool>, from: number, to: number) {
  const row = firstRow(
    db,
    slice(audience, from, to).select((eb: ContactScope) => {
      const howMany = (when: Expression<SqlBool>) =>
        eb.fn.coalesce(eb.fn.sum<number>(eb.case().when(when).then(1).else(0).end()), eb.lit(0));
      const optedIn = eb('c.opted_out', '=', eb.lit(0));
      return [
        eb.fn.countAll<number>().as('matched'),
        howMany(eb('c.opted_out', '=', eb.lit(1))).as('optedOut'),
        howMany(eb.and([optedIn, eb('c.textable', '=', eb.lit(0))])).as('notTextable'),
        howMany(eb.and([optedIn, eb('c.textable', '=', eb.lit(1)), eb.not(isE164(eb.ref('c.phone')))])).as(
          'invalidPhone',
        ),
      ];
    }),
  );
  return {
    matched: Number(row?.matched ?? 0),
    optedOut: Number(row?.optedOut ?? 0),
    notTextable: Number(row?.notTextable ?? 0),
    invalidPhone: Number(row?.invalidPhone ?? 0),
  };
}

/** Whether a slice of the audience has someone who can be texted. */
export function sliceHasEligible(db: SqliteDb, audience: Expression<SqlBool>, from: number, to: number): boolean {
  const query = slice(audience, from, to).select('c.id').where(eligibleCondition).limit(1);
  return firstRow(db, query) !== undefined;
}

/** The first contact (lowest id) of the audience who can be texted. */
export function firstEligibleContactId(db: SqliteDb, audience: Expression<SqlBool>): number | undefined {
  const query = qb.selectFrom('contacts as c').select('c.id').where(eligibleCondition).where(audience);
  return firstRow(db, query.orderBy('c.id').limit(1))?.id;
}

/** Ids of every contact of the audience, eligible or not, lowest first. */
export function audienceContactIds(db: SqliteDb, audience: Expression<SqlBool>): number[] {
  const query = qb.selectFrom('contacts as c').select('c.id').where(audience).orderBy('c.id');
  return allRows(db, query).map((r) => r.id);
}

/**
 * For a slice of the audience: how many match, how many no channel reaches, and per channel (in the owner's order)
 * how many it can reach and how many get the campaign on it, by the rules the snapshot picks channels with.
 */
export function channelReachSliceCounts(
  db: SqliteDb,
  audience: Expression<SqlBool>,
  plan: { channels: readonly Channel[]; everyChannel: boolean; from: number; to: number },
): { matched: number; unreachable: number; channels: Array<{ reachable: number; gets: number }> } {
  const { channels, everyChannel } = plan;
  const row = firstRow(
    db,
    slice(audience, plan.from, plan.to).select((eb: ContactScope) => {
      const total = (value: Expression<number>) => eb.fn.coalesce(eb.fn.sum<number>(value), eb.lit(0));
      const howMany = (when: Expression<SqlBool>) => total(eb.case().when(when).then(1).else(0).end());
      return [
        eb.fn.countAll<number>().as('matched'),
        howMany(channelPick.unreachable(channels)).as('unreachable'),
        ...channels.flatMap((ch, i) => [
          total(channelPick.canReach(ch)).as(`reachable${i}`),
          howMany(channelPick.gets(channels, ch, everyChannel)).as(`gets${i}`),
        ]),
      ];
    }),
  );
  return {
    matched: Number(row?.matched ?? 0),
    unreachable: Number(row?.unreachable ?? 0),
    channels: channels.map((_, i) => ({
      reachable: Number(row?.[`reachable${i}`] ?? 0),
      gets: Number(row?.[`gets${i}`] ?? 0),
    })),
  };
}
