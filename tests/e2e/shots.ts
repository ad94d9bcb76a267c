import type { Page, TestInfo } from '@playwright/test';

/** The app scrolls inside its content pane, so the window is made as tall as the page for the picture. */
export async function shot(page: Page, testInfo: TestInfo, name: string, maxHeight = 2800) {
  const viewport = page.viewportSize()!;
  const height = await page.locator('main.content').evaluate((el) => el.scrollHeight + 40);
  await page.setViewportSize({ width: viewport.width, height: Math.min(maxHeight, Math.max(viewport.height, height)) });
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await testInfo.attach(name, { body, contentType: 'image/png' });
  await page.setViewportSize(viewport);
}

/** The window only, as it is: for a dialog, which covers the page whatever its length. */
async function windowShot(page: Page, testInfo: TestInfo, name: string) {
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

/**
 * Light and dark, 1440 and 1024 wide; back to light at 1440 afterwards. `picture` is the tallest page to take whole
 * (the content pane scrolled out), or 'window' for a dialog.
 */
export async function shots(page: Page, testInfo: TestInfo, name: string, picture: number | 'window' = 2800) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [width, height] of [
      [1440, 900],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      if (picture === 'window') await windowShot(page, testInfo, `${name}-${scheme}-${width}`);
      else await shot(page, testInfo, `${name}-${scheme}-${width}`, picture);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });
}
