import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures';

/** The whole page (the app scrolls inside its content pane), at the window's width. */
async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const height = await page.locator('main.content').evaluate((el) => el.scrollHeight + 40);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  await testInfo.attach(name, { body, contentType: 'image/png' });
  await page.setViewportSize(viewport);
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${v.help} — ${n.target.join(' ')}`));
}

for (const theme of ['light', 'dark'] as const) {
  for (const width of [1440, 1024]) {
    test(`the design-system page (#/ui) shows every generic component, ${theme} at ${width}, with nothing serious for axe`, async ({
      page,
      desk,
    }, testInfo) => {
      test.setTimeout(180_000);
      desk.app.settings.set('ui.theme', theme);
      await page.setViewportSize({ width, height: 800 });
      const errors = await desk.open(page, 'ui');
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expect(page.getByRole('heading', { level: 1, name: 'Design system' })).toBeVisible();
      await expect(page).toHaveTitle('Design system · SMS Campaign Desk');
      // Not in the nav: the owner never meets it.
      await expect(
        page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Design system' }),
      ).toHaveCount(0);

      // The components, each by its role and name.
      for (const name of ['Launch campaign', 'Save draft', 'Delete template', 'Opt out', 'Show the messages'])
        await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: 'Campaign launched' })).toBeVisible();
      await expect(page.getByRole('textbox', { name: 'Campaign name' })).toHaveValue('Spring tulip sale');
      await expect(page.getByRole('combobox', { name: 'Tone' })).toHaveValue('friendly');
      await expect(page.getByRole('table', { name: 'Sample campaigns' }).getByRole('row')).toHaveCount(4);

      // The textarea counts what is written as it is typed, and says so with the box.
      const notes = page.getByRole('textbox', { name: 'Notes (only you see these)' });
      await expect(notes).toHaveAccessibleDescription(/A line or two for yourself\. 31 of 2,000 characters/);
      await notes.fill('Call first.');
      await expect(page.getByText('11 of 2,000 characters')).toBeVisible();
      await expect(page.getByRole('textbox', { name: 'Reply' })).toHaveAttribute('aria-invalid', 'true');
      const phone = page
        .getByRole('radiogroup', { name: 'Preview width' })
        .getByRole('radio', { name: 'Phone (375 px)' });
      await phone.check();
      await expect(phone).toBeChecked();
      const week = page.getByRole('radiogroup', { name: 'Calendar view' }).getByRole('radio', { name: 'Week' });
      await week.check();
      await expect(week).toBeChecked();

      // A checkbox is ticked by a click on its words, and its box sits right before them.
      const fits = page.getByRole('checkbox', { name: 'Fits one segment (160 characters)' });
      await expect(fits).toBeChecked();
      await page.getByText('Fits one segment (160 characters)').click();
      await expect(fits).not.toBeChecked();
      const box = (await fits.boundingBox())!;
      const words = (await page.getByText('Fits one segment (160 characters)').boundingBox())!;
      expect(words.x - (box.x + box.width)).toBeLessThanOrEqual(12);
      expect(Math.abs(words.y + words.height / 2 - (box.y + box.height / 2))).toBeLessThanOrEqual(6);

      const overflow = await page.locator('main.content').evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow, 'nothing wider than the window').toBeLessThanOrEqual(1);
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, testInfo, `design-system-${theme}-${width}`);

      // The dialogs: a modal with fields, and a question whose safe answer has the focus.
      await page.getByRole('button', { name: 'Open a dialog' }).click();
      const modal = page.getByRole('dialog', { name: 'Save as segment' });
      await expect(modal.getByRole('textbox', { name: 'Segment name' })).toBeFocused();
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: testInfo.outputPath(`design-system-modal-${theme}-${width}.png`) });
      await page.keyboard.press('Escape');
      await expect(modal).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Open a dialog' })).toBeFocused();

      await page.getByRole('button', { name: 'Ask a question' }).click();
      const question = page.getByRole('dialog', { name: 'Delete this template?' });
      await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: testInfo.outputPath(`design-system-confirm-${theme}-${width}.png`) });
      await question.getByRole('button', { name: 'Delete template' }).click();
      await expect(question).toHaveCount(0);

      // The theme buttons switch this window without touching the saved setting.
      const other = theme === 'light' ? 'Dark' : 'Light';
      await page.getByRole('button', { name: other, exact: true }).click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', other.toLowerCase());
      expect(desk.app.settings.get('ui.theme')).toBe(theme);
      expect(errors).toEqual([]);
    });
  }
}
