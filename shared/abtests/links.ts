/**
 * Finding the links in a message, so each can be swapped for a tracked short link. Only http(s) links are
 * tracked: a bare "example.com" may be a name rather than a link, and rewriting it would change the message.
 */

export interface FoundLink {
  url: string;
  /** UTF-16 offsets in the text, end exclusive. */
  start: number;
  end: number;
}

const LINK = /\bhttps?:\/\/[^\s<>"]+/gi;
/** Sentence punctuation right after a link belongs to the sentence ("Book at https://x.com/a."). */
const TRAILING = /[.,;:!?'"\u2019\u201d>]+$/;

/** A closing bracket ends the link unless the link opened it (Wikipedia-style "…/Foo_(bar)"). */
function trimUnbalanced(url: string): string {
  let result = url;
  for (;;) {
    const stripped = result.replace(TRAILING, '');
    const last = stripped[stripped.length - 1];
    const pairs: Record<string, string> = { ')': '(', ']': '[' };
    const open = pairs[last];
    if (open && count(stripped, open) < count(stripped, last)) {
      result = stripped.slice(0, -1);
      continue;
    }
    return stripped;
  }
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

export function findLinks(text: string): FoundLink[] {
  const links: FoundLink[] = [];
  for (const match of text.matchAll(LINK)) {
    const url = trimUnbalanced(match[0]);
    // "https://" alone (or followed only by punctuation) is not a link.
    if (!/^https?:\/\/[^/?#]+/i.test(url) || /^https?:\/\/[.:/?#]*$/i.test(url)) continue;
    links.push({ url, start: match.index, end: match.index + url.length });
  }
  return links;
}

/** Replaces each link with what `replace` returns for it, leaving the rest of the text exactly as it was. */
export function replaceLinks(text: string, replace: (link: FoundLink) => string): string {
  const links = findLinks(text);
  if (links.length === 0) return text;
  let out = '';
  let at = 0;
  for (const link of links) {
    out += text.slice(at, link.start) + replace(link);
    at = link.end;
  }
  return out + text.slice(at);
}
