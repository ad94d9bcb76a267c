import type { Verdict } from '../../shared/abtests';
import type { SqliteDb } from '../db/connection';

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

interface Row {
  campaign_id: number;
  looks_json: string;
  verdict_json: string | null;
  decided_at: string | null;
  winner_index: number | null;
  approval: AbState['approval'];
  release_index: number | null;
  release_chosen_by: AbState['releaseChosenBy'];
  winner_sent_at: string | null;
  winner_done_at: string | null;
  decision_needed_at: string | null;
}

/** The campaign's state, created empty on first use. */
export function loadAbState(db: SqliteDb, campaignId: number, nowIso: string): AbState {
  db.prepare('INSERT OR IGNORE INTO ab_state (campaign_id, updated_at) VALUES (?, ?)').run(campaignId, nowIso);
  const r = db.prepare('SELECT * FROM ab_state WHERE campaign_id = ?').get(campaignId) as Row;
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
  db.prepare('UPDATE ab_state SET looks_json = ?, updated_at = ? WHERE campaign_id = ?').run(JSON.stringify(looks), nowIso, campaignId);
}

/** Stores the final verdict; only the first one sticks, so a report opened later shows the same answer. */
export function saveDecision(db: SqliteDb, campaignId: number, verdict: Verdict, approval: AbState['approval'], nowIso: string): boolean {
  return (
    db
      .prepare('UPDATE ab_state SET verdict_json = ?, decided_at = ?, winner_index = ?, approval = ?, updated_at = ? WHERE campaign_id = ? AND verdict_json IS NULL')
      .run(JSON.stringify(verdict), nowIso, verdict.winner, approval, nowIso, campaignId).changes === 1
  );
}
