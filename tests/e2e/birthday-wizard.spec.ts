import type { Page, TestInfo } from '@playwright/test';
import { DateTime } from 'luxon';
import { test, expect } from './fixtures';
import { seedDaytimeContacts } from './campaign-audience';

/** The app scrolls inside its content pane, so the window is made as tall as the page for the picture. */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  const viewport = page.viewportSize()!;
  const height = await page.locator('main.content').evaluate((el) => el.scrollHeight + 40);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await testInfo.attach(name, { body, contentType: 'image/png' });
  await page.setViewportSize(viewport);
}

test('wizard: Repeat "On each contact\'s date" saves a birthday (date-field) series', async ({
  page,
  desk,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  seedDaytimeContacts(desk.app, 3, { tag: 'regulars' });
  for (const f of [
    { label: 'Birthday', type: 'date' },
    { label: 'Anniversary', type: 'date' },
    { label: 'City' },
  ] as const) {
    const r = await desk.app.dispatch('contacts:createField', f);
    expect(r.ok).toBe(true);
  }
  const errors = await desk.open(page, 'campaigns');
  await page.getByRole('button', { name: '+ New campaign' }).click();
  await page.getByLabel('Campaign name').fill('Birthday treat');
  await page.getByRole('button', { name: 'Next' }).click();
  await page
    .getByRole('textbox', { name: 'Message', exact: true })
    .fill('Happy birthday from Bloom Salon: 20% off this week. Reply STOP to opt out');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Schedule' })).toBeVisible();
  await page.getByRole('radio', { name: 'At a date and time' }).check();
  // Tomorrow in the business zone, so 10:30 is never already past whatever the hour the test runs.
  const tomorrow = DateTime.now().setZone('America/New_York').plus({ days: 1 }).toFormat('yyyy-MM-dd');
  await page.getByLabel('Date', { exact: true }).fill(tomorrow);
  await page.getByLabel('Time', { exact: true }).fill('10:30');
  await page.getByLabel('Repeats').selectOption('DATE');
  // Only date fields are offered.
  const field = page.getByLabel('Date field');
  await expect(field.locator('option')).toHaveText([
    'Choose a date field…',
    'Anniversary (0 contacts)',
    'Birthday (0 contacts)',
  ]);
  await field.selectOption('birthday');
  await page.getByLabel('Days before').fill('3');
  await page.getByRole('radio', { name: 'in each recipient’s own time zone' }).check();
  await expect(page.locator('.repeat-summary')).toContainText('texts the contacts whose Birthday is 3 days later');
  await expect(page.getByLabel('RRULE')).toHaveCount(0);
  await shot(page, testInfo, 'birthday-wizard');
  await page.getByLabel('Days before').fill('61');
  await expect(page.getByText('Days before must be a whole number from 0 to 60.')).toBeVisible();
  await page.getByLabel('Days before').fill('3');
  await desk.app.dispatch('settings:set', { key: 'ui.theme', value: 'dark' });
  await page.setViewportSize({ width: 1024, height: 800 });
  await shot(page, testInfo, 'birthday-wizard-dark-1024');

  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Save draft' }).click({ timeout: 15_000 });
  await expect
    .poll(() => desk.app.db.prepare('SELECT kind, date_field_json AS f FROM campaign_series').get())
    .toMatchObject({ kind: 'birthday' });
  const saved = desk.app.db.prepare('SELECT date_field_json AS f FROM campaign_series').get() as { f: string };
  expect(JSON.parse(saved.f)).toMatchObject({
    fieldKey: 'birthday',
    daysBefore: 3,
    time: '10:30',
    recipientLocal: true,
  });
  expect(errors).toEqual([]);
});
