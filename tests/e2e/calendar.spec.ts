import type { Page, TestInfo } from '@playwright/test';
import { DateTime } from 'luxon';
import { test, expect } from './fixtures';
import type { Channel, InputOf, OutputOf } from '../../shared/ipc/contract';

/** The app scrolls inside its content pane, so the window is made as tall as the page for the picture. */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  const viewport = page.viewportSize()!;
  const height = await page.locator('main.content').evaluate((el) => el.scrollHeight + 40);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await testInfo.attach(name, { body, contentType: 'image/png' });
  await page.setViewportSize(viewport);
}

const ZONE = 'America/New_York';

test('calendar: month, week and agenda views, holidays, keyboard, reschedule, and a series page', async ({
  page,
  desk,
}, testInfo) => {
  // Many full-page pictures on a shared machine.
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const ok = async <C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> => {
    const r = await desk.app.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value;
  };
  const today = DateTime.now().setZone(ZONE).startOf('day');
  const body = 'Bloom Salon: book this week and get 15% off. Reply STOP to opt out';
  // A repeating campaign (Tuesdays and Thursdays at 10:00), started.
  const series = await ok('campaigns:create', {
    name: 'Weekly offers',
    body,
    repeat: {
      rule: 'FREQ=WEEKLY;BYDAY=TU,TH',
      start: `${today.plus({ days: 1 }).toISODate()}T10:00`,
      skipRecentDays: 6,
    },
  });
  await ok('campaigns:launch', { id: series.id });
  // A one-time campaign at 14:30 two to four days from now, on a day the series does not text (not Tuesday or Thursday).
  let later = today.plus({ days: 2 }).set({ hour: 14, minute: 30 });
  while (later.weekday === 2 || later.weekday === 4) later = later.plus({ days: 1 });
  const once = await ok('campaigns:create', {
    name: 'Holiday gift cards',
    body,
    schedule: { mode: 'at', at: later.toUTC().toISO()! },
  });
  await ok('campaigns:launch', { id: once.id });
  // One sent earlier (its row as a finished campaign leaves it).
  const sent = await ok('campaigns:create', { name: 'Thank-you note', body });
  desk.app.db
    .prepare(`UPDATE campaigns SET status = 'completed', launched_at = ?, completed_at = ? WHERE id = ?`)
    .run(
      today.minus({ days: 2 }).set({ hour: 11 }).toUTC().toISO(),
      today.minus({ days: 2 }).set({ hour: 12 }).toUTC().toISO(),
      sent.id,
    );

  const errors = await desk.open(page, 'calendar');
  await expect(page.getByRole('heading', { level: 1, name: 'Calendar' })).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Calendar' });
  await expect(grid.locator(`[data-day="${later.toISODate()}"]`).getByText('Holiday gift cards')).toBeVisible();
  await expect(grid.locator('.cal-chip', { hasText: 'Weekly offers' }).first()).toBeVisible();
  await expect(grid.locator('.cal-chip.good', { hasText: 'Thank-you note' })).toBeVisible();
  if (today.month === 12) await expect(grid.getByText('Christmas Day', { exact: true })).toBeVisible();
  await shot(page, testInfo, 'calendar-month');

  // Keyboard: arrow keys move between days, Enter opens the day's campaign.
  const start = grid.locator(`[data-day="${later.minus({ days: 1 }).toISODate()}"]`);
  await start.click();
  await page.keyboard.press('ArrowRight');
  await expect(grid.locator(`[data-day="${later.toISODate()}"]`)).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Holiday gift cards' });
  await expect(dialog).toBeVisible();
  await shot(page, testInfo, 'calendar-reschedule-dialog');
  // Reschedule it a day later at the same time.
  await dialog.getByLabel('Date').fill(later.plus({ days: 1 }).toISODate() ?? '');
  await dialog.getByRole('button', { name: 'Move' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    grid.locator(`[data-day="${later.plus({ days: 1 }).toISODate()}"]`).getByText('Holiday gift cards'),
  ).toBeVisible();
  expect(
    desk.app.db.prepare('SELECT scheduled_at, status FROM campaigns WHERE id = ?').get(once.id) as {
      scheduled_at: string;
      status: string;
    },
  ).toEqual({
    scheduled_at: later.plus({ days: 1 }).toUTC().toISO(),
    status: 'scheduled',
  });

  await page.getByText('Week', { exact: true }).click();
  await expect(page.locator('.cal-week')).toBeVisible();
  await expect(page.locator('.cal-quiet').first()).toBeVisible();
  await shot(page, testInfo, 'calendar-week');
  await page.getByText('Agenda', { exact: true }).click();
  await expect(page.locator('.cal-agenda-item', { hasText: 'Weekly offers' }).first()).toBeVisible();
  await shot(page, testInfo, 'calendar-agenda');

  await desk.app.dispatch('settings:set', { key: 'ui.theme', value: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByText('Week', { exact: true }).click();
  await shot(page, testInfo, 'calendar-week-dark');
  await page.getByText('Month', { exact: true }).click();
  await shot(page, testInfo, 'calendar-month-dark');
  await page.setViewportSize({ width: 1024, height: 800 });
  await shot(page, testInfo, 'calendar-month-dark-1024');
  await page.setViewportSize({ width: 1440, height: 900 });

  // Clicking a series date opens the series page.
  await grid.locator('.cal-chip', { hasText: 'Weekly offers' }).first().click();
  await page.getByRole('dialog').getByRole('button', { name: 'Open series' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Weekly offers' })).toBeVisible();
  await expect(page.getByTestId('series-summary')).toHaveText('Every week on Tuesday and Thursday at 10:00');
  await expect(page.getByRole('heading', { name: 'Coming up' })).toBeVisible();
  await shot(page, testInfo, 'series-page-dark');
  await desk.app.dispatch('settings:set', { key: 'ui.theme', value: 'light' });
  await shot(page, testInfo, 'series-page');

  // The repeat editor, on the series' schedule step.
  await page.getByRole('button', { name: 'Edit' }).click();
  await page
    .getByRole('navigation', { name: 'Campaign steps' })
    .getByRole('button', { name: /Schedule/ })
    .click();
  await expect(page.getByRole('group', { name: 'Repeat' }).or(page.locator('.repeat-editor'))).toBeVisible();
  await expect(page.getByLabel('RRULE')).toHaveValue('FREQ=WEEKLY;BYDAY=TU,TH');
  await expect(page.locator('.repeat-summary')).toHaveText('Every week on Tuesday and Thursday at 10:00');
  await page.getByLabel('Repeats').selectOption('MONTHLY');
  await page.getByText(/On the (1st|2nd|3rd|4th|5th) /).click();
  await expect(page.locator('.repeat-summary')).toContainText('Every month on the');
  await shot(page, testInfo, 'repeat-editor');
  expect(errors).toEqual([]);
});
