import { test, expect } from './fixtures';

const PAGES = [
  { id: 'contacts', heading: 'Contacts', empty: 'No contacts yet' },
  { id: 'templates', heading: 'Templates', empty: 'No templates yet' },
  { id: 'campaigns', heading: 'Campaigns', empty: 'No campaigns yet' },
  { id: 'abtests', heading: 'A/B tests', empty: 'No A/B tests yet' },
  { id: 'inbox', heading: 'Inbox', empty: 'No replies yet' },
  { id: 'optouts', heading: 'Opt-outs', empty: 'No opt-outs' },
  { id: 'monitoring', heading: 'Monitoring', empty: null },
  { id: 'settings', heading: 'Settings', empty: null },
] as const;

test('every page opens from the sidebar without console errors, with a screenshot each', async ({
  page,
  desk,
}, testInfo) => {
  const errors = await desk.open(page);
  await expect(page.getByTestId('provider-mode')).toContainText('Sandbox');
  await expect(page.getByTestId('db-health')).toContainText('healthy');
  for (const p of PAGES) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: p.heading }).click();
    await expect(page.getByRole('heading', { level: 1, name: p.heading })).toBeVisible();
    if (p.empty) await expect(page.getByText(p.empty)).toBeVisible();
    if (p.id === 'monitoring') await expect(page.getByText('Dead letters')).toBeVisible();
    if (p.id === 'settings') await expect(page.getByLabel('Share that fail')).toBeVisible();
    const shot = await page.screenshot({ path: testInfo.outputPath(`page-${p.id}.png`), fullPage: true });
    await testInfo.attach(`page-${p.id}`, { body: shot, contentType: 'image/png' });
  }
  expect(errors).toEqual([]);
});

test('pages show real data from the core', async ({ page, desk }) => {
  const now = new Date().toISOString();
  desk.app.db
    .prepare(
      `INSERT INTO contacts (phone, first_name, last_name, created_at, updated_at) VALUES ('+14155550100', 'Zoë', 'Martínez', ?, ?)`,
    )
    .run(now, now);
  desk.app.db
    .prepare(
      `INSERT INTO templates (name, body, created_at, updated_at) VALUES ('Weekend sale', 'Hi {{first_name|there}}!', ?, ?)`,
    )
    .run(now, now);
  const errors = await desk.open(page, 'contacts');
  await expect(page.getByRole('cell', { name: 'Zoë Martínez' })).toBeVisible();
  await expect(page.getByText('1 contact')).toBeVisible();
  await page.getByPlaceholder('Search name, phone or email').fill('(415) 555');
  await expect(page.getByRole('cell', { name: '(415) 555-0100' })).toBeVisible();
  await page.getByRole('button', { name: 'Templates' }).click();
  await expect(page.getByText('Weekend sale')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a setting changed in the UI reaches the core, and a bad value is refused with a clear message', async ({
  page,
  desk,
}) => {
  const errors = await desk.open(page, 'settings');
  const input = page.getByLabel('Share that fail');
  await input.fill('0.25');
  await input.press('Enter');
  await expect.poll(() => desk.app.settings.get('sandbox.failureRate')).toBe(0.25);
  await input.fill('3');
  await input.press('Enter');
  await expect(page.getByText(/between 0 and 1/i)).toBeVisible();
  expect(desk.app.settings.get('sandbox.failureRate')).toBe(0.25);
  expect(errors).toEqual([]);
});

test('the dark theme applies from Settings (and "system" follows the OS)', async ({ page, desk }, testInfo) => {
  desk.app.settings.set('ui.theme', 'dark');
  const errors = await desk.open(page, 'campaigns');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(21, 24, 29)');
  await testInfo.attach('dark-campaigns', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
  desk.app.settings.set('ui.theme', 'system');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(errors).toEqual([]);
});
