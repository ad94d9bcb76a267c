import type { TargetSummary } from '../../../shared/analytics/insights/predictions';
import { formatCount } from '../../../shared/abtests/wording';
import type { SqliteDb } from '../../db/connection';
import { allRows, qb } from '../../db/sync-query';
import { auc, aucLowerBound, logLoss } from './evaluate';
import { ContactHistory, deliveredHistory } from './features';
import { fitLogistic, predictProbability, type LogisticModel } from './logistic';
import {
  clearPredictions,
  savePredictionModel,
  writeContactPredictions,
  type ContactPrediction,
  type Target,
} from './store';

/**
 * Trains the two models (will this contact reply to a text; will they opt out because of it) on the business's own
 * delivered campaign texts, judges each on the most recent quarter of them (a holdout in time: the model is scored
 * on texts after everything it learnt from), and — only when it beats the base rate there — scores every contact
 * with a history.
 *
 * "Beats the base rate" means both: the holdout AUC's 95 % lower bound is above 0.5 (it ranks better than chance),
 * and its holdout log loss is below that of always guessing the training base rate. With fewer than
 * MIN_HOLDOUT_EVENTS replies (or opt-outs) and as many non-events in the holdout, no verdict is possible: not usable.
 */
export const HOLDOUT_SHARE = 0.25;
export const MIN_HOLDOUT_EVENTS = 20;
/** Samples are the most recent delivered texts, at most this many (features still use all earlier history). */
export const MAX_SAMPLES = 300_000;
/** "High opt-out risk": at least this multiple of the base rate, and in the top tenth of contacts (ties included). */
export const HIGH_RISK_MULTIPLE = 1.5;

export type { Target };

export interface TrainResult {
  reply: TargetSummary;
  optOut: TargetSummary;
  /** Contacts given a prediction (0 when neither model is usable). */
  scored: number;
}

interface Sample {
  at: number;
  x: number[];
  replied: 0 | 1;
  optedOut: 0 | 1;
}

function sampleCutoff(db: SqliteDb, maxSamples: number): string | null {
  const row = allRows(
    db,
    qb
      .selectFrom('outbox_messages')
      .select('delivered_at')
      .where('kind', '=', 'campaign')
      .where('state', '=', 'delivered')
      .where('delivered_at', 'is not', null)
      .orderBy('delivered_at', 'desc')
      .limit(1)
      .offset(maxSamples - 1),
  )[0];
  return row?.delivered_at ?? null;
}

function collectSamples(db: SqliteDb, maxSamples: number): Sample[] {
  const cutoff = sampleCutoff(db, maxSamples);
  const from = cutoff === null ? -Infinity : Date.parse(cutoff);
  const samples: Sample[] = [];
  let history: ContactHistory | null = null;
  let contact = -1;
  for (const m of deliveredHistory(db)) {
    if (m.contactId !== contact) {
      contact = m.contactId;
      history = new ContactHistory(m.createdAt);
    }
    if (m.at >= from && samples.length < maxSamples)
      samples.push({ at: m.at, x: history!.features(m.at), replied: m.replied ? 1 : 0, optedOut: m.optedOut ? 1 : 0 });
    history!.add(m);
  }
  return samples.sort((a, b) => a.at - b.at);
}

