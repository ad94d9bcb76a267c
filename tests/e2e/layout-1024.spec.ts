import type { Locator, Page, TestInfo } from '@playwright/test';
import type { DeskApp } from '../../electron/app';
import { test, expect } from './fixtures';
import { quietSandbox, seedDaytimeContacts } from './campaign-audience';
import type { Channel, InputOf, OutputOf } from '../../shared/ipc/contract';

/** The page as far down as it goes (the app scrolls inside its content pane), at the window's width. */
async function shot(page: Page, testInfo: TestInfo, name: string, full = true): Promise<void> {
  const viewport = page.viewportSize()!;
  if (full) {
    const height = await page.locator('main.content').evaluate((el) => el.scrollHeight + 40);
    await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  }
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  await testInfo.attach(name, { body, contentType: 'image/png' });
  await page.setViewportSize(viewport);
}

/** Nothing inside is wider than the box: no sideways scrolling, nothing cut at the right edge. */
async function expectNoSidewaysOverflow(box: Locator, what: string): Promise<void> {
  const overflow = await box.evaluate((el) => {
    const wide: string[] = [];
    if (el.scrollWidth > el.clientWidth + 1)
      wide.push(`${el.tagName}.${el.className} ${el.scrollWidth}>${el.clientWidth}`);
    for (const t of el.querySelectorAll('table')) {
      const parent = t.parentElement!;
      if (t.getBoundingClientRect().right > el.getBoundingClientRect().right + 1)
        wide.push(`table in .${parent.className} ends past the edge`);
    }
    return wide;
  });
  expect(overflow, what).toEqual([]);
}

/** A reconciliation report listing numbers, as a run against the provider leaves it. */
function seedReconciliation(app: DeskApp): void {
  const at = new Date(Date.now() + 1000).toISOString();
  const diff = {
    listing: 'workspace',
    listed: { outgoing: 412, incoming: 37 },
    statusesFixed: [
      {
        outboxId: 1,
        phone: '+14155550142',
        providerMessageId: 'AC3f9a1c2e7b4d4e0a8c6f1b2d3e4f5a6b',
        before: 'sent',
        after: 'undelivered',
        errorCode: '30006',
      },
    ],
    unknownResolved: [
      {
        outboxId: 2,
        phone: '+447911123456',
        resolution: 'found',
        after: 'delivered',
        providerMessageId: 'AC9',
        reason: 'Found in the provider’s listing',
      },
    ],
    unknownPending: [
      { outboxId: 3, phone: '+12125550101', reason: 'Sent less than 10 minutes ago: the provider may not list it yet' },
    ],
    inboundIngested: [
      {
        providerMessageId: 'ACin1',
        from: '+13125550188',
        body: 'Do you still have the spring tulip bundles? I would like two for Saturday.',
        at,
        keyword: null,
      },
    ],
    optOutsFound: [],
    unmatchedOutgoing: 0,
    errors: [],
  };
  app.db
    .prepare(
      `INSERT INTO reconciliation_runs (provider, trigger, range_since, range_until, started_at, finished_at, status, listing, diff_json) VALUES ('sandbox', 'manual', ?, ?, ?, ?, 'ok', 'workspace', ?)`,
    )
    .run(new Date(Date.now() - 86_400_000).toISOString(), at, at, at, JSON.stringify(diff));
}

async function ok<C extends Channel>(app: DeskApp, channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const r = await app.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value;
}

