import { describe, expect, it } from 'vitest';
import { lintEmailTemplate, type EmailIssue } from '../../../shared/email-templates';

const codes = (issues: EmailIssue[]) => issues.map((i) => i.code);
const lint = (subject: string, body: string, postalAddress = '1 Main St, Springfield') =>
  lintEmailTemplate(subject, body, { postalAddress });

describe('lintEmailTemplate', () => {
  it('passes a plain, complete template', () => {
    expect(
      lint('Spring sale at {{business_name}}', 'Hi {{first_name|there}}, see [the shop](https://shop.example).'),
    ).toEqual([]);
  });

  it('says the postal address setting is missing', () => {
    const issues = lint('Sale', 'Hello', '  ');
    expect(issues[0]).toMatchObject({ code: 'postal_address_not_set', severity: 'error', part: 'settings' });
    expect(issues[0]?.message).toMatch(/Settings → E-mail/);
  });

  it('checks the subject: empty is an error, over 78 characters and spammy patterns are warnings', () => {
    expect(codes(lint('  ', 'Hello'))).toEqual(['subject_empty']);
    expect(lint('x'.repeat(79), 'Hello')[0]).toMatchObject({ code: 'subject_too_long', severity: 'warning' });
    expect(codes(lint('x'.repeat(78), 'Hello'))).toEqual([]);
    expect(codes(lint('FREE STUFF FOR EVERYONE', 'Hello'))).toEqual(['subject_spammy']);
    expect(codes(lint('Act now!!!', 'Hello'))).toEqual(['subject_spammy', 'subject_spammy']);
    expect(codes(lint('Re: your order', 'Hello'))).toEqual(['subject_spammy']);
  });

  it('reports images not on an https address as errors', () => {
    const issues = lint(
      'Sale',
      '![Roses](https://cdn.example/r.png) ![Tulips](http://cdn.example/t.png) ![Local](/a.png) ![Pasted](data:image/png;base64,AAAA)',
    );
    expect(codes(issues)).toEqual(['image_not_https', 'image_not_https', 'image_not_https']);
    expect(issues.map((i) => i.message).join(' ')).toMatch(
      /"Tulips" is not on https.*"Local" is not a full web address.*"Pasted" is pasted/,
    );
  });

  it('reports relative links, and warns about an unsubscribe link of the owner’s own', () => {
    expect(lint('Sale', '[Offers](/offers)')[0]).toMatchObject({ code: 'link_not_absolute', severity: 'error' });
    const own = lint('Sale', 'Bye? [Unsubscribe here](#)');
    expect(codes(own)).toEqual(['own_unsubscribe_link']);
    expect(own[0]?.message).toMatch(/footer adds a working unsubscribe link/);
    expect(codes(lint('Sale', 'To unsubscribe, reply to this e-mail.'))).toEqual(['own_unsubscribe_link']);
  });

  it('warns that HTML is shown as written, and reports broken variables in subject and body', () => {
    expect(codes(lint('Sale', 'Hi <b>there</b>'))).toEqual(['raw_html']);
    const broken = lint('Hi {{frist_name}}', 'Hello {{first_name');
    expect(broken.map((i) => [i.part, i.code])).toEqual([
      ['subject', 'unknown_variable'],
      ['body', 'unclosed_braces'],
    ]);
  });
});
