import type { Token } from 'markdown-it';
import { parseTemplate, resolveVariable, type RenderContext } from '../templates';
import { eachToken, markdown } from './markdown';

/**
 * The Markdown body parsed with each placeholder's value in place, and the variables that were empty with no
 * fallback. Values never go through the Markdown parser: each placeholder is parsed as an opaque marker (letters
 * and digits only, so no Markdown rule can touch it) and the value replaces the marker in the parsed tokens, where
 * the HTML renderer escapes it like any other text. A contact named "**Bob**" or "<b>Bob</b>" reads exactly so.
 */
export interface FilledBody {
  tokens: Token[];
  missing: string[];
}

export function fillBody(body: string, ctx: RenderContext): FilledBody {
  const parsed = parseTemplate(body);
  const marker = markerNotIn(body);
  const values: string[] = [];
  const missing: string[] = [];
  let source = '';
  for (const token of parsed.tokens) {
    if (token.kind === 'text') {
      source += token.text;
      continue;
    }
    const value = resolveVariable(token, ctx);
    if (value === '' && token.fallback === null && !missing.includes(token.key)) missing.push(token.key);
    source += `${marker}${values.length}${marker}`;
    values.push(value !== '' ? value : (token.fallback ?? ''));
  }
  const tokens = markdown.parse(source, {});
  if (values.length > 0) {
    const pattern = new RegExp(`${marker}(\\d+)${marker}`, 'g');
    const put = (text: string, encode: (value: string) => string) =>
      text.replace(pattern, (_, index: string) => encode(values[Number(index)] ?? ''));
    eachToken(tokens, (token) => {
      token.content = put(token.content, (value) => value);
      for (const attr of token.attrs ?? []) {
        // In an address a value is percent-encoded, so it cannot end the attribute or add a scheme of its own.
        attr[1] =
          attr[0] === 'href' || attr[0] === 'src'
            ? put(String(attr[1]), encodeURI)
            : put(String(attr[1]), (value) => value);
      }
    });
  }
  return { tokens, missing };
}

/** A marker such as "emv0q" that the body does not contain, so no text of the owner is mistaken for a value. */
function markerNotIn(body: string): string {
  for (let n = 0; ; n++) {
    const marker = `emv${n}q`;
    if (!body.includes(marker)) return marker;
  }
}
