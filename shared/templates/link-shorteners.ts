/**
 * Public link shorteners. US carriers filter messages carrying them because spammers share the same domains;
 * a campaign with one is often silently not delivered. Links on the business's own domain (or a branded
 * short domain it owns) are fine. Keep the list lowercase; it can grow.
 */
export const LINK_SHORTENER_DOMAINS: readonly string[] = [
  'bit.ly',
  'j.mp',
  'bit.do',
  'tinyurl.com',
  'tiny.cc',
  'tiny.one',
  'goo.gl',
  'ow.ly',
  't.co',
  'is.gd',
  'v.gd',
  'buff.ly',
  'rebrand.ly',
  'cutt.ly',
  'shorturl.at',
  'rb.gy',
  'bl.ink',
  't.ly',
  's.id',
  'short.gy',
  'shrtco.de',
  'clck.ru',
  'soo.gd',
  'x.co',
  'tr.im',
  'su.pr',
  'cli.gs',
  'u.to',
  'qr.ae',
  'adf.ly',
  'shorte.st',
  'mcaf.ee',
  '1url.com',
];

export interface ShortenerLink {
  domain: string;
  /** The link as written, without trailing sentence punctuation. */
  url: string;
  /** UTF-16 offsets in the text, end exclusive. */
  start: number;
  end: number;
}

const escaped = [...LINK_SHORTENER_DOMAINS]
  .sort((a, b) => b.length - a.length)
  .map((d) => d.replace(/\./g, '\\.'))
  .join('|');

/**
 * The domain must stand alone: not the tail of a longer host ("mybit.ly", "at.co"), not followed by more host
 * ("t.com", "bit.ly.example.com"), and not inside another link's path.
 */
const linkPattern = new RegExp(
  `(?<![\\w.@/\\-])(?:https?://)?(?:www\\.)?(${escaped})(?![\\w\\-]|\\.[a-z0-9])(?:[/?#][^\\s]*)?`,
  'gi',
);

const TRAILING_PUNCTUATION = /[.,;:!?)\]'"\u2019\u201d>]+$/;

export function findLinkShorteners(text: string): ShortenerLink[] {
  const links: ShortenerLink[] = [];
  for (const match of text.matchAll(linkPattern)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, '');
    links.push({ domain: match[1].toLowerCase(), url, start: match.index, end: match.index + url.length });
  }
  return links;
}
