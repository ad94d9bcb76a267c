const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The small page the owner's browser shows after Intuit sends it back to the relay. */
export function callbackPage(ok: boolean, message: string): string {
  const title = ok ? 'QuickBooks is connected' : 'QuickBooks was not connected';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:18vh auto;padding:0 1.5rem;color:#1b1f24}h1{font-size:1.3rem}</style></head>
<body><h1>${title}</h1><p>${escape(message)}</p><p>You can close this tab and go back to SMS Campaign Desk.</p></body></html>`;
}
