import { afterEach, describe, expect, it } from 'vitest';
import { call, desk, MINUTE, type Desk } from './desk';

let d: Desk;
afterEach(async () => {
  await d.close();
});

describe('reconciliation against the fake Twilio server', () => {
  it("fixes statuses from Twilio's account listing and processes a missed STOP once", async () => {
    d = await desk({ provider: 'twilio' });
    const start = d.now();
    const { campaignId, phones } = await d.sendCampaign(3);
    const sent = d.outbox(campaignId);
    expect(sent.map((m) => m.state)).toEqual(['sent', 'sent', 'sent']);
    d.twilio!.markDelivered(sent[0].providerMessageId!);
    d.twilio!.markUndelivered(sent[1].providerMessageId!, 30005);
    d.advance(4 * MINUTE);
    const stop = d.twilio!.addInbound({ from: phones[2], body: 'UNSUBSCRIBE', to: '+15550100001' });
    d.advance(MINUTE);

    const run = await call(d.app, 'reconciliation:run', {
      since: new Date(start.getTime() - 10 * MINUTE).toISOString(),
    });
    expect(run).toMatchObject({ status: 'ok', provider: 'twilio' });
    expect(run.diff!.listing).toBe('account');
    expect(run.diff!.statusesFixed).toEqual([
      {
        outboxId: sent[0].id,
        phone: phones[0],
        providerMessageId: sent[0].providerMessageId,
        before: 'sent',
        after: 'delivered',
        errorCode: null,
      },
      {
        outboxId: sent[1].id,
        phone: phones[1],
        providerMessageId: sent[1].providerMessageId,
        before: 'sent',
        after: 'undelivered',
        errorCode: '30005',
      },
    ]);
    expect(run.diff!.optOutsFound).toEqual([
      { phone: phones[2], providerMessageId: stop.sid, body: 'UNSUBSCRIBE', at: expect.any(String) },
    ]);
    expect(d.app.db.prepare('SELECT opted_out FROM contacts WHERE phone = ?').get(phones[2])).toEqual({ opted_out: 1 });
    expect(
      d.app.db
        .prepare(`SELECT COUNT(*) AS n FROM outbox_messages WHERE kind = 'confirmation' AND to_phone = ?`)
        .get(phones[2]),
    ).toEqual({ n: 1 });

    const before = d.snapshot();
    const again = await call(d.app, 'reconciliation:run', {
      since: new Date(start.getTime() - 10 * MINUTE).toISOString(),
    });
    expect(again.diff).toMatchObject({ statusesFixed: [], inboundIngested: [], optOutsFound: [] });
    expect(d.snapshot()).toEqual(before);
  });
});
