import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { DateTime } from 'luxon';
import { test, expect } from './fixtures';
import type { DeskApp } from '../../electron/app';
import { seedContacts, seedPhone } from '../helpers/seed';
import { seedCampaignHistory, type SentText } from '../helpers/sent-history';
import { seededRandom } from '../fakes/faults';

test.setTimeout(180_000);

const ZONES: Record<string, string> = {
  '212': 'America/New_York',
  '415': 'America/Los_Angeles',
  '305': 'America/New_York',
  '512': 'America/Chicago',
  '312': 'America/Chicago',
  '206': 'America/Los_Angeles',
  '617': 'America/New_York',
  '404': 'America/New_York',
  '602': 'America/Phoenix',
  '303': 'America/Denver',
  '718': 'America/New_York',
  '213': 'America/Los_Angeles',
  '713': 'America/Chicago',
  '215': 'America/New_York',
  '702': 'America/Los_Angeles',
  '503': 'America/Los_Angeles',
  '612': 'America/Chicago',
  '919': 'America/New_York',
  '615': 'America/Chicago',
  '801': 'America/Denver',
};

/**
 * A salon's year of texting: 400 contacts (VIP and Regulars tags), weekly campaigns at different hours. People answer
 * mostly around 6 PM their time; VIPs answer more; the quiet majority tire of the texts and some opt out.
 */
function seedSalon(app: DeskApp): void {
  const ids = seedContacts(app.db, 400, { nowIso: '2026-01-05T00:00:00Z' });
  const tag = (name: string, members: number[]) => {
    app.db.prepare('INSERT INTO tags (name, created_at) VALUES (?, ?)').run(name, '2026-01-05T00:00:00Z');
    const tagId = (app.db.prepare('SELECT id FROM tags WHERE name = ?').get(name) as { id: number }).id;
    for (const id of members)
      app.db.prepare('INSERT INTO contact_tags (contact_id, tag_id) VALUES (?, ?)').run(id, tagId);
  };
  tag(
    'VIP',
    ids.filter((_, i) => i % 5 === 0),
  );
  tag(
    'Regulars',
    ids.filter((_, i) => i % 5 !== 0),
  );
  const rnd = seededRandom(5);
  const gone = new Set<number>();
  const hours = [14, 16, 18, 20, 22, 0, 1, 2];
  for (let week = 0; week < 24; week++) {
    const at = Date.UTC(2026, 5, 1 + week * 7 + (week % 7), hours[week % hours.length], 5);
    const texts: SentText[] = [];
    ids.forEach((contactId, i) => {
      if (gone.has(i)) return;
      const phone = seedPhone(i);
      const evening = DateTime.fromMillis(at, { zone: ZONES[phone.slice(2, 5)] }).hour === 18;
      const vip = i % 5 === 0;
      const replied = rnd() < (vip ? 0.45 : 0.04) * (evening ? 2 : 0.5);
      const optedOut = !vip && !replied && rnd() < 0.004 * (week + 1);
      if (optedOut) gone.add(i);
      texts.push({ contactId, phone, at, replied, clicked: replied && rnd() < 0.5, optedOut });
    });
    seedCampaignHistory(app.db, `Week ${week + 1}`, texts);
  }
}

async function shot(page: Page, testInfo: TestInfo, name: string) {
  const viewport = page.viewportSize()!;
  const height = await page.locator('main.content').evaluate((el) => el.scrollHeight + 40);
  await page.setViewportSize({ width: viewport.width, height: Math.min(3200, Math.max(viewport.height, height)) });
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await testInfo.attach(name, { body, contentType: 'image/png' });
  await page.setViewportSize(viewport);
}

