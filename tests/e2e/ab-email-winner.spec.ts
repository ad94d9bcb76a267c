import { test, expect } from './fixtures';
import { shots } from './shots';
import { quietSandbox, seedDaytimeContacts } from './campaign-audience';

// Real sends through the Sandbox take a while on a shared machine.
test.setTimeout(240_000);

const RECIPIENTS = 40;

test('an e-mail A/B test on half the audience, then the chosen variant to the held-back rest (Sandbox)', async ({
  desk,
  page,
}, testInfo) => {
  const { app } = desk;
  quietSandbox(app);
  app.settings.set('email.from', 'Bloom Salon <hello@bloom.example>');
  app.settings.set('email.postalAddress', '12 Market St, Springfield, IL 62701');
  app.settings.set('webhooks.publicUrl', 'https://bloom.example');
  const ids = seedDaytimeContacts(app, RECIPIENTS, { tag: 'regulars' });
  const setEmail = app.db.prepare(
    `UPDATE contacts SET email = ?, email_consent = 1, textable = 0, not_textable_reason = 'landline' WHERE id = ?`,
  );
  ids.forEach((id) => setEmail.run(`guest${id}@example.com`, id));

  await page.setViewportSize({ width: 1440, height: 900 });
  const errors = await desk.open(page, 'abtests');
  await page.getByRole('button', { name: 'New A/B test' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Subject line test');
  await page.getByLabel('Audience', { exact: true }).selectOption('regulars');
  await page.getByLabel('Send the variants as').selectOption('email');
  await expect(page.getByTestId('ab-eligible')).toContainText(`${RECIPIENTS} can be e-mailed`);
  const body = 'Hi {{first_name|there}},\n\nColour week: **20% off**.\n\n[Book now](https://bloom.example/book)';
  await page.getByLabel('Subject of variant A').fill('Colour week at Bloom Salon');
  await page.getByLabel('Body of variant A (Markdown)').fill(body);
  await page.getByLabel('Subject of variant B').fill('{{first_name|Friend}}, 20% off colour ends Friday');
  await page.getByLabel('Body of variant B (Markdown)').fill(body);
  // As for texts: a sample first, the winner to the rest.
  await page
    .getByRole('checkbox', { name: 'Test on part of the e-mail audience first, then send the winner to the rest' })
    .check();
  await page.getByLabel('Test sample in percent').fill('50');
  await page.getByLabel('Default variant').selectOption('1');
  await expect(page.getByRole('button', { name: 'Start the test' })).toBeEnabled();
  await shots(page, testInfo, 'ab-email-winner-form');

  await page.getByRole('button', { name: 'Start the test' }).click();
  const reason = page.getByTestId('launch-dialog').getByLabel(/Reason for sending anyway/);
  if (await reason.isVisible()) await reason.fill('e2e fixture');
  await page.getByTestId('launch-dialog').getByRole('button', { name: /^Send/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Subject line test' })).toBeVisible();
  const campaign = app.db.prepare(`SELECT id, ab_json FROM campaigns WHERE name = 'Subject line test'`).get() as {
    id: number;
    ab_json: string;
  };
  expect(JSON.parse(campaign.ab_json)).toMatchObject({ channel: 'email', testPercent: 50, defaultVariant: 1 });
  const rows = () =>
    app.db
      .prepare(`SELECT variant, state, ab_remainder AS rest FROM outbox_messages WHERE campaign_id = ?`)
      .all(campaign.id) as Array<{ variant: string | null; state: string; rest: number }>;
  const held = rows().filter((r) => r.state === 'held').length;
  const tested = RECIPIENTS - held;
  expect(held).toBeGreaterThan(0);
  expect(tested).toBeGreaterThan(0);

  // The sample gets its variants and is delivered; the rest waits, and the report says how many.
  await expect.poll(() => rows().filter((r) => r.state === 'delivered').length, { timeout: 120_000 }).toBe(tested);
  await expect(page.getByText(/tested on 50% of the e-mail audience, then the winner to the rest/)).toBeVisible();
  const rest = page.getByRole('region', { name: 'Rest of the audience' });
  await expect(rest).toContainText(`${held} contacts (50% of the e-mail audience) are held back`);
  await expect(rest).toContainText('Waiting for a winner');
  await shots(page, testInfo, 'ab-email-winner-waiting');

  // The owner does not wait for the verdict: variant B to the rest.
  await rest.getByText("Don't want to wait for the verdict?").click();
  await rest.getByLabel('Variant for the rest').selectOption('1');
  await rest.getByRole('button', { name: 'Send my choice to the rest' }).click();
  await expect(page.getByText(`Queued for ${held} held-back contacts.`)).toBeVisible();
  await expect
    .poll(() => rows().filter((r) => r.rest === 1 && r.state === 'delivered' && r.variant === 'B').length, {
      timeout: 120_000,
    })
    .toBe(held);
  await expect(rest).toContainText(
    `Variant B went to the rest of the audience by e-mail (your choice): ${held} sent, 0 failed, 0 skipped.`,
    { timeout: 20_000 },
  );
  await expect(rest).toContainText('Sent');
  await shots(page, testInfo, 'ab-email-winner-sent');
  expect(errors).toEqual([]);
});
