import type { Span } from './parse';

/**
 * Finds opt-out instructions in a message: "Reply STOP to opt out", "Text STOP to unsubscribe", "STOP to end",
 * "Reply with 'STOP'", "Responde ALTO para cancelar". Generous about wording, strict about meaning: a keyword
 * only counts next to an instruction verb or an opt-out purpose, so "don't stop by" or "ends Sunday" never
 * pass for opt-out wording.
 */

const QUOTE = `["'\u201c\u201d\u2018\u2019\u00ab\u00bb]`;

/** Keywords whose meaning is clear even in lowercase next to "reply"/"text". */
const STRONG_KEYWORDS = ['stop', 'stopall', 'unsubscribe', 'optout', 'opt out', 'opt-out'];
const KEYWORD = `stopall|stop|unsubscribe|opt[ -]?out|end|quit|cancel|revoke|alto|baja`;
const VERB = `reply|replying|respond|text|txt|send|message|msg|type|responde|responda|env[i\u00ed]a|env[i\u00ed]e|manda|mande|contesta|conteste`;
const PURPOSE_STRONG = `opt[ -]?out|unsubscribe|unsub|be\\s+removed|cancelar|darte\\s+de\\s+baja|dejar\\s+de\\s+recibir`;
const PURPOSE_OTHER = `end|stop|cancel|quit|leave|salir`;
const CONNECTOR = `to|2|=|:|-|\u2013|\u2014|para`;

/** "Reply STOP", "Text us STOP", "reply with the word STOP", 'Reply "STOP"'. */
const instruction = new RegExp(
  `\\b(?:${VERB})\\b(?:\\s+(?:back|with|us))?(?:\\s+the\\s+word)?[\\s:,\\-]*(${QUOTE})?(${KEYWORD})(${QUOTE})?(?![\\w'\u2019\\-])`,
  'gi',
);

/** "STOP to opt out", "STOP=end", "STOP - unsubscribe", "ALTO para salir". */
const purpose = new RegExp(
  `(${QUOTE})?\\b(${KEYWORD})\\b(${QUOTE})?\\s*(?:${CONNECTOR})\\s*(?:(${PURPOSE_STRONG})|(${PURPOSE_OTHER}))\\b`,
  'gi',
);

function isStrong(keyword: string): boolean {
  return STRONG_KEYWORDS.includes(keyword.toLowerCase());
}

function isShouted(keyword: string): boolean {
  return keyword === keyword.toUpperCase();
}

/** Where the message tells the reader how to opt out, or null when it does not. */
export function findOptOutWording(text: string): Span | null {
  for (const match of text.matchAll(instruction)) {
    const [, openQuote, keyword, closeQuote] = match;
    if (isStrong(keyword) || isShouted(keyword) || (openQuote && closeQuote)) {
      return { start: match.index, end: match.index + match[0].length };
    }
  }
  for (const match of text.matchAll(purpose)) {
    const [, openQuote, keyword, closeQuote, strongPurpose] = match;
    const emphasised = isShouted(keyword) || Boolean(openQuote && closeQuote);
    const capitalised = keyword[0] === keyword[0].toUpperCase();
    if (emphasised || (strongPurpose && (isStrong(keyword) || capitalised))) {
      return { start: match.index, end: match.index + match[0].length };
    }
  }
  return null;
}