async function serious(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

test('the analytics page answers when to send, which group responds better and who will reply, in both themes', async ({
  page,
  desk,
}, testInfo) => {
  seedSalon(desk.app);
  await page.setViewportSize({ width: 1440, height: 900 });
  const errors = await desk.open(page, 'analytics');
  await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();

  // Best time: the evening hour is found, and the heat map has a table view.
  await expect(page.getByTestId('best-time-answer')).toContainText(
    /Send on \w+day 6 PM, in each recipient's own time\./,
  );
  const bestFrame = page.locator('figure', {
    has: page.getByRole('heading', { name: 'Replies and clicks by local weekday and hour' }),
  });
  await bestFrame.getByRole('button', { name: 'Show as table' }).click();
  await expect(bestFrame.getByRole('table')).toContainText('6 PM');
  await bestFrame.getByRole('button', { name: 'Show as chart' }).click();

  // Comparison: VIP against Regulars.
  await page.getByRole('checkbox', { name: 'Tag: VIP' }).check();
  await page.getByRole('checkbox', { name: 'Tag: Regulars' }).check();
  await expect(page.getByTestId('compare-verdict')).toContainText('VIP gets the most replies');
  await expect(page.getByRole('table', { name: /Every rate, side by side/ })).toContainText('Regulars');

  // Predictions: learnt on a worker, shown because they beat the base rate.
  await page.getByRole('button', { name: 'Learn from my history' }).click();
  await expect(page.getByRole('button', { name: 'Learn again' })).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.in-model').first()).toContainText('Beats the base rate');
  await expect(page.getByRole('heading', { name: 'Most likely to reply' })).toBeVisible();

  for (const width of [1440, 1024]) {
    for (const theme of ['light', 'dark'] as const) {
      desk.app.settings.set('ui.theme', theme);
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await page.setViewportSize({ width, height: 900 });
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await page.getByRole('checkbox', { name: 'Tag: VIP' }).check();
      await page.getByRole('checkbox', { name: 'Tag: Regulars' }).check();
      await expect(page.getByTestId('compare-verdict')).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Most likely to reply' })).toBeVisible();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await serious(page)).toEqual([]);
      await shot(page, testInfo, `analytics-insights-${width}-${theme}`);
    }
  }
  expect(errors).toEqual([]);
});

test("the campaign wizard offers each recipient's best hour and leaving out high opt-out risk, and the draft keeps both", async ({
  page,
  desk,
}) => {
  desk.app.settings.set('business.name', 'Bloom Salon');
  seedContacts(desk.app.db, 3);
  const errors = await desk.open(page, 'campaigns');
  await page.getByRole('button', { name: '+ New campaign' }).click();
  await page.getByLabel('Campaign name').fill('Evening offer');
  await page.getByRole('checkbox', { name: 'Leave out contacts at high risk of opting out' }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page
    .getByRole('textbox', { name: 'Message', exact: true })
    .fill('Hi {{first_name}}, 20% off tonight at {{business_name}}. Reply STOP to opt out');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('radio', { name: 'At the same local time for each recipient' }).check();
  const tomorrow = DateTime.now().plus({ days: 2 }).toFormat('yyyy-MM-dd');
  await page.getByLabel('Date', { exact: true }).fill(tomorrow);
  await page.getByRole('checkbox', { name: "Each recipient's best hour that day" }).check();
  await expect(page.getByTestId('best-hour-explained')).toContainText(
    'While your history names no such hour, it goes at 10:00',
  );
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByTestId('review-schedule')).toContainText(
    'at each recipient’s best hour in their own time zone (10:00 while your history names none)',
  );
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect
    .poll(
      () =>
        (
          desk.app.db.prepare(`SELECT schedule_json FROM campaigns WHERE name = 'Evening offer'`).get() as
            { schedule_json: string } | undefined
        )?.schedule_json,
    )
    .toBe(JSON.stringify({ mode: 'recipient_local', date: tomorrow, time: '10:00', bestHour: true }));
  const audience = JSON.parse(
    (
      desk.app.db.prepare(`SELECT audience_json FROM campaigns WHERE name = 'Evening offer'`).get() as {
        audience_json: string;
      }
    ).audience_json,
  );
  expect(audience.optOutRisk).toBe('exclude-high');
  expect(errors).toEqual([]);
});

test('Contacts are ordered by the predictions and can leave out high opt-out risk, offered only once a model is usable', async ({
  page,
  desk,
}, testInfo) => {
  seedSalon(desk.app);
  await page.setViewportSize({ width: 1440, height: 900 });
  const errors = await desk.open(page, 'contacts');
  // Nothing learnt yet: no prediction order or filter, and a note whose tooltip says why.
  const note = page.getByTestId('prediction-note');
  await expect(note).toHaveText(/No prediction sort yet/);
  await expect(note).toHaveAttribute('title', /train them on the Analytics page/);
  await expect(page.getByLabel('Order by prediction')).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: 'Leave out high opt-out risk' })).toHaveCount(0);

  const trained = await desk.app.dispatch('insights:train', {});
  expect(trained.ok).toBe(true);
  await page.reload();
  await expect(note).toHaveCount(0);
  const db = desk.app.db;
  const nameOf = (sql: string) => {
    const c = db.prepare(`SELECT first_name || ' ' || last_name AS name FROM contacts WHERE id = (${sql})`).get() as {
      name: string;
    };
    return c.name;
  };
  const rows = page.getByTestId('contact-scroller').getByRole('row');
  await page.getByLabel('Order by prediction').selectOption({ label: 'Most likely to reply' });
  await expect(rows.first()).toContainText(
    nameOf('SELECT contact_id FROM contact_predictions ORDER BY reply_probability DESC, contact_id DESC LIMIT 1'),
  );
  await page.getByLabel('Order by prediction').selectOption({ label: 'Highest opt-out risk' });
  await expect(rows.first()).toContainText(
    nameOf('SELECT contact_id FROM contact_predictions ORDER BY opt_out_risk DESC, contact_id DESC LIMIT 1'),
  );

  // The filter: the high-risk contacts leave the list (the count says how many are left).
  const high = (
    db.prepare('SELECT count(*) AS n FROM contact_predictions WHERE opt_out_high = 1').get() as { n: number }
  ).n;
  expect(high).toBeGreaterThan(0);
  await page.getByLabel('Order by prediction').selectOption({ label: 'Table order' });
  await page.getByRole('checkbox', { name: 'Leave out high opt-out risk' }).check();
  await expect(page.getByText(`${(400 - high).toLocaleString('en-US')} contacts match`)).toBeVisible();
  await page.getByLabel('Order by prediction').selectOption({ label: 'Most likely to reply' });

  for (const width of [1440, 1024]) {
    for (const theme of ['light', 'dark'] as const) {
      // The theme follows the system's (the default), so the list keeps its order and filter meanwhile.
      await page.emulateMedia({ colorScheme: theme });
      await page.setViewportSize({ width, height: 900 });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expect(page.getByRole('checkbox', { name: 'Leave out high opt-out risk' })).toBeChecked();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await serious(page)).toEqual([]);
      await page.screenshot({ path: testInfo.outputPath(`contacts-predictions-${width}-${theme}.png`) });
    }
  }
  expect(errors).toEqual([]);
});
