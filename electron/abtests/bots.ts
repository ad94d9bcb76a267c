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
