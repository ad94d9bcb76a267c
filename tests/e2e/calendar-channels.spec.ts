import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { test, expect } from './fixtures';
import { shot } from './shots';
import type { Channel, InputOf, OutputOf } from '../../shared/ipc/contract';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help} — ${n.target.join(' ')}`));
}

const ZONE = 'America/New_York';
const TEXT = 'Bloom Salon: tulips are in, 20% off this week. Reply STOP to opt out';

test('calendar per channel: each campaign shows its channels in order, and the page filters by channel', async ({
  page,
  desk,
}, testInfo) => {
  test.setTimeout(180_000);
  const ok = async <C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> => {
    const r = await desk.app.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value;
  };
  desk.app.settings.set('business.name', 'Bloom Salon');
  // Three campaigns on one day two days from now, so they sit in the same month (or the next month's) grid cell.
  const day = DateTime.now().setZone(ZONE).startOf('day').plus({ days: 2 });
  const at = (hour: number) => ({ mode: 'at' as const, at: day.set({ hour }).toUTC().toISO()! });
  await ok('campaigns:create', { name: 'Weekend texts', body: TEXT, schedule: at(10) });
  await ok('campaigns:create', {
    name: 'Tulip calls',
    body: TEXT,
    channels: ['sms', 'voice'],
    voice: { script: 'Hi {{first_name|there}}, tulips are in this week.' },
    schedule: at(11),
  });
  await ok('campaigns:create', {
    name: 'Callback reminders',
    channels: ['voice'],
    voice: { recordingUrl: 'https://cdn.bloom.example/reminder.mp3' },
    schedule: at(15),
  });

  await page.setViewportSize({ width: 1440, height: 900 });
  const errors = await desk.open(page, 'calendar');
  // The agenda lists the channels in full words, in the owner's order.
  await page.getByRole('radio', { name: 'Agenda' }).check();
  const item = (name: string) => page.locator('.cal-agenda-item', { hasText: name });
  await expect(item('Tulip calls').getByTestId('entry-channels')).toContainText('Text (SMS)›Voice call');
  await expect(item('Tulip calls')).toHaveAccessibleName(/Channels: Text \(SMS\), else Voice call\./);
  await expect(item('Weekend texts').getByTestId('entry-channels')).toHaveText(/Text \(SMS\)$/);
  await expect(item('Callback reminders').getByTestId('entry-channels')).toHaveText(/Voice call$/);

  // Only calls: the text-only campaign leaves the page; only texts: the call-only one does.
  const filter = page.getByRole('radiogroup', { name: 'Channel' });
  await filter.getByRole('radio', { name: 'Calls' }).check();
  await expect(item('Weekend texts')).toHaveCount(0);
  await expect(item('Tulip calls')).toBeVisible();
  await expect(item('Callback reminders')).toBeVisible();
  await filter.getByRole('radio', { name: 'Texts' }).check();
  await expect(item('Callback reminders')).toHaveCount(0);
  await expect(item('Weekend texts')).toBeVisible();
  await filter.getByRole('radio', { name: 'E-mails' }).check();
  await expect(page.locator('.cal-agenda-item')).toHaveCount(0);
  await filter.getByRole('radio', { name: 'All channels' }).check();

  // The month grid: short marks on each chip; the dialog says the channels in words.
  await page.getByRole('radio', { name: 'Month' }).check();
  if (day.month !== DateTime.now().setZone(ZONE).month) await page.getByRole('button', { name: 'Next' }).click();
  const grid = page.getByRole('grid', { name: 'Calendar' });
  const chip = grid.locator('.cal-chip', { hasText: 'Tulip calls' });
  await expect(chip.getByTestId('entry-channels')).toContainText('SMS›Call');
  await chip.click();
  const dialog = page.getByRole('dialog', { name: 'Tulip calls' });
  await expect(dialog).toContainText('Channels, in order:');
  await expect(dialog).toContainText('Voice call');
  await page.keyboard.press('Escape');

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    desk.app.settings.set('ui.theme', scheme);
    await page.reload();
    await page.getByRole('radio', { name: 'Month' }).check();
    if (day.month !== DateTime.now().setZone(ZONE).month) await page.getByRole('button', { name: 'Next' }).click();
    await expect(grid.locator('.cal-chip', { hasText: 'Tulip calls' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    for (const [width, height] of [
      [1440, 900],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      await shot(page, testInfo, `calendar-channels-${scheme}-${width}`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole('radio', { name: 'Agenda' }).check();
    await page.getByRole('radiogroup', { name: 'Channel' }).getByRole('radio', { name: 'Calls' }).check();
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, testInfo, `calendar-channels-agenda-calls-${scheme}-1440`);
  }
  expect(errors).toEqual([]);
});
