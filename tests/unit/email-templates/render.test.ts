import { describe, expect, it } from 'vitest';
import { renderEmail, type EmailRenderInput } from '../../../shared/email-templates';

const base: EmailRenderInput = {
  subject: 'Spring sale at {{business_name}}',
  markdown: 'Hello {{first_name|friend}}!',
  contact: { firstName: 'Ann', lastName: 'Lee', phone: '+15555550100', email: 'ann@example.com', fields: {} },
  business: { name: 'Bloom & Co', contact: '(555) 555-0199', postalAddress: '1 Main St\nSpringfield, IL 62701' },
  unsubscribeUrl: 'https://relay.example/unsubscribe/t0ken',
};

const render = (patch: Partial<EmailRenderInput>) => renderEmail({ ...base, ...patch });

describe('renderEmail', () => {
  it('fills the same variables and fallbacks as texts, in subject and body', () => {
    const email = render({
      subject: 'Hi {{first_name|there}} from {{business_name}}',
      markdown: 'Dear {{full_name}}, your tier: {{field:tier|Silver}}. Call {{business_contact}}.',
    });
    expect(email.subject).toBe('Hi Ann from Bloom & Co');
    expect(email.html).toContain('Dear Ann Lee, your tier: Silver. Call (555) 555-0199.');
    expect(email.text).toContain('Dear Ann Lee, your tier: Silver. Call (555) 555-0199.');
    const noName = render({
      subject: 'Hi {{first_name|there}}',
      markdown: 'Hello {{first_name}} {{last_name|}}',
      contact: { ...base.contact, firstName: '  ', lastName: null },
    });
    expect(noName.subject).toBe('Hi there');
    expect(noName.missing).toEqual(['first_name']);
  });

  it('renders Markdown into an inline-styled, single-column layout at most 600 px wide', () => {
    const email = render({ markdown: '# Sale\n\n**Big** news and _more_:\n\n- roses\n- tulips\n\n1. order\n2. enjoy' });
    expect(email.html).toMatch(/^<!DOCTYPE html>/);
    expect(email.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(email.html).toContain('<meta name="color-scheme" content="light dark">');
    expect(email.html).toContain('max-width:600px;width:100%;');
    expect(email.html).toMatch(/<h1 style="[^"]+">Sale<\/h1>/);
    expect(email.html).toMatch(/<strong>Big<\/strong> news and <em>more<\/em>/);
    expect(email.html).toMatch(/<li style="[^"]+">roses<\/li>/);
    for (const tag of ['p', 'ul', 'ol', 'li', 'h1']) {
      expect(email.html).not.toMatch(new RegExp(`<${tag}>`));
    }
    expect(email.text).toContain('Sale\n\nBig news and more:\n\n- roses\n- tulips\n\n1. order\n2. enjoy');
  });

  it('always adds the footer: business name, postal address and this recipient’s unsubscribe link', () => {
    const email = render({ markdown: 'Just a line.' });
    expect(email.html).toContain('Bloom &amp; Co');
    expect(email.html).toContain('1 Main St<br>Springfield, IL 62701');
    expect(email.html).toMatch(/<a href="https:\/\/relay\.example\/unsubscribe\/t0ken"[^>]*>Unsubscribe<\/a>/);
    expect(email.text).toBe(
      'Just a line.\n\n--\nBloom & Co\n1 Main St\nSpringfield, IL 62701\n\nUnsubscribe: https://relay.example/unsubscribe/t0ken\n',
    );
  });

  it('shows raw HTML from the template as text, never as markup', () => {
    const email = render({ markdown: 'Hi <script>alert(1)</script> <img src=x onerror=alert(1)>' });
    expect(email.html).not.toMatch(/<script|<img src=x/i);
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('keeps images on https addresses and drops others, keeping their description', () => {
    const email = render({
      markdown:
        '![Roses](https://cdn.example/roses.png)\n\n![Local](/img/a.png) ![Inline](data:image/png;base64,AAAA) ![Plain](http://cdn.example/b.png)',
    });
    expect(email.html).toMatch(/<img src="https:\/\/cdn\.example\/roses\.png" alt="Roses" style="[^"]*max-width:100%/);
    expect(email.html.match(/<img /g)).toHaveLength(1);
    expect(email.html).toContain('Local Inline Plain');
  });

  it('links only to absolute addresses; a relative or script link keeps its words only', () => {
    const email = render({
      markdown:
        '[Shop](https://shop.example) [Mail](mailto:hi@shop.example) [Here](/offers) [Bad](javascript:alert(1))',
    });
    expect(email.html).toMatch(/<a href="https:\/\/shop\.example" style="[^"]+">Shop<\/a>/);
    expect(email.html).toMatch(/<a href="mailto:hi@shop\.example"[^>]*>Mail<\/a>/);
    expect(email.html).not.toMatch(/href="\/offers"|href="javascript:/);
    expect(email.text).toContain('Shop (https://shop.example) Mail (hi@shop.example) Here [Bad](javascript:alert(1))');
  });

  it('puts a value into a link address percent-encoded, so it cannot end the attribute or change the scheme', () => {
    const email = render({
      markdown: '[Your offer](https://shop.example/o?c={{field:code}}) and [raw]({{field:url}})',
      contact: { ...base.contact, fields: { code: '"><script>x</script>', url: 'javascript:alert(1)' } },
    });
    expect(email.html).toContain('href="https://shop.example/o?c=%22%3E%3Cscript%3Ex%3C/script%3E"');
    expect(email.html).not.toContain('javascript:');
    expect(email.html).not.toContain('<script');
  });

  it('makes the subject one line whatever the values hold', () => {
    const email = render({
      subject: '{{first_name}}  sale',
      contact: { ...base.contact, firstName: 'Ann\r\nBcc: x@y' },
    });
    expect(email.subject).toBe('Ann Bcc: x@y sale');
  });

  it('refuses an unsubscribe link that is not a web address', () => {
    expect(() => render({ unsubscribeUrl: 'javascript:alert(1)' })).toThrow(/unsubscribe link/);
    expect(() => render({ unsubscribeUrl: '' })).toThrow(/unsubscribe link/);
  });

  it('is pure: the same input gives the same e-mail', () => {
    expect(render({})).toEqual(render({}));
  });
});
