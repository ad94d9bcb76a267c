import type { Token } from 'markdown-it';
import { attrOf, inlineText, isSendableImage, isSendableLink } from './markdown';
import { ELEMENT_STYLES } from './styles';

/**
 * Makes parsed tokens safe to send, in place: a link whose address is not absolute (https, http, mailto, tel)
 * keeps its words but loses the link; an image that is not on an https address shows its description instead
 * (the lint reports both as errors before anything is sent); every element gets its inline style.
 */
export function makeSendable(tokens: Token[]): Token[] {
  for (const token of tokens) {
    style(token);
    if (token.children) sendableInline(token.children);
  }
  return tokens;
}

function sendableInline(children: Token[]): void {
  let droppingLink = false;
  for (const token of children) {
    if (token.type === 'link_open' && !isSendableLink(attrOf(token, 'href'))) {
      asText(token, '');
      droppingLink = true;
    } else if (token.type === 'link_close' && droppingLink) {
      asText(token, '');
      droppingLink = false;
    } else if (token.type === 'image' && !isSendableImage(attrOf(token, 'src'))) {
      asText(token, inlineText(token.children));
    } else {
      style(token);
    }
  }
}

function asText(token: Token, content: string): void {
  token.type = 'text';
  token.tag = '';
  token.nesting = 0;
  token.attrs = null;
  token.children = null;
  token.content = content;
}

function style(token: Token): void {
  const css = ELEMENT_STYLES[token.tag];
  if (css === undefined || token.nesting === -1) return;
  // Table cells may already carry their column's alignment.
  const own = token.attrGet('style');
  token.attrSet('style', own ? `${css}${own}` : css);
}
