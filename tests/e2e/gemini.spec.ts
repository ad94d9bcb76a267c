import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect, type HarnessFixture } from './fixtures';
import { FAKE_GEMINI_KEY, startFakeGemini, type FakeGemini } from '../fakes/gemini';
import { triageNextReply } from '../../electron/ai/triage-job';

// Each test takes screenshots in two themes at two widths and runs axe twice: more than the default minute on a busy machine.
test.describe.configure({ timeout: 180_000 });

let gemini: FakeGemini | null = null;
test.afterEach(async () => {
  await gemini?.close();
  gemini = null;
});

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

/** Serious or critical axe findings inside what this feature added (contrast of its chips, names of its controls). */
async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** Light and dark, 1440 and 1024 wide: the same screen four times, checked by axe in each theme. */
async function shotsInBothThemes(
  page: Page,
  desk: HarnessFixture,
  testInfo: TestInfo,
  name: string,
  check: () => Promise<void>,
  axeScope: string,
): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await desk.app.dispatch('settings:set', { key: 'ui.theme', value: theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    expect(await seriousViolations(page, axeScope), `${name} in the ${theme} theme`).toEqual([]);
    for (const [width, height] of [
      [1440, 900],
      [1024, 800],
    ] as const) {
      await page.setViewportSize({ width, height });
      await check();
      await shot(page, testInfo, `${name}-${theme}-${width}`);
    }
  }
  await desk.app.dispatch('settings:set', { key: 'ui.theme', value: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function connect(desk: HarnessFixture): Promise<FakeGemini> {
  const fake = await startFakeGemini();
  desk.app.settings.set('business.name', 'Bloom Florist');
  desk.app.settings.set('gemini.baseUrl', fake.url);
  desk.app.secrets.set('gemini.apiKey', FAKE_GEMINI_KEY);
  return fake;
}

test('Settings → Integrations: connecting Gemini, checking it, and exactly what it receives', async ({
  page,
  desk,
}, testInfo) => {
  gemini = await startFakeGemini();
  desk.app.settings.set('gemini.baseUrl', gemini.url);
  const errors = await desk.open(page, 'settings');
  const card = page.getByTestId('gemini-integration');
  await page.getByRole('navigation', { name: 'Settings groups' }).getByRole('link', { name: 'Integrations' }).click();
  await expect(card.getByText('Gemini not connected')).toBeVisible();
  await expect(card.getByRole('region', { name: 'Exactly what Gemini receives' })).toContainText(
    'phone numbers and e-mail addresses replaced',
  );
  // The key is entered once, here, and not again among the providers' keys.
  await expect(page.getByLabel('Gemini API key')).toHaveCount(1);

  await card.getByLabel('Gemini API key').fill(FAKE_GEMINI_KEY);
  await card.getByRole('button', { name: 'Store' }).click();
  await expect(card.getByText('Gemini connected')).toBeVisible();
  await card.getByRole('button', { name: 'Check connection' }).click();
  await expect(card.getByRole('status').filter({ hasText: 'Connected' })).toHaveText(
    'Connected: gemini-3.1-flash-lite answered.',
  );

  // A retired model reads as a sentence the owner can act on.
  desk.app.settings.set('gemini.model', 'gemini-2.0-flash');
  await card.getByRole('button', { name: 'Check connection' }).click();
  await expect(card.getByText(/this model was retired, choose another/)).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await shotsInBothThemes(
    page,
    desk,
    testInfo,
    'gemini-settings',
    async () => {
      await expect(card).toBeVisible();
    },
    '#settings-integrations',
  );
  expect(errors).toEqual([]);
});

test('Draft with Gemini in the template editor and the campaign wizard: three checked options, a blocked one cannot be used', async ({
  page,
  desk,
}, testInfo) => {
  gemini = await connect(desk);
  gemini.respond(() => ({
    drafts: [
      { text: 'Hi {{first_name|there}}, roses are 20% off this weekend at {{business_name}}! Reply STOP to opt out' },
      { text: 'Roses 20% off at {{business_name}}: bit.ly/roses Reply STOP to opt out' },
      {
        text: 'Hi {{first_name|there}}! This weekend only, every rose bouquet in the shop is 20% off, from classic red dozens to garden mixes and peonies - come by {{business_name}}. Reply STOP to opt out',
      },
    ],
  }));
  const errors = await desk.open(page, 'templates');
  await page.getByRole('button', { name: 'Write your first template' }).click();
  await page.getByRole('button', { name: 'Draft with Gemini' }).click();
  const dialog = page.getByRole('dialog', { name: 'Draft with Gemini' });
  await dialog.getByLabel('What is the message about?').fill('20% off roses this weekend');
  await dialog.getByRole('button', { name: 'Write 3 options' }).click();
  const options = dialog.getByTestId('ai-option');
  await expect(options).toHaveCount(3);
  await expect(options.nth(0)).toContainText('Passes every check');
  await expect(options.nth(1)).toContainText('Must fix: "bit.ly/roses" uses bit.ly');
  await expect(options.nth(1).getByRole('button', { name: 'Use this: Option 2' })).toBeDisabled();
  await expect(options.nth(2)).toContainText('You asked for one segment, but this takes 2');
  await shotsInBothThemes(
    page,
    desk,
    testInfo,
    'gemini-draft-dialog',
    async () => {
      await expect(dialog.getByRole('button', { name: 'Use this: Option 1' })).toBeVisible();
    },
    '.ct-modal',
  );

  await dialog.getByRole('button', { name: 'Use this: Option 1' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('#tpl-body')).toHaveValue(
    'Hi {{first_name|there}}, roses are 20% off this weekend at {{business_name}}! Reply STOP to opt out',
  );
  await shot(page, testInfo, 'gemini-draft-used-in-editor');

  // The campaign wizard's message step offers the same.
  await desk.open(page, 'campaigns');
  await page.getByRole('button', { name: '+ New campaign' }).click();
  await page.getByLabel('Campaign name').fill('Roses');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Draft with Gemini' }).click();
  await page
    .getByRole('dialog', { name: 'Draft with Gemini' })
    .getByLabel('What is the message about?')
    .fill('20% off roses this weekend');
  await page
    .getByRole('dialog', { name: 'Draft with Gemini' })
    .getByRole('button', { name: 'Write 3 options' })
    .click();
  await page.getByRole('button', { name: 'Use this: Option 1' }).click();
  await expect(page.locator('#cw-body')).toHaveValue(/roses are 20% off this weekend/);
  await expect(page.getByTestId('cw-segments')).toHaveText('1 segment');
  // Nothing about any contact went to Gemini.
  expect(gemini.bodies.join('\n')).not.toMatch(/\+1\d{10}/);
  expect(errors).toEqual([]);
});

test('inbox: reply labels from Gemini, and a possible opt-out flagged for the owner, never acted on', async ({
  page,
  desk,
}, testInfo) => {
  gemini = await connect(desk);
  const { app } = desk;
  const at = new Date(Date.now() - 600_000).toISOString();
  app.db
    .prepare(
      `INSERT INTO contacts (phone, first_name, last_name, created_at, updated_at) VALUES ('+14155550100', 'Ana', 'Reyes', ?, ?)`,
    )
    .run(at, at);
  const reply = (n: number, body: string) =>
    app.ingest({
      kind: 'inbound',
      provider: 'sandbox',
      eventId: `EVg${n}`,
      providerMessageId: `SMg${n}`,
      from: '+14155550100',
      to: '+15550100000',
      body,
      at: new Date(Date.now() - 600_000 + n * 60_000).toISOString(),
    });
  reply(1, 'Do you deliver on Sundays?');
  reply(2, "Honestly I'd rather not get these anymore");
  app.tick();
  while ((await triageNextReply(app)).labelled > 0);

  const errors = await desk.open(page, 'inbox');
  await page.getByRole('button', { name: /Ana Reyes/ }).click();
  const thread = page.getByRole('region', { name: 'Conversation with Ana Reyes' });
  const labels = thread.getByTestId('reply-label');
  await expect(labels).toHaveText(['Question · 92%', 'Possible opt-out — review · 86%']);
  const review = thread.getByTestId('optout-review');
  await expect(review).toContainText('Nothing was changed');
  await expect(thread.getByRole('heading', { level: 2 })).toContainText('Subscribed');
  await shotsInBothThemes(
    page,
    desk,
    testInfo,
    'gemini-inbox-labels',
    async () => {
      await expect(review).toBeVisible();
    },
    '.ibx-thread',
  );

  await review.getByRole('button', { name: 'Mark as reviewed' }).click();
  await expect(review).toBeHidden();
  await expect(labels).toHaveCount(2);
  await expect(thread.getByRole('heading', { level: 2 })).toContainText('Subscribed');
  expect(errors).toEqual([]);
});

test('A/B variant ideas: variants of A that change one named thing, added with one click', async ({
  page,
  desk,
}, testInfo) => {
  gemini = await connect(desk);
  const errors = await desk.open(page, 'abtests');
  await page.getByRole('button', { name: 'New A/B test' }).click();
  await page
    .getByRole('textbox', { name: 'Variant A' })
    .fill('Hi {{first_name|there}}! Roses are 20% off at {{business_name}}. Reply STOP to opt out');
  const ideas = page.getByTestId('variant-ideas');
  await ideas.getByLabel('Ideas from Gemini that change only').selectOption('call_to_action');
  await ideas.getByRole('button', { name: 'Suggest variants of A' }).click();
  await expect(ideas.getByTestId('ai-option')).toHaveCount(2);
  await expect(ideas.getByTestId('ai-option').first()).toContainText('Changes the call to action');
  await expect(ideas.getByTestId('ai-option').first()).toContainText('Passes every check');
  await shotsInBothThemes(
    page,
    desk,
    testInfo,
    'gemini-ab-variant-ideas',
    async () => {
      await expect(ideas).toBeVisible();
    },
    '[data-testid="variant-ideas"]',
  );
  await ideas.getByRole('button', { name: 'Add as a variant: Changes the call to action' }).first().click();
  await expect(page.getByRole('textbox', { name: 'Variant C' })).toHaveValue(
    'Book today: Hi {{first_name|there}}! Roses are 20% off at {{business_name}}. Reply STOP to opt out',
  );
  await expect(ideas.getByTestId('ai-option')).toHaveCount(1);
  expect(gemini.calls[0].system).toContain('changes the call to action of the original and nothing else');
  expect(errors).toEqual([]);
});
