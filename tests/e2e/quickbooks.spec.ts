import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { startFakeQuickBooks } from '../fakes/quickbooks';
import { seedContacts, seedPhone } from '../helpers/seed';

/** "(212) 200-0000", as owners type numbers into QuickBooks. */
const typed = (e164: string) => `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;

test('Settings → Integrations: connect QuickBooks step by step, then its status, counts and unmatched sales (light and dark)', async ({
  page,
  desk,
}, testInfo) => {
  test.setTimeout(180_000);
  const fake = await startFakeQuickBooks();
  try {
    const relay = await desk.app.startRelay({ host: '127.0.0.1', port: 0 });
    desk.app.settings.set('webhooks.publicUrl', relay.url);
    desk.app.settings.set('quickbooks.apiBaseUrl', fake.url);
    desk.app.settings.set('quickbooks.tokenUrl', fake.tokenUrl);
    seedContacts(desk.app.db, 2);
    fake.setTime(new Date().toISOString());
    fake.put('Customer', { Id: '1', DisplayName: 'Ana Lima', Mobile: { FreeFormNumber: typed(seedPhone(0)) } });
    fake.put('Customer', {
      Id: '2',
      DisplayName: 'Walk-in Customer',
      PrimaryPhone: { FreeFormNumber: '(212) 555-0199' },
    });
    fake.put('SalesReceipt', { Id: '100', TxnDate: '2026-12-01', TotalAmt: 42.5, CustomerRef: { value: '1' } });
    fake.put('SalesReceipt', { Id: '101', TxnDate: '2026-12-02', TotalAmt: 18, CustomerRef: { value: '2' } });

    const errors = await desk.open(page, 'settings');
    const panel = page.getByTestId('quickbooks-integration');
    await expect(page.getByRole('form', { name: 'Integrations' })).toBeVisible();
    await expect(panel.getByText('Not connected')).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Connect QuickBooks' })).toBeDisabled();
    await expect(panel.getByText(`${relay.url}/oauth/quickbooks/callback`)).toBeVisible();
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: testInfo.outputPath('quickbooks-1-not-connected-light.png') });

    // Step 1: the keys go to the secret store.
    await panel.getByLabel('Client ID').fill(fake.clientId);
    await panel.getByLabel('Client ID').press('Enter');
    await expect(panel.locator('[data-secret="quickbooks.clientId"]').getByText('set', { exact: true })).toBeVisible();
    await panel.getByLabel('Client Secret').fill(fake.clientSecret);
    await panel.getByLabel('Client Secret').press('Enter');
    await expect(
      panel.locator('[data-secret="quickbooks.clientSecret"]').getByText('set', { exact: true }),
    ).toBeVisible();
    expect(desk.app.secrets.get('quickbooks.clientSecret')).toBe(fake.clientSecret);

    // Step 3: no system browser in the harness, so the sign-in link is shown.
    await panel.getByRole('button', { name: 'Connect QuickBooks' }).click();
    const link = panel.getByRole('link', { name: 'Open the QuickBooks sign-in page' });
    await expect(link).toBeVisible();
    const authorizeUrl = await link.getAttribute('href');
    expect(authorizeUrl).toContain('https://appcenter.intuit.com/connect/oauth2?');
    await panel.screenshot({ path: testInfo.outputPath('quickbooks-2-sign-in-link-light.png') });

    // Intuit sends the browser back through the relay.
    const back = await page.context().newPage();
    await back.goto(fake.authorize(authorizeUrl ?? ''));
    await expect(back.getByRole('heading', { name: 'QuickBooks is connected' })).toBeVisible();
    await back.screenshot({ path: testInfo.outputPath('quickbooks-3-callback-page.png') });
    await back.close();

    await expect(panel.getByText('Connected', { exact: true })).toBeVisible({ timeout: 15_000 });
    await expect.poll(() => desk.app.quickbooks.status().lastSyncAt, { timeout: 20_000 }).not.toBeNull();
    await page.reload();
    await expect(panel.getByText('1 sale could not be matched to a contact')).toBeVisible();
    await panel.getByText('1 sale could not be matched to a contact').click();
    await expect(panel.getByRole('cell', { name: 'Walk-in Customer' })).toBeVisible();
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expect(panel.getByRole('status').filter({ hasText: 'conversions recorded' })).toBeVisible();

    for (const theme of ['light', 'dark'] as const) {
      desk.app.settings.set('ui.theme', theme);
      for (const width of [1440, 1024]) {
        await page.setViewportSize({ width, height: 900 });
        await page.reload();
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await panel.getByText('1 sale could not be matched to a contact').click();
        await panel.scrollIntoViewIfNeeded();
        await panel.screenshot({ path: testInfo.outputPath(`quickbooks-4-connected-${theme}-${width}.png`) });
      }
      // The connected state (badges, facts, the unmatched table) has no serious or critical axe finding.
      const axe = await new AxeBuilder({ page }).include('[data-testid="quickbooks-integration"]').analyze();
      expect(
        axe.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${theme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      ).toEqual([]);
    }
    expect(errors).toEqual([]);
  } finally {
    await fake.close();
  }
});
