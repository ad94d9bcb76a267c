import { describe, expect, it } from 'vitest';
import { LINK_SHORTENER_DOMAINS, findLinkShorteners } from '../../../shared/templates/link-shorteners';
import { lintTemplate } from '../../../shared/templates/lint';
import { findOptOutWording } from '../../../shared/templates/opt-out-wording';

const OPT_OUT = ' Reply STOP to opt out';
/** Compliance findings only: the UCS-2 cost warnings have their own tests below. */
const codes = (body: string, businessName = 'Bloom Salon', requireOptOut?: boolean) =>
  lintTemplate(body, { businessName, requireOptOut })
    .map((i) => i.code)
    .filter((code) => code !== 'ucs2_forced');

describe('business name', () => {
  it('is satisfied by {{business_name}} or by the name written out', () => {
    expect(codes(`{{business_name}}: 20% off today.${OPT_OUT}`)).toEqual([]);
    expect(codes(`{{ business_name | us }}: 20% off today.${OPT_OUT}`)).toEqual([]);
    expect(codes(`Bloom Salon: 20% off today.${OPT_OUT}`)).toEqual([]);
  });

  it('matches the written name regardless of case, spacing and quote style', () => {
    expect(codes(`JOE\u2019S   pizza: 2 for 1.${OPT_OUT}`, "Joe's Pizza")).toEqual([]);
  });

  it('warns when the name is not there, or only part of a longer word', () => {
    const [issue] = lintTemplate(`20% off today.${OPT_OUT}`, { businessName: 'Bloom Salon' });
    expect(issue).toMatchObject({
      code: 'missing_business_name',
      severity: 'warning',
      suggestion: '{{business_name}}',
    });
    expect(issue.message).toContain('Bloom Salon');
    expect(codes(`Blooming deals today!${OPT_OUT}`, 'Bloom')).toEqual(['missing_business_name']);
    expect(codes(`Thanks from Bloom!${OPT_OUT}`, 'Bloom')).toEqual([]);
  });

  it('warns when the business name setting is empty, even if the template uses the variable', () => {
    expect(codes(`{{business_name}}: 20% off.${OPT_OUT}`, '  ')).toEqual(['business_name_not_set']);
    expect(codes(`20% off.${OPT_OUT}`, '')).toEqual(['business_name_not_set', 'missing_business_name']);
  });
});

describe('opt-out wording', () => {
  it.each([
    'Reply STOP to opt out',
    'Text STOP to unsubscribe',
    'STOP to end',
    'Reply with "STOP" to stop these texts',
    "Reply 'STOP'",
    'reply stop to opt out',
    'Txt STOP 2 quit',
    'Msg&data rates may apply. Reply HELP for help, STOP to cancel.',
    'To opt out, reply END.',
    'Opt out: text STOPALL',
    'Unsubscribe anytime: reply UNSUBSCRIBE',
    'STOP=stop',
    'STOP \u2013 unsubscribe',
    'stop to opt-out',
    'Reply \u201cSTOP\u201d to opt out',
    'Responde ALTO para cancelar',
  ])('finds %j', (text) => {
    expect(findOptOutWording(`Big sale this weekend! ${text}`)).not.toBeNull();
    expect(codes(`Bloom Salon: sale! ${text}`)).toEqual([]);
  });

  it.each([
    "Don't stop by without saying hi",
    'Sale ends Sunday',
    'We text you when your order is ready',
    'Stop in today to end the week right',
    'Scroll to the end to unsubscribe from emails',
    'Reply to this text to book',
    "Don't stop to end your day without us",
    'We send end-of-season deals',
    'Our stop-motion class starts Monday',
    'reply end',
    'Reply STOPPING soon',
  ])('does not mistake %j for opt-out wording', (text) => {
    expect(findOptOutWording(text)).toBeNull();
    expect(codes(`Bloom Salon: ${text}`)).toEqual(['missing_opt_out']);
  });

  it('locates the wording', () => {
    expect(findOptOutWording('Hi! Reply STOP to opt out')).toEqual({ start: 4, end: 14 });
    expect(findOptOutWording('Hi! STOP to end')).toEqual({ start: 4, end: 15 });
  });

  it('is not required for one-to-one replies', () => {
    expect(codes('Bloom Salon: your appointment is at 3pm', 'Bloom Salon', false)).toEqual([]);
  });
});

describe('link shorteners', () => {
  it('flags a public shortener as an error at the exact link, without trailing punctuation', () => {
    const body = `Bloom Salon: book at https://bit.ly/3xYz. See you!${OPT_OUT}`;
    const issues = lintTemplate(body, { businessName: 'Bloom Salon' });
    expect(issues).toEqual([
      expect.objectContaining({ code: 'link_shortener', severity: 'error', position: { start: 21, end: 40 } }),
    ]);
    expect(body.slice(21, 40)).toBe('https://bit.ly/3xYz');
  });

  it.each(LINK_SHORTENER_DOMAINS)('knows %s', (domain) => {
    const links = findLinkShorteners(`Go to ${domain}/abc now`);
    expect(links).toEqual([{ domain, url: `${domain}/abc`, start: 6, end: 6 + domain.length + 4 }]);
  });

  it('finds several links, with or without scheme and www, in any case', () => {
    const links = findLinkShorteners('A: HTTPS://BIT.LY/X, b: www.tinyurl.com/y) c: t.co/z');
    expect(links.map((l) => [l.domain, l.url, l.start, l.end])).toEqual([
      ['bit.ly', 'HTTPS://BIT.LY/X', 3, 19],
      ['tinyurl.com', 'www.tinyurl.com/y', 24, 41],
      ['t.co', 't.co/z', 46, 52],
    ]);
  });

  it('keeps a personalised link whole', () => {
    expect(findLinkShorteners('bit.ly/{{field:code}}')[0].url).toBe('bit.ly/{{field:code}}');
  });

  it.each([
    'mybit.ly/abc',
    'https://example.com/bit.ly/abc',
    'see at.co/x',
    'visit t.com/deals',
    'bit.ly.example.com/x',
    'email me at ann@bit.ly',
    'https://bloomsalon.com/book',
  ])('does not flag %j', (text) => {
    expect(findLinkShorteners(text)).toEqual([]);
  });
});

describe('characters that force UCS-2', () => {
  it('warns at each one, with the GSM stand-in when there is one', () => {
    const body = `Bloom Salon: we\u2019re open \u{1F389}\u00a0today.${OPT_OUT}`;
    const issues = lintTemplate(body, { businessName: 'Bloom Salon' });
    expect(issues.map((i) => [i.code, i.severity, i.position, i.suggestion])).toEqual([
      ['ucs2_forced', 'warning', { start: 15, end: 16 }, "'"],
      ['ucs2_forced', 'warning', { start: 24, end: 26 }, undefined],
      ['ucs2_forced', 'warning', { start: 26, end: 27 }, ' '],
    ]);
    expect(issues[1].message).toContain('no plain-text equivalent');
    expect(issues[2].message).toContain('U+00A0');
  });

  it('says nothing for a GSM-7 message', () => {
    expect(codes(`Bloom Salon: caf\u00e9 & cr\u00e8me [50% off] \u20ac5.${OPT_OUT}`)).toEqual([]);
  });
});
