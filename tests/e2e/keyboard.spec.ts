import { test, expect } from './fixtures';

test('the command palette reaches pages and actions, and "?" lists the shortcuts', async ({ page, desk }, testInfo) => {
  const errors = await desk.open(page, 'contacts');
  await expect(page).toHaveTitle('Contacts · SMS Campaign Desk');

  // The first Tab offers the skip link; following it puts the focus on the page.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
  await expect(page).toHaveURL(/#\/contacts$/);

  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await expect(palette).toBeVisible();
    await expect(palette.getByRole('combobox')).toBeFocused();
    await page.keyboard.type('camp');
    await expect(palette.getByRole('option')).toHaveText([/Campaigns/, /New campaign/]);
    await page.screenshot({ path: testInfo.outputPath(`palette-${theme}.png`) });
    await page.keyboard.press('Escape');
    await expect(palette).toBeHidden();
  }

  await page.keyboard.press('Control+k');
  await page.keyboard.type('campaigns');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Campaigns' })).toBeVisible();
  await expect(page).toHaveTitle('Campaigns · SMS Campaign Desk');

  // An action on another page: the page opens and does it.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('add a contact');
  await page.keyboard.press('Enter');
  const add = page.getByRole('dialog', { name: 'Add a contact' });
  await expect(add).toBeVisible();
  // A dialog puts the focus on its first field, and gives it back to the opener when it closes.
  await expect(add.locator('input, select, textarea').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(add).toBeHidden();
  const addButton = page.getByRole('button', { name: 'Add contact' });
  await addButton.click();
  await expect(add).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(addButton).toBeFocused();

  // Alt+number goes to the nav's pages in order (read from the nav, which grows with the app).
  const navPages = (
    await page.getByRole('navigation', { name: 'Main' }).getByRole('list').getByRole('button').allTextContents()
  ).map((t) => t.trim());
  const eighth = navPages[7];
  await page.keyboard.press('Alt+8');
  await expect(page.getByRole('heading', { level: 1, name: eighth, exact: true })).toBeVisible();
  // The new page takes the focus (on the next frame): wait for it, or it lands after the focus moved below.
  await expect(page.locator('main#main')).toBeFocused();

  const helpButton = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await helpButton.focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('row', { name: /Ctrl K|⌘ K/ })).toBeVisible();
  // Alt+1…9 reach the nav's first nine pages, whichever they are.
  await expect(help.getByRole('row', { name: new RegExp(`Go to ${navPages[8]}`) })).toBeVisible();
  await help.screenshot({ path: testInfo.outputPath('shortcuts.png') });
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(helpButton).toBeFocused();

  // "?" typed in a field is a character, not a shortcut.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  const name = page.getByLabel('Business name');
  await name.fill('');
  await name.press('?');
  await expect(name).toHaveValue('?');
  await expect(help).toBeHidden();
  expect(errors).toEqual([]);
});
