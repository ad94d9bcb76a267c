import type { Locator, Page, TestInfo } from '@playwright/test';

/** A screenshot of the page (the import wizard is a modal, so the window is what matters), attached to the report. */
export async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

/**
 * A Google Contacts export as people have them: a second number joined into "Phone 1 - Value" with " ::: ",
 * accented names, labels as tags, a number too short to be real, a quoted note with a line break, a row repeating
 * an earlier number, and an "Accepts SMS Marketing" column (copied in from a Shopify export) saying "no" for Liam.
 */
export const GOOGLE_CSV = [
  'First Name,Last Name,Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Accepts SMS Marketing',
  'Zoë,Martínez,1990-04-01,"Met at the market,\nloves tulips",* myContacts ::: VIP,* Home,zoe@example.com,Mobile,(415) 555-0142 ::: (415) 555-0143,yes',
  'Renée,Lefèvre,,,* myContacts,,renee@example.com,Home,212.555.0101,',
  'Björn,Sørensen,,,* myContacts,,bjorn@example.com,Work,555-12,yes',
  "Liam,O'Connor,,,* myContacts ::: Newsletter,,liam@example.com,Mobile,+1 646-555-0177,no",
  'Mateo,García,,,Newsletter,,,Mobile,(415) 555-0142,yes',
].join('\r\n');

/** The wizard's steps scroll inside the dialog; a screenshot should start at the top of the step. */
export async function scrollStepToTop(dialog: Locator): Promise<void> {
  await dialog.locator('.ct-wizard-body').evaluate((el) => el.scrollTo(0, 0));
}

export function fieldFor(dialog: Locator, header: string): Locator {
  return dialog.getByRole('combobox', { name: `Field for ${header}` });
}

/** A big plain sheet (150,000 rows are about 8 MB), so the import runs long enough to watch and to cancel. */
export function bigSheet(rows: number): Buffer {
  const lines = ['Name,Mobile,Email,Loyalty Tier'];
  for (let i = 0; i < rows; i++)
    lines.push(
      `Customer ${i},(212) ${String(2000000 + i).replace(/^(\d{3})/, '$1-')},c${i}@example.com,${i % 3 ? 'silver' : 'gold'}`,
    );
  return Buffer.from(lines.join('\n'), 'utf8');
}
