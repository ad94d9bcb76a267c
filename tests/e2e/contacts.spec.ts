import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { bigSheet, fieldFor, GOOGLE_CSV, scrollStepToTop, shot } from './contacts-data';
import type { InputOf } from '../../shared/ipc/contract';

test('import wizard: a Google Contacts file goes through columns, preview, import, result, rejects download and undo', async ({
  page,
  desk,
}, testInfo) => {
  test.setTimeout(120_000);
  const errors = await desk.open(page, 'contacts');
  await expect(page.getByText('No contacts yet')).toBeVisible();
  await page.getByRole('button', { name: 'Import contacts' }).click();
  const wizard = page.getByRole('dialog', { name: 'Import contacts' });
  await expect(wizard.getByRole('list', { name: 'Import steps' })).toBeVisible();
  await shot(page, testInfo, 'import-1-file');

  // 1. File: the bytes go to main; the columns step opens with what it found.
  await wizard
    .getByLabel('Contacts file')
    .setInputFiles({ name: 'google-contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOGLE_CSV, 'utf8') });
  const mapping = wizard.getByRole('table', { name: 'Column mapping' });
  await expect(mapping).toBeVisible();
  await expect(wizard.getByText('google-contacts.csv')).toBeVisible();
  const detected = wizard.getByLabel('Detected file format');
  await expect(detected).toContainText('CSV');
  await expect(detected.getByRole('combobox', { name: 'Encoding' })).toContainText('UTF-8');
  await expect(detected.getByRole('combobox', { name: 'Separator' })).toContainText('Comma (detected)');

  // 2. Columns: the known headers are recognised; the owner drops Birthday and keeps Notes as a custom field.
  await expect(fieldFor(wizard, 'First Name')).toHaveValue('first_name');
  await expect(fieldFor(wizard, 'Last Name')).toHaveValue('last_name');
  await expect(fieldFor(wizard, 'E-mail 1 - Value')).toHaveValue('email');
  await expect(fieldFor(wizard, 'Phone 1 - Value')).toHaveValue(/^(phone|mobile_phone)$/);
  await expect(fieldFor(wizard, 'Labels')).toHaveValue('tags');
  await expect(fieldFor(wizard, 'Accepts SMS Marketing')).toHaveValue('sms_consent');
  await expect(fieldFor(wizard, 'Notes')).toHaveValue(/^custom:notes/);
  const phoneRow = mapping.getByRole('row').filter({ hasText: 'Phone 1 - Value' });
  await expect(phoneRow).toContainText('Recognised');
  await expect(phoneRow).toContainText('+14155550142 (+1 more)');
  await fieldFor(wizard, 'Birthday').selectOption('drop');
  await expect(mapping.getByRole('row').filter({ hasText: 'Birthday' })).toContainText('Your choice');
  await wizard.getByRole('textbox', { name: 'Tags to add' }).fill('Spring fair');
  await scrollStepToTop(wizard);
  await shot(page, testInfo, 'import-2-columns');

  // 3. Preview: a dry run over the whole file, in plain words, with the rows it will reject.
  await wizard.getByRole('button', { name: 'Preview import' }).click();
  const counts = wizard.getByRole('group', { name: 'What the import will do' });
  await expect(counts).toBeVisible();
  await expect(counts.getByTestId('count-rows')).toContainText('5');
  await expect(counts.getByTestId('count-imported')).toContainText('3');
  await expect(counts.getByTestId('count-duplicates')).toContainText('1');
  await expect(counts.getByTestId('count-invalid')).toContainText('1');
  await expect(counts.getByTestId('count-notTextable')).toContainText('1');
  await expect(
    wizard.getByText('1 person is imported but not textable: the file says they did not agree to SMS.'),
  ).toBeVisible();
  const sample = wizard.getByRole('table', { name: 'Sample rows' });
  await expect(sample.getByRole('row').filter({ hasText: 'Zoë Martínez' })).toContainText('also (415) 555-0143');
  await expect(sample.getByRole('row').filter({ hasText: 'Liam' })).toContainText('No consent');
  await expect(sample.getByRole('row').filter({ hasText: 'Zoë Martínez' })).toContainText('Spring fair');
  const rejects = wizard.getByRole('table', { name: 'Rejected rows' });
  await expect(rejects.getByRole('row').filter({ hasText: '555-12' })).toContainText('3');
  expect(await desk.app.db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 0 });
  await shot(page, testInfo, 'import-3-preview');

  // 4–5. Import, then the result with its rejects.
  await wizard.getByRole('button', { name: 'Import 3 contacts' }).click();
  const result = wizard.getByRole('group', { name: 'Import result' });
  await expect(result).toBeVisible();
  await expect(wizard.getByRole('list', { name: 'Import steps' }).locator('[aria-current=step]')).toContainText(
    'Result',
  );
  await expect(result.getByTestId('count-imported')).toContainText('3');
  await expect(wizard.getByText('Imported google-contacts.csv')).toBeVisible();
  await shot(page, testInfo, 'import-5-result');
  const rows = desk.app.db
    .prepare('SELECT phone, first_name, last_name, textable, not_textable_reason FROM contacts ORDER BY phone')
    .all();
  expect(rows).toEqual([
    { phone: '+12125550101', first_name: 'Renée', last_name: 'Lefèvre', textable: 1, not_textable_reason: null },
    { phone: '+14155550142', first_name: 'Zoë', last_name: 'Martínez', textable: 1, not_textable_reason: null },
    {
      phone: '+16465550177',
      first_name: 'Liam',
      last_name: "O'Connor",
      textable: 0,
      not_textable_reason: 'no SMS consent in import file',
    },
  ]);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    wizard.getByRole('button', { name: 'Download rejects CSV' }).click(),
  ]);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe('row,reason,original row');
  expect(csv).toContain('555-12');
  expect(csv).toMatch(/(^|\n)3,/);

  // Undo takes the three contacts away again and says so.
  await wizard.getByRole('button', { name: 'Undo this import' }).click();
  await page.getByRole('dialog', { name: 'Undo this import?' }).getByRole('button', { name: 'Undo import' }).click();
  await expect(wizard.getByRole('list', { name: 'Undo result' })).toContainText('3 contacts removed');
  expect(await desk.app.db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 0 });
  await wizard.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText('No contacts yet')).toBeVisible();

  await page.getByRole('tab', { name: 'Import history' }).click();
  const history = page.getByRole('table', { name: 'Import history' });
  await expect(history.getByRole('row').filter({ hasText: 'google-contacts.csv' })).toContainText('Undone');
  expect(errors).toEqual([]);
});

