import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures';
import { seedDaytimeContacts } from './campaign-audience';

const RECIPIENTS = 40;

/** The app scrolls inside its content pane, so the window is made as tall as the page for the picture. */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  const viewport = page.viewportSize()!;
  const height = await page.locator('main.content').evaluate((el) => el.scrollHeight + 40);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await testInfo.attach(name, { body, contentType: 'image/png' });
  await page.setViewportSize(viewport);
}

test('an A/B campaign on the Sandbox: create it, let it send, and read the report with its chart and verdict', async ({
  page,
  desk,
}, testInfo) => {
  const app = desk.app;
  app.settings.set('business.name', 'Bloom Salon');
  app.settings.set('sandbox.deliveryDelayMs', 150);
  app.settings.set('sandbox.failureRate', 0);
  app.settings.set('sandbox.stopRate', 0);
  app.settings.set('sandbox.replyRate', 0.6);
  app.settings.set('sandbox.ratePerSecond', 100);
  app.settings.set('abtests.minSamplePerVariant', 10);
  // Recipients somewhere it is daytime now: quiet hours are real in the browser harness.
  seedDaytimeContacts(app, RECIPIENTS, { tag: 'regulars' });

  const errors = await desk.open(page, 'abtests');
  await expect(page.getByText('No A/B tests yet')).toBeVisible();
  await page.getByRole('button', { name: 'New A/B test' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Colour week');
  await page.getByLabel('Audience', { exact: true }).selectOption('regulars');
  await expect(page.getByText(`${RECIPIENTS} can be texted`)).toBeVisible();
  await page
    .getByLabel('Variant A', { exact: true })
    .fill('Hi {{first_name|there}}, colour week at {{business_name}}: 20% off. Reply STOP to opt out');
  await page
    .getByLabel('Variant B', { exact: true })
    .fill('{{first_name|Hi}}! Book a colour this week and save 20%. Reply STOP to opt out');
  await page.getByLabel('Share of variant A in percent').fill('40');
  await expect(page.getByText('The variant shares add up to 90% but must add up to 100%')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start the test' })).toBeDisabled();
  await page.getByLabel('Share of variant B in percent').fill('60');
  await page.getByRole('checkbox', { name: 'Test on part of the audience first' }).check();
  await page.getByLabel('Test sample in percent').fill('50');
  await shot(page, testInfo, 'ab-new');
  await page.getByRole('button', { name: 'Start the test' }).click();
  await expect(page.getByTestId('launch-dialog').getByTestId('launch-count')).toBeVisible();
  const reason = page.getByTestId('launch-dialog').getByLabel(/Reason for sending anyway/);
  if (await reason.isVisible()) await reason.fill('test fixture');
  await page
    .getByTestId('launch-dialog')
    .getByRole('button', { name: /^Send to/ })
    .click();

  await expect(page.getByRole('heading', { level: 1, name: 'Colour week' })).toBeVisible();
  const campaign = app.db.prepare(`SELECT id, ab_json FROM campaigns WHERE name = 'Colour week'`).get() as {
    id: number;
    ab_json: string;
  };
  expect(JSON.parse(campaign.ab_json)).toMatchObject({
    split: [40, 60],
    testPercent: 50,
    metric: 'replied',
    variants: [{ name: 'A' }, { name: 'B' }],
  });
  const count = (where: string) =>
    (
      app.db
        .prepare(`SELECT COUNT(*) AS n FROM outbox_messages WHERE campaign_id = ? AND ${where}`)
        .get(campaign.id) as { n: number }
    ).n;
  const held = count(`state = 'held'`);
  const tested = RECIPIENTS - held;
  expect(held).toBeGreaterThan(0);
  expect(tested).toBeGreaterThan(0);

  // The Sandbox sends the test sample and delivers it; some recipients reply. The rest waits for the winner.
  await expect.poll(() => count(`state = 'delivered'`), { timeout: 30_000 }).toBe(tested);
  const table = page.locator('table.ab-table');
  await expect
    .poll(async () => (await table.locator('tbody tr').allInnerTexts()).join('\n'), { timeout: 15_000 })
    .toMatch(/Variant A[\s\S]*40%[\s\S]*Variant B[\s\S]*60%/);
  const delivered = async () =>
    Number(
      (await table.locator('tbody tr td:nth-child(4)').allInnerTexts()).reduce(
        (n, t) => n + Number(t.replace(/,/g, '')),
        0,
      ),
    );
  await expect.poll(delivered, { timeout: 15_000 }).toBe(tested);
  await expect(page.getByRole('region', { name: 'Rest of the audience' })).toContainText(
    `${held} contacts (50% of the audience) are held back`,
  );

  // The chart: one bar per variant with its interval whisker.
  const chart = page.locator('svg.ab-chart');
  await expect(chart).toBeVisible();
  await expect(chart.locator('rect.ab-bar')).toHaveCount(2);
  await expect(chart.locator('.ab-whisker')).toHaveCount(2);
  await expect(chart).toHaveAttribute('aria-label', 'Replies per message, by variant, with 95% intervals');
  // The verdict in one plain sentence, the recommendation, the peeking guard and the honest note about "opened".
  await expect(page.getByTestId('ab-verdict')).toHaveText(/\S.*\.$/);
  await expect(page.getByText('What to do:')).toBeVisible();
  await expect(page.getByTestId('ab-guard')).toContainText('group-sequential');
  await expect(page.getByTestId('ab-opened')).toHaveText(/^SMS has no "opened"/);
  await expect(page.getByTestId('ab-verdict')).toContainText(`messages whose 72-hour window has closed`);
  await shot(page, testInfo, 'ab-report');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, testInfo, 'ab-report-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  expect((await download).suggestedFilename()).toBe(`ab-test-${campaign.id}-colour-week.csv`);

  await page.getByRole('button', { name: '← All A/B tests' }).click();
  await expect(page.getByRole('button', { name: 'Colour week' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('the A/B report links to the campaign results page, and the results page back to the A/B tests', async ({
  page,
  desk,
}) => {
  const app = desk.app;
  seedDaytimeContacts(app, 4, { tag: 'regulars' });
  const variants = [
    { name: 'A', body: 'Hi, colour week: 20% off. Reply STOP to opt out' },
    { name: 'B', body: 'Book a colour this week and save 20%. Reply STOP to opt out' },
  ];
  const created = await app.dispatch('campaigns:create', {
    name: 'Colour week',
    audience: { tags: ['regulars'] },
    ab: { variants, split: [50, 50] },
  });
  if (!created.ok) throw new Error(created.error.message);
  const { id } = created.value as { id: number };
  // Sent and finished (what the report's link needs); the sending itself is the test above's.
  app.db
    .prepare(`UPDATE campaigns SET status = 'completed', launched_at = ? WHERE id = ?`)
    .run(new Date().toISOString(), id);

  const errors = await desk.open(page, 'abtests');
  await page.getByRole('button', { name: 'Colour week' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Colour week' })).toBeVisible();
  await page.getByRole('button', { name: 'Campaign results' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Results: Colour week' })).toBeVisible();
  expect(await page.evaluate(() => window.location.hash)).toBe(`#/results/${id}`);
  await expect(page.getByTestId('results-windows')).toContainText('5-day click window, 24-hour delivery window');
  await page.getByRole('button', { name: 'A/B report' }).click();
  await expect(page.getByRole('button', { name: 'Colour week' })).toBeVisible();
  expect(errors).toEqual([]);
});
