import { z } from 'zod';
import { isCurrencyCode } from './analytics/money';
import { emailSettingDefs } from './settings-email';
import {
  number,
  wholeNumber,
  text,
  choice,
  providerUrl,
  optionalProviderUrl,
  publicUrl,
  shopPageUrl,
} from './settings-fields';

/**
 * The settings of the features around sending: webhooks, A/B tests, conversions and attribution, links, the look,
 * reports, AI triage and QuickBooks. Part of settingDefs (shared/settings.ts), after sendingSettings, in its order;
 * built from the plain-sentence schemas of settings-fields.ts. A new feature's settings are appended at the end.
 */
export const featureSettings = {
  'webhooks.host': {
    schema: z.string({ error: 'enter an address, e.g. 127.0.0.1' }).trim().min(1, 'enter an address, e.g. 127.0.0.1'),
    default: '127.0.0.1',
    description:
      'Address the webhook relay listens on. 0.0.0.0 or :: (every network interface) only after webhooks.allowAllInterfaces is turned on.',
  },
  'webhooks.allowAllInterfaces': {
    schema: z.boolean({ error: 'choose on or off (true or false)' }),
    default: false,
    description:
      'Allow the webhook relay to listen on every network interface (webhooks.host 0.0.0.0 or ::), reachable from your whole network. Turn on first, then set the host.',
  },
  'webhooks.port': {
    schema: wholeNumber(1, 65535),
    default: 8787,
    description: 'Port the webhook relay listens on.',
  },
  'webhooks.publicUrl': {
    schema: publicUrl,
    default: '',
    description: 'The public tunnel URL that reaches the relay (e.g. https://abc.trycloudflare.com).',
  },
  'abtests.confidence': {
    schema: number().min(0.5, 'must be at least 0.5 (50%)').max(0.999, 'must be at most 0.999 (99.9%)'),
    default: 0.95,
    description: 'A/B tests: how sure the test must be before it names a winner (0.95 = 95% confidence).',
  },
  'abtests.minSamplePerVariant': {
    schema: wholeNumber(1, 1_000_000),
    default: 100,
    description: 'A/B tests: delivered messages each variant needs before a winner can be named.',
  },
  'abtests.decisionDeadlineHours': {
    schema: wholeNumber(1, 24 * 30),
    default: 72,
    description:
      'A/B "test, then send the winner": hours after the last test message by which the test must decide; then the default variant goes, or you are asked.',
  },
  'abtests.winnerMode': {
    schema: choice(['automatic', 'approve']),
    default: 'approve' as 'automatic' | 'approve',
    description:
      'A/B "test, then send the winner": send the winner to the rest automatically, or wait for your approval.',
  },
  'abtests.attributionHours': {
    schema: wholeNumber(1, 24 * 30),
    default: 72,
    description: 'A/B tests: hours after a message in which a reply, click, opt-out or conversion counts for it.',
  },
  'abtests.conversionKeywords': {
    schema: text(500),
    default: '',
    description: 'A/B tests: reply words that count as a conversion, comma-separated (e.g. YES,BOOK,ORDER).',
  },
  'business.currency': {
    schema: z
      .string({ error: 'enter a currency code, e.g. USD' })
      .trim()
      .toUpperCase()
      .refine(isCurrencyCode, 'enter a three-letter currency code (ISO 4217) such as USD, EUR or GBP'),
    default: 'USD',
    description:
      'Your business currency (ISO 4217 code): conversion amounts, revenue and spend are shown and stored in it.',
  },
  'attribution.clickDays': {
    schema: wholeNumber(1, 90),
    default: 5,
    description:
      'Days after a click on a tracked link in which a reply, opt-out or conversion counts for that message (later outcomes only).',
  },
  'attribution.deliveryHours': {
    schema: wholeNumber(1, 24 * 30),
    default: 24,
    description:
      'Hours after delivery (without a click) in which a reply, opt-out or conversion counts for that message (later outcomes only).',
  },
  'conversions.keywords': {
    schema: text(500),
    default: '',
    description:
      'Reply words that count as a conversion for every campaign, comma-separated (e.g. YES,BOOK,ORDER); abtests.conversionKeywords is read too.',
  },
  'conversions.thankYouUrl': {
    schema: shopPageUrl,
    default: '',
    description:
      'A page customers reach after buying (e.g. https://shop.example/thank-you): a tracked-link visit to it counts as a conversion.',
  },
  'links.trackByDefault': {
    schema: z.boolean({ error: 'choose on or off (true or false)' }),
    default: false,
    description: 'Replace links in campaign messages with tracked short links on webhooks.publicUrl (counts clicks).',
  },
  'ui.theme': {
    schema: choice(['system', 'light', 'dark']),
    default: 'system' as 'system' | 'light' | 'dark',
    description: 'Colour scheme of the app.',
  },
  'reports.schedule': {
    schema: choice(['none', 'weekly', 'monthly', 'both']),
    default: 'none' as 'none' | 'weekly' | 'monthly' | 'both',
    description:
      'Scheduled reports (PDF and CSV, with a desktop notification): none, weekly (each Monday, for the week before), monthly (on the 1st, for the month before) or both.',
  },
  'gemini.model': {
    schema: text(100)
      .trim()
      .regex(
        /^[a-z0-9][a-z0-9.-]*$/i,
        'enter a Gemini model name such as gemini-3.1-flash-lite (letters, digits, dots and dashes)',
      ),
    default: 'gemini-3.1-flash-lite',
    description:
      'Gemini writing help: the model that answers (models are retired often; when one is, choose a newer one here).',
  },
  'gemini.baseUrl': {
    schema: providerUrl,
    default: 'https://generativelanguage.googleapis.com',
    description: 'Gemini API base URL, without /v1beta.',
  },
  'gemini.triageReplies': {
    schema: z.boolean({ error: 'choose on or off (true or false)' }),
    default: true,
    description:
      'Gemini: label incoming replies (question, interested, complaint, wrong number, possible opt-out) in the background; only the reply text is sent, with phone numbers and e-mail addresses removed.',
  },
  'gemini.triagePerMinute': {
    schema: wholeNumber(1, 60),
    default: 10,
    description: 'Gemini: at most this many replies labelled per minute, so triage stays inside your free allowance.',
  },
  'quickbooks.environment': {
    schema: choice(['sandbox', 'production']),
    default: 'sandbox' as 'sandbox' | 'production',
    description: 'QuickBooks Online: which company your Intuit app keys are for, sandbox (test company) or production.',
  },
  'quickbooks.realmId': {
    schema: text(40).regex(
      /^\d*$/,
      'enter the company id as digits only (QuickBooks calls it the realm id), or leave it empty',
    ),
    default: '',
    description:
      'QuickBooks Online company id (realm id); filled in by Connect, or set by hand for use without the browser step.',
  },
  'quickbooks.apiBaseUrl': {
    schema: optionalProviderUrl,
    default: '',
    description:
      'QuickBooks Online API address; empty means the one for quickbooks.environment (sandbox-quickbooks.api.intuit.com or quickbooks.api.intuit.com).',
  },
  'quickbooks.tokenUrl': {
    schema: optionalProviderUrl,
    default: '',
    description: 'Intuit OAuth token address; empty means https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer.',
  },
  'quickbooks.createContacts': {
    schema: z.boolean({ error: 'choose on or off (true or false)' }),
    default: false,
    description:
      'QuickBooks: add customers whose phone matches no contact as new contacts (without consent: they get no campaign until they opt in).',
  },
  'reports.folder': {
    schema: text(1000),
    default: '',
    description:
      'Folder the scheduled reports are written to (an absolute path); empty means the reports folder inside the data folder.',
  },
  ...emailSettingDefs,
  'deliverability.dnsServer': {
    schema: text(100).refine(
      (v) => v.trim() === '' || /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:]+\])(:\d{1,5})?$/i.test(v.trim()),
      'enter an IP address, optionally with a port (e.g. 1.1.1.1 or 127.0.0.1:5353), or leave it empty',
    ),
    default: '',
    description:
      "DNS server the e-mail domain check asks for SPF, DKIM and DMARC records (IP[:port]); empty means your computer's own.",
  },
  'deliverability.dkimSelector': {
    schema: text(63).refine(
      (v) => /^([a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?)?$/i.test(v.trim()),
      'use the selector exactly as your e-mail provider names it: letters, digits, dots, dashes (e.g. google, s1, pm)',
    ),
    default: '',
    description:
      'The DKIM selector your e-mail provider signs with (e.g. google, s1, pm): the domain check and the launch warning look for the key there.',
  },
} as const;
