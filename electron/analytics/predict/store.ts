import type { SqliteDb } from '../../db/connection';
import { preparedQuery } from '../../db/prepared-query';
import { allRows, qb, runQuery } from '../../db/sync-query';
import type { RankedContact, TargetSummary } from '../../../shared/analytics/insights/predictions';
import { transaction } from '../../db/transaction';

/** What a model predicts: a reply, or an opt-out. */
export type Target = 'reply' | 'optOut';

export interface ContactPrediction {
  contactId: number;
  replyProbability: number | null;
  optOutRisk: number | null;
  optOutHigh: boolean;
}

const CHUNK = 5000;

const insertPrediction = preparedQuery(
  (v: { contactId: number; reply: number | null; risk: number | null; high: number; scoredAt: string }) =>
    qb.insertInto('contact_predictions').values({
      contact_id: v.contactId,
      reply_probability: v.reply,
      opt_out_risk: v.risk,
      opt_out_high: v.high,
      scored_at: v.scoredAt,
    }),
);

/** Predictions not written by the latest training go (a contact who lost their history, a model no longer usable). */
export function clearPredictions(db: SqliteDb): void {
  runQuery(db, qb.deleteFrom('contact_predictions'));
}

/**
 * Writes the scores in transactions of CHUNK rows, so the main connection never waits long for the write lock.
 * One statement prepared once and bound per row: a million contacts through a per-row compile would take minutes.
 */
export function writeContactPredictions(db: SqliteDb, rows: readonly ContactPrediction[], scoredAt: string): void {
  for (let i = 0; i < rows.length; i += CHUNK) {
    transaction(
      db,
      () => {
        for (const p of rows.slice(i, i + CHUNK))
          insertPrediction.run(db, {
            contactId: p.contactId,
            reply: p.replyProbability,
            risk: p.optOutRisk,
            high: p.optOutHigh ? 1 : 0,
            scoredAt,
          });
      },
      { immediate: true },
    );
  }
}

export function savePredictionModel(db: SqliteDb, target: Target, s: TargetSummary, trainedAt: string): void {
  const row = {
    trained_at: trainedAt,
    auc: s.auc,
    base_rate: s.baseRate,
    usable: s.usable ? 1 : 0,
    holdout: s.holdout,
    holdout_events: s.holdoutEvents,
    reason: s.reason,
  };
  runQuery(
    db,
    qb
      .insertInto('prediction_models')
      .values({ target, ...row })
      .onConflict((oc) => oc.column('target').doUpdateSet(row)),
  );
}

export interface StoredModels {
  trainedAt: string | null;
  reply: TargetSummary | null;
  optOut: TargetSummary | null;
}

export function storedModels(db: SqliteDb): StoredModels {
  const rows = allRows(db, qb.selectFrom('prediction_models').selectAll());
  const of = (target: Target): TargetSummary | null => {
    const r = rows.find((x) => x.target === target);
    return r
      ? {
          auc: r.auc,
          baseRate: r.base_rate,
          usable: r.usable === 1,
          holdout: r.holdout,
          holdoutEvents: r.holdout_events,
          reason: r.reason,
        }
      : null;
  };
  return { trainedAt: rows[0]?.trained_at ?? null, reply: of('reply'), optOut: of('optOut') };
}

/** The contacts most likely to reply (or most at risk of opting out), highest first. */
export function rankedContacts(db: SqliteDb, by: 'reply' | 'optOut', limit: number): RankedContact[] {
  const column = by === 'reply' ? 'p.reply_probability' : 'p.opt_out_risk';
  const rows = allRows(
    db,
    qb
      .selectFrom('contact_predictions as p')
      .innerJoin('contacts as c', 'c.id', 'p.contact_id')
      .select([
        'p.contact_id',
        'c.phone',
        'c.first_name',
        'c.last_name',
        'p.reply_probability',
        'p.opt_out_risk',
        'p.opt_out_high',
      ])
      .where(column, 'is not', null)
      .orderBy(column, 'desc')
      .orderBy('p.contact_id')
      .limit(limit),
  );
  return rows.map((r) => ({
    contactId: r.contact_id,
    phone: r.phone,
    name: [r.first_name, r.last_name].filter(Boolean).join(' '),
    replyProbability: r.reply_probability,
    optOutRisk: r.opt_out_risk,
    optOutHigh: r.opt_out_high === 1,
  }));
}

export function highRiskCount(db: SqliteDb): number {
  return Number(
    allRows(
      db,
      qb
        .selectFrom('contact_predictions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('opt_out_high', '=', 1),
    )[0]?.n ?? 0,
  );
}
