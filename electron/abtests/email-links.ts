import { replaceLinks } from '../../shared/abtests/links';

/** An e-mail's two parts as rendered for one recipient. */
export interface EmailParts {
  html: string | null;
  text: string;
}

/** `href="…"` and `href='…'` attributes: the links a reader can click in the HTML part. */
const HREF = /(\shref\s*=\s*)(["'])([^"']*)\2/gi;
const WEB = /^https?:\/\//i;

/** The attribute's value as the URL it stands for (the renderer writes `&` as `&amp;`). */
function decodeAttribute(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Every http(s) link of an e-mail, in the HTML's `href`s and in the plain-text part, swapped for what `shorten`
 * gives it; one URL gets one short link in both parts, so a click in either counts for the same message. Links for
 * which `keep` answers true (the recipient's unsubscribe link) stay as they are, and so do images (`src`) and
 * `mailto:` links.
 */
export function rewriteEmailLinks(
  parts: EmailParts,
  shorten: (url: string) => string,
  keep: (url: string) => boolean,
): EmailParts {
  const short = new Map<string, string>();
  const swap = (url: string) => {
    if (keep(url)) return url;
    let s = short.get(url);
    if (s === undefined) {
      s = shorten(url);
      short.set(url, s);
    }
    return s;
  };
  const html =
    parts.html === null
      ? null
      : parts.html.replace(HREF, (whole, lead: string, quote: string, value: string) => {
          const url = decodeAttribute(value.trim());
          if (!WEB.test(url)) return whole;
          const s = swap(url);
          return s === url ? whole : `${lead}${quote}${s}${quote}`;
        });
  const text = replaceLinks(parts.text, ({ url }) => swap(url));
  return { html, text };
}
