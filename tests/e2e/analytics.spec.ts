import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures';
import { seedDaytimeContacts } from './campaign-audience';
import type { DeskApp } from '../../electron/app';
import type { Channel, InputOf, OutputOf } from '../../shared/ipc/contract';

const RECIPIENTS = 48;
test.setTimeout(150_000);

async function shot(page: Page, testInfo: TestInfo, name: string) {
  const viewport = page.viewportSize()!;
  const height = await page.locator('main.content').evaluate((el) => el.scrollHeight + 40);
  await page.setViewportSize({ width: viewport.width, height: Math.min(2600, Math.max(viewport.height, height)) });
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await testInfo.attach(name, { body, contentType: 'image/png' });
  await page.setViewportSize(viewport);
}

async function call<C extends Channel>(app: DeskApp, channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const r = await app.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value;
}

/**
 * Contacts who joined over the last five months (a quarter of them each month back), a campaign really sent through
 * the Sandbox with replies and STOPs, and two sales marked.
 */
async function seed(app: DeskApp): Promise<number> {
  app.settings.set('business.name', 'Bloom Salon');
  app.settings.set('sandbox.deliveryDelayMs', 100);
  app.settings.set('sandbox.failureRate', 0.05);
  app.settings.set('sandbox.replyRate', 0.35);
  app.settings.set('sandbox.stopRate', 0.06);
  app.settings.set('sandbox.ratePerSecond', 100);
  const ids = seedDaytimeContacts(app, RECIPIENTS, { tag: 'regulars' });
  const back = app.db.prepare(`UPDATE contacts SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?) WHERE id = ?`);
  ids.forEach((id, k) => back.run(`-${(k % 5) * 31} days`, id));
  const { id } = await call(app, 'campaigns:create', {
    name: 'Colour week',
    body: 'Hi {{first_name|there}}, colour week at {{business_name}}: 20% off. Reply STOP to opt out',
    audience: { tags: ['regulars'] },
  });
  await call(app, 'campaigns:launch', { id });
  const settled = () =>
    (
      app.db
        .prepare(
          `SELECT COUNT(*) AS n FROM outbox_messages WHERE campaign_id = ? AND state IN ('delivered', 'undelivered', 'failed')`,
        )
        .get(id) as { n: number }
    ).n;
  await expect.poll(settled, { timeout: 40_000 }).toBeGreaterThanOrEqual(RECIPIENTS - 2);
  await expect
    .poll(() => (app.db.prepare(`SELECT COUNT(*) AS n FROM inbound_messages`).get() as { n: number }).n, {
      timeout: 20_000,
    })
    .toBeGreaterThan(5);
  const delivered = app.db
    .prepare(
      `SELECT to_phone AS phone FROM outbox_messages WHERE campaign_id = ? AND state = 'delivered' ORDER BY id LIMIT 2`,
    )
    .all(id) as Array<{ phone: string }>;
  await call(app, 'conversions:add', { phone: delivered[0].phone, amount: 45, note: 'booked a colour' });
  await call(app, 'conversions:add', { phone: delivered[1].phone, amount: 80 });
  return id;
}

test('the Analytics page: engagement bands, cohort triangle and funnel, each with its table, in light and dark', async ({
  desk,
  page,
}, testInfo) => {
  const app = desk.app;
  await seed(app);
  const bands = await call(app, 'engagement:bands', {});
  expect(Object.values(bands.bands).reduce((a, b) => a + b, 0)).toBe(RECIPIENTS);

  await page.setViewportSize({ width: 1440, height: 900 });
  const errors = await desk.open(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Analytics' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Contacts by engagement band: Champions \d+/ })).toBeVisible();
  await expect(page.locator('.an-cohort-table tbody tr')).toHaveCount(12);
  await expect(page.getByRole('img', { name: /^Funnel: Sent \d+, Delivered \d+/ })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Drop-off at each step' })).toContainText('drop-off from sent');
  await shot(page, testInfo, 'analytics-light-1440');

  // Each chart has its data as a table.
  const engagement = page.getByRole('figure', { name: 'Engagement' });
  await engagement.getByRole('button', { name: 'Show as table' }).click();
  await expect(engagement.getByRole('table')).toContainText(`All contacts${RECIPIENTS}`);
  await engagement.getByRole('button', { name: 'Show as chart' }).click();
  const cohorts = page.getByRole('figure', { name: 'Cohorts' });
  await cohorts.getByRole('button', { name: 'Engaged' }).click();
  await cohorts.getByRole('button', { name: 'Show as table' }).click();
  await expect(cohorts.getByRole('columnheader', { name: 'Month 0: subscribed · engaged' })).toBeVisible();
  await cohorts.getByRole('button', { name: 'Show as chart' }).click();
  const funnel = page.getByRole('figure', { name: 'Funnel' });
  await funnel.getByLabel('Funnel campaign').selectOption({ label: 'Colour week' });
  await expect(page.getByRole('img', { name: /^Funnel of Colour week: Sent 48/ })).toBeVisible();
  await funnel.getByRole('button', { name: 'Show as table' }).click();
  await expect(funnel.getByRole('columnheader', { name: 'Drop-off' })).toBeVisible();
  await shot(page, testInfo, 'analytics-tables-light-1440');
  await funnel.getByRole('button', { name: 'Show as chart' }).click();

  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, testInfo, 'analytics-dark-1440');
  await page.setViewportSize({ width: 1024, height: 800 });
  await shot(page, testInfo, 'analytics-dark-1024');
  await page.emulateMedia({ colorScheme: 'light' });
  await shot(page, testInfo, 'analytics-light-1024');

  // Bands are a filter in Contacts, and the contact panel says why the score.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Contacts' }).click();
  await page.getByLabel('Filter by engagement').selectOption('lost');
  await expect(page.getByRole('heading', { level: 1, name: 'Contacts' })).toBeVisible();
  await expect(page.locator('.page-header, header').getByText(`${bands.bands.lost} contact`)).toBeVisible();
  await page.getByLabel('Filter by engagement').selectOption('engaged');
  const table = page.getByRole('table', { name: 'Contacts' });
  await expect(table.getByRole('row')).toHaveCount(bands.bands.engaged + 1);
  await table.getByRole('row').nth(1).getByRole('cell').first().click();
  await expect(page.getByRole('complementary', { name: 'Contact details' })).toBeVisible();
  const why = page.getByTestId('engagement-why');
  await expect(why).toContainText('Engaged');
  await expect(why).toContainText('Last replied, clicked or bought');
  await shot(page, testInfo, 'contact-why-this-score');
  expect(errors).toEqual([]);
});