for (const theme of ['light', 'dark'] as const) {
  for (const width of [1024, 1440]) {
    test(`at ${width}×700, ${theme}: opt-outs, monitoring, a campaign with its recipients, the wizard and the launch dialog fit`, async ({
      page,
      desk,
    }, testInfo) => {
      test.setTimeout(240_000);
      const { app } = desk;
      app.settings.set('ui.theme', theme);
      quietSandbox(app);
      app.settings.set('business.testPhones', '+14155550100, +447911123456');
      app.settings.set('pricing.sandboxPerSegment', 0.0079);
      const ids = seedDaytimeContacts(app, 30, { tag: 'Farmers market regulars' });
      seedDaytimeContacts(app, 4, { tag: 'Wholesale customers with standing orders', start: 30, total: 34 });
      for (const id of ids.slice(0, 3)) await ok(app, 'optouts:setConsent', { contactId: id, optedOut: true });
      seedReconciliation(app);
      const sent = await ok(app, 'campaigns:create', {
        name: 'Spring tulips and ranunculus bundles — weekend market special',
        body: 'Bloom Salon: tulip bundles are back this weekend, 20% off. Reply STOP to opt out',
        audience: { tags: ['Farmers market regulars'] },
      });
      await ok(app, 'campaigns:launch', { id: sent.id });
      await ok(app, 'campaigns:create', {
        name: 'Mother’s Day pre-orders',
        body: 'Hi {{first_name|there}}, pre-order your Mother’s Day bouquet today!',
        audience: { tags: ['Wholesale customers with standing orders'] },
      });
      await expect
        .poll(
          () =>
            (
              app.db
                .prepare(
                  `SELECT COUNT(*) AS n FROM outbox_messages WHERE campaign_id = ? AND state IN ('sent', 'delivered')`,
                )
                .get(sent.id) as { n: number }
            ).n,
          { timeout: 60_000 },
        )
        .toBe(27);

      await page.setViewportSize({ width, height: 700 });
      const errors = await desk.open(page, 'optouts');
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const content = page.locator('main.content');
      await expect(page.getByRole('row').nth(1)).toBeVisible();
      // Numbers as people write them, never raw E.164.
      await expect(page.getByRole('table')).not.toContainText('+1');
      await expectNoSidewaysOverflow(content, 'opt-outs');
      await shot(page, testInfo, `optouts-${width}-${theme}`);

      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('button', { name: 'Monitoring', exact: true })
        .click();
      await expect(page.getByRole('heading', { level: 1, name: 'Monitoring' })).toBeVisible();
      await expectNoSidewaysOverflow(content, 'monitoring overview');
      await shot(page, testInfo, `monitoring-${width}-${theme}`);
      await page.getByRole('tab', { name: 'Reconciliation' }).click();
      const report = page
        .getByRole('region', { name: /^Reconciliation \d+/ })
        .filter({ hasText: 'statuses fixed' })
        .filter({ hasText: 'Do you still have the spring tulip' });
      await expect(report).toContainText('(415) 555-0142');
      await expect(report).toContainText('+44 7911 123456');
      await expect(report).not.toContainText('+14155550142');
      await expectNoSidewaysOverflow(content, 'monitoring reconciliation');
      await shot(page, testInfo, `monitoring-reconciliation-${width}-${theme}`);

      // The campaign page: one scroll for the page, the recipients table is not a second scrolling box.
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('button', { name: 'Campaigns', exact: true })
        .click();
      await page
        .getByRole('button', { name: 'Spring tulips and ranunculus bundles — weekend market special', exact: true })
        .click();
      const recipients = page.getByRole('region', { name: 'Recipients' });
      await expect(recipients.getByRole('row')).toHaveCount(28);
      const wrap = recipients.locator('.cd-table-wrap');
      expect(await wrap.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1);
      await expect(recipients).not.toContainText('+1');
      await expectNoSidewaysOverflow(content, 'campaign page');
      await shot(page, testInfo, `campaign-recipients-${width}-${theme}`);

      // The launch dialog opened from a draft's own page: states the cost, formats the test numbers, fits the window.
      await page.getByRole('button', { name: '← Campaigns' }).click();
      await page.getByRole('button', { name: 'Mother’s Day pre-orders', exact: true }).click();
      await page.getByRole('button', { name: 'Launch' }).click();
      const dialog = page.getByTestId('launch-dialog');
      await expect(dialog.getByTestId('launch-cost')).toHaveText('≈ $0.03'); // 4 people × 1 segment × $0.0079 = $0.0316, a total rounded to the cent
      await expect(dialog.getByRole('button', { name: 'Send test to (415) 555-0100, +44 7911 123456' })).toBeVisible();
      await expectNoSidewaysOverflow(dialog, 'launch dialog');
      const box = (await dialog.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(box.y + box.height).toBeLessThanOrEqual(700);
      await shot(page, testInfo, `launch-dialog-${width}-${theme}`, false);
      await dialog.getByRole('button', { name: 'Go back' }).click();

      // The wizard, each step at this size.
      await page.getByRole('button', { name: '← Campaigns' }).click();
      await page.getByRole('button', { name: '+ New campaign' }).click();
      await page.getByLabel('Campaign name').fill('Weekend market: peonies, tulips and the last of the ranunculus');
      await page
        .getByRole('group', { name: 'Send to contacts tagged' })
        .getByRole('checkbox', { name: /^Farmers market regulars/ })
        .check();
      await expect(page.getByTestId('audience-eligible')).toHaveText('27');
      await expectNoSidewaysOverflow(content, 'wizard audience');
      await shot(page, testInfo, `wizard-audience-${width}-${theme}`);
      await page.getByRole('button', { name: 'Next' }).click();
      await page
        .getByRole('textbox', { name: 'Message', exact: true })
        .fill(
          'Hi {{first_name}}, peonies are in at the market this Saturday — 20% off for regulars. Bloom Salon. Reply STOP to opt out',
        );
      await expect(page.getByTestId('cw-preview-bubble')).toContainText('peonies are in');
      await expect(page.getByTestId('cw-cost')).toHaveText(/\$\d/);
      await expectNoSidewaysOverflow(content, 'wizard message');
      await shot(page, testInfo, `wizard-message-${width}-${theme}`);
      await page.getByRole('button', { name: 'Next' }).click();
      await expect(page.getByRole('heading', { level: 2, name: 'Schedule' })).toBeVisible();
      await expectNoSidewaysOverflow(content, 'wizard schedule');
      await page.getByRole('button', { name: 'Next' }).click();
      await expect(page.getByRole('heading', { level: 2, name: 'Review' })).toBeVisible();
      await expectNoSidewaysOverflow(content, 'wizard review');
      await shot(page, testInfo, `wizard-review-${width}-${theme}`);
      expect(errors).toEqual([]);
    });
  }
}
