import type { DeskCore } from '../core';
import { evaluateAbTest, releaseIsDue } from './evaluate';
import { sendWinner } from './winner';
import { applyDecisionDeadline } from './deadline';

/**
 * The background check (every few minutes while the app runs): each A/B test still waiting for a verdict is
 * evaluated — taking a look when one is due, so a verdict comes even when nobody opens the report — and a winner
 * due to go out without approval (or a release that was interrupted) is sent to the rest of the audience. A test
 * that cannot decide by its deadline sends its default variant, or asks the owner (deadline.ts).
 */
export async function checkWaitingAbTests(core: DeskCore, log: (msg: string, err?: unknown) => void = () => undefined): Promise<number[]> {
  const waiting = core.db
    .prepare(
      `SELECT c.id FROM campaigns c LEFT JOIN ab_state s ON s.campaign_id = c.id
       WHERE c.ab_json IS NOT NULL AND c.status IN ('sending', 'paused', 'completed') AND c.snapshot_state = 'complete'
         AND (s.campaign_id IS NULL OR s.verdict_json IS NULL
              OR (json_extract(c.ab_json, '$.testPercent') IS NOT NULL AND s.winner_done_at IS NULL AND (s.winner_index IS NOT NULL OR s.winner_sent_at IS NOT NULL))
              -- decided without a winner: the decision deadline applies (electron/abtests/deadline.ts)
              OR (json_extract(c.ab_json, '$.testPercent') IS NOT NULL AND s.winner_sent_at IS NULL AND s.winner_index IS NULL AND s.decision_needed_at IS NULL))
       ORDER BY c.id`,
    )
    .all() as { id: number }[];
  const released: number[] = [];
  for (const { id } of waiting) {
    try {
      if (releaseIsDue(evaluateAbTest(core, id))) {
        await sendWinner(core, id, { actor: 'abtests' });
        released.push(id);
      } else if ((await applyDecisionDeadline(core, id))?.outcome === 'default_sent') {
        released.push(id);
      }
    } catch (err) {
      log(`checking A/B test ${id} failed`, err);
    }
  }
  return released;
}
