import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures';
import { startFakeQuo, type FakeQuo } from '../fakes/quo';

const OUR_NUMBER = '+15550100000';
const ANA = '+14155550100';
const BEN = '+12125550123';
const CLOE = '+13125550188';

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

let quo: FakeQuo | null = null;
test.afterEach(async () => {
  await quo?.close();
  quo = null;
});

test('inbox: unread filter and nav count, search by name, phone in any format and message text, Retry on a reply that was not sent', async ({
  page,
  desk,
}, testInfo) => {
  test.setTimeout(120_000);
  const { app } = desk;
  quo = await startFakeQuo({ rateLimitPerSecond: 'unlimited' });
  app.settings.set('business.name', 'Bloom Florist');
  app.settings.set('quo.baseUrl', quo.url);
  app.settings.set('quo.from', OUR_NUMBER);
  app.secrets.set('quo.apiKey', 'test-quo-key');
  const now = Date.now();
  const iso = new Date(now).toISOString();
  const contact = app.db.prepare(
    `INSERT INTO contacts (phone, first_name, last_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
  );
  const ids = Object.fromEntries(
    (
      [
        ['ana', ANA, 'Ana', 'Reyes'],
        ['ben', BEN, 'Ben', 'Okafor'],
        ['cloe', CLOE, 'Chloé', 'Martin'],
      ] as const
    ).map(([k, phone, first, last]) => [k, Number(contact.run(phone, first, last, iso, iso).lastInsertRowid)]),
  );
  const texts: Array<[string, string, number]> = [
    [BEN, 'The tulips were lovely, thank you!', 3],
    [CLOE, 'Can I order a wedding bouquet for June?', 2],
    [ANA, 'Do you deliver on Sunday?', 1],
  ];
  texts.forEach(([from, body, hoursAgo], i) =>
    app.ingest({
      kind: 'inbound',
      provider: 'quo',
      eventId: `EVp${i}`,
      providerMessageId: `ACp${i}`,
      from,
      to: OUR_NUMBER,
      body,
      at: new Date(now - hoursAgo * 3_600_000).toISOString(),
    }),
  );
  app.tick();
  app.db.prepare('UPDATE inbound_messages SET read_at = ? WHERE contact_id = ?').run(iso, ids.ben);
  // A reply to Ben that Quo refused earlier: never sent. (Queued by the app, it is also indexed for search.)
  const refused = app.db
    .prepare(
      `INSERT INTO outbox_messages (contact_id, kind, to_phone, from_number, body, segments, provider, state, attempts, error_code, error_message, created_at, updated_at, sending_at)
       VALUES (?, 'reply', ?, ?, 'So glad! See you next week.', 1, 'quo', 'failed', 1, '0206400', 'A2P registration not approved', ?, ?, ?)`,
    )
    .run(ids.ben, BEN, OUR_NUMBER, iso, iso, iso).lastInsertRowid;
  app.db
    .prepare(`INSERT INTO inbox_search (rowid, body) VALUES (?, 'So glad! See you next week.')`)
    .run(Number(refused) * 2 + 1);

  const errors = await desk.open(page, 'inbox');
  const list = page.getByRole('list', { name: 'Conversations' });
  const badge = page.getByTestId('inbox-unread-badge');
  // Newest first; two conversations unread, counted beside the Inbox item of the sidebar.
  await expect(list.getByRole('button')).toHaveText([/Ana Reyes/, /Chloé Martin/, /Ben Okafor/]);
  await expect(badge).toHaveText('2 unread');
  await page.getByRole('group', { name: 'Which conversations' }).getByRole('button', { name: 'Unread (2)' }).click();
  await expect(list.getByRole('button')).toHaveText([/Ana Reyes/, /Chloé Martin/]);
  await shot(page, testInfo, 'inbox-unread-filter');

  // Opening a conversation marks it read: the count drops and it leaves the unread list.
  await list.getByRole('button', { name: 'Ana Reyes, 1 unread' }).click();
  await expect(page.getByRole('region', { name: 'Conversation with Ana Reyes' })).toBeVisible();
  await expect(badge).toHaveText('1 unread');
  await expect(list.getByRole('button')).toHaveText([/Chloé Martin/]);
  await page.getByRole('button', { name: 'All', exact: true }).click();
  await expect(list.getByRole('button')).toHaveCount(3);

  // Search: a phone number as people write it, a name without its accent, words from a message.
  const search = page.getByRole('searchbox', { name: 'Search conversations' });
  await search.fill('(212) 555-0123');
  await expect(list.getByRole('button')).toHaveText([/Ben Okafor/]);
  await search.fill('chloe');
  await expect(list.getByRole('button')).toHaveText([/Chloé Martin/]);
  await search.fill('deliver sunday');
  await expect(list.getByRole('button')).toHaveText([/Ana Reyes/]);
  await search.fill('see you next week');
  await expect(list.getByRole('button')).toHaveText([/Ben Okafor/]);
  await search.fill('orchids');
  await expect(list.getByRole('status')).toHaveText('No conversation matches “orchids”.');
  await search.fill('');
  await expect(list.getByRole('button')).toHaveCount(3);

  // The refused reply says so, with Retry; retrying sends that same message, once.
  await list.getByRole('button', { name: /Ben Okafor/ }).click();
  const thread = page.getByRole('region', { name: 'Conversation with Ben Okafor' });
  const state = thread.getByTestId('delivery-state').last();
  await expect(state).toContainText('Not sent (A2P registration not approved) —');
  await shot(page, testInfo, 'inbox-not-sent-retry');
  await state.getByRole('button', { name: 'Retry' }).click();
  // Sent now, or waiting for Ben's quiet hours if the test runs at night in New York: either way it says so.
  await expect(state).toHaveText(/^(Sent|Delivered|Waiting — goes out|Waiting to send)/);
  expect(app.db.prepare(`SELECT body, state FROM outbox_messages WHERE kind = 'reply'`).all()).toEqual([
    { body: 'So glad! See you next week.', state: expect.stringMatching(/^(queued|sending|sent|delivered)$/) },
  ]);
  expect(quo.sent.filter((m) => m.text === 'So glad! See you next week.').length).toBeLessThanOrEqual(1);
  expect(errors).toEqual([]);
});

for (const theme of ['light', 'dark'] as const) {
  for (const width of [1024, 1440]) {
    test(`inbox at ${width}×700, ${theme}: list, filter and thread fit the window`, async ({
      page,
      desk,
    }, testInfo) => {
      const { app } = desk;
      app.settings.set('ui.theme', theme);
      const now = Date.now();
      const iso = new Date(now).toISOString();
      const add = app.db.prepare(
        `INSERT INTO contacts (phone, first_name, last_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
      );
      add.run(ANA, 'Anastasia', 'Featherstonehaugh-Reyes', iso, iso);
      add.run(BEN, null, null, iso, iso);
      app.ingest({
        kind: 'inbound',
        provider: 'sandbox',
        eventId: 'EVw1',
        providerMessageId: 'ACw1',
        from: BEN,
        to: OUR_NUMBER,
        body: 'Hi, is the shop open on Monday?',
        at: new Date(now - 7_200_000).toISOString(),
      });
      app.ingest({
        kind: 'inbound',
        provider: 'sandbox',
        eventId: 'EVw2',
        providerMessageId: 'ACw2',
        from: ANA,
        to: OUR_NUMBER,
        body: 'Could you put together a large bouquet of white peonies and eucalyptus for my mother’s birthday on Saturday afternoon?',
        at: iso,
      });
      app.tick();
      await page.setViewportSize({ width, height: 700 });
      const errors = await desk.open(page, 'inbox');
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      // A contact without a name is shown by their number, formatted, never raw E.164.
      await expect(page.getByRole('list', { name: 'Conversations' })).toContainText('(212) 555-0123');
      await expect(page.getByRole('list', { name: 'Conversations' })).not.toContainText(BEN);
      await page.getByRole('button', { name: /Anastasia/ }).click();
      await expect(page.getByRole('region', { name: /Conversation with Anastasia/ })).toContainText('(415) 555-0100');
      // The thread's buttons stay inside it, whatever the length of the name.
      const threadBox = (await page.getByRole('region', { name: /Conversation with Anastasia/ }).boundingBox())!;
      const optOut = (await page.getByRole('button', { name: 'Opt out…' }).boundingBox())!;
      expect(optOut.x + optOut.width).toBeLessThanOrEqual(threadBox.x + threadBox.width);
      // Nothing wider than the window.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await shot(page, testInfo, `inbox-${width}-${theme}`);
      expect(errors).toEqual([]);
    });
  }
}
