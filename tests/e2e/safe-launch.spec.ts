import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures';
import { quietSandbox, seedDaytimeContacts } from './campaign-audience';

async function shot(page: Page, testInfo: TestInfo, name: string) {
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

test('launch dialog: warnings need a reason, over 1,000 the count is typed, a test goes to the owner first', async ({
  desk,
  page,
}, testInfo) => {
  quietSandbox(desk.app);
  seedDaytimeContacts(desk.app, 1005, { tag: 'regulars' });
  desk.app.settings.set('business.testPhones', '+14155550100');
  desk.app.settings.set('pricing.sandboxPerSegment', 0.01);
  const created = await desk.app.dispatch('campaigns:create', {
    name: 'Flash sale',
    body: 'Hi {{first_name|there}}, 30% off today only!',
    audience: { tags: ['regulars'] },
  });
  if (!created.ok) throw new Error(created.error.message);
  const id = (created.value as { id: number }).id;

  const errors = await desk.open(page, 'campaigns');
  await page.getByRole('button', { name: 'Flash sale', exact: true }).click();
  await page.getByRole('button', { name: 'Launch' }).click();
  const dialog = page.getByTestId('launch-dialog');
  await expect(dialog.getByTestId('launch-count')).toHaveText('1,005 people');
  await expect(dialog.getByTestId('launch-audience')).toHaveText('tagged regulars');
  await expect(dialog.getByTestId('launch-start')).toContainText('Now');
  // Opened from the campaign's own page (not the wizard), the dialog still states what it will cost.
  await expect(dialog.getByTestId('launch-cost')).toHaveText('≈ $10.05'); // 1,005 people × 1 segment × $0.01
  await expect(dialog.getByText('does not tell people how to opt out')).toBeVisible();
  const send = dialog.getByRole('button', { name: 'Send to 1,005 people' });
  await expect(send).toBeDisabled();
  await shot(page, testInfo, 'launch-dialog-warnings');

  // A test first: to the owner's number, written for a contact, never counted.
  await dialog.getByRole('button', { name: 'Send test to (415) 555-0100' }).click();
  await expect(dialog.getByTestId('test-sent')).toContainText('Test sent to (415) 555-0100');
  await shot(page, testInfo, 'launch-dialog-test-sent');
  const tests = desk.app.db
    .prepare('SELECT COUNT(*) AS n FROM outbox_messages WHERE test_of_campaign_id = ? AND campaign_id IS NULL')
    .get(id) as { n: number };
  expect(tests.n).toBe(1);

  await dialog.getByLabel(/Reason for sending anyway/).fill('Opt-out notice went out at sign-up this week');
  await expect(send).toBeDisabled();
  await dialog.getByLabel(/Type/).fill('1,004');
  await expect(send).toBeDisabled();
  await dialog.getByLabel(/Type/).fill('1,005');
  await expect(send).toBeEnabled();
  await shot(page, testInfo, 'launch-dialog-typed-count');
  await page.emulateMedia({ colorScheme: 'dark' });
  await desk.app.dispatch('settings:set', { key: 'ui.theme', value: 'dark' });
  await shot(page, testInfo, 'launch-dialog-typed-count-dark');
  await send.click();
  await expect(page.getByTestId('campaign-status')).not.toHaveText('Draft');
  const audit = desk.app.db
    .prepare(`SELECT detail_json AS d FROM audit_log WHERE action = 'campaign.acknowledge' AND subject = ?`)
    .get(String(id)) as { d: string };
  expect(JSON.parse(audit.d)).toMatchObject({ reason: 'Opt-out notice went out at sign-up this week' });
  expect(errors).toEqual([]);
});

test('a segment saved on the Contacts page can be chosen in the campaign wizard and the A/B form', async ({
  desk,
  page,
}, testInfo) => {
  quietSandbox(desk.app);
  seedDaytimeContacts(desk.app, 6, { tag: 'vip', total: 10 });
  seedDaytimeContacts(desk.app, 4, { tag: 'walk-in', start: 6, total: 10 });
  const errors = await desk.open(page, 'contacts');
  await page.getByLabel('Filter by tag').selectOption('vip');
  await page.getByRole('button', { name: /Save as segment/ }).click();
  await page.getByLabel('Segment name').fill('VIP regulars');
  await page.getByRole('button', { name: 'Save segment', exact: true }).click();
  await expect
    .poll(
      () =>
        (desk.app.db.prepare(`SELECT COUNT(*) AS n FROM segments WHERE name = 'VIP regulars'`).get() as { n: number })
          .n,
    )
    .toBe(1);

  await desk.open(page, 'campaigns');
  await page.getByRole('button', { name: '+ New campaign' }).click();
  await expect(page.getByTestId('audience-eligible')).toHaveText('10');
  await page.getByLabel('Saved segment').selectOption({ label: 'VIP regulars' });
  await expect(page.getByTestId('audience-eligible')).toHaveText('6');
  await shot(page, testInfo, 'wizard-saved-segment');

  await desk.open(page, 'abtests');
  await page.getByRole('button', { name: /New A\/B test/ }).click();
  await page.getByLabel('Saved segment').selectOption({ label: 'VIP regulars' });
  await expect(page.getByTestId('ab-eligible')).toContainText('6 can be texted');
  await expect(page.getByTestId('ab-guidance')).toContainText('This test cannot reach a verdict');
  await expect(page.getByTestId('ab-guidance')).toContainText('100 are needed');
  await shot(page, testInfo, 'ab-form-guidance');
  expect(errors).toEqual([]);
});
