import type { Page } from '@playwright/test';
import { test, expect, type HarnessFixture } from './fixtures';
import { shot } from './contacts-data';

const PEOPLE: Array<[string, string, string]> = [
  ['+14155550101', 'Maya', 'Okafor'],
  ['+14155550102', 'Ana', 'Lee'],
  ['+14155550103', 'Zoë', 'Martínez'],
  ['+14155550104', 'Bruno', 'Silva'],
  ['+14155550105', 'Chloé', 'Dubois'],
  ['+14155550106', 'Dev', 'Patel'],
];

async function seed(desk: HarnessFixture): Promise<void> {
  for (const [phone, firstName, lastName] of PEOPLE) {
    const r = await desk.app.dispatch('contacts:create', {
      phone,
      firstName,
      lastName,
      tags: ['Regulars'],
      consent: { given: true, note: 'Signed up in store' },
    });
    if (!r.ok) throw new Error(r.error.message);
  }
}

async function theme(page: Page, desk: HarnessFixture, value: 'light' | 'dark') {
  await desk.app.dispatch('settings:set', { key: 'ui.theme', value });
  await expect(page.locator('html')).toHaveAttribute('data-theme', value);
}

const table = (page: Page) => page.getByRole('table', { name: 'Contacts' });
const names = (page: Page) => table(page).locator('[data-contact-id] .ct-name .ct-ellipsis').allInnerTexts();
const header = (page: Page, name: string) => table(page).getByRole('columnheader', { name });

