import type { Verdict } from '../../shared/abtests';
import type { SqliteDb } from '../db/connection';
import { abStateRow, setFirstVerdict, setLooks } from './queries';

/** What an A/B test must remember between reports: the peeking guard's looks, the final verdict, the winner's fate. */
export interface AbState {
  campaignId: number;
  looks: number[];
  verdict: (Verdict & { decidedAt: string }) | null;
  winnerIndex: number | null;
  approval: 'none' | 'awaiting' | 'approved' | 'automatic';
  releaseIndex: number | null;
  releaseChosenBy: 'verdict' | 'owner' | null;
  winnerSentAt: string | null;
  winnerDoneAt: string | null;
  /** Past its decision deadline with no winner and no default variant: the owner must choose. */
  decisionNeededAt: string | null;
}

/** The campaign's state, created empty on first use. */
export function loadAbState(db: SqliteDb, campaignId: number, nowIso: string): AbState {
  const r = abStateRow(db, campaignId, nowIso);
  if (!r) throw new Error(`the A/B state of campaign ${campaignId} could not be created`);
  return {
    campaignId,
    looks: JSON.parse(r.looks_json) as number[],
    verdict: r.verdict_json ? { ...(JSON.parse(r.verdict_json) as Verdict), decidedAt: r.decided_at ?? '' } : null,
    winnerIndex: r.winner_index,
    approval: r.approval,
    releaseIndex: r.release_index,
    releaseChosenBy: r.release_chosen_by,
    winnerSentAt: r.winner_sent_at,
    winnerDoneAt: r.winner_done_at,
    decisionNeededAt: r.decision_needed_at,
  };
}

export function saveLooks(db: SqliteDb, campaignId: number, looks: readonly number[], nowIso: string): void {
  setLooks(db, campaignId, JSON.stringify(looks), nowIso);
}

/** Stores the final verdict; only the first one sticks, so a report opened later shows the same answer. */
export function saveDecision(
  db: SqliteDb,
  campaignId: number,
  verdict: Verdict,
  approval: AbState['approval'],
  nowIso: string,
): boolean {
  return setFirstVerdict(
    db,
    campaignId,
    { verdictJson: JSON.stringify(verdict), winnerIndex: verdict.winner, approval },
    nowIso,
  );
}
