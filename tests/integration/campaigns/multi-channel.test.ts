import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskApp } from '../../../electron/app';
import { invokeOk, sandboxBehaviour, useTempApp } from '../../helpers/app';
import { daytimeClock, seedContacts } from '../../helpers/seed';
import type { Channel as IpcChannel, InputOf } from '../../../shared/ipc/contract';

let app: DeskApp;
useTempApp(
  (a) => (app = a),
  () => ({ now: daytimeClock(), dispatch: { pollMs: 20 } }),
);
beforeEach(() => {
  sandboxBehaviour(app);
  app.settings.set('business.name', 'Bloom');
  app.settings.set('voice.callbackNumber', '+14155550100');
});

const ok = <C extends IpcChannel>(channel: C, input: InputOf<C>) => invokeOk(app, channel, input);
const fails = async <C extends IpcChannel>(channel: C, input: InputOf<C>) => {
  const r = await app.dispatch(channel, input);
  if (r.ok) throw new Error(`${channel} succeeded`);
  return r.error.message;
};

/** Consent per channel straight into the contacts (migration 0020's columns). */
function consent(
  id: number,
  c: { text?: boolean; email?: boolean; voice?: boolean; emailAddress?: string | null } = {},
): void {
  app.db
    .prepare(
      `UPDATE contacts SET textable = ?, email = ?, email_consent = ?, voice_consent_at = ?, voice_consent_source = ? WHERE id = ?`,
    )
    .run(
      c.text ? 1 : 0,
      c.emailAddress !== undefined ? c.emailAddress : `person${id}@example.com`,
      c.email ? 1 : null,
      c.voice ? '2026-01-05T10:00:00.000Z' : null,
      c.voice ? 'web form' : null,
      id,
    );
}

const rows = (campaignId: number) =>
  app.db
    .prepare(
      `SELECT contact_id AS contactId, channel, provider, to_email AS toEmail, subject, body, html_body AS html, voice_json AS voiceJson, segments
       FROM outbox_messages WHERE campaign_id = ? ORDER BY contact_id, channel`,
    )
    .all(campaignId) as Array<{
    contactId: number;
    channel: string;
    provider: string;
    toEmail: string | null;
    subject: string | null;
    body: string;
    html: string | null;
    voiceJson: string | null;
    segments: number;
  }>;

const TEXT = 'Hi {{first_name|there}}, 20% off at {{business_name}} this week. Reply STOP to opt out';
const CALL = 'Hi {{first_name|there}}, our spring sale starts Friday.';
const MAIL = { subject: 'Spring sale', body: 'Hi {{first_name|there}}, **20% off** this week.' };

function mailSettings(): void {
  app.settings.set('email.from', 'Bloom <hello@bloom.example>');
  app.settings.set('email.postalAddress', '1 Main St, Springfield, IL 62701');
  app.settings.set('webhooks.publicUrl', 'https://bloom.example');
}