const ZOE = '+14155550100';

test('search finds a number typed in any format; the detail panel shows consent and texts, edits tags, opts out and back in, deletes', async ({
  page,
  desk,
}, testInfo) => {
  const { app } = desk;
  const create = async (input: InputOf<'contacts:create'>) => {
    const r = await app.dispatch('contacts:create', input);
    if (!r.ok) throw new Error(r.error.message);
  };
  await create({
    phone: '(415) 555-0100',
    firstName: 'Zoë',
    lastName: 'Martínez',
    email: 'zoe@example.com',
    tags: ['VIP'],
    consent: { given: true, note: 'signed up at the counter' },
  });
  await create({ phone: '212-555-0123', firstName: 'Ben', lastName: 'Okafor', email: 'ben@okafor.example' });
  await create({
    phone: '+44 7400 123456',
    firstName: 'Siobhán',
    lastName: 'Kelly',
    consent: { given: false, note: 'said no at checkout' },
  });
  // Zoë writes in (the real inbound path) and we answered; the answer was delivered.
  app.ingest({
    kind: 'inbound',
    provider: 'sandbox',
    eventId: 'EVzoe1',
    providerMessageId: 'SMzoe1',
    from: ZOE,
    to: '+15550100000',
    body: 'Do you have tulips this week?',
    at: new Date(Date.now() - 120_000).toISOString(),
  });
  app.tick();
  const zoeId = (app.db.prepare('SELECT id FROM contacts WHERE phone = ?').get(ZOE) as { id: number }).id;
  const now = new Date().toISOString();
  app.db
    .prepare(
      `INSERT INTO outbox_messages (contact_id, kind, to_phone, body, provider, state, created_at, updated_at, sent_at, delivered_at) VALUES (?, 'reply', ?, ?, 'sandbox', 'delivered', ?, ?, ?, ?)`,
    )
    .run(zoeId, ZOE, 'Yes! Red and yellow ones, until Sunday.', now, now, now, now);

  const errors = await desk.open(page, 'contacts');
  await expect(page.getByText('3 contacts')).toBeVisible();
  const table = page.getByRole('table', { name: 'Contacts' });
  const search = page.getByPlaceholder('Search name, phone or email');
  for (const typed of ['(415) 555-0100', '415.555.01', '+1 415 555', '4155550100']) {
    await search.fill(typed);
    await expect(table).toHaveAttribute('aria-busy', 'false');
    await expect(table.getByRole('cell', { name: '(415) 555-0100' })).toBeVisible();
    await expect(table.getByRole('cell', { name: 'Ben Okafor' })).toHaveCount(0);
    await expect(page.getByText('1 contact matches')).toBeVisible();
  }
  await search.fill('okafor.example');
  await expect(table.getByRole('cell', { name: 'Ben Okafor' })).toBeVisible();
  await expect(table.getByRole('cell', { name: 'Zoë Martínez' })).toHaveCount(0);
  await search.fill('07400 123456');
  await expect(table.getByRole('cell', { name: 'Siobhán Kelly' })).toBeVisible();
  await search.fill('Nobody Here');
  await expect(page.getByText('No contacts match')).toBeVisible();
  await search.fill('');
  await expect(table.getByRole('cell', { name: 'Ben Okafor' })).toBeVisible();

  // The tag filter narrows the list to Zoë.
  await page.getByRole('combobox', { name: 'Filter by tag' }).selectOption('VIP');
  await expect(table.getByRole('cell', { name: 'Ben Okafor' })).toHaveCount(0);
  await expect(table.getByRole('cell', { name: 'Zoë Martínez' })).toBeVisible();

  // Zoë's details: consent record, both texts with their state.
  await table.getByRole('cell', { name: 'Zoë Martínez' }).click();
  const panel = page.getByRole('complementary', { name: 'Contact details' });
  await expect(panel.getByRole('heading', { name: 'Zoë Martínez' })).toBeVisible();
  const consent = panel.getByRole('list', { name: 'Consent history' });
  await expect(consent).toContainText('Agreed to texts');
  await expect(consent).toContainText('signed up at the counter');
  const texts = panel.getByRole('list', { name: 'Message history' });
  await expect(texts).toContainText('Do you have tulips this week?');
  await expect(texts.getByRole('listitem').filter({ hasText: 'Red and yellow ones' })).toContainText('Delivered');
  await page.setViewportSize({ width: 1280, height: 1100 });
  await shot(page, testInfo, 'contacts-detail');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Tags: add one, take VIP off.
  const tagInput = panel.getByRole('combobox', { name: 'Add a tag' });
  await tagInput.fill('Spring fair');
  await tagInput.press('Enter');
  await expect(panel.getByRole('list', { name: 'Tags' })).toContainText('Spring fair');
  await panel.getByRole('button', { name: 'Remove tag VIP' }).click();
  await expect(panel.getByRole('button', { name: 'Remove tag VIP' })).toHaveCount(0);
  await expect
    .poll(() =>
      app.db
        .prepare(
          'SELECT group_concat(t.name) AS tags FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = ?',
        )
        .get(zoeId),
    )
    .toEqual({ tags: 'Spring fair' });

  // Opt out by hand with a reason: audited, shown, and she leaves the textable list.
  await panel.getByRole('button', { name: 'Opt out' }).click();
  const optOut = page.getByRole('dialog', { name: 'Opt out Zoë Martínez?' });
  await optOut.getByRole('textbox').fill('asked in the shop');
  await optOut.getByRole('button', { name: 'Opt out' }).click();
  await expect(consent).toContainText('Opted out');
  await expect(consent).toContainText('asked in the shop');
  await expect(panel.getByText('Opted out').first()).toBeVisible();
  expect(app.db.prepare('SELECT opted_out FROM contacts WHERE id = ?').get(zoeId)).toEqual({ opted_out: 1 });
  expect(
    app.db
      .prepare(`SELECT new_state, source, message_text FROM optout_audit WHERE phone = ? ORDER BY id DESC LIMIT 1`)
      .get(ZOE),
  ).toEqual({
    new_state: 'opted_out',
    source: 'manual',
    message_text: 'asked in the shop',
  });

  // The status filter shows who opted out, and who is kept but not textable.
  await page.getByRole('combobox', { name: 'Filter by tag' }).selectOption('');
  const status = page.getByRole('combobox', { name: 'Filter by status' });
  await status.selectOption('optedOut');
  await expect(table.getByRole('cell', { name: 'Zoë Martínez' })).toBeVisible();
  await expect(table.getByRole('cell', { name: 'Ben Okafor' })).toHaveCount(0);
  await expect(page.getByText('1 contact matches')).toBeVisible();
  await status.selectOption('notTextable');
  await expect(table.getByRole('cell', { name: 'Siobhán Kelly' })).toBeVisible();
  await expect(table.getByRole('cell', { name: 'Zoë Martínez' })).toHaveCount(0);
  await status.selectOption('');

  // Opting back in needs to say how she asked.
  await panel.getByRole('button', { name: 'Opt in' }).click();
  const optIn = page.getByRole('dialog', { name: 'Opt Zoë Martínez back in?' });
  await optIn.getByRole('button', { name: 'Opt back in' }).click();
  await expect(optIn.getByRole('alert')).toContainText('Say how they asked');
  await optIn.getByRole('textbox').fill('texted START');
  await optIn.getByRole('button', { name: 'Opt back in' }).click();
  await expect(consent).toContainText('Opted back in');
  expect(app.db.prepare('SELECT opted_out FROM contacts WHERE id = ?').get(zoeId)).toEqual({ opted_out: 0 });

  // Delete Ben (after confirming).
  await table.getByRole('cell', { name: 'Ben Okafor' }).click();
  await panel.getByRole('button', { name: 'Delete' }).click();
  await page
    .getByRole('dialog', { name: 'Delete Ben Okafor?' })
    .getByRole('button', { name: 'Delete contact' })
    .click();
  await expect(table.getByRole('cell', { name: 'Ben Okafor' })).toHaveCount(0);
  await expect(page.getByText('2 contacts')).toBeVisible();
  expect(app.db.prepare(`SELECT count(*) AS n FROM contacts WHERE phone = '+12125550123'`).get()).toEqual({ n: 0 });
  expect(errors).toEqual([]);
});

