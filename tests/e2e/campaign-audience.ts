import type { Page } from '@playwright/test';
import type { DeskApp } from '../../electron/app';
import { sendWindowCheck } from '../../electron/campaigns/quiet-hours/quietHours';
import { seedContacts } from '../helpers/seed';
import { expect, type HarnessFixture } from './fixtures';

/**
 * The browser harness runs on real time, so quiet hours are real: a campaign launched at 03:00 New York time would
 * (rightly) wait for morning. Recipients are therefore given numbers from a place where it is daytime now, checked
 * with the same quiet-hours engine the dispatcher uses (which also knows the stricter state rules), with a margin so
 * the window does not close while the test runs. The places span the clock: some is always in its 08:00–21:00.
 */
const PLACES: Array<{ place: string; phone: (i: number) => string }> = [
  { place: 'New York', phone: (i) => `+1212555${String(100 + i).padStart(4, '0')}` },
  { place: 'Chicago', phone: (i) => `+1312555${String(100 + i).padStart(4, '0')}` },
  { place: 'Los Angeles', phone: (i) => `+1415555${String(100 + i).padStart(4, '0')}` },
  { place: 'Anchorage', phone: (i) => `+1907555${String(100 + i).padStart(4, '0')}` },
  { place: 'Honolulu', phone: (i) => `+1808555${String(100 + i).padStart(4, '0')}` },
  { place: 'United Kingdom', phone: (i) => `+4479111234${String(i).padStart(2, '0')}` },
  { place: 'India', phone: (i) => `+9198123456${String(i).padStart(2, '0')}` },
  { place: 'Japan', phone: (i) => `+8190123456${String(i).padStart(2, '0')}` },
];

const WIDEST = { start: '08:00', end: '21:00', excludedDays: [] as number[] };
const MARGIN_MS = 15 * 60_000;

/** A place whose numbers may be texted now and for the next quarter hour. */
export function daytimePlace(
  app: DeskApp,
  count: number,
  now = new Date(),
): { place: string; phone: (i: number) => string } {
  const businessZone = app.settings.get('business.timezone');
  for (const p of PLACES) {
    const ok = Array.from({ length: count }, (_, i) => p.phone(i)).every((phone) =>
      [now, new Date(now.getTime() + MARGIN_MS)].every((at) => {
        const r = sendWindowCheck({ phone, at, policy: WIDEST, businessZone });
        return r.allowed && r.placedBy !== 'business-zone';
      }),
    );
    if (ok) return p;
  }
  throw new Error(`No test place is inside 08:00–21:00 at ${now.toISOString()}; add one to PLACES.`);
}

/** Contacts tagged `tag` (seedContacts' names: Ana Tester0, Ben Tester1, …) with daytime numbers; returns their ids. */
export function seedDaytimeContacts(
  app: DeskApp,
  n: number,
  opts: { tag: string; start?: number; total?: number },
): number[] {
  const start = opts.start ?? 0;
  const place = daytimePlace(app, opts.total ?? start + n);
  const ids = seedContacts(app.db, n, { tag: opts.tag, start });
  const setPhone = app.db.prepare('UPDATE contacts SET phone = ? WHERE id = ?');
  ids.forEach((id, k) => setPhone.run(place.phone(start + k), id));
  return ids;
}

/** Deterministic Sandbox: fast receipts, no failures, replies or STOPs. */
export function quietSandbox(app: DeskApp, ratePerSecond = 50): void {
  app.settings.set('sandbox.deliveryDelayMs', 200);
  app.settings.set('sandbox.failureRate', 0);
  app.settings.set('sandbox.replyRate', 0);
  app.settings.set('sandbox.stopRate', 0);
  app.settings.set('sandbox.ratePerSecond', ratePerSecond);
  // The simulated e-mails as quiet as the texts: every one delivered, none bounced, complained of or unsubscribed.
  app.settings.set('sandboxEmail.bounceRate', 0);
  app.settings.set('sandboxEmail.complaintRate', 0);
  app.settings.set('sandboxEmail.unsubscribeRate', 0);
  app.settings.set('business.name', 'Bloom Salon');
}

/** These contacts' numbers are landlines: they cannot be texted (a call or an e-mail may still reach them). */
export function markLandlines(app: DeskApp, ids: readonly number[]): void {
  const landline = app.db.prepare(`UPDATE contacts SET textable = 0, not_textable_reason = 'landline' WHERE id = ?`);
  ids.forEach((id) => landline.run(id));
}

/**
 * From the Campaigns page (at 1440 wide) through the wizard's audience step: a new campaign named `name` to the
 * contacts tagged `tag`, stopping on the Message step. Returns the page's console errors, as desk.open does.
 */
export async function newCampaignToTag(desk: HarnessFixture, page: Page, name: string, tag: string): Promise<string[]> {
  await page.setViewportSize({ width: 1440, height: 900 });
  const errors = await desk.open(page, 'campaigns');
  await page.getByRole('button', { name: '+ New campaign' }).click();
  await page.getByLabel('Campaign name').fill(name);
  await page
    .getByRole('group', { name: 'Send to contacts tagged' })
    .getByRole('checkbox', { name: new RegExp(`^${tag}`) })
    .check();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Message' })).toBeVisible();
  return errors;
}
