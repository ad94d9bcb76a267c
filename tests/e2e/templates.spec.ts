import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures';
import { seedContacts } from '../integration/templates/seed';

/** The app scrolls inside its content pane, so the window is made as tall as the page for the picture. */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  await expect(page.getByRole('region', { name: 'Audience estimate' })).toHaveAttribute('aria-busy', 'false');
  const viewport = page.viewportSize()!;
  const height = await page.locator('main.content').evaluate((el) => el.scrollHeight + 40);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await testInfo.attach(name, { body, contentType: 'image/png' });
  await page.setViewportSize(viewport);
}

const GSM_160 =
  'Bloom Salon: spring sale this week only. Book any colour or cut by Sunday and get 20% off; show this text at the desk. Reply STOP to opt out'.padEnd(
    160,
    '.',
  );

test('write a template: the counter, checks and phone preview follow every keystroke, and it saves into the library', async ({
  page,
  desk,
}, testInfo) => {
  expect(GSM_160).toHaveLength(160);
  desk.app.settings.set('business.name', 'Bloom Salon');
  desk.app.settings.set('pricing.sandboxPerSegment', 0.01);
  seedContacts(desk.app.db, [
    { phone: '+14155550100', first: 'Ana', last: 'Lee', fields: { tier: 'Gold' } },
    { phone: '+14155550101', first: 'Zo\u00eb', last: 'Mart\u00ednez' },
    { phone: '+14155550102', first: null },
  ]);
  const errors = await desk.open(page, 'templates');
  await expect(page.getByText('No templates yet')).toBeVisible();
  await page.getByRole('button', { name: 'Write your first template' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Spring sale');

  const body = page.getByRole('textbox', { name: 'Message', exact: true });
  const segments = page.getByTestId('segment-count');
  await body.fill(GSM_160);
  await expect(segments).toHaveText('1 segment');
  await expect(page.getByTestId('char-count')).toHaveText('160 characters');
  await expect(page.getByTestId('encoding')).toHaveText('GSM-7');
  await expect(page.getByTestId('remaining')).toHaveText('0 left in this segment');
  await body.press('!');
  await expect(segments).toHaveText('2 segments');
  await expect(page.getByTestId('char-count')).toHaveText('161 characters');
  await expect(page.getByTestId('remaining')).toHaveText('145 left in this segment');
  await expect(page.getByTestId('preview-bubble')).toHaveText(`${GSM_160}!`);

  // An emoji has no GSM-7 form: the whole message becomes UCS-2 (163 UTF-16 units → 3 parts of 67).
  await page.keyboard.insertText('\u{1F389}');
  await expect(page.getByTestId('encoding')).toHaveText('UCS-2');
  await expect(segments).toHaveText('3 segments');
  const ucs2 = page.getByRole('region', { name: 'Characters that force UCS-2' });
  await expect(ucs2).toContainText('no GSM equivalent');
  await expect(ucs2.getByRole('button', { name: 'Replace with GSM equivalents' })).toHaveCount(0);
  await body.press('Backspace');
  await expect(page.getByTestId('encoding')).toHaveText('GSM-7');
  await expect(segments).toHaveText('2 segments');

  // A smart quote from a word processor does have one, and the offer fixes it in one click.
  await body.fill('Hi {{frist_name}}, it\u2019s our spring sale at {{business_name}}: 20% off colour this week.');
  await expect(page.getByTestId('encoding')).toHaveText('UCS-2');
  await expect(ucs2).toContainText('\u2019');
  await shot(page, testInfo, 'templates-editor-ucs2');
  await ucs2.getByRole('button', { name: 'Replace with GSM equivalents' }).click();
  await expect(body).toHaveValue(
    "Hi {{frist_name}}, it's our spring sale at {{business_name}}: 20% off colour this week.",
  );
  await expect(page.getByTestId('encoding')).toHaveText('GSM-7');
  await expect(ucs2).toHaveCount(0);

  // A misspelt variable is an error with its exact place: clicking it selects it, the fix replaces it.
  const problems = page.getByRole('list', { name: 'Problems' });
  const misspelt = problems.getByRole('button', { name: /frist_name/ });
  await expect(misspelt).toBeVisible();
  await misspelt.click();
  const selected = await body.evaluate((el) => {
    const ta = el as unknown as { value: string; selectionStart: number; selectionEnd: number };
    return ta.value.slice(ta.selectionStart, ta.selectionEnd);
  });
  expect(selected).toBe('{{frist_name}}');
  await problems.getByRole('button', { name: 'Use {{first_name}}' }).click();
  await expect(body).toHaveValue(
    "Hi {{first_name}}, it's our spring sale at {{business_name}}: 20% off colour this week.",
  );
  await expect(problems).toContainText('does not tell people how to opt out');
  // Once the audience is measured, the contact without a first name is counted.
  await expect(problems).toContainText('{{first_name}} is empty for 1 of 3 contacts');
  await shot(page, testInfo, 'templates-editor-checks');
  await problems.getByRole('button', { name: 'Add "Reply STOP to opt out"' }).click();
  await expect(problems.getByText('does not tell people how to opt out')).toHaveCount(0);
  await problems.getByRole('button', { name: 'Use {{first_name|there}}' }).click();
  await expect(body).toHaveValue(
    "Hi {{first_name|there}}, it's our spring sale at {{business_name}}: 20% off colour this week. Reply STOP to opt out",
  );
  await expect(page.getByRole('status').filter({ hasText: 'No problems found.' })).toBeVisible();

  // The preview renders for real contacts: step through them.
  const bubble = page.getByTestId('preview-bubble');
  await expect(page.getByTestId('preview-contact')).toContainText('Ana Lee');
  await expect(bubble).toHaveText(
    "Hi Ana, it's our spring sale at Bloom Salon: 20% off colour this week. Reply STOP to opt out",
  );
  await page.getByRole('button', { name: 'Next contact' }).click();
  await expect(page.getByTestId('preview-contact')).toContainText('Zo\u00eb Mart\u00ednez');
  await expect(bubble).toContainText("Hi Zo\u00eb, it's");
  // Her name has a character outside GSM-7, so her message alone is UCS-2.
  await expect(page.getByTestId('encoding')).toHaveText('UCS-2');
  await expect(page.getByRole('list', { name: 'For this contact' })).toContainText('"\u00eb"');
  await page.getByRole('button', { name: 'Next contact' }).click();
  await expect(bubble).toContainText("Hi there, it's");
  await expect(page.getByTestId('encoding')).toHaveText('GSM-7');

  // The audience: every contact's rendered message, priced with the Settings price per segment.
  const audience = page.getByRole('region', { name: 'Audience estimate' });
  await expect(audience.getByTestId('audience-segments')).toContainText('Min1Typical1Max2');
  await expect(audience.getByTestId('audience-cost')).toContainText('$0.04');

  // Insert a variable at the caret with the toolbar.
  await body.press('Control+End');
  await page.getByRole('toolbar', { name: 'Insert variable' }).getByRole('button', { name: 'tier' }).click();
  await expect(body).toHaveValue(/opt out\{\{field:tier\}\}$/);
  await body.press('Backspace');
  await expect(body).toHaveValue(/opt out\{\{field:tier\}$/);
  await body.fill(
    "Hi {{first_name|there}}, it's our spring sale at {{business_name}}: 20% off colour this week. Reply STOP to opt out",
  );

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Template saved.' })).toBeVisible();
  const library = page.getByRole('list', { name: 'Saved templates' });
  await expect(library.getByRole('button', { name: /Spring sale/ })).toBeVisible();
  const stored = desk.app.db.prepare('SELECT name, body FROM templates').all();
  expect(stored).toEqual([
    {
      name: 'Spring sale',
      body: "Hi {{first_name|there}}, it's our spring sale at {{business_name}}: 20% off colour this week. Reply STOP to opt out",
    },
  ]);
  await shot(page, testInfo, 'templates-editor-light');

  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, testInfo, 'templates-editor-dark');
  expect(errors).toEqual([]);
});

test('the library: search, category, duplicate, archive, and delete that archives a template a campaign uses', async ({
  page,
  desk,
}, testInfo) => {
  const make = async (name: string, body: string, category?: string) => {
    const r = await desk.app.dispatch('templates:create', { name, body, ...(category ? { category } : {}) });
    if (!r.ok) throw new Error(r.error.message);
    return (r.value as { id: number }).id;
  };
  await make(
    'Weekend sale',
    '{{business_name}}: 20% off this weekend, {{first_name|there}}! Reply STOP to opt out',
    'Promotions',
  );
  const reminderId = await make(
    'Appointment reminder',
    'Hi {{first_name|there}}, see you tomorrow at {{business_name}}.',
    'Service',
  );
  await make(
    'Win-back',
    'We miss you {{first_name|there}}! 15% off your next visit. Reply STOP to opt out',
    'Promotions',
  );
  desk.app.db
    .prepare(
      `INSERT INTO campaigns (name, template_id, created_at, updated_at) VALUES ('March reminders', ?, '2025-03-01T00:00:00Z', '2025-03-01T00:00:00Z')`,
    )
    .run(reminderId);
  desk.app.db.prepare(`UPDATE templates SET last_used_at = '2025-03-01T10:00:00.000Z' WHERE id = ?`).run(reminderId);
  const errors = await desk.open(page, 'templates');

  const library = page.getByRole('list', { name: 'Saved templates' });
  await expect(library.getByRole('button')).toHaveCount(3);
  await page.getByLabel('Search templates').fill('miss you');
  await expect(library.getByRole('button')).toHaveCount(1);
  await expect(library).toContainText('Win-back');
  await page.getByLabel('Search templates').fill('');
  await page.getByLabel('Category').selectOption('Service');
  await expect(library.getByRole('button')).toHaveCount(1);
  await expect(library).toContainText('Last used');
  await page.getByLabel('Category').selectOption('');

  await library.getByRole('button', { name: /Weekend sale/ }).click();
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('Weekend sale');
  await page.getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('Weekend sale (copy)');
  await expect(library.getByRole('button')).toHaveCount(4);
  await page.getByRole('button', { name: 'Archive', exact: true }).click();
  await expect(library.getByRole('button')).toHaveCount(3);
  await page.getByLabel('Show archived').check();
  await expect(library.getByRole('button', { name: /Weekend sale \(copy\).*Archived/ })).toBeVisible();

  // Delete asks once more, and a template a campaign uses is archived instead, with the reason.
  await library.getByRole('button', { name: /Appointment reminder/ }).click();
  await expect(page.getByText('Used by 1 campaign')).toBeVisible();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Archive it (used by campaigns)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'so it was archived instead of deleted' })).toBeVisible();
  expect(
    desk.app.db.prepare('SELECT archived_at IS NOT NULL FROM templates WHERE id = ?').pluck().get(reminderId),
  ).toBe(1);
  await shot(page, testInfo, 'templates-library');

  // Unsaved edits are not lost by clicking another template.
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('Changed text');
  await library.getByRole('button', { name: /Win-back/ }).click();
  await expect(page.getByRole('alertdialog', { name: 'Unsaved changes' })).toBeVisible();
  await page.getByRole('button', { name: 'Keep editing' }).click();
  await expect(page.getByRole('textbox', { name: 'Message', exact: true })).toHaveValue('Changed text');
  await library.getByRole('button', { name: /Win-back/ }).click();
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('Win-back');

  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Really delete?' }).click();
  await expect(library.getByRole('button', { name: /Win-back/ })).toHaveCount(0);
  expect(desk.app.db.prepare(`SELECT COUNT(*) FROM templates WHERE name = 'Win-back'`).pluck().get()).toBe(0);
  expect(errors).toEqual([]);
});
