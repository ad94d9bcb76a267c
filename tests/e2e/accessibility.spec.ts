import { test, expect } from './fixtures';
import { seriousViolations } from './axe';

function seed(desk: { app: { db: { prepare(sql: string): { run(...args: unknown[]): unknown } } } }) {
  const now = new Date().toISOString();
  desk.app.db
    .prepare(
      `INSERT INTO contacts (phone, first_name, last_name, email, created_at, updated_at) VALUES ('+14155550100', 'Zoë', 'Martínez', 'zoe@example.com', ?, ?)`,
    )
    .run(now, now);
  desk.app.db
    .prepare(
      `INSERT INTO templates (name, body, created_at, updated_at) VALUES ('Weekend sale', 'Hi {{first_name|there}}! 20% off this weekend.', ?, ?)`,
    )
    .run(now, now);
}

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds nothing serious or critical on any page of the nav, ${theme} theme`, async ({ page, desk }) => {
    test.setTimeout(180_000);
    seed(desk);
    desk.app.settings.set('ui.theme', theme);
    const errors = await desk.open(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    // The list comes from the nav itself, so a page added later is checked too.
    const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('list');
    const names = (await nav.getByRole('button').allInnerTexts()).map((t) => t.trim());
    expect(names.length).toBeGreaterThanOrEqual(8);
    const found: string[] = [];
    for (const name of names) {
      await nav.getByRole('button', { name, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      await expect(page).toHaveTitle(new RegExp(`^${name.replace(/[/]/g, '\\/')} · SMS Campaign Desk$`));
      found.push(...(await seriousViolations(page)).map((v) => `${name}: ${v}`));
    }
    // The shell's own dialogs.
    await page.keyboard.press('Control+k');
    await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
    found.push(...(await seriousViolations(page)).map((v) => `Command palette: ${v}`));
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    found.push(...(await seriousViolations(page)).map((v) => `Shortcuts: ${v}`));
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
  });
}
