import { afterEach, describe, expect, it } from 'vitest';
import type { Channel, InputOf, OutputOf } from '../../../shared/ipc/contract';
import { ANA, deskWithQuo } from './desk';

type Desk = Awaited<ReturnType<typeof deskWithQuo>>;
let d: Desk;
afterEach(async () => {
  await d.close();
});

const ANA_EMAIL = 'ana@example.com';

async function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const r = await d.app.dispatch(channel, input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function contact(desk: Desk) {
  return desk.app.db
    .prepare('SELECT opted_out, email_opted_out, email_suppressed, dnc FROM contacts WHERE id = ?')
    .get(desk.anaId) as { opted_out: number; email_opted_out: number; email_suppressed: string | null; dnc: number };
}
const audit = (desk: Desk) =>
  desk.app.db.prepare('SELECT channel, source, new_state, email FROM optout_audit ORDER BY id').all();

async function withEmail(): Promise<Desk> {
  const desk = await deskWithQuo();
  desk.app.db
    .prepare('UPDATE contacts SET email = ?, email_consent = 1, textable = 1 WHERE id = ?')
    .run(ANA_EMAIL, desk.anaId);
  return desk;
}

describe('consent per channel never crosses unless configured', () => {
  it('an e-mail unsubscribe leaves SMS consent, the inbox last word and the list status alone', async () => {
    d = await withEmail();
    await call('consent:emailOptOut', { email: 'ANA@example.com' });
    expect(contact(d)).toMatchObject({ opted_out: 0, email_opted_out: 1 });
    const thread = await call('inbox:thread', { contactId: d.anaId });
    expect(thread.contact.lastConsentChange ?? null).toBeNull();
    const detail = await call('contacts:get', { id: d.anaId });
    expect(detail.contact.reach).toEqual({ sms: 'reachable', email: 'unsubscribed', voice: 'no_consent' });
    expect(detail.optOutHistory.map((h) => h.channel)).toEqual(['email']);
    // The opt-out report shows every channel, with a channel filter.
    const everyChannel = await call('optouts:report', {});
    expect(everyChannel.rows.map((r) => [r.channel, r.email, r.source])).toEqual([
      ['email', 'ANA@example.com', 'manual'],
    ]);
    expect((await call('optouts:report', { channel: 'sms' })).total).toBe(0);
    // A STOP after it is still a change of SMS state, with its own confirmation.
    d.inbound('STOP');
    expect(contact(d)).toMatchObject({ opted_out: 1, email_opted_out: 1 });
    expect(d.outbox('confirmation')).toHaveLength(1);
  });

  it('a STOP stops texts only while compliance.stopAlsoUnsubscribesEmail is off (the default)', async () => {
    d = await withEmail();
    d.inbound('STOP');
    expect(contact(d)).toMatchObject({ opted_out: 1, email_opted_out: 0 });
    expect(audit(d)).toEqual([{ channel: 'sms', source: 'keyword', new_state: 'opted_out', email: null }]);
  });

  it('with the setting on, a STOP also unsubscribes the e-mail, audited as its own e-mail row', async () => {
    d = await withEmail();
    d.app.settings.set('compliance.stopAlsoUnsubscribesEmail', true);
    d.inbound('STOP');
    expect(contact(d)).toMatchObject({ opted_out: 1, email_opted_out: 1 });
    expect(audit(d)).toEqual([
      { channel: 'sms', source: 'keyword', new_state: 'opted_out', email: null },
      { channel: 'email', source: 'keyword', new_state: 'opted_out', email: ANA_EMAIL },
    ]);
    // START opts back in to texts only: an e-mail unsubscribe is undone by the person, by e-mail.
    d.inbound('START');
    expect(contact(d)).toMatchObject({ opted_out: 0, email_opted_out: 1 });
  });

  it('a bulk opt-out is undone although an e-mail unsubscribe came after it (not the last word on SMS)', async () => {
    d = await withEmail();
    const bulk = await call('contacts:bulk', { action: 'optOut', contactIds: [d.anaId] });
    d.advance(60_000);
    await call('consent:emailOptOut', { email: ANA_EMAIL });
    await call('contacts:bulkUndo', { actionId: bulk.actionId });
    expect(contact(d)).toMatchObject({ opted_out: 0, email_opted_out: 1 });
  });

  it('do-not-call by hand and written consent to calls make the calls status', async () => {
    d = await withEmail();
    await expect(call('consent:recordVoiceConsent', { contactId: d.anaId, source: '   ' })).rejects.toThrow(
      /where the written consent came from/,
    );
    await call('consent:recordVoiceConsent', {
      contactId: d.anaId,
      source: 'Signed form at the counter',
      obtainedAt: '2026-11-28T15:00:00Z',
    });
    let detail = await call('contacts:get', { id: d.anaId });
    expect(detail.contact).toMatchObject({
      voiceConsentAt: '2026-11-28T15:00:00Z',
      voiceConsentSource: 'Signed form at the counter',
      reach: { sms: 'reachable', email: 'reachable', voice: 'reachable' },
    });
    expect(detail.consentRecords.at(-1)).toMatchObject({ source: 'manual', note: 'Signed form at the counter' });
    const voiceRecords = d.app.db.prepare(`SELECT COUNT(*) AS n FROM consent_records WHERE channel = 'voice'`).get();
    expect(voiceRecords).toEqual({ n: 1 });
    const r = await call('consent:doNotCall', { phone: '(415) 555-0100', reason: 'asked on the phone' });
    expect(r).toEqual({ phone: ANA, contactId: d.anaId, changed: true });
    detail = await call('contacts:get', { id: d.anaId });
    expect(detail.contact.reach).toEqual({ sms: 'reachable', email: 'reachable', voice: 'dnc' });
    expect(contact(d)).toMatchObject({ opted_out: 0, email_opted_out: 0, dnc: 1 });
  });
});
