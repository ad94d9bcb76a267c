import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findLinks, replaceLinks } from '../../../shared/abtests/links';
import { LINK_CODE_PATTERN, newLinkCode, shortLinkBase } from '../../../electron/abtests/links';
import { isLinkPreviewBot } from '../../../electron/abtests/bots';
import { conversionKeywordIn, parseConversionKeywords } from '../../../electron/abtests/conversions';
import { abReportCsv } from '../../../electron/abtests/csv';
import type { AbReport } from '../../../shared/ipc/channels/abtests';

describe('finding links in a message', () => {
  it('finds http(s) links and leaves sentence punctuation and unopened brackets outside them', () => {
    const text =
      'Book: https://bloom.example/a?x=1&y=2. Prices (http://bloom.example/p) or https://en.wikipedia.org/wiki/Foo_(bar), HTTPS://SHOP.EXAMPLE!';
    expect(findLinks(text).map((l) => l.url)).toEqual([
      'https://bloom.example/a?x=1&y=2',
      'http://bloom.example/p',
      'https://en.wikipedia.org/wiki/Foo_(bar)',
      'HTTPS://SHOP.EXAMPLE',
    ]);
  });

  it('ignores bare domains, other schemes and an empty "https://"', () => {
    expect(findLinks('Visit bloom.example or mailto:a@b.example or ftp://x.example or https:// now')).toEqual([]);
  });

  it('changes nothing but the links themselves, for any text', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.string(), fc.constantFrom('https://a.example/x', ' http://b.example. ', '(https://c.example)')),
        ),
        (parts) => {
          const text = parts.join('');
          const replaced = replaceLinks(text, () => '<L>');
          const links = findLinks(text);
          expect(replaced.length).toBe(text.length - links.reduce((n, l) => n + l.url.length, 0) + 3 * links.length);
          expect(replaceLinks(text, (l) => l.url)).toBe(text);
        },
      ),
    );
  });
});

describe('short-link codes', () => {
  it('are 8 base62 characters, drawn without bias from the random bytes', () => {
    for (let i = 0; i < 200; i++) expect(newLinkCode()).toMatch(LINK_CODE_PATTERN);
    // Bytes 248–255 would favour the first characters of the alphabet: they are skipped.
    const bytes = [255, 248, 0, 61, 62, 247, 1, 2, 3, 4, 5, 6, 7];
    expect(newLinkCode((n) => Uint8Array.from(bytes.splice(0, n)))).toBe('0z0z1234');
  });

  it('hang off the public URL without a doubled slash', () => {
    expect(shortLinkBase('https://abc.trycloudflare.com/')).toBe('https://abc.trycloudflare.com');
    expect(shortLinkBase('https://abc.ngrok.app/desk')).toBe('https://abc.ngrok.app/desk');
  });
});

describe('link previews are not clicks', () => {
  it('recognises messaging-app and crawler fetchers, HEAD requests and visits without a user agent', () => {
    const bots = [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0',
      'WhatsApp/2.23.20.0 A',
      'TelegramBot (like TwitterBot)',
      'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
      'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
      'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
      'Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)',
      'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'SomeCrawler/1.0 (crawler)',
    ];
    for (const ua of bots) expect(isLinkPreviewBot('GET', ua), ua).toBe(true);
    expect(isLinkPreviewBot('HEAD', 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Safari/604.1')).toBe(true);
    expect(isLinkPreviewBot('GET', '')).toBe(true);
    expect(isLinkPreviewBot('GET', null)).toBe(true);
  });

  it('counts people on phones and desktops, including a phone model whose name ends in "bot"', () => {
    const people = [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
      'Mozilla/5.0 (Linux; Android 11; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
      'curl/8.5.0',
    ];
    for (const ua of people) expect(isLinkPreviewBot('GET', ua), ua).toBe(false);
  });
});

describe('conversion keywords', () => {
  it('match whole words or phrases in a reply, whatever the case and punctuation', () => {
    const keywords = parseConversionKeywords(' YES, Book ,, order now ');
    expect(keywords).toEqual(['yes', 'book', 'order now']);
    expect(conversionKeywordIn('Yes please!', keywords)).toBe('yes');
    expect(conversionKeywordIn('can I BOOK for friday?', keywords)).toBe('book');
    expect(conversionKeywordIn('I want to order now.', keywords)).toBe('order now');
    expect(conversionKeywordIn('Yesterday was great', keywords)).toBeNull();
    expect(conversionKeywordIn('booked already', keywords)).toBeNull();
    expect(parseConversionKeywords('')).toEqual([]);
  });
});

describe('CSV export', () => {
  it('quotes what needs quoting and never lets a variant text run as a spreadsheet formula', () => {
    const variant = {
      index: 0,
      name: 'A',
      label: 'Variant A',
      body: '=HYPERLINK("http://x.example","Win"), today',
      ratio: 50,
      messages: 2,
      sent: 2,
      delivered: 2,
      failed: 0,
      pending: 0,
      skipped: 0,
      clicked: 0,
      clicks: 0,
      replied: 1,
      optedOut: 0,
      converted: 0,
      successes: 1,
      denominator: 2,
      rate: 0.5,
      interval: { low: 0.1, high: 0.9 },
    };
    const report = {
      campaign: {
        id: 7,
        name: 'Spring "Sale"',
        status: 'completed',
        provider: 'sandbox',
        trackLinks: false,
        launchedAt: null,
      },
      metric: 'replied',
      basis: 'delivered',
      variants: [variant, { ...variant, index: 1, name: 'B', label: 'Variant B', body: 'Plain' }],
      verdict: {
        sentence: 'No clear winner: the difference could easily be luck (p = 0.43).',
        winner: null,
        decided: true,
        test: { statistic: 0.6, dof: 1, pValue: 0.43, method: 'x' },
      },
    } as unknown as AbReport;
    const { fileName, csv } = abReportCsv(report);
    expect(fileName).toBe('ab-test-7-spring-sale.csv');
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[1]).toBe(
      `7,"Spring ""Sale""",A,Variant A,50,2,2,2,0,0,0,0,0,1,0,0,replied,delivered,0.5,0.1,0.9,false,true,0.43,No clear winner: the difference could easily be luck (p = 0.43).,"'=HYPERLINK(""http://x.example"",""Win""), today"`,
    );
  });
});
