import { test, expect } from './fixtures';

/** A stored setting an old database holds that is no longer allowed: the owner sees it on Monitoring, in words. */
for (const theme of ['light', 'dark'] as const) {
  test(`a refused stored time zone shows as a problem banner at 1024 wide (${theme})`, async ({
    page,
    desk,
  }, testInfo) => {
    desk.app.settings.set('ui.theme', theme);
    desk.app.db
      .prepare(
        `INSERT INTO settings (key, value_json, updated_at) VALUES ('business.timezone', '"Mars/Olympus"', '2026-01-01T00:00:00Z')`,
      )
      .run();
    await page.setViewportSize({ width: 1024, height: 700 });
    const errors = await desk.open(page, 'monitoring');
    const banner = page.getByRole('alert').filter({ hasText: 'Something needs your attention' });
    await expect(banner).toContainText(
      'Setting business.timezone: "Mars/Olympus" is not used (Mars/Olympus is not a time zone; use a name like America/New_York)',
    );
    const body = await page.screenshot({ path: testInfo.outputPath(`monitoring-problems-${theme}.png`) });
    await testInfo.attach(`monitoring-problems-${theme}`, { body, contentType: 'image/png' });
    expect(errors).toEqual([]);
  });
}
