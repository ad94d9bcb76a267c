/** Turning single cells into contact values: names, tags, SMS and e-mail consent. */

const HONORIFICS = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'sir',
  'madam',
  'mme',
  'mlle',
  'herr',
  'frau',
  'sra',
  'srta',
]);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'v', 'phd', 'md', 'dds', 'esq', 'cpa', 'rn']);
const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'da',
  'di',
  'del',
  'della',
  'der',
  'den',
  'du',
  'la',
  'le',
  'dos',
  'das',
  'do',
  'st',
  'ste',
  'bin',
  'ibn',
  'al',
  'el',
  'ten',
  'ter',
  'ó',
  'ní',
  'nic',
  'mac',
]);

const bare = (token: string) => token.toLowerCase().replace(/[.,]/g, '');

/**
 * "Dr. María José de la Cruz Jr." → first "María José", last "de la Cruz Jr."; "Smith, Anna" → first "Anna",
 * last "Smith". A single word is a first name. Honorifics are dropped, generational suffixes stay with the last name.
 */
export function splitFullName(full: string): { firstName: string; lastName: string } {
  const text = full.replace(/\s+/g, ' ').trim();
  if (!text) return { firstName: '', lastName: '' };
  const comma = text.indexOf(',');
  if (comma > 0) {
    const before = text.slice(0, comma).trim();
    const after = text.slice(comma + 1).trim();
    // "Smith, Anna" (last, first) — but not "Anna Smith, Jr." where the part after the comma is a suffix.
    if (after && !SUFFIXES.has(bare(after)) && !before.includes(' ')) return { firstName: after, lastName: before };
  }
  let tokens = text.replace(/,/g, ' ').split(' ').filter(Boolean);
  while (tokens.length > 1 && HONORIFICS.has(bare(tokens[0]))) tokens = tokens.slice(1);
  const suffix: string[] = [];
  while (tokens.length > 2 && SUFFIXES.has(bare(tokens[tokens.length - 1]))) suffix.unshift(tokens.pop()!);
  if (tokens.length === 1) return { firstName: tokens[0], lastName: suffix.join(' ') };
  let lastStart = tokens.length - 1;
  for (let i = 1; i < tokens.length - 1; i++) {
    if (PARTICLES.has(tokens[i].toLowerCase())) {
      lastStart = i;
      break;
    }
  }
  return {
    firstName: tokens.slice(0, lastStart).join(' '),
    lastName: [...tokens.slice(lastStart), ...suffix].join(' '),
  };
}

const TAG_SEPARATORS = /\s*(?::::|[;,|\n])\s*/;

/**
 * Tags from a cell: Google joins labels with " ::: ", Outlook categories with ";", Shopify and Square with ",",
 * Mailchimp wraps each in quotes. Google's built-in "* myContacts" group says nothing about the contact and is
 * skipped; its other starred groups ("* starred") keep their name without the star.
 */
export function splitTags(cell: string): string[] {
  if (!cell) return [];
  const out: string[] = [];
  const seen = new Set<string>();
  for (let part of cell.split(TAG_SEPARATORS)) {
    // Control characters from broken exports never belong in a tag name.

    part = part
      .replace(/^["']+|["']+$/g, '')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u001f]/g, '')
      .trim();
    if (part.startsWith('* ')) {
      if (part.toLowerCase() === '* mycontacts') continue;
      part = part.slice(2).trim();
    }
    if (!part) continue;
    part = part.slice(0, 100);
    const key = part.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(part);
  }
  return out;
}

const CONSENT_YES = new Set([
  'yes',
  'y',
  'true',
  '1',
  'subscribed',
  'opted in',
  'optedin',
  'opt in',
  'optin',
  'confirmed',
  'granted',
  'accepted',
  'accepts',
  'x',
  'si',
  'sí',
  'oui',
  'ja',
]);
const CONSENT_NO = new Set([
  'no',
  'n',
  'false',
  '0',
  'unsubscribed',
  'not subscribed',
  'never subscribed',
  'opted out',
  'optedout',
  'opt out',
  'optout',
  'declined',
  'denied',
  'revoked',
  'redacted',
  'non',
  'nein',
]);

/**
 * A consent cell: 1 (yes), 0 (no) or null (not stated — "pending", empty, or words we do not know).
 * Unknown words are not read as consent: the stricter reading.
 */
export function parseConsent(cell: string): 0 | 1 | null {
  const v = cell.trim().toLowerCase().replace(/[_-]+/g, ' ');
  if (!v) return null;
  if (CONSENT_YES.has(v)) return 1;
  if (CONSENT_NO.has(v)) return 0;
  return null;
}

/** A date or a date and time as exporters write them: 2024-03-05 10:11:12, 03/05/2024 (Mailchimp's OPTIN_TIME…). */
const A_TIME = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}\/\d{2,4})([ T].*)?$/;

/**
 * A cell of an e-mail column: a yes or no word as parseConsent reads it, or the time something happened (when
 * they opted in, unsubscribed, were cleaned), which says yes. Anything else is not stated: never assumed.
 */
export function parseEmailCell(cell: string): 0 | 1 | null {
  const c = parseConsent(cell);
  if (c !== null) return c;
  return A_TIME.test(cell.trim()) ? 1 : null;
}

/** Several numbers in one cell: Google's " ::: ", or a list someone typed with commas, semicolons or slashes. */
export function splitPhoneCell(cell: string): string[] {
  if (!cell) return [];
  if (!/:::|[;,|\n]| \/ /.test(cell)) return [cell];
  return cell.split(/\s*(?::::|[;,|\n]|\s\/\s)\s*/).filter((s) => s.trim() !== '');
}
