/**
 * Link previews. When a text with a link arrives, the phone or the messaging app often fetches the page to draw a
 * preview card — iMessage announces itself as "facebookexternalhit … Twitterbot", WhatsApp, Telegram and Slack by
 * name — and social sites and search engines crawl links they see. None of these is a person clicking, so their
 * visits are stored (and redirected like any other) but never counted. A HEAD request only asks whether the page
 * exists, which browsers never do on a tap, so it is a bot too; so is a visit without any User-Agent.
 */
const PREVIEW_AGENTS = [
  'facebookexternalhit',
  'facebot',
  'twitterbot',
  'slackbot',
  'slack-imgproxy',
  'whatsapp',
  'telegrambot',
  'applebot',
  'googlebot',
  'google-pagerenderer',
  'googleother',
  'bingbot',
  'bingpreview',
  'linkedinbot',
  'skypeuripreview',
  'discordbot',
  'redditbot',
  'pinterestbot',
  'embedly',
  'iframely',
  'yandexbot',
  'duckduckbot',
  'baiduspider',
  'vkshare',
  'viber',
  'snapchat',
  'mastodon',
];

/** A generic crawler word standing alone ("Foo-Bot/1.0", "crawler"); "Cubot X30" (a phone) does not match. */
const GENERIC = /(?:^|[^a-z])(?:bot|crawler|spider|preview)(?:[^a-z]|$)/i;

export function isLinkPreviewBot(method: string, userAgent: string | undefined | null): boolean {
  if (method.toUpperCase() === 'HEAD') return true;
  const ua = (userAgent ?? '').trim().toLowerCase();
  if (ua === '') return true;
  return PREVIEW_AGENTS.some((name) => ua.includes(name)) || GENERIC.test(ua);
}

/**
 * Mail security scanners. A company's mail gateway (Microsoft Defender Safe Links, Proofpoint, Mimecast, Barracuda…)
 * opens every link of an incoming e-mail to check it before the reader sees the message, often with an ordinary
 * browser's User-Agent, so the name alone cannot tell. What tells is the moment: the scan happens as the e-mail
 * arrives, while a person reads it minutes or hours later. A visit to an e-mail's link less than this long after
 * the e-mail was handed over (or before we recorded the hand-over at all) is a scanner's.
 */
export const MAIL_SCANNER_SECONDS = 60;

const SCANNER_AGENTS = ['barracuda', 'proofpoint', 'mimecast', 'safelinks', 'symantec', 'trendmicro', 'forcepoint'];

export function isMailScannerVisit(userAgent: string | null, sentAt: string | null, at: Date): boolean {
  const ua = (userAgent ?? '').toLowerCase();
  if (SCANNER_AGENTS.some((name) => ua.includes(name))) return true;
  if (sentAt === null) return true;
  return at.getTime() - Date.parse(sentAt) < MAIL_SCANNER_SECONDS * 1000;
}