test('add a contact by hand, export the list as CSV, save a filter as a segment and pick it', async ({
  page,
  desk,
}, testInfo) => {
  const ben = await desk.app.dispatch('contacts:create', {
    phone: '212-555-0123',
    firstName: 'Ben',
    lastName: 'Okafor',
    consent: { given: true, note: 'Signed up in store' },
  });
  expect(ben.ok).toBe(true);
  const errors = await desk.open(page, 'contacts');
  await expect(page.getByText('1 contact')).toBeVisible();
  await page.getByRole('button', { name: 'Add contact' }).click();
  const form = page.getByRole('dialog', { name: 'Add a contact' });
  await form.getByLabel('Phone number').fill('(646) 555-0199');
  await form.getByLabel('First name').fill('Chloé');
  await form.getByLabel('Last name').fill('Dubois');
  await form.getByLabel('Tags').fill('VIP, Walk-in');
  await form.getByLabel('How they agreed').fill('signed the sheet at the till');
  await shot(page, testInfo, 'contacts-add');
  await form.getByRole('button', { name: 'Add contact' }).click();
  await expect(
    page.getByRole('complementary', { name: 'Contact details' }).getByRole('heading', { name: 'Chloé Dubois' }),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Contacts' }).getByRole('cell', { name: '(646) 555-0199' }),
  ).toBeVisible();

  // The same number again is refused with a message that says why.
  await page.getByRole('button', { name: 'Add contact' }).click();
  await form.getByLabel('Phone number').fill('646.555.0199');
  await form.getByRole('button', { name: 'Add contact' }).click();
  await expect(form.getByRole('alert')).toBeVisible();
  await form.getByRole('button', { name: 'Cancel' }).click();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  expect(csv.split(/\r?\n/)[0].split(',').slice(0, 3)).toEqual(['Phone', 'First Name', 'Last Name']);
  expect(csv).toContain('+16465550199,Chloé,Dubois');
  expect(csv).toContain('+12125550123,Ben,Okafor');
  await expect(page.getByText(/Exported 2 contacts to/)).toBeVisible();

  await page.getByRole('combobox', { name: 'Filter by tag' }).selectOption('VIP');
  await page.getByRole('button', { name: 'Save as segment' }).click();
  const save = page.getByRole('dialog', { name: 'Save as segment' });
  await save.getByLabel('Segment name').fill('VIP walk-ins');
  await save.getByRole('button', { name: 'Save segment' }).click();
  await expect(page.getByRole('combobox', { name: 'Segment' })).toHaveValue(/\d+/);
  await expect(page.getByRole('combobox', { name: 'Segment' }).locator('option:checked')).toHaveText('VIP walk-ins');
  expect(desk.app.db.prepare('SELECT name, filter_json FROM segments').all()).toEqual([
    { name: 'VIP walk-ins', filter_json: expect.stringContaining('"VIP"') },
  ]);
  // The saved segment is what the list shows now; the tag filter it came from is cleared.
  const table = page.getByRole('table', { name: 'Contacts' });
  await expect(page.getByRole('combobox', { name: 'Filter by tag' })).toHaveValue('');
  await expect(table.getByRole('cell', { name: 'Chloé Dubois' })).toBeVisible();
  await expect(table.getByRole('cell', { name: 'Ben Okafor' })).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Segment' }).selectOption({ label: 'All contacts' });
  await expect(table.getByRole('cell', { name: 'Ben Okafor' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a long import shows its progress and can be cancelled without changing anything; a finished one is undone from the history', async ({
  page,
  desk,
}, testInfo) => {
  test.setTimeout(120_000);
  const errors = await desk.open(page, 'contacts');
  await page.getByRole('button', { name: 'Import contacts' }).click();
  const wizard = page.getByRole('dialog', { name: 'Import contacts' });
  await wizard
    .getByLabel('Contacts file')
    .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: bigSheet(150_000) });
  await expect(fieldFor(wizard, 'Mobile')).toHaveValue('mobile_phone');
  await expect(fieldFor(wizard, 'Loyalty Tier')).toHaveValue('custom:loyalty_tier');
  await wizard.getByRole('button', { name: 'Preview import' }).click();
  await expect(
    wizard.getByRole('group', { name: 'What the import will do' }).getByTestId('count-imported'),
  ).toContainText('150,000');

  // The file does not say who agreed to texts: it is asked once, for the whole file.
  await wizard.getByLabel('Signed up in store').check();
  // Cancelled as soon as it starts: the database is left exactly as it was.
  await wizard.getByRole('button', { name: 'Import 150,000 contacts' }).click();
  await expect(wizard.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await wizard.getByRole('button', { name: 'Cancel import' }).click();
  await expect(wizard.getByText('The import was cancelled. Nothing was changed.')).toBeVisible({ timeout: 30_000 });
  expect(desk.app.db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 0 });

  // Run it for real this time, watching it go, then undo it from the history.
  await wizard.getByRole('button', { name: 'Import 150,000 contacts' }).click();
  const result = wizard.getByRole('group', { name: 'Import result' });
  await expect(wizard.getByText(/rows read/).or(result)).toBeVisible({ timeout: 60_000 });
  await shot(page, testInfo, 'import-4-progress');
  await expect(result).toBeVisible({ timeout: 60_000 });
  await wizard.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText('150,000 contacts')).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Contacts' }).getByRole('cell', { name: 'Customer 149999' }),
  ).toBeVisible();

  await page.getByRole('tab', { name: 'Import history' }).click();
  const history = page.getByRole('table', { name: 'Import history' });
  const row = history.getByRole('row').filter({ hasText: 'customers.csv' }).filter({ hasText: 'Imported' });
  await expect(row).toContainText('150,000');
  await shot(page, testInfo, 'import-history');
  await row.getByRole('button', { name: 'Undo import of customers.csv' }).click();
  await page
    .getByRole('dialog', { name: 'Undo the import of customers.csv?' })
    .getByRole('button', { name: 'Undo import' })
    .click();
  await expect(page.getByRole('status').filter({ hasText: 'Undid the import of customers.csv' })).toContainText(
    '150,000 contacts removed',
    { timeout: 60_000 },
  );
  expect(desk.app.db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 0 });
  expect(errors).toEqual([]);
});
