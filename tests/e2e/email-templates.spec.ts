import { test, expect } from './fixtures';
import { shots } from './shots';
import { seedContacts } from '../integration/templates/seed';

// The owner's picture on their shop's web site (https), answered here so the test needs no network.
const PICTURE = 'https://shop.bloom.example/spring.svg';
const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200"><rect width="600" height="200" fill="#f9c6d3"/><text x="300" y="110" font-size="36" text-anchor="middle" fill="#7a1f3d">Spring at Bloom</text></svg>';

test('write an e-mail template: checks clear as it is fixed, desktop and phone preview with its styles, save, send a test', async ({
  page,
  desk,
}, testInfo) => {
  test.setTimeout(180_000);
  const { app } = desk;
  app.settings.set('business.name', 'Bloom Salon');
  app.settings.set('email.from', 'Bloom Salon <hello@bloom.example>');
  app.settings.set('email.postalAddress', '12 Market St, Springfield, IL 62701');
  app.settings.set('webhooks.publicUrl', 'https://bloom.example');
  seedContacts(app.db, [{ phone: '+14155550100', first: 'Ana', last: 'Lee', email: 'ana@example.com' }]);
  await page.route(PICTURE, (route) => route.fulfill({ status: 200, contentType: 'image/svg+xml', body: SVG }));
  await page.setViewportSize({ width: 1440, height: 900 });
  const errors = await desk.open(page, 'templates');

  await page.getByRole('button', { name: 'Write your first template' }).click();
  await page.getByRole('radiogroup', { name: 'Kind of template' }).getByText('E-mail').click();
  await expect(page.getByRole('heading', { name: 'New e-mail template' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Spring newsletter');

  // The text first: a picture from a plain http address, and no subject yet.
  const body = page.getByRole('textbox', { name: 'E-mail text' });
  await body.fill('Hi ');
  await body.press('End');
  await page.getByRole('toolbar', { name: 'Insert variable' }).getByRole('button', { name: 'First name' }).click();
  await expect(body).toHaveValue('Hi {{first_name|there}}');
  await body.press('End');
  await page.keyboard.insertText(
    ',\n\nOur **spring sale** starts today: 20% off every colour.\n\n![Spring flowers](http://shop.bloom.example/spring.svg)\n\n[Book a visit](https://bloom.example/book)',
  );
  const subjectProblems = page.getByRole('list', { name: 'Subject problems' });
  const problems = page.getByRole('list', { name: 'Problems', exact: true });
  await expect(subjectProblems).toContainText('Write a subject');
  await expect(problems).toContainText('The image "Spring flowers" is not on https');
  await expect(page.getByRole('button', { name: 'Send a test e-mail' })).toBeDisabled();

  // A pasted picture is refused, with the reason and what to do instead.
  await body.evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'data:image/png;base64,iVBORw0KGgo=');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(page.getByRole('alert').filter({ hasText: 'Pictures cannot be pasted into an e-mail' })).toBeVisible();
  await expect(body).not.toHaveValue(/data:image/);

  // Fixed one by one, the problems go away.
  await page.getByRole('textbox', { name: 'Subject' }).fill('{{first_name|Hello}}, our spring sale starts today');
  await expect(subjectProblems).toHaveCount(0);
  await body.fill((await body.inputValue()).replace('http://shop.bloom.example/spring.svg', PICTURE));
  await expect(page.getByRole('status').filter({ hasText: 'No problems found.' })).toBeVisible();

  // The preview: the real rendered e-mail for Ana, its inline styles applied inside the sandboxed frame.
  await expect(page.getByTestId('email-preview-subject')).toHaveText('Ana, our spring sale starts today');
  const frameElement = page.locator('iframe[title="E-mail preview"]');
  await expect(frameElement).toHaveAttribute('sandbox', '');
  const frame = page.frameLocator('iframe[title="E-mail preview"]');
  const card = frame.locator('td.em-card');
  await expect(card).toContainText('Hi Ana,');
  await expect(card.locator('strong')).toHaveText('spring sale');
  await expect(card.locator('img')).toHaveAttribute('src', PICTURE);
  await expect(frame.locator('td.em-footer')).toContainText('12 Market St, Springfield, IL 62701');
  await expect(card).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await expect(card).toHaveCSS('padding-top', '32px');
  await expect(card.locator('a')).toHaveCSS('color', 'rgb(11, 87, 208)');
  await expect(frameElement).toHaveAttribute('width', '640');
  await shots(page, testInfo, 'email-template-desktop');

  // At a phone's width the e-mail's own narrow-screen rule takes over (its <style> block applies too).
  await page.getByRole('radiogroup', { name: 'Preview width' }).getByText('Phone').click();
  await expect(frameElement).toHaveAttribute('width', '375');
  await expect(card).toHaveCSS('padding-top', '20px');
  await shots(page, testInfo, 'email-template-phone');

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Template saved.' })).toBeVisible();
  const stored = app.db.prepare('SELECT name, channel, subject FROM templates').all();
  expect(stored).toEqual([
    { name: 'Spring newsletter', channel: 'email', subject: '{{first_name|Hello}}, our spring sale starts today' },
  ]);
  const library = page.getByRole('list', { name: 'Saved templates' });
  await expect(library.getByRole('button', { name: /Spring newsletter/ })).toContainText('E-mail');
  await page.getByLabel('Kind').selectOption('sms');
  await expect(library).toHaveCount(0);
  await page.getByLabel('Kind').selectOption('email');
  await expect(library.getByRole('button')).toHaveCount(1);

  // A test through the Sandbox (the e-mail service set up), to the sender's address, marked [Test].
  await page.getByRole('button', { name: 'Send a test e-mail' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Test e-mail' })).toContainText(
    'Test e-mail "[Test] Ana, our spring sale starts today" sent to hello@bloom.example through the Sandbox (simulated)',
  );
  const sent = app.db.prepare('SELECT to_phone AS toEmail, body FROM sandbox_messages').all();
  expect(sent).toEqual([{ toEmail: 'hello@bloom.example', body: '[Test] Ana, our spring sale starts today' }]);
  await shots(page, testInfo, 'email-template-sent');
  // Playwright's trace recorder tries to run its snapshot script in every frame; the preview frame refuses it (no
  // script runs there: sandboxed, and its CSP has no script source). Those refusals are the only messages allowed.
  const refusedInPreview = /^Blocked script execution in 'http:\/\/127\.0\.0\.1:\d+\/email-preview\?email=/;
  expect(errors.filter((e) => !refusedInPreview.test(e))).toEqual([]);
});
