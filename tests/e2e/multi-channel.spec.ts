import { test, expect } from './fixtures';
import { shots } from './shots';
import { markLandlines, newCampaignToTag, quietSandbox, seedDaytimeContacts } from './campaign-audience';

// Real sends through the Sandbox take a while on a shared machine.
test.setTimeout(240_000);

/** A quiet Sandbox and what every marketing e-mail needs: the sender, the postal address, the public relay address. */
function bloomSendsEmail(app: Parameters<typeof quietSandbox>[0]) {
  quietSandbox(app);
  app.settings.set('business.name', 'Bloom Salon');
  app.settings.set('email.from', 'Bloom Salon <hello@bloom.example>');
  app.settings.set('email.postalAddress', '12 Market St, Springfield, IL 62701');
  app.settings.set('webhooks.publicUrl', 'https://bloom.example');
}

const TEXT =
  'Hi {{first_name|there}}, spring sale at {{business_name}}: 20% off colour this week. Reply STOP to opt out';

test('a text, else an e-mail: ordered in the wizard, sent through the Sandbox, results per channel', async ({
  desk,
  page,
}, testInfo) => {
  const { app } = desk;
  bloomSendsEmail(app);
  app.settings.set('pricing.sandboxPerSegment', 0.0079);
  const ids = seedDaytimeContacts(app, 12, { tag: 'regulars' });
  // Four cannot be texted (landlines) but accept marketing e-mail; two of the textable ones accept e-mail too.
  const setEmail = app.db.prepare(`UPDATE contacts SET email = ?, email_consent = 1 WHERE id = ?`);
  ids.slice(0, 6).forEach((id) => setEmail.run(`guest${id}@example.com`, id));
  markLandlines(app, ids.slice(0, 4));

  const errors = await newCampaignToTag(desk, page, 'Spring colour week', 'regulars');

  // Channels: texts first, then e-mail; live counts from who each channel reaches.
  await page.getByRole('checkbox', { name: /^E-mail/ }).check();
  await expect(page.getByTestId('channel-sms-count')).toContainText('8 people get it');
  await expect(page.getByTestId('channel-email-count')).toContainText('4 people get it');
  await expect(page.getByTestId('channel-email-count')).toContainText('6 reachable');
  await expect(page.getByTestId('channel-total')).toContainText('12 messages in all');
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill(TEXT);
  await page.getByLabel('Subject').fill('Spring colour week at Bloom Salon');
  await page
    .getByLabel('Body')
    .fill(
      'Hi {{first_name|there}},\n\nSpring is here: **20% off colour** all week.\n\n[Book now](https://bloom.example/book)',
    );
  // Every channel: the two with both get both, with a warning.
  await page.getByRole('checkbox', { name: 'Send on every channel a contact can be reached on' }).check();
  await expect(page.getByText(/Some people will get this campaign more than once/)).toBeVisible();
  await expect(page.getByTestId('channel-total')).toContainText('14 messages in all');
  await page.getByRole('checkbox', { name: 'Send on every channel a contact can be reached on' }).uncheck();
  // E-mail first: the six with an address get an e-mail, the rest a text.
  await page.getByRole('button', { name: 'Move E-mail earlier' }).click();
  await expect(page.getByTestId('channel-email-count')).toContainText('6 people get it');
  await expect(page.getByTestId('channel-sms-count')).toContainText('6 people get it');
  await page.getByRole('button', { name: 'Move E-mail later' }).click();
  await expect(page.getByTestId('channel-sms-count')).toContainText('8 people get it');
  await shots(page, testInfo, 'multi-channel-message', 2400);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  // Review: per channel how many and the cost.
  const review = page.getByTestId('review-channels');
  await expect(review).toContainText('Text (SMS): 8 people');
  await expect(review).toContainText('E-mail: 4 people');
  await expect(review).toContainText('(simulated)');
  await expect(page.getByTestId('review-audience')).toContainText('12 people will get it');
  await shots(page, testInfo, 'multi-channel-review', 2400);
  await page.getByRole('button', { name: 'Save draft' }).click();

  const id = (app.db.prepare(`SELECT id FROM campaigns WHERE name = 'Spring colour week'`).get() as { id: number }).id;
  const launched = await app.dispatch('campaigns:launch', { id, acknowledge: 'e2e fixture' });
  expect(launched.ok).toBe(true);
  const settled = () =>
    (
      app.db
        .prepare(
          `SELECT COUNT(*) AS n FROM outbox_messages WHERE campaign_id = ? AND state IN ('delivered', 'undelivered', 'failed')`,
        )
        .get(id) as { n: number }
    ).n;
  // Nearly all settled (the Sandbox keeps one or two waiting for their receipt at random on a loaded machine).
  await expect.poll(settled, { timeout: 120_000 }).toBeGreaterThanOrEqual(11);

  await desk.open(page, `results/${id}`);
  const byChannel = page.getByRole('region', { name: 'By channel' });
  await expect(byChannel).toBeVisible();
  await expect(byChannel.getByRole('row', { name: /Text \(SMS\)/ })).toBeVisible();
  await expect(byChannel.getByRole('row', { name: /E-mail/ })).toBeVisible();
  await expect(byChannel.getByRole('row', { name: /All channels/ })).toBeVisible();
  await shots(page, testInfo, 'multi-channel-results', 2400);
  expect(errors).toEqual([]);
});

