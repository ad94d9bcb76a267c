import { sendWindowCheck } from '../../electron/campaigns/quiet-hours/quietHours';
import type { DeskApp } from '../../electron/app';
import { quietSandbox } from './campaign-audience';
import { test, expect } from './fixtures';

/** Places around the clock: the harness runs on real time, so the test picks one where it is night now. */
const PLACES = [
  { zone: 'New York', phone: (i: number) => `+1212555${String(100 + i).padStart(4, '0')}` },
  { zone: 'Los Angeles', phone: (i: number) => `+1415555${String(100 + i).padStart(4, '0')}` },
  { zone: 'Honolulu', phone: (i: number) => `+1808555${String(100 + i).padStart(4, '0')}` },
  { zone: 'London', phone: (i: number) => `+4479111234${String(i).padStart(2, '0')}` },
  { zone: 'India', phone: (i: number) => `+9198123456${String(i).padStart(2, '0')}` },
  { zone: 'Japan', phone: (i: number) => `+8190123456${String(i).padStart(2, '0')}` },
];

function nightPlace(app: DeskApp, count: number): (i: number) => string {
  const businessZone = app.settings.get('business.timezone');
  const now = Date.now();
  const place = PLACES.find((p) =>
    Array.from({ length: count }, (_, i) => p.phone(i)).every((phone) =>
      [now, now + 15 * 60_000].every(
        (at) =>
          !sendWindowCheck({ phone, at: new Date(at), policy: { start: '08:00', end: '21:00' }, businessZone }).allowed,
      ),
    ),
  );
  if (!place) throw new Error('No test place is outside 08:00–21:00 now; add one to PLACES.');
  return place.phone;
}

test('a campaign held by quiet hours says what it waits for, in the recipients’ zone and in UTC', async ({
  page,
  desk,
}, testInfo) => {
  quietSandbox(desk.app);
  const phone = nightPlace(desk.app, 12);
  const now = new Date().toISOString();
  const insert = desk.app.db.prepare(
    `INSERT INTO contacts (phone, first_name, created_at, updated_at) VALUES (?, 'Ana', ?, ?)`,
  );
  for (let i = 0; i < 12; i++) insert.run(phone(i), now, now);
  const created = await desk.app.dispatch('campaigns:create', {
    name: 'Morning coffee deal',
    body: 'Coffee half price before 10 at {{business_name}}. Reply STOP to opt out',
    audience: {},
  });
  if (!created.ok) throw new Error(created.error.message);
  const id = (created.value as { id: number }).id;
  const launched = await desk.app.dispatch('campaigns:launch', { id });
  if (!launched.ok) throw new Error(launched.error.message);
  await expect
    .poll(() =>
      desk.app.db
        .prepare(`SELECT COUNT(*) AS n FROM outbox_messages WHERE campaign_id = ? AND error_code = 'quiet_hours'`)
        .get(id),
    )
    .toEqual({ n: 12 });

  const errors = await desk.open(page, 'campaigns');
  await page.getByRole('button', { name: 'Morning coffee deal', exact: true }).click();
  const wait = page.getByTestId('quiet-hours-wait');
  await expect(wait).toContainText(/All 12 wait for \d{1,2}:00( AM)? in their time zone \(first send .+, .+ UTC\)\./);
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    for (const width of [1440, 1024]) {
      await page.setViewportSize({ width, height: 820 });
      await page.screenshot({ path: testInfo.outputPath(`quiet-wait-${theme}-${width}.png`) });
    }
  }
  expect(errors).toEqual([]);
});
