import { markdown } from './markdown';
import { COLOURS, DARK_MODE_CSS, FONT } from './styles';

export interface FooterParts {
  businessName: string;
  postalAddress: string;
  unsubscribeUrl: string;
}

const escape = (text: string) => markdown.utils.escapeHtml(text);

/**
 * A whole e-mail document: one centred column of tables (what every client lays out the same way), at most
 * 600 px wide and as wide as the screen below that, with the footer every marketing e-mail must carry.
 */
export function emailDocument(subject: string, bodyHtml: string, footer: FooterParts): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="supported-color-schemes" content="light dark">',
    `<title>${escape(subject)}</title>`,
    `<style>\n${DARK_MODE_CSS}\n</style>`,
    '</head>',
    `<body class="em-page" style="margin:0;padding:0;background-color:${COLOURS.page};">`,
    `<table role="presentation" class="em-page" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:${COLOURS.page};">`,
    `<tr><td class="em-outer" align="center" style="padding:24px 12px;">`,
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;width:100%;">',
    `<tr><td class="em-card" style="background-color:${COLOURS.card};color:${COLOURS.text};padding:32px 28px;border-radius:8px;font-family:${FONT};font-size:16px;line-height:1.5;word-wrap:break-word;">`,
    bodyHtml.trim(),
    '</td></tr>',
    `<tr><td class="em-footer" style="padding:20px 28px;color:${COLOURS.muted};font-family:${FONT};font-size:13px;line-height:1.5;text-align:center;">`,
    footerHtml(footer),
    '</td></tr>',
    '</table>',
    '</td></tr>',
    '</table>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function footerHtml({ businessName, postalAddress, unsubscribeUrl }: FooterParts): string {
  const address = postalAddress
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map(escape)
    .join('<br>');
  return [
    businessName.trim() === '' ? '' : `<p style="margin:0 0 4px;font-weight:600;">${escape(businessName.trim())}</p>`,
    address === '' ? '' : `<p style="margin:0 0 12px;">${address}</p>`,
    `<p style="margin:0;">You are receiving this because you signed up for our e-mails. `,
    `<a href="${escape(unsubscribeUrl)}" style="color:${COLOURS.link};text-decoration:underline;">Unsubscribe</a></p>`,
  ].join('');
}

export function footerText({ businessName, postalAddress, unsubscribeUrl }: FooterParts): string {
  const lines = [
    businessName.trim(),
    ...postalAddress
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ''),
  ].filter((line) => line !== '');
  return ['--', ...lines, '', `Unsubscribe: ${unsubscribeUrl}`].join('\n');
}