function judge(
  samples: readonly Sample[],
  label: (s: Sample) => 0 | 1,
  noun: string,
): { summary: TargetSummary; model: LogisticModel | null } {
  const labels = samples.map(label);
  const events = labels.reduce<number>((s, y) => s + y, 0);
  const baseRate = samples.length ? events / samples.length : null;
  const split = Math.floor(samples.length * (1 - HOLDOUT_SHARE));
  const train = samples.slice(0, split);
  const trainLabels = labels.slice(0, split);
  const holdLabels = labels.slice(split);
  const holdEvents = holdLabels.reduce<number>((s, y) => s + y, 0);
  const trainEvents = trainLabels.reduce<number>((s, y) => s + y, 0);
  const base = { baseRate, holdout: holdLabels.length, holdoutEvents: holdEvents };
  const short = Math.min(holdEvents, holdLabels.length - holdEvents, trainEvents, trainLabels.length - trainEvents);
  if (short < MIN_HOLDOUT_EVENTS) {
    return {
      model: null,
      summary: {
        ...base,
        auc: null,
        usable: false,
        reason: `Not enough history yet: the model needs at least ${MIN_HOLDOUT_EVENTS} texts with and without ${noun} in both its training and its test period (${formatCount(samples.length)} texts, ${formatCount(events)} with ${noun}).`,
      },
    };
  }
  const model = fitLogistic(
    train.map((s) => s.x),
    trainLabels,
  );
  const scores = samples.slice(split).map((s) => predictProbability(model, s.x));
  const value = auc(scores, holdLabels)!;
  const lower = aucLowerBound(value, holdEvents, holdLabels.length - holdEvents);
  const trainRate = trainEvents / trainLabels.length;
  const beatsLoss =
    logLoss(scores, holdLabels) <
    logLoss(
      holdLabels.map(() => trainRate),
      holdLabels,
    );
  const usable = lower > 0.5 && beatsLoss;
  const reason = usable
    ? `On the latest ${formatCount(holdLabels.length)} texts it ranks who ${noun === 'a reply' ? 'replies' : 'opts out'} better than chance (AUC ${value.toFixed(2)}, at least ${lower.toFixed(2)}).`
    : `It does not beat the base rate on the latest ${formatCount(holdLabels.length)} texts (AUC ${value.toFixed(2)}, could be as low as ${lower.toFixed(2)}), so no prediction is shown.`;
  return {
    model: usable
      ? fitLogistic(
          samples.map((s) => s.x),
          labels,
        )
      : null,
    summary: { ...base, auc: value, usable, reason },
  };
}

function scoreContacts(
  db: SqliteDb,
  nowMs: number,
  reply: LogisticModel | null,
  optOut: LogisticModel | null,
  optOutBase: number,
): ContactPrediction[] {
  const out: ContactPrediction[] = [];
  let history: ContactHistory | null = null;
  let contact = -1;
  const flush = () => {
    if (!history) return;
    const x = history.features(nowMs);
    out.push({
      contactId: contact,
      replyProbability: reply ? predictProbability(reply, x) : null,
      optOutRisk: optOut ? predictProbability(optOut, x) : null,
      optOutHigh: false,
    });
  };
  for (const m of deliveredHistory(db)) {
    if (m.contactId !== contact) {
      flush();
      contact = m.contactId;
      history = new ContactHistory(m.createdAt);
    }
    history!.add(m);
  }
  flush();
  if (optOut) {
    const risks = out.map((p) => p.optOutRisk ?? 0).sort((a, b) => a - b);
    const topTenth = risks[Math.floor(risks.length * 0.9)] ?? Infinity;
    const threshold = Math.max(HIGH_RISK_MULTIPLE * optOutBase, topTenth);
    for (const p of out) p.optOutHigh = (p.optOutRisk ?? 0) >= threshold;
  }
  return out;
}

/** Trains, judges, scores and stores (predictions replaced as a whole). Runs on the predictions worker. */
export function trainAndScore(db: SqliteDb, nowMs: number, maxSamples = MAX_SAMPLES): TrainResult {
  const samples = collectSamples(db, maxSamples);
  const reply = judge(samples, (s) => s.replied, 'a reply');
  const optOut = judge(samples, (s) => s.optedOut, 'an opt-out');
  const trainedAt = new Date(nowMs).toISOString();
  const predictions =
    reply.model || optOut.model
      ? scoreContacts(db, nowMs, reply.model, optOut.model, optOut.summary.baseRate ?? 0)
      : [];
  clearPredictions(db);
  writeContactPredictions(db, predictions, trainedAt);
  savePredictionModel(db, 'reply', reply.summary, trainedAt);
  savePredictionModel(db, 'optOut', optOut.summary, trainedAt);
  return { reply: reply.summary, optOut: optOut.summary, scored: predictions.length };
}
