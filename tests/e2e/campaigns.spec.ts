import type { Page, TestInfo } from '@playwright/test';
import { DateTime } from 'luxon';
import { test, expect } from './fixtures';
import { quietSandbox, seedDaytimeContacts } from './campaign-audience';

/** The app scrolls inside its content pane, so the window is made as tall as the page for the picture. */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  const viewport = page.viewportSize()!;
  const height = await page.locator('main.content').evaluate((el) => el.scrollHeight + 40);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await testInfo.attach(name, { body, contentType: 'image/png' });
  await page.setViewportSize(viewport);
}

function outboxStates(
  desk: { app: { db: { prepare(sql: string): { all(...a: unknown[]): unknown[] } } } },
  campaignId: number,
): Record<string, number> {
  const rows = desk.app.db
    .prepare(`SELECT state, COUNT(*) AS n FROM outbox_messages WHERE campaign_id = ? GROUP BY state`)
    .all(campaignId) as Array<{ state: string; n: number }>;
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

const BODY =
  'Hi {{first_name|there}}, spring sale at {{business_name}}: 20% off colour this week. Reply STOP to opt out';

test('create a campaign in the wizard, launch it on the Sandbox and watch it complete', async ({
  desk,
  page,
}, testInfo) => {
  quietSandbox(desk.app);
  desk.app.settings.set('pricing.sandboxPerSegment', 0.01);
  seedDaytimeContacts(desk.app, 25, { tag: 'regulars', total: 29 });
  // Matched by the tag but never texted: one opted out, one landline.
  const [optedOut, landline] = seedDaytimeContacts(desk.app, 2, { tag: 'regulars', start: 25, total: 29 });
  const now = new Date().toISOString();
  desk.app.db.prepare('UPDATE contacts SET opted_out = 1, opted_out_at = ? WHERE id = ?').run(now, optedOut);
  desk.app.db.prepare(`UPDATE contacts SET textable = 0, not_textable_reason = 'landline' WHERE id = ?`).run(landline);
  // Regulars who are also staff: in the audience until the wizard leaves the staff tag out.
  const staff = seedDaytimeContacts(desk.app, 2, { tag: 'staff', start: 27, total: 29 });
  const regulars = (desk.app.db.prepare(`SELECT id FROM tags WHERE name = 'regulars'`).get() as { id: number }).id;
  for (const id of staff)
    desk.app.db.prepare('INSERT INTO contact_tags (contact_id, tag_id) VALUES (?, ?)').run(id, regulars);

  const errors = await desk.open(page, 'campaigns');
  await expect(page.getByText('No campaigns yet')).toBeVisible();
  await page.getByRole('button', { name: '+ New campaign' }).click();

  // 1 · Audience: the count follows every choice.
  await expect(page.getByRole('heading', { level: 2, name: 'Audience' })).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Give the campaign a name, so you can find it later.')).toBeVisible();
  await page.getByLabel('Campaign name').fill('Spring sale');
  const counted = page.getByRole('region', { name: 'Audience count' });
  await expect(page.getByTestId('audience-eligible')).toHaveText('27'); // nobody picked yet: everyone textable
  await page
    .getByRole('group', { name: 'Send to contacts tagged' })
    .getByRole('checkbox', { name: /^regulars/ })
    .check();
  await expect(page.getByTestId('audience-matched')).toHaveText('29 contacts match your filters.');
  await expect(page.getByTestId('audience-eligible')).toHaveText('27');
  await page
    .getByRole('group', { name: 'Leave out contacts tagged' })
    .getByRole('checkbox', { name: /^staff/ })
    .check();
  await expect(page.getByTestId('audience-matched')).toHaveText('27 contacts match your filters.');
  await expect(page.getByTestId('audience-eligible')).toHaveText('25');
  await expect(counted).toContainText('1 opted out');
  await expect(counted).toContainText('1 can’t receive texts');
  await expect(counted).toContainText('0 invalid number');
  await expect(counted).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByText('Contacts tagged “regulars”, except those tagged “staff”.')).toBeVisible();
  await shot(page, testInfo, 'wizard-1-audience');
  await page.getByRole('button', { name: 'Next' }).click();

  // 2 · Message: live preview for a chosen contact, counter, compliance checks, cost.
  await expect(page.getByRole('heading', { level: 2, name: 'Message' })).toBeVisible();
  const message = page.getByRole('textbox', { name: 'Message', exact: true });
  await message.fill('Hi {{first_name}}, sale this week!');
  const checks = page.getByRole('region', { name: 'Message checks' });
  await expect(checks).toContainText('does not tell people how to opt out');
  await message.fill(BODY);
  await expect(checks).toContainText('nothing blocks sending');
  await expect(page.getByTestId('cw-preview-bubble')).toHaveText(
    'Hi Ana, spring sale at Bloom Salon: 20% off colour this week. Reply STOP to opt out',
  );
  await page.getByLabel('Preview for').selectOption({ label: 'Ben Tester1' });
  await expect(page.getByTestId('cw-preview-bubble')).toHaveText(
    'Hi Ben, spring sale at Bloom Salon: 20% off colour this week. Reply STOP to opt out',
  );
  await expect(page.getByTestId('cw-segments')).toHaveText('1 segment');
  await expect(page.getByTestId('cw-chars')).toHaveText('83 characters');
  await expect(page.getByTestId('cw-cost')).toHaveText('≈ $0.25'); // 25 messages × 1 segment × $0.01
  await shot(page, testInfo, 'wizard-2-message');
  await page.getByRole('button', { name: 'Next' }).click();

  // 3 · Schedule and quiet hours: a past time is refused next to the field; the window cannot be widened.
  await expect(page.getByRole('heading', { level: 2, name: 'Schedule' })).toBeVisible();
  await page.getByRole('radio', { name: 'At a date and time' }).check();
  await page.getByLabel('Time', { exact: true }).fill('00:00');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('That time has already passed')).toBeVisible();
  await page.getByRole('radio', { name: 'Send now' }).check();
  const earliest = page.getByLabel('Earliest local time');
  const latest = page.getByLabel('Latest local time');
  await expect(earliest.locator('option').first()).toHaveText('08:00');
  await expect(latest.locator('option').last()).toHaveText('21:00');
  await earliest.selectOption('09:00');
  await earliest.selectOption('08:00');
  await latest.selectOption('21:00');
  await expect(page.getByText('waits until their window opens')).toBeVisible();
  await shot(page, testInfo, 'wizard-3-schedule');
  await page.getByRole('button', { name: 'Next' }).click();

  // 4 · Review, then launch.
  await expect(page.getByRole('heading', { level: 2, name: 'Review' })).toBeVisible();
  await expect(page.getByTestId('review-audience')).toContainText('25 people will get it, of 27 matching contacts.');
  await expect(page.getByTestId('review-schedule')).toHaveText('As soon as you launch it.');
  await expect(page.getByTestId('review-provider')).toContainText('Sandbox');
  await expect(page.getByTestId('review-cost')).toHaveText('≈ $0.25');
  await expect(
    page.getByText('Between 08:00 and 21:00 in each recipient’s local time (the widest the law allows)'),
  ).toBeVisible();
  await shot(page, testInfo, 'wizard-4-review');
  await page.getByRole('button', { name: 'Launch' }).click();
  await page.getByTestId('launch-dialog').getByRole('button', { name: 'Send to 25 people' }).click();

  // The live view follows the run to the end.
  await expect(page.getByRole('heading', { level: 1, name: 'Spring sale' })).toBeVisible();
  await expect(page.getByTestId('campaign-status')).toHaveText('Completed', { timeout: 30_000 });
  await expect(page.getByTestId('count-delivered')).toContainText('25', { timeout: 15_000 });
  await expect(page.getByTestId('campaign-percent')).toHaveText('100%');
  await expect(page.getByTestId('count-failed')).toContainText('0');
  await expect(
    page.getByRole('region', { name: 'Recipients' }).locator('tbody tr[data-state="delivered"]'),
  ).toHaveCount(25);
  await shot(page, testInfo, 'campaign-completed');
  await desk.app.dispatch('settings:set', { key: 'ui.theme', value: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shot(page, testInfo, 'campaign-completed-dark');

  const id = (desk.app.db.prepare(`SELECT id FROM campaigns WHERE name = 'Spring sale'`).get() as { id: number }).id;
  expect(outboxStates(desk, id)).toEqual({ delivered: 25 });
  const texted = desk.app.db.prepare('SELECT contact_id FROM outbox_messages WHERE campaign_id = ?').all(id) as Array<{
    contact_id: number;
  }>;
  for (const excluded of [optedOut, landline, ...staff])
    expect(texted.map((t) => t.contact_id)).not.toContain(excluded);
  const row = desk.app.db
    .prepare('SELECT body FROM outbox_messages WHERE campaign_id = ? ORDER BY contact_id LIMIT 1')
    .get(id) as { body: string };
  expect(row.body).toBe('Hi Ana, spring sale at Bloom Salon: 20% off colour this week. Reply STOP to opt out');

  // Back in the list: status, progress and counts.
  await page.getByRole('button', { name: '← Campaigns' }).click();
  const listed = page.getByRole('row', { name: /Spring sale/ });
  await expect(listed).toContainText('Completed');
  await expect(listed.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  expect(errors).toEqual([]);
});

test('pause stops sending, resume finishes the run, and the send rate shows while sending', async ({
  desk,
  page,
}, testInfo) => {
  quietSandbox(desk.app, 2); // two a second: slow enough to pause half-way
  seedDaytimeContacts(desk.app, 20, { tag: 'vip' });
  const created = await desk.app.dispatch('campaigns:create', {
    name: 'VIP preview night',
    body: 'VIP night at {{business_name}} on Friday. Reply STOP to opt out',
    audience: { tags: ['vip'] },
  });
  if (!created.ok) throw new Error(created.error.message);
  const id = (created.value as { id: number }).id;

  const errors = await desk.open(page, 'campaigns');
  await page.getByRole('button', { name: 'VIP preview night', exact: true }).click();
  await expect(page.getByTestId('campaign-status')).toHaveText('Draft');
  await page.getByRole('button', { name: 'Launch' }).click();
  await page.getByTestId('launch-dialog').getByRole('button', { name: 'Send to 20 people' }).click();
  await expect(page.getByTestId('campaign-status')).toHaveText('Sending');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('campaign-status')).toHaveText('Paused');
  await expect(page.getByTestId('send-rate')).toContainText('nothing more is sent until you resume');

  // While paused the queue hands nothing of it to the provider, however often it looks.
  await expect.poll(() => outboxStates(desk, id).sending ?? 0).toBe(0);
  const waiting = outboxStates(desk, id).queued ?? 0;
  expect(waiting).toBeGreaterThan(0);
  expect(desk.app.dispatcher.tick()).toBe(0);
  expect(outboxStates(desk, id).queued).toBe(waiting);
  await expect(page.getByTestId('count-queued')).toContainText(String(waiting));
  await shot(page, testInfo, 'campaign-paused');

  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('campaign-status')).toHaveText('Sending');
  await expect(page.getByTestId('send-rate')).toContainText('messages/min');
  await shot(page, testInfo, 'campaign-sending');
  await expect(page.getByTestId('campaign-status')).toHaveText('Completed', { timeout: 40_000 });
  await expect.poll(() => outboxStates(desk, id), { timeout: 15_000 }).toEqual({ delivered: 20 });
  await expect(page.getByTestId('count-delivered')).toContainText('20');
  expect(errors).toEqual([]);
});

