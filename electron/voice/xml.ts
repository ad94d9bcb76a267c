// XML for TwiML: every piece of text and every attribute value goes through `xmlText`, so no script, business name
// or URL can open a tag of its own.

/** Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/FFFF): dropped. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

// Line breaks and tabs as references too: a parser would otherwise normalise them (\r to \n, and to spaces in attributes).
const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Text safe inside an element or a double-quoted attribute. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, '').replace(/[&<>"'\t\n\r]/g, (c) => ENTITY[c]);
}

export type Attributes = Record<string, string | number | undefined>;

/** One element: attributes escaped, children already XML (from `element`) or text (escaped here). */
export function element(name: string, attributes: Attributes, children: Array<string | { text: string }> = []): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${xmlText(String(value))}"`)
    .join('');
  if (children.length === 0) return `<${name}${attrs}/>`;
  const inner = children.map((c) => (typeof c === 'string' ? c : xmlText(c.text))).join('');
  return `<${name}${attrs}>${inner}</${name}>`;
}

export function twimlDocument(verbs: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${element('Response', {}, verbs)}`;
}
