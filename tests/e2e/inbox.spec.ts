import { readFileSync } from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures';
import { startFakeQuo, type FakeQuo } from '../fakes/quo';
import { QUO_SIGNING_SECRET, quoLegacyHeaders, quoReceived } from '../integration/webhooks/signers';

const ANA = '+14155550100';
const OUR_NUMBER = '+15550100000';

/** A full-page screenshot, saved under test-results/e2e and attached to the report. */
async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

let quo: FakeQuo | null = null;
test.afterEach(async () => {
  await quo?.close();
  quo = null;
});

/** Posts a text from Ana to the relay exactly as Quo would: legacy-signed with the configured secret. */
async function textFromAna(relayUrl: string, n: number, body: string): Promise<void> {
  const payload = JSON.stringify(
    quoReceived({
      eventId: `EVe2e${n}`,
      messageId: `ACe2e${n}`,
      from: ANA,
      to: OUR_NUMBER,
      body,
      createdAt: new Date().toISOString(),
    }),
  );
  const res = await fetch(`${relayUrl}/webhooks/quo`, {
    method: 'POST',
    headers: quoLegacyHeaders(payload, Date.now()),
    body: payload,
  });
  expect(res.status).toBe(200);
}

test('a reply appears in the inbox live, is answered from the app, and a STOP opts the contact out and shows in the report', async ({
  page,
  desk,
}, testInfo) => {
  const { app } = desk;
  quo = await startFakeQuo({ rateLimitPerSecond: 'unlimited' });
  app.settings.set('business.name', 'Bloom Florist');
  app.settings.set('business.contact', '(415) 555-0199');
  app.settings.set('quo.baseUrl', quo.url);
  app.settings.set('quo.from', OUR_NUMBER);
  app.secrets.set('quo.apiKey', 'test-quo-key');
  app.secrets.set('quo.signingSecret', QUO_SIGNING_SECRET);
  const relay = await app.startRelay({ port: 0 });
  const now = new Date().toISOString();
  app.db
    .prepare(
      `INSERT INTO contacts (phone, first_name, last_name, created_at, updated_at) VALUES (?, 'Ana', 'Reyes', ?, ?)`,
    )
    .run(ANA, now, now);
  app.db
    .prepare(
      `INSERT INTO contacts (phone, first_name, last_name, created_at, updated_at) VALUES ('+12125550123', 'Ben', 'Okafor', ?, ?)`,
    )
    .run(now, now);
  app.ingest({
    kind: 'inbound',
    provider: 'quo',
    eventId: 'EVben',
    providerMessageId: 'ACben',
    from: '+12125550123',
    to: OUR_NUMBER,
    body: 'Thanks, the roses were lovely!',
    at: new Date(Date.now() - 3_600_000).toISOString(),
  });
  app.tick();

  const errors = await desk.open(page, 'inbox');
  await expect(page.getByRole('button', { name: /Ben Okafor/ })).toBeVisible();

  // Ana writes while the inbox is open: her conversation appears at the top, unread, without a reload.
  await textFromAna(relay.url, 1, 'Do you have peonies this weekend?');
  const ana = page.getByRole('button', { name: 'Ana Reyes, 1 unread' });
  await expect(ana).toBeVisible();
  await expect(page.getByRole('list', { name: 'Conversations' }).getByRole('button').first()).toHaveAccessibleName(
    /Ana Reyes/,
  );
  await shot(page, testInfo, 'inbox-new-reply');

  // Open it (marks it read) and answer from the reply box.
  await ana.click();
  const thread = page.getByRole('region', { name: 'Conversation with Ana Reyes' });
  await expect(thread.getByText('Do you have peonies this weekend?')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ana Reyes', exact: true })).toBeVisible();
  const box = thread.getByRole('textbox', { name: 'Reply' });
  // The counter follows the text: an em dash makes it Unicode, and 75 Unicode characters need two segments.
  await box.fill('Yes! Fresh peonies arrive Friday morning — shall we set some aside for you?');
  await expect(thread.getByTestId('reply-segments')).toHaveText('75 characters · 2 segments · Unicode');
  await box.fill('Yes! Fresh peonies arrive Friday morning - shall we set some aside for you?');
  await expect(thread.getByTestId('reply-segments')).toHaveText('75 characters · 1 segment · GSM-7');
  // Shift+Enter starts a new line; Enter sends.
  await box.press('Shift+Enter');
  await expect(box).toHaveValue('Yes! Fresh peonies arrive Friday morning - shall we set some aside for you?\n');
  await box.fill('Yes! Fresh peonies arrive Friday morning - shall we set some aside for you?');
  await box.press('Enter');
  await expect(box).toHaveValue('');
  await expect(
    thread.getByText('Yes! Fresh peonies arrive Friday morning - shall we set some aside for you?'),
  ).toBeVisible();
  await expect
    .poll(() =>
      app.db
        .prepare(
          `SELECT kind, provider, from_number AS fromNumber, to_phone AS toPhone FROM outbox_messages WHERE kind = 'reply'`,
        )
        .all(),
    )
    .toEqual([{ kind: 'reply', provider: 'quo', fromNumber: OUR_NUMBER, toPhone: ANA }]);
  // Sent now, or waiting for Ana's quiet hours if the test runs at night in California: either way it says so.
  await expect(thread.getByTestId('delivery-state').last()).toHaveText(/^(Sent|Delivered|Waiting — goes out)/);
  await textFromAna(relay.url, 2, 'Perfect, 6 please!');
  await expect(thread.getByText('Perfect, 6 please!')).toBeVisible();
  await shot(page, testInfo, 'inbox-thread');

  // STOP: the thread shows her opted out at once, the STOP stands out, replying is blocked, one confirmation goes.
  await textFromAna(relay.url, 3, 'STOP');
  await expect(thread.getByRole('heading', { name: /Ana Reyes/ }).getByText('Opted out')).toBeVisible();
  await expect(thread.getByTestId('stop-message')).toHaveText('STOP');
  await expect(thread.getByRole('note')).toContainText('Ana Reyes opted out');
  await expect(thread.getByRole('textbox', { name: 'Reply' })).toBeDisabled();
  await expect(
    thread.getByText("You're unsubscribed from Bloom Florist. No more messages. Reply START to resubscribe."),
  ).toBeVisible();
  await expect(thread.getByText('Automatic confirmation')).toBeVisible();
  // Confirmations are not marketing: it goes out at once, whatever the hour, from the number Ana wrote to.
  await expect(thread.getByTestId('delivery-state').last()).toHaveText(/^Sent/);
  expect(
    quo.sent.filter((m) => m.to.includes(ANA) && m.text.startsWith("You're unsubscribed")).map((m) => m.from),
  ).toEqual([OUR_NUMBER]);
  await shot(page, testInfo, 'inbox-opted-out');

  // The opt-out report has it, with how it happened and the message; the CSV export downloads it.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Opt-outs' }).click();
  const row = page.getByRole('row', { name: /Ana Reyes/ });
  await expect(row).toContainText('Replied with a keyword');
  await expect(row).toContainText('Opted out');
  await expect(row).toContainText('STOP');
  await expect(row).toContainText('(415) 555-0100'); // formatted, never raw E.164
  await page.getByRole('combobox', { name: 'How' }).selectOption('manual');
  await expect(page.getByText('Nothing matches these filters')).toBeVisible();
  await page.getByRole('combobox', { name: 'How' }).selectOption('keyword');
  await expect(row).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^opt-outs-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv).toContain(`${ANA},Ana Reyes,opted out,opted in,Replied with a keyword,keyword,reply:quo,STOP,`);
  await shot(page, testInfo, 'optouts-report');
  expect(errors).toEqual([]);
});

