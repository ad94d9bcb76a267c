/**
 * Look-alike characters that word processors and phones insert (smart quotes, long dashes, the ellipsis,
 * special spaces) and that silently switch a whole message to UCS-2 — 70 instead of 160 characters per
 * segment, so the same text costs two or three times as much. Each has a GSM-7 stand-in that reads the same.
 */

/** punctuation and whitespace read exactly the same after replacing; letter replacements drop an accent. */
export type GsmReplacementKind = 'punctuation' | 'whitespace' | 'letter';

export interface GsmReplacement {
  char: string;
  /** Offset in the text, in UTF-16 code units. */
  position: number;
  /** GSM-7 text to use instead ("" to remove an invisible character). */
  replacement: string;
  kind: GsmReplacementKind;
}

const table = new Map<string, { replacement: string; kind: GsmReplacementKind }>();

function add(chars: string, replacement: string, kind: GsmReplacementKind): void {
  for (const c of chars) table.set(c, { replacement, kind });
}

add('\u2018\u2019\u201a\u201b\u2032\u00b4\u0060\u02bc\u02b9', "'", 'punctuation'); // ‘ ’ ‚ ‛ ′ ´ ` ʼ ʹ
add('\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u02ba', '"', 'punctuation'); // “ ” „ ‟ ″ « » ʺ
add('\u2039', '<', 'punctuation'); // ‹
add('\u203a', '>', 'punctuation'); // ›
add('\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d', '-', 'punctuation'); // hyphens, en/em dashes, minus
add('\u2026', '...', 'punctuation'); // …
add('\u2022\u00b7\u2027\u2219', '-', 'punctuation'); // • · ‧ ∙ used as list bullets
add('\u2122', 'TM', 'punctuation'); // ™
add('\u2044\u2215', '/', 'punctuation'); // ⁄ ∕
add('\u00d7', 'x', 'punctuation'); // ×
add('\uff01', '!', 'punctuation');
add('\uff1f', '?', 'punctuation');
add('\uff0c', ',', 'punctuation');
add('\uff1a', ':', 'punctuation');
add('\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t', ' ', 'whitespace');
add('\u2028\u2029\u0085', '\n', 'whitespace'); // line/paragraph separators
add('\u200b\u2060\ufeff\u00ad', '', 'whitespace'); // zero-width space, word joiner, BOM, soft hyphen

// Accented letters outside the GSM alphabet (é, è, à, ñ, ü … are in it and stay as they are).
add('\u00e1\u00e2\u00e3\u0101\u0103\u0105', 'a', 'letter'); // á â ã ā ă ą
add('\u00c1\u00c0\u00c2\u00c3\u0100\u0102\u0104', 'A', 'letter');
add('\u00ea\u00eb\u0113\u0117\u0119\u011b', 'e', 'letter'); // ê ë ē ė ę ě
add('\u00c8\u00ca\u00cb\u0112\u0116\u0118\u011a', 'E', 'letter');
add('\u00ed\u00ee\u00ef\u012b\u012f\u0131', 'i', 'letter'); // í î ï ī į ı
add('\u00cd\u00cc\u00ce\u00cf\u012a\u012e\u0130', 'I', 'letter');
add('\u00f3\u00f4\u00f5\u014d\u0151', 'o', 'letter'); // ó ô õ ō ő
add('\u00d3\u00d2\u00d4\u00d5\u014c\u0150', 'O', 'letter');
add('\u00fa\u00fb\u016b\u016f\u0171\u0173', 'u', 'letter'); // ú û ū ů ű ų
add('\u00da\u00d9\u00db\u016a\u016e\u0170\u0172', 'U', 'letter');
add('\u00fd\u00ff', 'y', 'letter');
add('\u00dd\u0178', 'Y', 'letter');
add('\u00e7\u0107\u010d', 'c', 'letter'); // ç ć č
add('\u0106\u010c', 'C', 'letter');
add('\u0144\u0148', 'n', 'letter');
add('\u0143\u0147', 'N', 'letter');
add('\u015b\u0161\u015f', 's', 'letter');
add('\u015a\u0160\u015e', 'S', 'letter');
add('\u017a\u017c\u017e', 'z', 'letter');
add('\u0179\u017b\u017d', 'Z', 'letter');
add('\u0142', 'l', 'letter');
add('\u0141', 'L', 'letter');
add('\u0159', 'r', 'letter');
add('\u0158', 'R', 'letter');
add('\u010f', 'd', 'letter');
add('\u010e', 'D', 'letter');
add('\u0165', 't', 'letter');
add('\u0164', 'T', 'letter');
add('\u011f', 'g', 'letter');
add('\u011e', 'G', 'letter');
add('\u0153', 'oe', 'letter');
add('\u0152', 'OE', 'letter');

/** The GSM-7 stand-in for one character, or undefined when there is none (emoji, other scripts). */
export function gsmReplacementFor(char: string): { replacement: string; kind: GsmReplacementKind } | undefined {
  return table.get(char);
}

/** Every character in the text that has a GSM-7 stand-in, in order. */
export function gsmReplacements(text: string): GsmReplacement[] {
  const found: GsmReplacement[] = [];
  for (let i = 0; i < text.length; i++) {
    const entry = table.get(text[i]);
    if (entry) found.push({ char: text[i], position: i, replacement: entry.replacement, kind: entry.kind });
  }
  return found;
}

export interface ApplyGsmReplacementsOptions {
  /** Which kinds to apply; all by default. Pass ['punctuation', 'whitespace'] to keep accents on names. */
  kinds?: readonly GsmReplacementKind[];
}

/** The text with the stand-ins applied. Characters without one (emoji) are left as they are. */
export function applyGsmReplacements(text: string, options: ApplyGsmReplacementsOptions = {}): string {
  const kinds = options.kinds ?? null;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const entry = table.get(text[i]);
    out += entry && (kinds === null || kinds.includes(entry.kind)) ? entry.replacement : text[i];
  }
  return out;
}