test('a schedule missed while the app was closed asks first, and "Send now" sends it', async ({
  desk,
  page,
}, testInfo) => {
  quietSandbox(desk.app);
  seedDaytimeContacts(desk.app, 6, { tag: 'regulars' });
  const threeHoursAgo = new Date(Date.now() - 3 * 3_600_000).toISOString();
  const created = await desk.app.dispatch('campaigns:create', {
    name: 'Late sale',
    body: 'Late sale at {{business_name}}. Reply STOP to opt out',
    audience: { tags: ['regulars'] },
    schedule: { mode: 'at', at: threeHoursAgo },
    quietHours: { start: '08:00', end: '21:00', excludedDays: [] },
  });
  if (!created.ok) throw new Error(created.error.message);
  const id = (created.value as { id: number }).id;
  const late = await desk.app.dispatch('campaigns:launch', { id });
  expect(late.ok).toBe(false);
  expect(outboxStates(desk, id)).toEqual({});

  const errors = await desk.open(page, 'campaigns');
  const row = page.getByRole('row', { name: /Late sale/ });
  await expect(row).toContainText('Scheduled');
  await row.getByRole('button', { name: 'Late sale', exact: true }).click();
  const prompt = page.getByRole('alertdialog', { name: 'This campaign missed its scheduled time' });
  await expect(prompt).toContainText('3 hours');
  await expect(prompt).toContainText('Nothing has been sent.');
  await shot(page, testInfo, 'campaign-missed-schedule');

  // Cancel asks for confirmation; keeping it changes nothing.
  await prompt.getByRole('button', { name: 'Cancel' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this campaign?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(dialog).toBeHidden();
  expect((desk.app.db.prepare('SELECT status FROM campaigns WHERE id = ?').get(id) as { status: string }).status).toBe(
    'scheduled',
  );

  await prompt.getByRole('button', { name: 'Send now' }).click();
  await expect(prompt).toBeHidden();
  await expect(page.getByTestId('campaign-status')).toHaveText('Completed', { timeout: 30_000 });
  await expect.poll(() => outboxStates(desk, id), { timeout: 15_000 }).toEqual({ delivered: 6 });
  const audit = desk.app.db
    .prepare(`SELECT detail_json FROM audit_log WHERE action = 'campaign.launch' AND subject = ?`)
    .get(String(id)) as { detail_json: string };
  expect(JSON.parse(audit.detail_json)).toEqual({ late: true });
  expect(errors).toEqual([]);
});

test('"Edit schedule" on a missed campaign reschedules it at a time in the business’s own time zone', async ({
  desk,
  page,
}, testInfo) => {
  desk.app.settings.set('business.timezone', 'America/Los_Angeles');
  seedDaytimeContacts(desk.app, 3, { tag: 'regulars' });
  const created = await desk.app.dispatch('campaigns:create', {
    name: 'Late sale',
    body: 'Late sale at {{business_name}}. Reply STOP to opt out',
    audience: { tags: ['regulars'] },
    schedule: { mode: 'at', at: new Date(Date.now() - 3 * 3_600_000).toISOString() },
  });
  if (!created.ok) throw new Error(created.error.message);
  const id = (created.value as { id: number }).id;
  expect((await desk.app.dispatch('campaigns:launch', { id, acknowledge: 'test fixture' })).ok).toBe(false);

  const errors = await desk.open(page, 'campaigns');
  await page.getByRole('button', { name: 'Late sale', exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Edit schedule' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Schedule' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'At a date and time' })).toBeChecked();
  await expect(page.getByText('America/Los_Angeles')).toBeVisible();

  const tomorrow = DateTime.now().setZone('America/Los_Angeles').plus({ days: 1 }).toFormat('yyyy-MM-dd');
  await page.getByLabel('Date', { exact: true }).fill(tomorrow);
  await page.getByLabel('Time', { exact: true }).fill('10:30');
  await page.getByRole('button', { name: 'Next' }).click();
  const expected = DateTime.fromISO(`${tomorrow}T10:30`, { zone: 'America/Los_Angeles' });
  await expect(page.getByTestId('review-schedule')).toHaveText(
    `On ${expected.toFormat('ccc d LLL yyyy')}, 10:30 ${expected.toFormat('ZZZZ')} (your business time zone, America/Los_Angeles).`,
  );
  await shot(page, testInfo, 'wizard-edit-schedule-review');
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  await page
    .getByTestId('launch-dialog')
    .getByLabel(/Reason for sending anyway/)
    .fill('test fixture');
  await page
    .getByTestId('launch-dialog')
    .getByRole('button', { name: /^Schedule for/ })
    .click();

  await expect(page.getByTestId('campaign-status')).toHaveText('Scheduled');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  const row = desk.app.db
    .prepare('SELECT status, scheduled_at, schedule_missed_at FROM campaigns WHERE id = ?')
    .get(id) as { status: string; scheduled_at: string; schedule_missed_at: string | null };
  expect(row).toEqual({ status: 'scheduled', scheduled_at: expected.toUTC().toISO(), schedule_missed_at: null });
  expect(outboxStates(desk, id)).toEqual({});
  expect(errors).toEqual([]);
});

test('duplicate and archive from the list; archived campaigns are hidden until asked for', async ({
  desk,
  page,
}, testInfo) => {
  seedDaytimeContacts(desk.app, 3, { tag: 'regulars' });
  for (const name of ['Spring sale', 'Summer sale']) {
    const r = await desk.app.dispatch('campaigns:create', {
      name,
      body: `${name} at {{business_name}}. Reply STOP to opt out`,
      audience: { tags: ['regulars'] },
    });
    if (!r.ok) throw new Error(r.error.message);
  }
  const errors = await desk.open(page, 'campaigns');
  await page.getByRole('button', { name: 'Duplicate Spring sale' }).click();
  await expect(page.getByRole('button', { name: 'Spring sale (copy)', exact: true })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Copied “Spring sale” as “Spring sale (copy)”');

  await page.getByRole('button', { name: 'Archive Summer sale' }).click();
  await expect(page.getByRole('button', { name: 'Summer sale', exact: true })).toBeHidden();
  await expect(page.getByText('2 campaigns · 1 archived')).toBeVisible();
  const archivedAt = () =>
    (
      desk.app.db.prepare(`SELECT archived_at FROM campaigns WHERE name = 'Summer sale'`).get() as {
        archived_at: string | null;
      }
    ).archived_at;
  expect(archivedAt()).not.toBeNull();

  await page.getByLabel('Show archived').check();
  const row = page.getByRole('row', { name: /Summer sale/ });
  await expect(row).toContainText('Archived');
  await shot(page, testInfo, 'campaign-list-archived');
  await row.getByRole('button', { name: 'Unarchive Summer sale' }).click();
  await expect.poll(archivedAt).toBeNull();
  await page.getByLabel('Show archived').uncheck();
  await expect(page.getByRole('button', { name: 'Summer sale', exact: true })).toBeVisible();
  expect(errors).toEqual([]);
});
