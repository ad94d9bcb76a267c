import { test, expect } from './fixtures';
import { shots } from './shots';
import { quietSandbox, seedDaytimeContacts } from './campaign-audience';
import { seriousViolationsInBothThemes } from './axe';

// Real calls through the Sandbox take a while on a shared machine.
test.setTimeout(240_000);

const SCRIPT_A = 'Tulips are in this week at 20 percent off. We hope to see you soon!';
const SCRIPT_B = 'Hi {{first_name|there}}, your favourite tulips are back: 20 percent off until Friday.';

test('an A/B test by phone call: scripts in the form, called through the Sandbox, conversions and the opt-out key per variant', async ({
  desk,
  page,
}, testInfo) => {
  const { app } = desk;
  quietSandbox(app);
  // Some answer and press the opt-out key: the report shows it as the variants' guard.
  app.settings.set('sandbox.stopRate', 0.2);
  app.settings.set('voice.callbackNumber', '+14155550100');
  app.settings.set('voice.ratePerSecond', 20);
  const ids = seedDaytimeContacts(app, 16, { tag: 'regulars' });
  // Fourteen landlines with written consent to calls.
  const consent = app.db.prepare(
    `UPDATE contacts SET voice_consent_at = '2026-01-05T10:00:00.000Z', voice_consent_source = 'signed form', textable = 0, not_textable_reason = 'landline' WHERE id = ?`,
  );
  ids.slice(0, 14).forEach((id) => consent.run(id));

  await page.setViewportSize({ width: 1440, height: 900 });
  const errors = await desk.open(page, 'abtests');
  await page.getByRole('button', { name: 'New A/B test' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Tulip call test');
  await page.getByLabel('Audience', { exact: true }).selectOption('regulars');
  await expect(page.getByLabel('Send the variants as').locator('option')).toHaveText([
    'Texts (SMS)',
    'E-mails',
    'Calls',
  ]);
  await page.getByLabel('Send the variants as').selectOption('voice');
  await expect(page.getByTestId('ab-eligible')).toContainText('14 can be called');
  // Calls are compared on conversions only; no test sample, no tracked links.
  await expect(page.getByLabel('The winner is the variant with the most…').locator('option')).toHaveText([
    'Conversions (keyword replies or marked by you)',
  ]);
  await expect(page.getByRole('checkbox', { name: /Test on part of the audience/ })).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: /Track links/ })).toHaveCount(0);
  // What every variant's call says around it, whichever variant.
  await expect(page.getByTestId('ab-voice-frame')).toContainText(
    'This is a message from Bloom Salon. You can call us back at (415) 555-0100.',
  );
  await expect(page.getByTestId('ab-voice-frame')).toContainText('To stop these calls, press 9 now.');

  await page.getByLabel('Script of variant A, read aloud').fill(SCRIPT_A);
  await expect(page.getByText('Variant B has no text.')).toBeVisible();
  // A recording must be at an https address, as a campaign's call.
  await page.getByLabel('Or play a recording for variant B instead').fill('http://bloom.example/b.mp3');
  await expect(page.getByText('Variant B: The recording must be at an https:// address')).toBeVisible();
  await page.getByLabel('Or play a recording for variant B instead').fill('');
  await page.getByLabel('Script of variant B, read aloud').fill(SCRIPT_B);
  await expect(page.getByRole('button', { name: 'Start the test' })).toBeEnabled();
  expect(await seriousViolationsInBothThemes(page)).toEqual([]);
  await shots(page, testInfo, 'ab-voice-form');

  await page.getByRole('button', { name: 'Start the test' }).click();
  const reason = page.getByTestId('launch-dialog').getByLabel(/Reason for sending anyway/);
  if (await reason.isVisible()) await reason.fill('e2e fixture');
  await page.getByTestId('launch-dialog').getByRole('button', { name: /^Send/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tulip call test' })).toBeVisible();
  const id = (app.db.prepare(`SELECT id FROM campaigns WHERE name = 'Tulip call test'`).get() as { id: number }).id;
  const calls = () =>
    app.db
      .prepare(`SELECT channel, variant, state, body, to_phone AS phone FROM outbox_messages WHERE campaign_id = ?`)
      .all(id) as Array<{ channel: string; variant: string | null; state: string; body: string; phone: string }>;
  await expect
    .poll(() => calls().filter((c) => c.state === 'delivered' || c.state === 'undelivered').length, {
      timeout: 120_000,
    })
    .toBe(14);
  expect(calls().every((c) => c.channel === 'voice' && (c.variant === 'A' || c.variant === 'B'))).toBe(true);
  // Every call, of either variant, starts with who is calling and the opt-out key.
  for (const c of calls())
    expect(c.body.split('\n').slice(0, 2)).toEqual([
      'This is a message from Bloom Salon. You can call us back at (415) 555-0100.',
      'To stop these calls, press 9 now.',
    ]);

  await expect(page.getByText(/A\/B test by phone call · comparing conversions/)).toBeVisible();
  const table = page.locator('table.ab-table');
  await expect(page.getByTestId('ab-call-script-0')).toHaveText(SCRIPT_A);
  await expect(page.getByTestId('ab-call-script-1')).toHaveText(SCRIPT_B);
  for (const gone of ['Replied', 'Clicked'])
    await expect(table.getByRole('columnheader', { name: gone })).toHaveCount(0);
  await expect(table.getByRole('columnheader', { name: 'Opt-out key' })).toBeVisible();
  await expect(page.getByTestId('ab-opened')).toHaveText(/^Calls get no replies, link clicks or opens/);

  // The owner records a booking that came from a call, by the caller's number.
  const b = calls().find((c) => c.variant === 'B')!;
  await page.getByLabel(/Record a conversion \(a booking or sale that came from this call\)/).fill(b.phone);
  await page.getByRole('button', { name: 'Mark converted' }).click();
  await expect(page.getByText(/is marked as converted/)).toBeVisible();
  // Variant, Split, Placed, Answered, Missed, Opt-out key, Converted.
  await expect(table.locator('tbody tr', { hasText: 'Variant B' }).locator('td').nth(6)).toHaveText('1');
  expect(await seriousViolationsInBothThemes(page)).toEqual([]);
  await shots(page, testInfo, 'ab-voice-report');
  expect(errors).toEqual([]);
});