test('Settings → Webhooks: commands, webhook URLs, and "Send test event" through the real relay', async ({
  page,
  desk,
}, testInfo) => {
  const relay = await desk.app.startRelay({ port: 0 });
  const errors = await desk.open(page, 'settings');
  const panel = page.getByRole('region', { name: 'Webhooks' });
  await expect(panel.getByTestId('relay-status')).toHaveText(`Relay listening on ${relay.url}`);
  await expect(
    panel.getByText(`cloudflared tunnel --url http://localhost:${relay.port}`, { exact: true }),
  ).toBeVisible();
  await expect(panel.getByText(`ngrok http ${relay.port}`, { exact: true })).toBeVisible();
  await expect(panel.getByText('The URLs appear here once the public URL is saved.')).toBeVisible();

  // No secret yet: the button says which one to set.
  await panel.getByRole('button', { name: 'Send test event' }).click();
  await expect(panel.getByRole('alert')).toContainText('quo.signingSecret');

  // Paste the public URL and the signing secret, then test again.
  const publicUrl = panel.getByLabel('Public tunnel URL');
  await publicUrl.fill('https://quiet-fog-1234.trycloudflare.com');
  await publicUrl.press('Enter');
  await expect(panel.getByText('https://quiet-fog-1234.trycloudflare.com/webhooks/quo', { exact: true })).toBeVisible();
  await expect(
    panel.getByText('https://quiet-fog-1234.trycloudflare.com/webhooks/twilio', { exact: true }),
  ).toBeVisible();
  const secretField = panel.locator('.field', { has: page.getByLabel('Quo signing secret (older webhooks)') });
  await secretField.getByLabel('Quo signing secret (older webhooks)').fill(QUO_SIGNING_SECRET);
  await secretField.getByRole('button', { name: 'Store' }).click();
  await expect(secretField.getByText('set', { exact: true })).toBeVisible();
  await panel.getByRole('button', { name: 'Send test event' }).click();
  await expect(panel.getByRole('list', { name: 'Test results' })).toContainText(
    'Signed with quo.signingSecret: verified, stored and processed.',
  );
  const arrived = panel.getByRole('row', { name: /Test event from Settings → Webhooks/ });
  await expect(arrived).toContainText('Quo');
  await expect(arrived).toContainText('Processed');
  expect(desk.app.db.prepare(`SELECT provider, type, state FROM webhook_events WHERE provider = 'quo'`).all()).toEqual([
    { provider: 'quo', type: 'status', state: 'processed' },
  ]);
  // The settings scroll inside the window: make the window tall enough to show the whole section at once.
  await page.setViewportSize({ width: 1280, height: 2300 });
  const body = await panel.screenshot({ path: testInfo.outputPath('settings-webhooks.png') });
  await testInfo.attach('settings-webhooks', { body, contentType: 'image/png' });
  // The general settings form still works beside it.
  await expect(page.getByLabel('Share that fail')).toBeVisible();
  expect(errors).toEqual([]);
});
