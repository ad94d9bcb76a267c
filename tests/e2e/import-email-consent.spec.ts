import { readFileSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import { test, expect } from './fixtures';
import { fieldFor, scrollStepToTop, shot } from './contacts-data';
import { shots } from './shots';

const rowOf = (mapping: Locator, header: string) =>
  mapping.getByRole('row').filter({ has: mapping.page().getByText(header, { exact: true }) });

test('a Mailchimp subscribed-members export: the opt-in times map to e-mail consent, shown in the preview, imported with it', async ({
  page,
  desk,
}, testInfo) => {
  test.setTimeout(180_000);
  const errors = await desk.open(page, 'contacts');
  await page.getByRole('button', { name: 'Import contacts' }).click();
  const wizard = page.getByRole('dialog', { name: 'Import contacts' });
  await wizard.getByLabel('Contacts file').setInputFiles({
    name: 'subscribed_members_export_2f8a.csv',
    mimeType: 'text/csv',
    buffer: readFileSync('tests/fixtures/contacts/mailchimp-subscribed_members_export.csv'),
  });
  const mapping = wizard.getByRole('table', { name: 'Column mapping' });
  await expect(mapping).toBeVisible();

  // Columns: Mailchimp's names are recognised; its opt-in and confirm times say who agreed to marketing e-mail.
  await expect(fieldFor(wizard, 'Email Address')).toHaveValue('email');
  await expect(fieldFor(wizard, 'Phone Number')).toHaveValue('phone');
  await expect(fieldFor(wizard, 'OPTIN_TIME')).toHaveValue('email_consent');
  await expect(fieldFor(wizard, 'CONFIRM_TIME')).toHaveValue('email_consent');
  await expect(fieldFor(wizard, 'CONFIRM_TIME').locator('option:checked')).toHaveText('E-mail consent');
  await expect(rowOf(mapping, 'CONFIRM_TIME')).toContainText('Recognised');
  await expect(rowOf(mapping, 'CONFIRM_TIME')).toContainText('agreed');
  await scrollStepToTop(wizard);
  await shots(page, testInfo, 'import-email-consent-columns', 'window');

  // Preview: an E-mails column with each row's consent, the row without a number rejected.
  await wizard.getByRole('button', { name: 'Preview import' }).click();
  const counts = wizard.getByRole('group', { name: 'What the import will do' });
  await expect(counts.getByTestId('count-imported')).toContainText('2');
  await expect(counts.getByTestId('count-invalid')).toContainText('1');
  const sample = wizard.getByRole('table', { name: 'Sample rows' });
  await expect(sample.getByRole('columnheader', { name: 'E-mails' })).toBeVisible();
  await expect(sample.getByRole('row').filter({ hasText: 'Ana Ruiz' })).toContainText('Agreed');
  // The file says nothing about texts: the owner answers for the whole file.
  await wizard.getByLabel('I don’t know: import them, but don’t text them').check();
  await shot(page, testInfo, 'import-email-consent-preview');

  await wizard.getByRole('button', { name: 'Import 2 contacts' }).click();
  await expect(wizard.getByRole('group', { name: 'Import result' })).toBeVisible();
  expect(
    desk.app.db.prepare('SELECT phone, email, email_consent, textable FROM contacts ORDER BY phone').all(),
  ).toEqual([
    { phone: '+12125550121', email: 'ana@example.com', email_consent: 1, textable: 0 },
    { phone: '+12125550122', email: 'ben@example.com', email_consent: 1, textable: 0 },
  ]);
  expect(
    desk.app.db.prepare(`SELECT count(*) AS n FROM optout_audit WHERE channel = 'email' AND source = 'import'`).get(),
  ).toEqual({ n: 2 });

  // The Contacts page's "Can be reached by": both by e-mail, neither by text (the file said nothing about texts).
  await wizard.getByRole('button', { name: 'Done' }).click();
  const reach = page.getByRole('combobox', { name: 'Can be reached by' });
  await reach.selectOption('email');
  await expect(page.getByRole('row').filter({ hasText: 'Ana Ruiz' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Ben Cole' })).toBeVisible();
  await page.setViewportSize({ width: 1024, height: 768 });
  await shot(page, testInfo, 'contacts-reachable-by-email-1024');
  await page.setViewportSize({ width: 1440, height: 900 });
  await reach.selectOption('sms');
  await expect(page.getByText('Ana Ruiz')).toHaveCount(0);
  expect(errors).toEqual([]);
});
