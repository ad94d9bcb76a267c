import type { Locator, Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures';
import { startFakeDns } from '../fakes/dns';

test.setTimeout(240_000);

/** A settings section (its heading and fields), on a window tall enough to hold it whole. */
async function sectionShot(page: Page, testInfo: TestInfo, section: Locator, name: string) {
  const viewport = page.viewportSize()!;
  const height = await section.evaluate((el) => el.getBoundingClientRect().height);
  await page.setViewportSize({ width: viewport.width, height: Math.min(2400, Math.ceil(height) + 300) });
  await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await section.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  await page.setViewportSize(viewport);
}

test('Settings → E-mail: Check my domain with a fake DNS, Postmark webhook credentials shown once and copied (light, dark, 1440, 1024)', async ({
  page,
  desk,
}, testInfo) => {
  const dns = await startFakeDns({
    'bloom.example': ['v=spf1 include:spf.mtasv.net ~all'],
    '_dmarc.bloom.example': ['v=DMARC1; p=none; rua=mailto:dmarc@bloom.example'],
  });
  try {
    const relay = await desk.app.startRelay({ host: '127.0.0.1', port: 0 });
    desk.app.settings.set('webhooks.publicUrl', 'https://bloom-desk.trycloudflare.com');
    desk.app.settings.set('deliverability.dnsServer', dns.server);
    desk.app.settings.set('email.provider', 'postmark');
    desk.app.settings.set('email.from', 'Bloom Flowers <hello@bloom.example>');
    desk.app.settings.set('email.postalAddress', '1 Main St, Springfield, IL 62701');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: desk.harness.url });

    const errors = await desk.open(page, 'settings');
    const providers = page.getByRole('form', { name: 'Providers' });
    const panel = providers.getByTestId('domain-check');
    await expect(panel.getByText('Looks up the SPF, DKIM and DMARC records of bloom.example')).toBeVisible();

    // The owner names the DKIM selector their provider gave them, saves, and checks.
    await providers.getByLabel('DKIM selector').fill('pm');
    await providers.getByRole('button', { name: 'Save' }).click();
    await expect(providers.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await panel.getByRole('button', { name: 'Check my domain' }).click();
    const records = panel.getByRole('list', { name: 'DNS records of bloom.example' });
    await expect(records.getByText('v=spf1 include:spf.mtasv.net ~all')).toBeVisible();
    await expect(records.getByText('missing — the key your e-mails are signed with')).toBeVisible();
    await expect(panel.getByText(/No DKIM key at pm\._domainkey\.bloom\.example/)).toBeVisible();
    expect(dns.asked).toContain('pm._domainkey.bloom.example');

    // Added at the DNS host: checked again, all three found.
    dns.records.set('pm._domainkey.bloom.example', ['k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC3']);
    await panel.getByRole('button', { name: 'Check my domain' }).click();
    await expect(
      panel.getByText('bloom.example is set up for delivery: SPF, DKIM and DMARC are in place.'),
    ).toBeVisible();
    // A lookup that gets no answer is named as such.
    dns.silent.add('_dmarc.bloom.example');
    desk.app.settings.set('deliverability.dnsServer', dns.server);
    await panel.getByRole('button', { name: 'Check my domain' }).click();
    await expect(panel.getByText(/Could not check _dmarc\.bloom\.example: no answer in time: no network/)).toBeVisible({
      timeout: 30_000,
    });
    dns.silent.clear();
    dns.records.delete('pm._domainkey.bloom.example');
    await panel.getByRole('button', { name: 'Check my domain' }).click();
    await expect(panel.getByText(/No DKIM key at pm\._domainkey/)).toBeVisible();

    // Postmark: the URL to paste, with credentials generated here, shown once, copied.
    const postmark = page.getByTestId('postmark-webhook');
    await expect(postmark.getByText('https://bloom-desk.trycloudflare.com/webhooks/postmark')).toBeVisible();
    await postmark.getByRole('button', { name: 'Generate credentials' }).click();
    const password = desk.app.secrets.get('postmark.webhookPassword');
    expect(password).toBeTruthy();
    const url = `https://postmark:${password}@bloom-desk.trycloudflare.com/webhooks/postmark`;
    await expect(postmark.getByText(url)).toBeVisible();
    await expect(postmark.getByText('its password is shown only this once')).toBeVisible();
    await postmark.getByRole('button', { name: 'Copy Postmark' }).click();
    await expect(postmark.getByRole('button', { name: 'Copy Postmark' })).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    const first = await fetch(`${relay.url}/webhooks/postmark`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`postmark:${password}`).toString('base64')}` },
      body: '{"RecordType":"Open"}',
    });
    expect(first.status).not.toBe(401);

    // After a reload only whether it exists is shown; regenerating asks first, and the old one stops working.
    await page.reload();
    await expect(
      postmark.getByText('https://postmark:••••••@bloom-desk.trycloudflare.com/webhooks/postmark'),
    ).toBeVisible();
    await postmark.getByRole('button', { name: 'Regenerate' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Regenerate' }).click();
    await expect(postmark.getByText('The previous Postmark URL no longer works')).toBeVisible();
    expect(desk.app.secrets.get('postmark.webhookPassword')).not.toBe(password);
    const old = await fetch(`${relay.url}/webhooks/postmark`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`postmark:${password}`).toString('base64')}` },
      body: '{"RecordType":"Open"}',
    });
    expect(old.status).toBe(401);
    await postmark.scrollIntoViewIfNeeded();
    await postmark.screenshot({ path: testInfo.outputPath('postmark-webhook-regenerated.png') });

    // The e-mail and voice sections, light and dark, 1440 and 1024 wide.
    const section = (name: string) =>
      providers.locator('.st-section', { has: page.getByRole('heading', { name, exact: true }) });
    for (const theme of ['light', 'dark'] as const) {
      desk.app.settings.set('ui.theme', theme);
      for (const width of [1440, 1024]) {
        await page.setViewportSize({ width, height: 900 });
        await page.reload();
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await panel.getByRole('button', { name: 'Check my domain' }).click();
        await expect(panel.getByText(/No DKIM key at pm\._domainkey/)).toBeVisible();
        await sectionShot(page, testInfo, section('E-mail'), `email-settings-${theme}-${width}`);
        await sectionShot(page, testInfo, section('Voice calls'), `voice-settings-${theme}-${width}`);
        await sectionShot(page, testInfo, postmark, `postmark-webhook-${theme}-${width}`);
      }
    }
    expect(errors).toEqual([]);
  } finally {
    await dns.close();
  }
});
