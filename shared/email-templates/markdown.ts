import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { ELEMENT_STYLES } from './styles';

const PRE_STYLE = ELEMENT_STYLES.pre ?? '';

/**
 * The one Markdown parser for e-mail bodies. Raw HTML in the template is never passed through (`html: false`:
 * it shows as text), bare web addresses become links, single line breaks are kept as the owner typed them.
 */
export const markdown = new MarkdownIt('default', { html: false, linkify: true, breaks: true, typographer: false });

/** Schemes a link in an e-mail may use: a relative link has nothing to be relative to in a mailbox. */
const LINK_SCHEME = /^(https?:\/\/|mailto:|tel:)/i;
/** Images are fetched by the recipient's mail client: only absolute https addresses load everywhere. */
const IMAGE_SCHEME = /^https:\/\//i;

export function isSendableLink(href: string): boolean {
  return LINK_SCHEME.test(href.trim());
}

export function isSendableImage(src: string): boolean {
  return IMAGE_SCHEME.test(src.trim());
}

/** Walks every token, block and inline, in document order. */
export function eachToken(tokens: readonly Token[], visit: (token: Token) => void): void {
  for (const token of tokens) {
    visit(token);
    if (token.children) eachToken(token.children, visit);
  }
}

/** The plain text inside inline tokens (an image's alt text, a link's label). */
export function inlineText(tokens: readonly Token[] | null): string {
  let text = '';
  for (const token of tokens ?? []) {
    if (token.type === 'text' || token.type === 'code_inline') text += token.content;
    else if (token.type === 'softbreak' || token.type === 'hardbreak') text += ' ';
    else if (token.children) text += inlineText(token.children);
  }
  return text;
}

/** Code keeps its line breaks but wraps on a phone instead of widening the whole message. */
const preformatted: NonNullable<typeof markdown.renderer.rules.fence> = (tokens, idx) =>
  `<pre style="${PRE_STYLE}">${markdown.utils.escapeHtml(tokens[idx]?.content ?? '')}</pre>\n`;
markdown.renderer.rules.fence = preformatted;
markdown.renderer.rules.code_block = preformatted;

/** A token's attribute as text ("" when absent). */
export function attrOf(token: Token, name: string): string {
  const value = token.attrGet(name);
  return value === null ? '' : String(value);
}
