import type { DeskCore } from '../core';
import { abCampaign, variantLabel } from './evaluate';
import { loadAbState } from './state';
import { sendWinner } from './winner';

type DeadlineCore = Pick<DeskCore, 'db' | 'kdb' | 'settings' | 'secrets' | 'now' | 'audit' | 'events' | 'paths'>;

export type DeadlineOutcome = { campaignId: number; outcome: 'default_sent' | 'decision_needed' };

/** When the test's last message was sent; null while test messages are still waiting to go out. */
async function lastTestSend(core: DeadlineCore, campaignId: number): Promise<string | null> {
  const open = await core.kdb
    .selectFrom('outbox_messages')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where('kind', '=', 'campaign')
    .where('ab_remainder', '=', 0)
    .where('state', 'in', ['queued', 'sending', 'retry_wait'])
    .limit(1)
    .executeTakeFirst();
  if (open) return null;
  const row = await core.kdb
    .selectFrom('outbox_messages')
    .select((eb) => eb.fn.max('sent_at').as('last'))
    .where('campaign_id', '=', campaignId)
    .where('kind', '=', 'campaign')
    .where('ab_remainder', '=', 0)
    .executeTakeFirst();
  return row?.last ?? null;
}

/**
 * A "test, then send the winner" campaign must not wait forever: `abtests.decisionDeadlineHours` after the test's
 * last send, if nothing has gone to the held-back rest yet and there is no winner to send, the default variant the
 * owner chose when creating the test goes out; without one the test is marked "Decision needed" (once) and the
 * owner is notified. Run by the background check after each evaluation.
 */
export async function applyDecisionDeadline(core: DeadlineCore, campaignId: number): Promise<DeadlineOutcome | null> {
  const c = abCampaign(core, campaignId);
  if (c.ab.testPercent === undefined || c.status === 'cancelled' || c.snapshotState !== 'complete') return null;
  const now = core.now();
  const state = loadAbState(core.db, campaignId, now.toISOString());
  if (state.winnerSentAt !== null || state.decisionNeededAt !== null) return null;
  // A winner the owner has yet to approve is a decision, not a stall: approval mode waits for them by design.
  if (state.winnerIndex !== null) return null;
  const last = await lastTestSend(core, campaignId);
  if (last === null) return null;
  const deadline = new Date(Date.parse(last) + core.settings.get('abtests.decisionDeadlineHours') * 3_600_000);
  if (now < deadline) return null;
  const fallback = c.ab.defaultVariant;
  if (fallback !== undefined) {
    core.audit(
      'abtest.deadlineDefault',
      String(campaignId),
      { variant: c.ab.variants[fallback].name, deadline: deadline.toISOString() },
      'abtests',
    );
    await sendWinner(core, campaignId, { variant: fallback, actor: 'abtests' });
    return { campaignId, outcome: 'default_sent' };
  }
  const marked = await core.kdb
    .updateTable('ab_state')
    .set({ decision_needed_at: now.toISOString(), updated_at: now.toISOString() })
    .where('campaign_id', '=', campaignId)
    .where('decision_needed_at', 'is', null)
    .executeTakeFirst();
  if (Number(marked.numUpdatedRows) === 1) {
    core.audit('abtest.decisionNeeded', String(campaignId), { deadline: deadline.toISOString() }, 'abtests');
    const names = c.ab.variants.map((v) => variantLabel(v.name)).join(', ');
    core.events.emit('app:notify', {
      title: `Decision needed: “${c.name}”`,
      body: `The A/B test could not name a winner by its deadline. Choose which of ${names} the rest of the audience gets.`,
      level: 'warning',
    });
    core.events.emit('app:dataChanged', { area: 'campaigns' });
  }
  return { campaignId, outcome: 'decision_needed' };
}
