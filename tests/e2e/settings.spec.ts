import { test, expect } from './fixtures';

test('Settings is a form: groups with words, one Save each, mistakes explained before anything is sent', async ({
  page,
  desk,
}, testInfo) => {
  test.setTimeout(180_000);
  const errors = await desk.open(page, 'settings');
  for (const name of ['Business', 'Sending', 'Providers', 'A/B tests', 'Appearance'])
    await expect(page.getByRole('form', { name })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Webhooks' })).toBeVisible();

  const sending = page.getByRole('form', { name: 'Sending' });
  const grace = sending.getByLabel('Late start allowed');
  await grace.fill('abc');
  await sending.getByRole('button', { name: 'Save' }).click();
  await expect(sending.getByText('Enter a number.')).toBeVisible();
  await expect(grace).toBeFocused();
  expect(desk.app.settings.get('schedule.graceMinutes')).toBe(60);

  await grace.fill('90');
  const track = sending.getByRole('switch', { name: 'Track link clicks in new campaigns' });
  await track.check({ force: true });
  await sending.getByRole('button', { name: 'Save' }).click();
  await expect(sending.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  expect(desk.app.settings.get('schedule.graceMinutes')).toBe(90);
  expect(desk.app.settings.get('links.trackByDefault')).toBe(true);

  const business = page.getByRole('form', { name: 'Business' });
  const zone = business.getByLabel('Time zone');
  await zone.fill('Mars/Olympus');
  await business.getByRole('button', { name: 'Save' }).click();
  await expect(business.getByText('Choose a time zone from the list')).toBeVisible();
  await zone.fill('Europe/Paris');
  await expect(business.getByText(/^Now .* there$/)).toBeVisible();
  await business.getByRole('button', { name: 'Save' }).click();
  await expect(business.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  expect(desk.app.settings.get('business.timezone')).toBe('Europe/Paris');

  const providers = page.getByRole('form', { name: 'Providers' });
  await expect(providers.getByLabel('Send texts through')).toHaveValue('sandbox');
  await expect(providers.getByRole('option', { name: 'Quo (OpenPhone)' })).toBeAttached();
  await expect(page.getByLabel('Quo API key')).toBeVisible();
  await providers.locator('..').screenshot({ path: testInfo.outputPath('settings-providers.png') });

  for (const theme of ['light', 'dark'] as const) {
    desk.app.settings.set('ui.theme', theme);
    for (const width of [1440, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expect(page.getByRole('form', { name: 'Business' })).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath(`settings-${theme}-${width}.png`), fullPage: false });
      await page.locator('.content').evaluate((el) => (el.scrollTop = 0));
    }
  }
  // A refused value shown in the dark theme, for the screenshot.
  await page.getByRole('form', { name: 'Sending' }).getByLabel('Earliest sending time').fill('7:00');
  await page.getByRole('form', { name: 'Sending' }).getByRole('button', { name: 'Save' }).click();
  await page.getByRole('form', { name: 'Sending' }).scrollIntoViewIfNeeded();
  await page
    .getByRole('form', { name: 'Sending' })
    .screenshot({ path: testInfo.outputPath('settings-sending-refused.png') });
  expect(errors).toEqual([]);
});
