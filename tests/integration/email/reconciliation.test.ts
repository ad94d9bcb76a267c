import { describe, expect, it } from 'vitest';
import type { DeskApp } from '../../../electron/app';
import { insertEmailCampaign } from '../../helpers/email-outbox';
import { usePostmarkApp } from '../../helpers/postmark-app';
import type { FakePostmark } from '../../fakes/postmark';

const postmarkApp = usePostmarkApp();
let postmark: FakePostmark | undefined;

async function setUp(provider: 'postmark' | 'sandbox') {
  const started = await postmarkApp.setUp();
  postmark = started.postmark;
  started.app.settings.set('email.provider', provider);
  started.app.settings.set('sandboxEmail.deliveryDelayMs', 0);
  return started.app;
}

const rows = (a: DeskApp, campaignId: number) =>
  a.db
    .prepare(
      `SELECT id, contact_id AS contactId, to_email AS email, state, error_code AS code, provider_message_id AS messageId
       FROM outbox_messages WHERE campaign_id = ? ORDER BY id`,
    )
    .all(campaignId) as Array<{
    id: number;
    contactId: number;
    email: string;
    state: string;
    code: string | null;
    messageId: string;
  }>;

/** As if the last move was an hour ago: older than the settle period, so reconciliation may conclude. */
const age = (a: DeskApp, campaignId: number) =>
  a.db
    .prepare(`UPDATE outbox_messages SET updated_at = ? WHERE campaign_id = ?`)
    .run(new Date(a.now().getTime() - 3_600_000).toISOString(), campaignId);

describe('e-mail reconciliation: Postmark message details settle what webhooks missed', () => {
  it('delivered and bounced e-mails stuck in sent/sending are settled by GET /messages/outbound/{id}/details', async () => {
    const a = await setUp('postmark');
    const { campaignId } = insertEmailCampaign(a.db, 4, { provider: 'postmark', nowIso: a.now().toISOString() });
    await a.dispatcher.runUntilIdle(3000);
    const [delivered, bounced, stuckSending, quiet] = rows(a, campaignId);
    expect([delivered, bounced, stuckSending, quiet].map((r) => r.state)).toEqual(['sent', 'sent', 'sent', 'sent']);
    // No webhook arrived: Postmark knows the outcome, we do not. One was left in `sending` (a crash after the answer).
    postmark!.deliver(delivered.messageId);
    postmark!.bounce(bounced.messageId);
    a.db.prepare(`UPDATE outbox_messages SET state = 'sending' WHERE id = ?`).run(stuckSending.id);

    // Too recent: nothing is looked up yet.
    expect(await a.monitoring.reconciler.settleEmails()).toMatchObject({ lookedUp: 0, settled: 0 });
    age(a, campaignId);
    const settling = await a.monitoring.reconciler.settleEmails();
    expect(settling).toMatchObject({ provider: 'postmark', lookedUp: 4, settled: 3, errors: [] });
    const after = rows(a, campaignId);
    expect(after.map((r) => r.state)).toEqual(['delivered', 'undelivered', 'sent', 'sent']);
    expect(after[1].code).toBe('postmark_bounced');
    const lookups = postmark!.log.filter((l) => /^\/messages\/outbound\/[^/]+\/details$/.test(l.path));
    expect(lookups.length).toBeGreaterThanOrEqual(4);

    // Again: nothing moves backwards and nothing is counted twice.
    age(a, campaignId);
    expect(await a.monitoring.reconciler.settleEmails()).toMatchObject({ settled: 0 });
    expect(rows(a, campaignId).map((r) => r.state)).toEqual(['delivered', 'undelivered', 'sent', 'sent']);
  });

  it('an unreachable Postmark is reported and changes nothing; the next run tries again', async () => {
    const a = await setUp('postmark');
    const { campaignId } = insertEmailCampaign(a.db, 2, { provider: 'postmark', nowIso: a.now().toISOString() });
    await a.dispatcher.runUntilIdle(3000);
    age(a, campaignId);
    a.settings.set('postmark.baseUrl', 'http://127.0.0.1:9');
    const settling = await a.monitoring.reconciler.settleEmails();
    expect(settling.settled).toBe(0);
    expect(settling.errors[0]).toMatch(/^Looking up e-mail .* at Postmark failed: Could not reach Postmark/);
    expect(rows(a, campaignId).map((r) => r.state)).toEqual(['sent', 'sent']);
  });
});

describe('Sandbox e-mail outcomes reach the contact and the consent log', () => {
  const contact = (a: DeskApp, id: number) =>
    a.db
      .prepare(
        'SELECT email_opted_out AS optedOut, email_suppressed AS suppressed, opted_out AS textOptedOut FROM contacts WHERE id = ?',
      )
      .get(id);
  const consentLog = (a: DeskApp, id: number) =>
    a.db
      .prepare('SELECT channel, new_state AS state, source, email FROM optout_audit WHERE contact_id = ? ORDER BY id')
      .all(id);

  for (const [outcome, rates, expected] of [
    ['delivery', {}, { state: 'delivered', optedOut: 0, suppressed: null, logged: 0, source: null }],
    [
      'hard bounce',
      { bounceRate: 1 },
      { state: 'failed', optedOut: 0, suppressed: 'hard_bounce', logged: 1, source: 'bounce' },
    ],
    [
      'complaint',
      { complaintRate: 1 },
      { state: 'delivered', optedOut: 0, suppressed: 'complaint', logged: 1, source: 'complaint' },
    ],
    [
      'unsubscribe',
      { unsubscribeRate: 1 },
      { state: 'delivered', optedOut: 1, suppressed: null, logged: 1, source: 'list_unsubscribe' },
    ],
  ] as const) {
    it(`${outcome}: the e-mail's state, the contact's e-mail consent, and the e-mail consent log`, async () => {
      const a = await setUp('sandbox');
      a.settings.set('sandboxEmail.bounceRate', 'bounceRate' in rates ? rates.bounceRate : 0);
      a.settings.set('sandboxEmail.complaintRate', 'complaintRate' in rates ? rates.complaintRate : 0);
      a.settings.set('sandboxEmail.unsubscribeRate', 'unsubscribeRate' in rates ? rates.unsubscribeRate : 0);
      const { campaignId, contactIds } = insertEmailCampaign(a.db, 1, {
        provider: 'sandbox_email',
        nowIso: a.now().toISOString(),
      });
      await a.dispatcher.runUntilIdle(3000);
      for (let i = 0; i < 3; i++) a.tick();
      const [row] = rows(a, campaignId);
      expect(row.state).toBe(expected.state);
      expect(contact(a, contactIds[0])).toEqual({
        optedOut: expected.optedOut,
        suppressed: expected.suppressed,
        textOptedOut: 0, // e-mail never crosses to texts
      });
      const log = consentLog(a, contactIds[0]);
      expect(log).toHaveLength(expected.logged);
      for (const entry of log)
        expect(entry).toMatchObject({
          channel: 'email',
          state: 'opted_out',
          source: expected.source,
          email: row.email,
        });
    });
  }
});
