/**
 * Inline styles per element: many mail clients (Gmail among them) drop <style> blocks, so every element carries
 * its own. Colours are set as pairs (text and its background) on the card so a client's dark mode inverts them
 * together; the <style> block in the layout only refines them for clients that honour `prefers-color-scheme`.
 */
export const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export const COLOURS = {
  page: '#f3f4f6',
  card: '#ffffff',
  text: '#1f2328',
  muted: '#4b5159',
  link: '#0b57d0',
  rule: '#d0d4da',
  quote: '#5b6068',
  codeBackground: '#eef0f3',
} as const;

const heading = (size: number) => `margin:0 0 12px;font-size:${size}px;line-height:1.25;font-weight:700;`;

export const ELEMENT_STYLES: Readonly<Record<string, string>> = {
  p: 'margin:0 0 16px;',
  h1: heading(26),
  h2: heading(22),
  h3: heading(19),
  h4: heading(17),
  h5: heading(16),
  h6: heading(15),
  ul: 'margin:0 0 16px;padding:0 0 0 24px;',
  ol: 'margin:0 0 16px;padding:0 0 0 24px;',
  li: 'margin:0 0 6px;',
  blockquote: `margin:0 0 16px;padding:0 0 0 14px;border-left:3px solid ${COLOURS.rule};color:${COLOURS.quote};`,
  hr: `border:0;border-top:1px solid ${COLOURS.rule};margin:24px 0;`,
  a: `color:${COLOURS.link};text-decoration:underline;`,
  img: 'display:block;max-width:100%;height:auto;border:0;margin:0 0 16px;',
  code: `font-family:Menlo,Consolas,monospace;font-size:14px;background-color:${COLOURS.codeBackground};padding:1px 4px;border-radius:3px;`,
  pre: `margin:0 0 16px;padding:12px;background-color:${COLOURS.codeBackground};border-radius:4px;white-space:pre-wrap;word-break:break-word;font-family:Menlo,Consolas,monospace;font-size:14px;`,
  table: 'border-collapse:collapse;width:100%;margin:0 0 16px;',
  th: `border:1px solid ${COLOURS.rule};padding:6px 8px;text-align:left;`,
  td: `border:1px solid ${COLOURS.rule};padding:6px 8px;`,
};

/** For clients that honour it (Apple Mail, Outlook.com, some others): darker colours with the same contrast. */
export const DARK_MODE_CSS = [
  '@media (prefers-color-scheme: dark) {',
  '  .em-page { background-color: #17191c !important; }',
  '  .em-card { background-color: #24272b !important; color: #e6e8eb !important; }',
  '  .em-card a, .em-footer a { color: #8ab4f8 !important; }',
  '  .em-footer { color: #b4b9c0 !important; }',
  '}',
  '@media only screen and (max-width: 620px) {',
  '  .em-card { padding: 20px 16px !important; }',
  '  .em-outer { padding: 12px 6px !important; }',
  '}',
].join('\n');
