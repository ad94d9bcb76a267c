import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderEmail, type EmailRenderInput } from '../../../shared/email-templates';

/** Values an attacker (or an unlucky import) could put in a contact: markup, Markdown, quotes, our own markers. */
const hostileValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(
      '<',
      '>',
      '"',
      "'",
      '&',
      '*',
      '_',
      '[',
      ']',
      '(',
      ')',
      '!',
      '`',
      '#',
      '\n',
      ' ',
      'a',
      ':',
      '/',
      'emv0q',
      '0',
      '{{',
      '}}',
    ),
    maxLength: 40,
  }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    'javascript:alert(1)',
    '[x](javascript:alert(1))',
    '![i](http://evil/x.png)',
    'emv0q0emv0q',
    '<!--',
    ']]>',
  ),
);

/** A body with the variables in every Markdown context: text, emphasis, heading, link words and address, image alt, code. */
const BODY = [
  '# Hi {{first_name}}',
  '',
  'Dear **{{last_name}}**, _{{field:note}}_ `{{field:code}}`',
  '',
  '[Offer for {{first_name}}](https://shop.example/o?c={{field:code}}) and [go]({{field:note}})',
  '',
  '![{{last_name}}](https://cdn.example/{{field:code}}.png)',
  '',
  '- {{email}}',
  '> {{field:note}}',
].join('\n');

function input(first: string, last: string, note: string, code: string, email: string): EmailRenderInput {
  return {
    subject: 'Hi {{first_name}} {{field:note}}',
    markdown: BODY,
    contact: { firstName: first, lastName: last, phone: null, email, fields: { note, code } },
    business: { name: 'Bloom', contact: '555', postalAddress: '1 Main St' },
    unsubscribeUrl: 'https://relay.example/u/t',
  };
}

/** The markup skeleton: every tag with its attribute names, in order. Values may change text, never this. */
function skeleton(html: string): string[] {
  return [...html.matchAll(/<(\/?[a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+(?:="[^"]*")?)*)\s*\/?>/g)].map(
    ([, tag, attrs]) =>
      `${tag}${[...(attrs ?? '').matchAll(/\s([a-zA-Z-]+)(?:="[^"]*")?/g)].map((m) => m[1]).join(',')}`,
  );
}

describe('e-mail rendering properties', () => {
  it('no variable value can add, remove or change HTML: the markup is that of a harmless value', () => {
    const neutral = renderEmail(input('x', 'x', 'x', 'x', 'x'));
    fc.assert(
      fc.property(
        hostileValue,
        hostileValue,
        hostileValue,
        hostileValue,
        hostileValue,
        (first, last, note, code, email) => {
          // A value that is empty or only spaces takes the fallback path; give each one a letter so the shape is fixed.
          const email_ = renderEmail(input(`a${first}`, `a${last}`, `a${note}`, `a${code}`, `a${email}`));
          expect(skeleton(email_.html)).toEqual(skeleton(neutral.html));
          expect(email_.html.split('<').length).toBe(neutral.html.split('<').length);
          expect(email_.html).not.toMatch(/<script|="javascript:/i);
          for (const [, src] of email_.html.matchAll(/<img src="([^"]*)"/g)) expect(src).toMatch(/^https:\/\//);
          for (const [, href] of email_.html.matchAll(/<a href="([^"]*)"/g))
            expect(href).toMatch(/^(https?:\/\/|mailto:|tel:)/);
          expect(email_.subject).not.toMatch(/[\r\n]/);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a value shows in the plain text as stored (trimmed; runs of white space as one), whatever Markdown it looks like', () => {
    fc.assert(
      fc.property(hostileValue, (value) => {
        const shown = `a${value}`.trim();
        const email = renderEmail({
          ...input('x', 'x', 'x', 'x', 'x'),
          markdown: 'Note: {{field:note}}',
          contact: { firstName: null, lastName: null, phone: null, email: null, fields: { note: `a${value}` } },
        });
        // Plain text keeps every visible character in order; a space before a line break may go (" \n<" shows "\n<").
        const spaced = (t: string) => t.replace(/\s+/g, ' ');
        expect(spaced(email.text).startsWith(spaced(`Note: ${shown}`))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('text the owner wrote that looks like our internal marker renders as written', () => {
    const email = renderEmail({ ...input('Ann', 'x', 'x', 'x', 'x'), markdown: 'emv0q0emv0q {{first_name}} emv1q' });
    expect(email.text.startsWith('emv0q0emv0q Ann emv1q')).toBe(true);
  });
});
