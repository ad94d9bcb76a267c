import type { Page, TestInfo } from '@playwright/test';
import type { DeskApp } from '../../electron/app';
import { unusedLoopbackUrl } from '../fakes/fake-server';
import { test, expect } from './fixtures';

/** The app scrolls inside its content pane, so the window is made as tall as the page for the picture. */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  const viewport = page.viewportSize()!;
  const height = await page.locator('main.content').evaluate((el) => el.scrollHeight + 40);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await testInfo.attach(name, { body, contentType: 'image/png' });
  await page.setViewportSize(viewport);
}

/**
 * An hour of Sandbox traffic written the way the dispatcher and the event path leave it: sends spread over the last
 * hour, receipts, a few failures with the carrier's reasons, and messages still queued or retrying.
 */
function seedTraffic(app: DeskApp): void {
  const now = Date.now();
  const insert = app.db.prepare(
    `INSERT INTO outbox_messages (kind, to_phone, from_number, body, provider, state, provider_message_id, error_code, error_message, created_at, updated_at, sent_at, next_attempt_at)
     VALUES ('help', ?, '+15550100000', 'Bloom Florist: tulips are in! Reply STOP to opt out', 'sandbox', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const failures = [
    ['30006', 'Landline or unreachable carrier'],
    ['30003', 'Unreachable destination handset'],
    ['30007', 'Message filtered by the carrier'],
  ];
  app.db.transaction(() => {
    for (let i = 0; i < 240; i++) {
      const sentAt = new Date(now - ((i * 14_747) % 3_540_000) - 30_000).toISOString();
      const phone = `+1415555${String(1000 + i).padStart(4, '0')}`;
      const fate = i % 23 === 0 ? 'failed' : i % 17 === 0 ? 'undelivered' : i % 5 === 0 ? 'sent' : 'delivered';
      const failure = fate === 'failed' || fate === 'undelivered' ? failures[i % 3] : [null, null];
      insert.run(phone, fate, `SBseed${i}`, failure[0], failure[1], sentAt, sentAt, sentAt, sentAt);
      if (fate === 'delivered') {
        app.ingest({
          kind: 'status',
          provider: 'sandbox',
          eventId: `SBseed${i}:delivered`,
          providerMessageId: `SBseed${i}`,
          status: 'delivered',
          at: sentAt,
        });
      }
    }
    const later = new Date(now + 60_000).toISOString();
    for (let i = 0; i < 14; i++)
      insert.run(
        `+1415555${String(3000 + i).padStart(4, '0')}`,
        i < 4 ? 'retry_wait' : 'queued',
        null,
        null,
        null,
        later,
        later,
        null,
        later,
      );
  })();
  app.tick();
}

/** An inbound reply the inbox refuses until the queue gives up on it: a real dead letter. */
function seedDeadLetter(app: DeskApp): number {
  app.db.exec(
    `CREATE TRIGGER e2e_refuse BEFORE INSERT ON inbound_messages WHEN NEW.body LIKE '%#bad%' BEGIN SELECT RAISE(ABORT, 'the inbox could not store this message'); END`,
  );
  const id = app.ingest({
    kind: 'inbound',
    provider: 'sandbox',
    eventId: 'SBdead:received',
    providerMessageId: 'SBdead',
    from: '+14155550142',
    to: '+15550100000',
    body: 'Do you have peonies? #bad',
    at: new Date().toISOString(),
  })!;
  for (let i = 0; i < 8; i++) {
    app.db.prepare('UPDATE webhook_events SET next_attempt_at = NULL WHERE id = ?').run(id);
    app.monitoring.retryPass();
  }
  return id;
}

test('the monitoring dashboard shows the traffic; a dead letter is fixed and replayed; a reconciliation report appears', async ({
  page,
  desk,
}, testInfo) => {
  seedTraffic(desk.app);
  const deadId = seedDeadLetter(desk.app);
  await desk.app.monitoring.health.run('manual');

  const errors = await desk.open(page, 'monitoring');
  await expect(page.getByRole('heading', { level: 1, name: 'Monitoring' })).toBeVisible();
  // The Sandbox needs no webhooks: the checks had nothing to check, which is said as such rather than "healthy".
  await expect(page.getByRole('status').filter({ hasText: 'Webhooks: nothing to check' })).toBeVisible();
  await expect(page.getByTestId('provider-sandbox')).toContainText('Sending normally');
  await expect(page.getByTestId('provider-quo')).toContainText('Not set up');
  await expect(page.getByTestId('provider-quo')).toContainText('Needs the Quo API key and the Quo sending number.');
  await expect(page.getByText('Outbox by state')).toBeVisible();
  await expect(page.getByRole('img', { name: /Texts sent per minute over the last hour, 240 in total/ })).toBeVisible();
  await expect(page.getByRole('cell', { name: '30006' })).toBeVisible();
  await expect(page.getByRole('tab', { name: /Dead letters/ })).toContainText('1');
  await shot(page, testInfo, 'monitoring-overview');

  await page.getByRole('tab', { name: /Dead letters/ }).click();
  await page.getByRole('button', { name: 'text from +14155550142: Do you have peonies? #bad' }).click();
  const detail = page.getByLabel(`Provider event ${deadId}`);
  await expect(detail.getByText('the inbox could not store this message').first()).toBeVisible();
  const editor = detail.getByRole('textbox');
  await editor.fill('{ "kind": "inbound" }');
  await detail.getByRole('button', { name: 'Save fix' }).click();
  await expect(detail.getByRole('alert')).toContainText('The event is not valid');
  await shot(page, testInfo, 'monitoring-dead-letter-invalid');
  const event = JSON.parse(desk.app.monitoring.deadLetters.get(deadId).event) as Record<string, unknown>;
  await editor.fill(JSON.stringify({ ...event, body: 'Do you have peonies?' }, null, 2));
  await detail.getByRole('button', { name: 'Save fix' }).click();
  await expect(detail.getByText('Saved. Replay it to process the fixed event.')).toBeVisible();
  await detail.getByRole('button', { name: 'Replay' }).click();
  await expect(detail.getByText('Replayed and processed.')).toBeVisible();
  expect(desk.app.db.prepare(`SELECT body FROM inbound_messages WHERE provider_message_id = 'SBdead'`).get()).toEqual({
    body: 'Do you have peonies?',
  });
  await shot(page, testInfo, 'monitoring-dead-letter-replayed');

  await page.getByRole('tab', { name: 'Reconciliation' }).click();
  await page.getByRole('button', { name: 'Reconcile now' }).click();
  await expect(page.getByLabel(/^Reconciliation \d+$/).getByText('sandbox listing')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'manual' })).toBeVisible();
  await shot(page, testInfo, 'monitoring-reconciliation');

  await page.getByRole('tab', { name: 'Health' }).click();
  await expect(page.getByText('The Sandbox needs no webhook registration.')).toBeVisible();
  await shot(page, testInfo, 'monitoring-health');
  expect(errors).toEqual([]);
});

test('a red health check shows its reason on the dashboard (dark theme)', async ({ page, desk }, testInfo) => {
  desk.app.settings.set('ui.theme', 'dark');
  seedTraffic(desk.app);
  desk.app.settings.set('provider', 'quo');
  desk.app.settings.set('webhooks.port', Number(new URL(await unusedLoopbackUrl()).port));
  await desk.app.monitoring.health.run('manual');
  const errors = await desk.open(page, 'monitoring');
  await expect(page.getByRole('status').filter({ hasText: 'Webhooks: not working' })).toContainText(
    'The webhook relay is not listening',
  );
  await expect(page.getByText('Outbox by state')).toBeVisible();
  await shot(page, testInfo, 'monitoring-overview-dark');
  await page.getByRole('tab', { name: 'Health' }).click();
  await expect(page.getByText('No public tunnel URL is set')).toBeVisible();
  await shot(page, testInfo, 'monitoring-health-red');
  expect(errors).toEqual([]);
});
