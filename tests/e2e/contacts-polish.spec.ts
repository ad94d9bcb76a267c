import type { Page } from '@playwright/test';
import { startFakeNumVerify } from '../fakes/numverify';
import { test, expect, type HarnessFixture } from './fixtures';
import { shot } from './contacts-data';

const AGREED = { given: true, note: 'Signed up in store' };

async function seed(
  desk: HarnessFixture,
  people: { phone: string; firstName?: string; lastName?: string; tags?: string[] }[],
) {
  for (const p of people) {
    const r = await desk.app.dispatch('contacts:create', { ...p, consent: AGREED });
    if (!r.ok) throw new Error(r.error.message);
  }
}

async function dark(page: Page, desk: HarnessFixture) {
  await desk.app.dispatch('settings:set', { key: 'ui.theme', value: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
}

test('adding a contact asks how they agreed; without an answer they are saved but not textable, until consent is recorded', async ({
  page,
  desk,
}, testInfo) => {
  const errors = await desk.open(page, 'contacts');
  await page.getByRole('button', { name: 'Add one by hand' }).click();
  const form = page.getByRole('dialog', { name: 'Add a contact' });
  await form.getByLabel('Phone number').fill('(415) 555-0100');
  await form.getByLabel('First name').fill('Zoë');
  await expect(form.getByText('How did they agree to get texts from you?')).toBeVisible();
  await expect(form.getByText('saved but not textable for marketing')).toBeVisible();
  await shot(page, testInfo, 'add-contact-consent-question');
  await form.getByRole('button', { name: 'Add contact' }).click();

  const panel = page.getByRole('complementary', { name: 'Contact details' });
  await expect(panel.getByText('SMS consent not stated')).toBeVisible();
  // The header's badge (the channel list below says it again for texts).
  await expect(panel.getByText('Not textable').first()).toBeVisible();
  await panel.getByRole('button', { name: 'Record consent' }).click();
  const record = page.getByRole('dialog', { name: 'Record consent' });
  await record.getByLabel('Other:').check();
  await record.getByLabel('How they agreed, in your words').fill('Ticked the box on our paper form');
  await record.getByRole('button', { name: 'Record consent' }).click();
  await expect(panel.getByText('Textable', { exact: true })).toBeVisible();
  await expect(panel.getByRole('list', { name: 'Consent history' })).toContainText('Ticked the box on our paper form');
  expect(errors).toEqual([]);
});

test('an import without a consent column asks once for the whole file, records the answer, and offers to check the numbers', async ({
  page,
  desk,
}, testInfo) => {
  const errors = await desk.open(page, 'contacts');
  await page.getByRole('button', { name: 'Import contacts' }).click();
  const wizard = page.getByRole('dialog', { name: 'Import contacts' });
  const csv = [
    'First Name,Last Name,Phone',
    'Ann,Lee,(212) 555-0101',
    'Bob,Stone,(212) 555-0102',
    'Cy,Moss,(212) 555-0103',
  ].join('\n');
  await wizard
    .getByLabel('Contacts file')
    .setInputFiles({ name: 'market.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await wizard.getByRole('button', { name: 'Preview import' }).click();
  await expect(wizard.getByText('These people agreed to receive texts from us: how?')).toBeVisible();
  const importButton = wizard.getByRole('button', { name: 'Import 3 contacts' });
  await expect(importButton).toBeDisabled();
  await wizard.getByLabel('Signed up on our website').check();
  await shot(page, testInfo, 'import-consent-question');
  await importButton.click();
  await expect(wizard.getByText('Optional: check these 3 numbers.')).toBeVisible();
  await shot(page, testInfo, 'import-result-check-offer');
  const notes = desk.app.db.prepare('SELECT DISTINCT consent, note FROM consent_records').all();
  expect(notes).toEqual([{ consent: 1, note: 'Signed up on our website' }]);
  expect(errors).toEqual([]);
});

test('check numbers states the lookups and cost first, shows progress, and reports what it found', async ({
  page,
  desk,
}, testInfo) => {
  const fake = await startFakeNumVerify({
    numbers: {
      '+12125550102': { lineType: 'landline', carrier: 'Verizon' },
      '+12125550103': { lineType: 'voip', carrier: 'Google Voice' },
      '+12125550104': { lineType: 'mobile', valid: false },
    },
    answerDelayMs: 150,
  });
  try {
    desk.app.settings.set('numverify.baseUrl', fake.url);
    desk.app.secrets.set('numverify.apiKey', 'test-numverify-key');
    await seed(desk, [
      { phone: '2125550101', firstName: 'Ann', lastName: 'Lee', tags: ['VIP'] },
      { phone: '2125550102', firstName: 'Bob', lastName: 'Stone', tags: ['VIP'] },
      { phone: '2125550103', firstName: 'Cy', lastName: 'Moss' },
      { phone: '2125550104', firstName: 'Dee', lastName: 'Park' },
    ]);
    // One number was checked last week: it is free this time.
    await desk.app.dispatch('contacts:verify', { contactIds: [1] });
    const errors = await desk.open(page, 'contacts');
    await page.getByRole('button', { name: 'Check numbers' }).click();
    const dialog = page.getByRole('dialog', { name: 'Check numbers' });
    await expect(dialog.getByTestId('check-plan')).toContainText('3 numbers will be looked up');
    await expect(dialog.getByTestId('check-plan')).toContainText('1 number checked in the last 30 days');
    await expect(dialog.getByTestId('check-plan')).toContainText('$0.009');
    await shot(page, testInfo, 'check-numbers-plan');
    await dialog.getByRole('button', { name: /^Check 3 numbers/ }).click();
    await expect(dialog.getByRole('progressbar', { name: 'Check progress' })).toBeVisible();
    const report = dialog.getByTestId('check-report');
    await expect(report).toBeVisible();
    await expect(report.getByRole('row', { name: /Landline/ })).toContainText('1');
    await expect(report.getByRole('row', { name: /VoIP/ })).toContainText('1');
    await expect(report.getByRole('row', { name: /Invalid/ })).toContainText('1');
    await expect(report.getByRole('row', { name: /Marked not textable/ })).toContainText('2');
    await shot(page, testInfo, 'check-numbers-report');
    await dark(page, desk);
    await shot(page, testInfo, 'check-numbers-report-dark');
    expect(errors).toEqual([]);
  } finally {
    await fake.close();
  }
});

test('contacts at 1024×700, light and dark: nothing cut or overflowing', async ({ page, desk }, testInfo) => {
  await seed(desk, [
    {
      phone: '+14155550100',
      firstName: 'Maximiliana Alexandrina',
      lastName: 'Vandenberghe-Oosterhuis',
      tags: ['Wholesale customers', 'Farmers market regulars', 'VIP'],
    },
    { phone: '+447400123456', firstName: 'Siobhán', lastName: 'Ó Briain', tags: ['Newsletter'] },
    { phone: '+12125550123', firstName: 'Ben', lastName: 'Okafor', tags: ['Spring sale 2026'] },
  ]);
  await page.setViewportSize({ width: 1024, height: 700 });
  const errors = await desk.open(page, 'contacts');
  await expect(page.getByRole('table', { name: 'Contacts' })).toContainText('Okafor');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBe(0);
  await shot(page, testInfo, 'contacts-1024-light');
  await dark(page, desk);
  await shot(page, testInfo, 'contacts-1024-dark');
  await page.setViewportSize({ width: 1440, height: 900 });
  await shot(page, testInfo, 'contacts-1440-dark');
  expect(errors).toEqual([]);
});
