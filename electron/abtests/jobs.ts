import type { DeskCore } from '../core';
import { evaluateAbTest, releaseIsDue } from './evaluate';
import { sendWinner } from './winner';
import { applyDecisionDeadline } from './deadline';
import { waitingAbCampaignIds } from './queries';

/**
 * The background check (every few minutes while the app runs): each A/B test still waiting for a verdict is
 * evaluated — taking a look when one is due, so a verdict comes even when nobody opens the report — and a winner
 * due to go out without approval (or a release that was interrupted) is sent to the rest of the audience. A test
 * that cannot decide by its deadline sends its default variant, or asks the owner (deadline.ts).
 */
export async function checkWaitingAbTests(
  core: DeskCore,
  log: (msg: string, err?: unknown) => void = () => undefined,
): Promise<number[]> {
  const waiting = waitingAbCampaignIds(core.db);
  const released: number[] = [];
  for (const id of waiting) {
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
