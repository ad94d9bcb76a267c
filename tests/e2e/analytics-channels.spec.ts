import { test, expect } from './fixtures';
import type { DeskApp } from '../../electron/app';
import { rebuildAll } from '../../electron/analytics/rebuild';
import { seedContacts } from '../helpers/seed';
import { shots } from './shots';
import { seriousViolations } from './axe';

test.setTimeout(180_000);

const DAY = 86_400_000;

/** How many of a channel's messages were sent, failed, and had each outcome. */
interface ChannelPlan {
  channel: 'sms' | 'email' | 'voice';
  provider: string;
  sent: number;
  failed: number;
  replied?: number;
  clicked?: number;
  optedOut: number;
  converted: number;
  costMicros: number;
}

/**
 * Sent history straight into the real schema (as the dispatcher and the outcome ingester leave it), then the real
 * roll-up rebuild: a campaign that texted, else e-mailed, else called, ten days ago, and a texts-only one three days
 * ago. Each sale is $35.
 */
function seedCampaign(app: DeskApp, name: string, daysAgo: number, contactIds: number[], plans: ChannelPlan[]) {
  const at = new Date(Date.now() - daysAgo * DAY).toISOString();
  const later = new Date(Date.now() - daysAgo * DAY + 3 * 3_600_000).toISOString();
  const channels = plans.map((p) => p.channel);
  const campaignId = Number(
    app.db
      .prepare(
        `INSERT INTO campaigns (name, status, body, channels_json, created_at, updated_at, launched_at, completed_at) VALUES (?, 'completed', 'Hi from Bloom Salon. Reply STOP to opt out', ?, ?, ?, ?, ?)`,
      )
      .run(name, channels.join() === 'sms' ? null : JSON.stringify(channels), at, at, at, at).lastInsertRowid,
  );
  const message = app.db.prepare(
    `INSERT INTO outbox_messages (campaign_id, contact_id, kind, to_phone, to_email, body, provider, channel, state, cost_micros, created_at, updated_at, sent_at, delivered_at)
     VALUES (?, ?, 'campaign', ?, ?, 'Hi from Bloom Salon', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const outcome = app.db.prepare(
    `INSERT INTO message_outcomes (outbox_id, campaign_id, contact_id, kind, at, rule, click_days, delivery_hours) VALUES (?, ?, ?, ?, ?, 'delivery', 5, 24)`,
  );
  const sale = app.db.prepare(
    `INSERT INTO conversions (contact_id, campaign_id, outbox_id, source, source_id, amount_minor, actor, at, rule, created_at) VALUES (?, ?, ?, 'order', ?, 3500, 'import', ?, 'delivery', ?)`,
  );
  let next = 0;
  app.db.transaction(() => {
    for (const p of plans) {
      for (let i = 0; i < p.sent; i++) {
        const contactId = contactIds[next++];
        const failed = i >= p.sent - p.failed;
        const id = Number(
          message.run(
            campaignId,
            contactId,
            `+1415555${String(contactId).padStart(4, '0')}`,
            p.channel === 'email' ? `guest${contactId}@example.com` : null,
            p.provider,
            p.channel,
            failed ? 'undelivered' : 'delivered',
            p.costMicros,
            at,
            at,
            at,
            failed ? null : at,
          ).lastInsertRowid,
        );
        if (failed) continue;
        if (i < (p.replied ?? 0)) outcome.run(id, campaignId, contactId, 'replied', later);
        if (i >= 20 && i < 20 + (p.clicked ?? 0)) outcome.run(id, campaignId, contactId, 'clicked', later);
        if (i >= 60 && i < 60 + p.optedOut) outcome.run(id, campaignId, contactId, 'opted_out', later);
        if (i >= 10 && i < 10 + p.converted) sale.run(contactId, campaignId, id, `order-${id}`, later, later);
      }
    }
  })();
}

function seed(app: DeskApp): void {
  app.settings.set('business.name', 'Bloom Salon');
  const ids = seedContacts(app.db, 400, { nowIso: new Date(Date.now() - 60 * DAY).toISOString() });
  seedCampaign(app, 'Winter colour week', 10, ids, [
    {
      channel: 'sms',
      provider: 'twilio',
      sent: 180,
      failed: 5,
      replied: 22,
      clicked: 30,
      optedOut: 3,
      converted: 9,
      costMicros: 8300,
    },
    {
      channel: 'email',
      provider: 'postmark',
      sent: 120,
      failed: 3,
      clicked: 18,
      optedOut: 2,
      converted: 6,
      costMicros: 1500,
    },
    { channel: 'voice', provider: 'twilio_voice', sent: 70, failed: 6, optedOut: 1, converted: 2, costMicros: 30_000 },
  ]);
  seedCampaign(app, 'Gift cards', 3, ids, [
    {
      channel: 'sms',
      provider: 'twilio',
      sent: 150,
      failed: 2,
      replied: 12,
      clicked: 25,
      optedOut: 2,
      converted: 5,
      costMicros: 8300,
    },
  ]);
  rebuildAll(app.db);
}

test('Analytics: results by channel and in all, a channel filter, and the dashboard split', async ({
  desk,
  page,
}, testInfo) => {
  seed(desk.app);
  await page.setViewportSize({ width: 1440, height: 900 });
  const errors = await desk.open(page, 'analytics');
  await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
  const section = page.getByTestId('channel-summary');
  await expect(section.getByRole('heading', { name: 'Results by channel' })).toBeVisible();

  // Every channel's line and the total beneath; what a channel cannot measure says so.
  const row = (id: string) => section.getByTestId(`channel-row-${id}`);
  await expect(row('sms')).toContainText('Text (SMS)33032373455514');
  await expect(row('email')).toContainText('E-mail1201173not measured1826');
  await expect(row('voice')).toContainText('Voice call70646not measurednot measured12');
  await expect(row('voice').getByText('not measured')).toHaveCount(2);
  await expect(row('all')).toContainText('All channels520504163473822');
  await expect(row('all')).toContainText('$770.00');
  await expect(row('all')).toContainText('$5.02');
  await expect(section.getByTestId('ch-kpi-sent')).toContainText('520');
  await expect(section.getByTestId('ch-kpi-revenue')).toContainText('$770.00');
  await shots(page, testInfo, 'analytics-channels');

  // E-mails only: the headline figures and the charts are the e-mails'; the table keeps every channel.
  await page.getByRole('group', { name: 'Channel' }).getByRole('button', { name: 'E-mails' }).click();
  await expect(section.getByTestId('ch-kpi-sent')).toContainText('120');
  await expect(section.getByTestId('ch-kpi-reply')).toContainText('not measured on e-mails');
  await expect(section.getByTestId('ch-kpi-revenue')).toContainText('$210.00');
  await expect(section.getByTestId('ch-kpi-spend')).toContainText('$0.18');
  await expect(row('email')).toHaveAttribute('aria-current', 'true');
  await expect(section.getByRole('img', { name: /^E-mails: messages sent/ })).toBeVisible();
  const funnel = page.getByRole('figure', { name: 'Funnel — E-mails' });
  await expect(
    funnel.getByRole('img', { name: /^Funnel: Sent 120, Delivered 117, Clicked 18, Converted 6$/ }),
  ).toBeVisible();
  await expect(funnel).toContainText('Replies are not measured on e-mails');
  // Calls: no reply, no click.
  await page.getByRole('group', { name: 'Channel' }).getByRole('button', { name: 'Calls' }).click();
  await expect(section.getByTestId('ch-kpi-click')).toContainText('not measured on calls');
  await expect(section.getByTestId('ch-kpi-spend')).toContainText('$2.10');
  await page.getByRole('group', { name: 'Channel' }).getByRole('button', { name: 'E-mails' }).click();
  await expect(section.getByTestId('ch-kpi-sent')).toContainText('120');
  await shots(page, testInfo, 'analytics-channels-email');

  const found: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    found.push(...(await seriousViolations(page)).map((v) => `${theme}: ${v}`));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  expect(found).toEqual([]);

  // The dashboard shows the split: more than one channel was used in the period.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Dashboard' }).click();
  const split = page.getByTestId('dashboard-channels');
  await expect(split.getByRole('heading', { name: 'By channel' })).toBeVisible();
  await expect(split.getByTestId('channel-row-all')).toContainText('520');
  await shots(page, testInfo, 'dashboard-channels');
  expect(errors).toEqual([]);
});