describe('multi-channel campaigns', () => {
  it('says clearly what a channel is missing', async () => {
    expect(await fails('campaigns:create', { name: 'x', body: TEXT, channels: ['sms', 'email'] })).toMatch(
      /e-mail channel needs its e-mail/,
    );
    expect(
      await fails('campaigns:create', { name: 'x', body: TEXT, channels: ['sms', 'email'], email: { body: 'Hi' } }),
    ).toMatch(/needs a subject/);
    expect(await fails('campaigns:create', { name: 'x', body: TEXT, channels: ['sms', 'voice'] })).toMatch(
      /voice channel needs its call/,
    );
    expect(await fails('campaigns:create', { name: 'x', body: TEXT, channels: ['sms', 'sms'] })).toMatch(
      /each channel once/,
    );
    app.settings.set('provider', 'quo');
    expect(
      await fails('campaigns:create', { name: 'x', body: TEXT, channels: ['sms', 'voice'], voice: { script: CALL } }),
    ).toMatch(/Quo has no call API: voice calls go through Twilio/);
  });

  it('a call is written per contact by the voice builder: identification, opt-out key, the script', async () => {
    const [id] = seedContacts(app.db, 1);
    const c = await ok('campaigns:create', {
      name: 'Spring',
      body: TEXT,
      channels: ['sms', 'voice'],
      voice: { script: CALL },
    });
    expect(c).toMatchObject({ channels: ['sms', 'voice'], everyChannel: false, voice: { script: CALL } });
    const { getCampaign } = await import('../../../electron/campaigns/model');
    const { channelRenderer, channelProvider } = await import('../../../electron/campaigns/channel-render');
    const record = getCampaign(app.db, c.id);
    expect(channelProvider(app, record, 'voice')).toBe('sandbox_voice');
    const call = channelRenderer(
      app,
      record,
      'voice',
    )({ id, phone: '+14155550123', first_name: 'Ana', last_name: null, email: null }, 1);
    expect(call.body).toContain('This is a message from Bloom');
    expect(call.body).toContain('Hi Ana, our spring sale starts Friday.');
    expect(JSON.parse(call.voiceJson!)).toMatchObject({ v: 1, businessName: 'Bloom' });
  });

  it('on every channel when asked: the contact reachable on both gets both (an e-mail and a text)', async () => {
    mailSettings();
    const [both] = seedContacts(app.db, 1);
    consent(both, { text: true, email: true });
    const c = await ok('campaigns:create', {
      name: 'Both',
      body: TEXT,
      channels: ['email', 'sms'],
      everyChannel: true,
      email: MAIL,
    });
    await ok('campaigns:launch', { id: c.id, acknowledge: 'test fixture' });
    expect(rows(c.id).map((r) => r.channel)).toEqual(['email', 'sms']);
  });

  it('property: at most one message per contact unless every channel, and only on channels they can be reached on', async () => {
    mailSettings();
    const ids = seedContacts(app.db, 12);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ text: fc.boolean(), email: fc.boolean() }), { minLength: 12, maxLength: 12 }),
        fc.constantFrom<Array<'sms' | 'email'>>(['sms', 'email'], ['email', 'sms']),
        fc.boolean(),
        async (states, channels, everyChannel) => {
          states.forEach((s, i) => consent(ids[i], s));
          const c = await ok('campaigns:create', {
            name: 'P',
            body: TEXT,
            channels,
            everyChannel,
            email: MAIL,
          });
          const launched = await app.dispatch('campaigns:launch', { id: c.id, acknowledge: 'test fixture' });
          const got = rows(c.id);
          if (!launched.ok) {
            expect(states.every((s) => !s.text && !s.email)).toBe(true);
            return;
          }
          ids.forEach((id, i) => {
            const mine = got.filter((r) => r.contactId === id).map((r) => r.channel as 'sms' | 'email');
            const can = channels.filter((ch) => (ch === 'sms' ? states[i].text : states[i].email));
            expect(mine.every((ch) => can.includes(ch))).toBe(true);
            expect(mine.length).toBe(everyChannel ? can.length : Math.min(1, can.length));
            if (!everyChannel && can.length) expect(mine).toEqual([can[0]]);
          });
          await ok('campaigns:cancel', { id: c.id });
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('a text, else an e-mail, sent through the Sandbox', () => {
  beforeEach(() => mailSettings());

  it('e-mails those who cannot be texted, with their own unsubscribe link, and the results per channel add up', async () => {
    const [textOnly, emailOnly, both, neither] = seedContacts(app.db, 4);
    consent(textOnly, { text: true });
    consent(emailOnly, { email: true });
    consent(both, { text: true, email: true });
    consent(neither, { email: false });
    const c = await ok('campaigns:create', {
      name: 'Spring',
      body: TEXT,
      channels: ['sms', 'email'],
      email: {
        subject: 'Spring sale, {{first_name|friend}}',
        body: '# Hello {{first_name|there}}\n\n**20% off** this week.',
      },
    });
    await ok('campaigns:launch', { id: c.id, acknowledge: 'test fixture' });
    const got = rows(c.id);
    expect(got.map((r) => [r.contactId, r.channel, r.provider])).toEqual([
      [textOnly, 'sms', 'sandbox'],
      [emailOnly, 'email', 'sandbox_email'],
      [both, 'sms', 'sandbox'],
    ]);
    const mail = got.find((r) => r.channel === 'email')!;
    const outboxId = (
      app.db.prepare(`SELECT id FROM outbox_messages WHERE campaign_id = ? AND channel = 'email'`).get(c.id) as {
        id: number;
      }
    ).id;
    expect(mail).toMatchObject({ toEmail: `person${emailOnly}@example.com`, subject: 'Spring sale, Ben', segments: 1 });
    expect(mail.html).toContain('<strong>20% off</strong>');
    expect(mail.html).toContain('1 Main St, Springfield');
    expect(mail.html).toContain(`https://bloom.example/u/${emailOnly}.${outboxId}.`);
    expect(mail.body).toContain('Hello Ben');

    await app.dispatcher.runUntilIdle();
    app.tick();
    const r = await ok('analytics:campaignResults', { campaignId: c.id });
    expect(r.channels.map((ch) => [ch.channel, ch.sent])).toEqual([
      ['sms', 2],
      ['email', 1],
    ]);
    for (const k of ['sent', 'delivered', 'failed', 'replied', 'clicked', 'optedOut', 'converted'] as const)
      expect(r.channels.reduce((a, ch) => a + ch[k], 0)).toBe(r[k]);
    expect(r.channels.reduce((a, ch) => a + ch.spendMinor, 0)).toBeCloseTo(r.money.spendMinor, 9);
  });

  it('prices e-mails per message and calls per call at hand-over (spend per channel)', async () => {
    const { segmentPrice } = await import('../../../electron/analytics/spend');
    app.settings.set('pricing.emailPerMessage', 0.0015);
    app.settings.set('pricing.voicePerCall', 0.03);
    expect(segmentPrice(app.settings, 'postmark')).toEqual({ perSegmentMicros: 1500 });
    expect(segmentPrice(app.settings, 'smtp')).toEqual({ perSegmentMicros: 1500 });
    expect(segmentPrice(app.settings, 'twilio_voice')).toEqual({ perSegmentMicros: 30_000 });
    expect(segmentPrice(app.settings, 'sandbox_email')).toEqual({ perSegmentMicros: 0 });
    expect(segmentPrice(app.settings, 'twilio')).toEqual({ perSegmentMicros: 8300 });
  });

  it('a ready HTML body loses its scripts when saved and gets the footer when sent', async () => {
    const [emailOnly] = seedContacts(app.db, 1);
    consent(emailOnly, { email: true });
    const c = await ok('campaigns:create', {
      name: 'HTML',
      channels: ['email'],
      email: {
        subject: 'News',
        html: '<html><head><title>x</title><script>alert(1)</script></head><body><p onclick="steal()">Hello <a href="javascript:evil()">there</a> <b>friend</b></p><img src="http://insecure/x.png"></body></html>',
      },
    });
    expect(c.email?.html).toBe('<p>Hello <a>there</a> <b>friend</b></p><img />');
    await ok('campaigns:launch', { id: c.id, acknowledge: 'test fixture' });
    const [mail] = rows(c.id);
    expect(mail.html).toContain('<p>Hello <a>there</a> <b>friend</b></p>');
    expect(mail.html).not.toMatch(/script|onclick|javascript:/);
    expect(mail.html).toContain('1 Main St, Springfield');
    expect(mail.body).toContain('Hello there friend');
  });
  it('an e-mail-only campaign has a launch check: its reach counts the e-mail recipients, and no text rules apply', async () => {
    const [emailOnly, both, neither] = seedContacts(app.db, 3);
    consent(emailOnly, { email: true });
    consent(both, { text: true, email: true });
    consent(neither, {});
    const c = await ok('campaigns:create', {
      name: 'Mail only',
      channels: ['email'],
      email: { subject: 'News', body: 'Hello {first_name}, new stock is in.' },
    });
    const check = await ok('campaigns:launchCheck', { id: c.id });
    expect(check).toMatchObject({ matched: 3, eligible: 2 });
    // The text checks (business name, opt-out line) are about texts: an e-mail carries its own footer and link.
    expect(check.findings.map((f) => f.code)).toEqual([]);
    await ok('campaigns:launch', { id: c.id });
    expect(rows(c.id).map((r) => [r.contactId, r.channel])).toEqual([
      [emailOnly, 'email'],
      [both, 'email'],
    ]);
  });
});
