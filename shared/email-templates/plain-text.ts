import type { Token } from 'markdown-it';
import { attrOf, isSendableLink } from './markdown';

/**
 * The plain-text alternative of a parsed body: what a text-only client (or a screen reader set to it) shows.
 * Lists keep their bullets and numbers, a link shows its address after its words, code keeps its lines.
 */
export function plainText(tokens: readonly Token[]): string {
  let text = '';
  const lists: { ordered: boolean; next: number }[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'inline':
        text += inlinePlain(token.children ?? []);
        break;
      case 'paragraph_close':
      case 'heading_close':
        text += token.hidden ? '\n' : '\n\n';
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push({ ordered: token.type === 'ordered_list_open', next: Number(token.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        if (lists.length === 0) text += '\n';
        break;
      case 'list_item_open': {
        const list = lists[lists.length - 1];
        const indent = '  '.repeat(Math.max(0, lists.length - 1));
        text += `${indent}${list?.ordered ? `${list.next++}. ` : '- '}`;
        break;
      }
      case 'hr':
        text += '----------\n\n';
        break;
      case 'fence':
      case 'code_block':
        text += `${token.content.replace(/\n$/, '')}\n\n`;
        break;
      case 'th_open':
      case 'td_open':
        text += ' | ';
        break;
      case 'tr_close':
        text += '\n';
        break;
      case 'table_close':
        text += '\n';
        break;
    }
  }
  return text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function inlinePlain(children: readonly Token[]): string {
  let text = '';
  let link: { href: string; from: number } | null = null;
  for (const token of children) {
    switch (token.type) {
      case 'text':
      case 'code_inline':
        text += token.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        text += '\n';
        break;
      case 'link_open': {
        const href = attrOf(token, 'href');
        link = isSendableLink(href) ? { href, from: text.length } : null;
        break;
      }
      case 'link_close':
        if (link) {
          const label = text.slice(link.from).trim();
          const shown = link.href.replace(/^mailto:/i, '');
          if (label !== link.href && label !== shown) text += ` (${shown})`;
        }
        link = null;
        break;
      case 'image': {
        const alt = (token.children ?? []).map((child) => child.content).join('');
        text += alt;
        break;
      }
    }
  }
  return text;
}