test('sort by a column, select a range with Shift, tag in bulk, delete and undo, at 1440 and 1024 in light and dark', async ({
  page,
  desk,
}, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await seed(desk);
  const errors = await desk.open(page, 'contacts');
  await expect(table(page).locator('[data-contact-id]')).toHaveCount(6);
  await expect(header(page, 'Added')).toHaveAttribute('aria-sort', 'descending');

  await header(page, 'Name').getByRole('button', { name: 'Name' }).click();
  await expect(header(page, 'Name')).toHaveAttribute('aria-sort', 'ascending');
  await expect(header(page, 'Added')).toHaveAttribute('aria-sort', 'none');
  await expect
    .poll(() => names(page))
    .toEqual(['Ana Lee', 'Bruno Silva', 'Chloé Dubois', 'Dev Patel', 'Maya Okafor', 'Zoë Martínez']);
  await header(page, 'Name').getByRole('button', { name: 'Name' }).click();
  await expect(header(page, 'Name')).toHaveAttribute('aria-sort', 'descending');
  await expect
    .poll(() => names(page))
    .toEqual(['Zoë Martínez', 'Maya Okafor', 'Dev Patel', 'Chloé Dubois', 'Bruno Silva', 'Ana Lee']);
  await header(page, 'Name').getByRole('button', { name: 'Name' }).click();

  // Ana, then Shift+click Dev: the four rows from Ana to Dev.
  await page.getByRole('checkbox', { name: 'Select Ana Lee' }).click();
  await page.getByRole('checkbox', { name: 'Select Dev Patel' }).click({ modifiers: ['Shift'] });
  const bar = page.getByRole('region', { name: 'Selected contacts' });
  await expect(bar).toContainText('4 selected');
  await expect(page.getByRole('checkbox', { name: 'Select Chloé Dubois' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Select Maya Okafor' })).not.toBeChecked();
  await bar.getByRole('combobox', { name: 'Tag for the selected contacts' }).fill('Spring sale');
  await shot(page, testInfo, 'bulk-1440-light-selected');
  await bar.getByRole('button', { name: 'Add tag' }).click();
  const toast = page.getByRole('status').filter({ hasText: 'Tagged 4 contacts “Spring sale”' });
  await expect(toast).toBeVisible();
  await expect(bar).toBeHidden();
  const tagged = () =>
    desk.app.db
      .prepare("SELECT count(*) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name = 'Spring sale'")
      .pluck()
      .get();
  expect(tagged()).toBe(4);
  await expect(table(page).locator('[data-contact-id]').filter({ hasText: 'Spring sale' })).toHaveCount(4);
  await shot(page, testInfo, 'bulk-1440-light-tagged');
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Undone: 4 contacts put back' })).toBeVisible();
  expect(tagged()).toBe(0);

  // Delete two, then undo: they come back with their tags.
  await page.setViewportSize({ width: 1024, height: 700 });
  await theme(page, desk, 'dark');
  await page.getByRole('checkbox', { name: 'Select Bruno Silva' }).click();
  await page.getByRole('checkbox', { name: 'Select Maya Okafor' }).click();
  await bar.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete 2 contacts?' });
  await shot(page, testInfo, 'bulk-1024-dark-confirm-delete');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted 2 contacts' })).toBeVisible();
  await expect(table(page).locator('[data-contact-id]')).toHaveCount(4);
  await shot(page, testInfo, 'bulk-1024-dark-deleted');
  await page
    .getByRole('status')
    .filter({ hasText: 'Deleted 2 contacts' })
    .getByRole('button', { name: 'Undo' })
    .click();
  await expect(table(page).locator('[data-contact-id]')).toHaveCount(6);
  await expect(table(page).locator('[data-contact-id]').filter({ hasText: 'Bruno Silva' })).toContainText('Regulars');
  await shot(page, testInfo, 'bulk-1024-dark-undone');
  expect(errors).toEqual([]);
});

test('"select all matching" reaches contacts not loaded yet, and opts them out in the consent log', async ({
  page,
  desk,
}, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  const insert = desk.app.db.prepare(
    "INSERT INTO contacts (phone, first_name, last_name, created_at, updated_at) VALUES (?, 'Guest', ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
  );
  desk.app.db.transaction(() => {
    for (let i = 0; i < 450; i++) insert.run(`+1212${2_000_000 + i}`, `No. ${i}`);
  })();
  await seed(desk);
  const errors = await desk.open(page, 'contacts');
  await page.getByRole('searchbox').fill('guest');
  await expect(page.getByText('450 contacts match')).toBeVisible();
  await table(page).getByRole('checkbox', { name: 'Select all shown' }).click();
  const bar = page.getByRole('region', { name: 'Selected contacts' });
  await bar.getByRole('button', { name: 'Select all 450 matching' }).click();
  await expect(bar).toContainText('All 450 matching selected');
  await shot(page, testInfo, 'bulk-1024-light-all-matching');
  await bar.getByRole('button', { name: 'Opt out' }).click();
  await page.getByRole('dialog', { name: 'Opt out 450 contacts?' }).getByRole('button', { name: 'Opt out' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Opted out 450 contacts' })).toBeVisible();
  const audit = desk.app.db
    .prepare(
      "SELECT count(*) FROM optout_audit WHERE new_state = 'opted_out' AND message_text = 'bulk action by owner'",
    )
    .pluck();
  expect(audit.get()).toBe(450);
  expect(desk.app.db.prepare('SELECT count(*) FROM contacts WHERE opted_out = 1').pluck().get()).toBe(450);
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Undone: 450 contacts put back' })).toBeVisible();
  expect(desk.app.db.prepare('SELECT count(*) FROM contacts WHERE opted_out = 1').pluck().get()).toBe(0);
  expect(errors).toEqual([]);
});

test('a number that is already a contact links to them, and the error clears when the number changes', async ({
  page,
  desk,
}, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await seed(desk);
  const errors = await desk.open(page, 'contacts');
  await page.getByRole('button', { name: 'Add contact' }).click();
  const form = page.getByRole('dialog', { name: 'Add a contact' });
  await form.getByLabel('Phone number').fill('415.555.0102');
  await form.getByLabel('First name').fill('Annie');
  await form.getByRole('button', { name: 'Add contact' }).click();
  const notice = form.getByRole('alert');
  await expect(notice).toContainText('is already a contact');
  await expect(notice.getByRole('button', { name: 'open Ana Lee' })).toBeVisible();
  await shot(page, testInfo, 'duplicate-1440-light-add');
  await form.getByLabel('Phone number').press('End');
  await form.getByLabel('Phone number').press('Backspace');
  await expect(notice).toBeHidden();
  await form.getByLabel('Phone number').fill('(415) 555-0102');
  await form.getByRole('button', { name: 'Add contact' }).click();
  await form.getByRole('alert').getByRole('button', { name: 'open Ana Lee' }).click();
  const panel = page.getByRole('complementary', { name: 'Contact details' });
  await expect(panel.getByRole('heading', { name: 'Ana Lee' })).toBeVisible();

  // Editing another contact's number into Ana's links to her too.
  await page.setViewportSize({ width: 1024, height: 700 });
  await theme(page, desk, 'dark');
  await table(page).locator('[data-contact-id]').filter({ hasText: 'Dev Patel' }).click();
  await expect(panel.getByRole('heading', { name: 'Dev Patel' })).toBeVisible();
  await panel.getByRole('button', { name: 'Edit details' }).click();
  await panel.getByLabel('Phone').fill('+1 415 555 0102');
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByRole('alert').getByRole('button', { name: 'open Ana Lee' })).toBeVisible();
  await shot(page, testInfo, 'duplicate-1024-dark-edit');
  await panel.getByLabel('Phone').fill('+1 415 555 0199');
  await expect(panel.getByRole('alert')).toBeHidden();
  expect(errors).toEqual([]);
});