test('an A/B test on the e-mail channel: subject lines in the form, sent through the Sandbox, per-variant e-mail figures', async ({
  desk,
  page,
}, testInfo) => {
  const { app } = desk;
  bloomSendsEmail(app);
  const ids = seedDaytimeContacts(app, 24, { tag: 'regulars' });
  const setEmail = app.db.prepare(
    `UPDATE contacts SET email = ?, email_consent = 1, textable = 0, not_textable_reason = 'landline' WHERE id = ?`,
  );
  ids.slice(0, 20).forEach((id) => setEmail.run(`guest${id}@example.com`, id));

  await page.setViewportSize({ width: 1440, height: 900 });
  const errors = await desk.open(page, 'abtests');
  await page.getByRole('button', { name: 'New A/B test' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Subject line test');
  await page.getByLabel('Audience', { exact: true }).selectOption('regulars');
  await page.getByLabel('Send the variants as').selectOption('email');
  await expect(page.getByTestId('ab-eligible')).toContainText('20 can be e-mailed');
  // Only what an e-mail can measure: clicks or conversions, never opens or replies.
  await expect(page.getByLabel('The winner is the variant with the most…').locator('option')).toHaveText([
    'Link clicks (needs tracked links)',
    'Conversions (keyword replies or marked by you)',
  ]);
  await expect(page.getByRole('checkbox', { name: /Track links/ })).toBeChecked();
  const body = 'Hi {{first_name|there}},\n\nColour week: **20% off**.\n\n[Book now](https://bloom.example/book)';
  await page.getByLabel('Subject of variant A').fill('Colour week at Bloom Salon');
  await page.getByLabel('Body of variant A (Markdown)').fill(body);
  await expect(page.getByText('Variant B has no subject.')).toBeVisible();
  await page.getByLabel('Subject of variant B').fill('{{first_name|Friend}}, 20% off colour ends Friday');
  await page.getByLabel('Body of variant B (Markdown)').fill(body);
  await expect(page.getByRole('button', { name: 'Start the test' })).toBeEnabled();
  await shots(page, testInfo, 'ab-email-form');

  await page.getByRole('button', { name: 'Start the test' }).click();
  const reason = page.getByTestId('launch-dialog').getByLabel(/Reason for sending anyway/);
  if (await reason.isVisible()) await reason.fill('e2e fixture');
  await page.getByTestId('launch-dialog').getByRole('button', { name: /^Send/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Subject line test' })).toBeVisible();
  const id = (app.db.prepare(`SELECT id FROM campaigns WHERE name = 'Subject line test'`).get() as { id: number }).id;
  const mails = () =>
    app.db.prepare(`SELECT channel, variant, state FROM outbox_messages WHERE campaign_id = ?`).all(id) as Array<{
      channel: string;
      variant: string | null;
      state: string;
    }>;
  await expect.poll(() => mails().filter((m) => m.state === 'delivered').length, { timeout: 120_000 }).toBe(20);
  expect(mails().every((m) => m.channel === 'email' && (m.variant === 'A' || m.variant === 'B'))).toBe(true);

  await expect(page.getByText(/A\/B test by e-mail · comparing link clicks/)).toBeVisible();
  const table = page.locator('table.ab-table');
  await expect(table).toContainText('Subject: Colour week at Bloom Salon');
  await expect(table).toContainText('Subject: {{first_name|Friend}}, 20% off colour ends Friday');
  await expect(table.getByRole('columnheader', { name: 'Replied' })).toHaveCount(0);
  await expect
    .poll(
      async () => (await table.locator('tbody tr td:nth-child(4)').allInnerTexts()).reduce((n, t) => n + Number(t), 0),
      { timeout: 20_000 },
    )
    .toBe(20);
  await expect(page.getByTestId('ab-opened')).toHaveText(/^E-mail "opens" are not counted/);
  await shots(page, testInfo, 'ab-email-report');
  expect(errors).toEqual([]);
});
