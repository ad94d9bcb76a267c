import { z } from 'zod';
import { testPhoneProblems } from './test-phones';
import { LANGUAGE_PATTERN, VOICE_PATTERN } from './voice/patterns';
import { isCurrencyCode } from './analytics/money';
import {
  DEFAULT_HELP_REPLY,
  DEFAULT_OPT_IN_CONFIRMATION,
  DEFAULT_OPT_OUT_CONFIRMATION,
  mentionsStop,
} from './compliance/replies';
import {
  hhmm,
  number,
  wholeNumber,
  text,
  choice,
  rate,
  providerUrl,
  optionalProviderUrl,
  publicUrl,
  shopPageUrl,
  timeZone,
  serviceText,
  price,
} from './settings-fields';
import { emailSettingDefs } from './settings-email';

/**
 * Every non-secret setting the app knows, with its type, default and a sentence for the README and the
 * Settings page. Names are dotted (`area.name`). Later features add their settings here, built from the
 * plain-sentence schemas of `settings-fields.ts`; secrets are named in `secret-names.ts`.
 */
export const settingDefs = {
  provider: {
    schema: choice(['sandbox', 'quo', 'twilio']),
    default: 'sandbox' as 'sandbox' | 'quo' | 'twilio',
    description: 'Which SMS provider sends messages: sandbox (built-in simulator, no account), quo or twilio.',
  },
  'business.name': {
    schema: text(100),
    default: '',
    description: 'Your business name, used by {{business_name}} and in opt-out and help replies.',
  },
  'business.contact': {
    schema: text(200),
    default: '',
    description: 'How customers reach you (phone, email or website), used in HELP replies.',
  },
  'business.testPhones': {
    schema: text(200).superRefine((v, ctx) => {
      const bad = testPhoneProblems(v);
      if (bad.length)
        ctx.addIssue({
          code: 'custom',
          message: `not a phone number: ${bad.join(', ')} (write each with its area code, e.g. +14155550100, separated by commas)`,
        });
    }),
    default: '',
    description: 'Your own phone number(s), comma-separated, that "Send a test" texts before a campaign launches.',
  },
  'business.timezone': {
    schema: timeZone,
    default: 'America/New_York',
    description: 'Your business time zone (IANA name), used for scheduling.',
  },
  'contacts.defaultCountry': {
    schema: z
      .string({ error: 'enter a two-letter country code, e.g. US' })
      .regex(/^[A-Z]{2}$/, 'enter a two-letter country code in capitals, e.g. US'),
    default: 'US',
    description: 'Country assumed for phone numbers written without a country code.',
  },
  'sandbox.deliveryDelayMs': {
    schema: wholeNumber(0, 600_000),
    default: 1500,
    description: 'Sandbox: milliseconds between a send being accepted and its delivery receipt.',
  },
  'sandbox.failureRate': {
    schema: rate,
    default: 0.02,
    description: 'Sandbox: share of messages (0–1) that fail to deliver.',
  },
  'sandbox.replyRate': {
    schema: rate,
    default: 0.05,
    description: 'Sandbox: share of delivered messages (0–1) that get a simulated reply.',
  },
  'sandbox.stopRate': {
    schema: rate,
    default: 0.01,
    description: 'Sandbox: share of delivered messages (0–1) answered with STOP.',
  },
  'sandbox.ratePerSecond': {
    schema: number().positive('enter a number above 0').max(1000, 'enter at most 1,000'),
    default: 50,
    description: 'Sandbox: simulated messages per second.',
  },
  'quo.baseUrl': {
    schema: providerUrl,
    default: 'https://api.openphone.com',
    description: 'Quo (OpenPhone) API base URL, without /v1.',
  },
  'quo.from': {
    schema: text(100),
    default: '',
    description: 'Quo sending number: a phone-number id (PN…) or an E.164 number.',
  },
  'quo.ratePerSecond': {
    schema: number().positive('enter a number above 0').max(10, 'Quo allows at most 10 requests per second per key'),
    default: 10,
    description: 'Quo requests per second (the API allows 10 per key).',
  },
  'twilio.baseUrl': {
    schema: providerUrl,
    default: 'https://api.twilio.com',
    description: 'Twilio API base URL.',
  },
  'twilio.accountSid': {
    schema: text(100),
    default: '',
    description: 'Twilio Account SID (AC…).',
  },
  'twilio.from': {
    schema: text(100),
    default: '',
    description: 'Twilio sending number (E.164) or Messaging Service SID (MG…).',
  },
  'twilio.ratePerSecond': {
    schema: number().positive('enter a number above 0').max(100, 'enter at most 100'),
    default: 1,
    description:
      'Twilio messages per second for your number (1 for a long code, more for 10DLC/toll-free as approved).',
  },
  'voice.provider': {
    schema: choice(['sandbox', 'twilio']),
    default: 'sandbox' as 'sandbox' | 'twilio',
    description:
      'Which service places voice calls: sandbox (built-in simulator) or twilio (with the Twilio account settings; Quo has no call-placing API).',
  },
  'voice.businessName': {
    schema: text(100),
    default: '',
    description: 'The business name said at the start of every call; empty means business.name.',
  },
  'voice.callbackNumber': {
    schema: text(20).regex(/^(\+[1-9]\d{6,14})?$/, 'enter a full number with its country code, e.g. +14155550100'),
    default: '',
    description:
      'The number said at the start of every call and on voicemail, which reaches the same opt-out; empty means twilio.from.',
  },
  'voice.voice': {
    schema: text(70).regex(VOICE_PATTERN, 'enter a Twilio voice: alice, man, woman, Polly.<Name> or Google.<name>'),
    default: 'Polly.Joanna',
    description: 'The text-to-speech voice of calls (Twilio: alice, man, woman, Polly.<Name>, Google.<name>).',
  },
  'voice.language': {
    schema: text(10).regex(LANGUAGE_PATTERN, 'enter a language with its region, e.g. en-US or es-MX'),
    default: 'en-US',
    description: 'The language the voice speaks, with its region (en-US, es-MX …).',
  },
  'voice.optOutDigit': {
    schema: choice(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']),
    default: '9' as '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9',
    description: 'The key a person presses during a call to stop these calls (do-not-call, then the call hangs up).',
  },
  'voice.ratePerSecond': {
    schema: number().positive('enter a number above 0').max(30, 'enter at most 30'),
    default: 1,
    description: 'Calls started per second (Twilio allows 1 per account unless raised).',
  },
  'numverify.baseUrl': {
    schema: providerUrl,
    default: 'https://api.apilayer.net/numverify',
    description: 'NumVerify API base URL (the /validate endpoint lives under it).',
  },
  'numverify.pricePerLookup': {
    schema: price,
    default: 0.003,
    description:
      'NumVerify: what one lookup costs you in dollars (your plan price divided by its lookups), for the estimate shown before a check.',
  },
  'pricing.sandboxPerSegment': {
    schema: price,
    default: 0,
    description: 'Sandbox: price per message segment in dollars, for cost estimates (simulated sends are free).',
  },
  'pricing.quoPerSegment': {
    schema: price,
    default: 0.01,
    description: 'Quo: price per message segment in dollars (US/Canada), for cost estimates.',
  },
  'pricing.twilioPerSegment': {
    schema: price,
    default: 0.0083,
    description:
      'Twilio: price per message segment in dollars (US long code), for cost estimates; carrier fees come on top.',
  },
  'pricing.emailPerMessage': {
    schema: price,
    default: 0.0012,
    description:
      'E-mail: what one e-mail costs you in dollars (Postmark is about $0.0012 each; your own mailbox over SMTP: 0). Simulated e-mails are free.',
  },
  'pricing.voicePerCall': {
    schema: price,
    default: 0.022,
    description:
      'Voice: what one call costs you in dollars, counted per call when it is placed (Twilio bills a started minute, and a voice message fits in one: about $0.014 plus $0.0075 for answering-machine detection in the US). Simulated calls are free.',
  },
  'quietHours.start': {
    schema: hhmm.refine(
      (v) => v >= '08:00',
      'cannot be earlier than 08:00, the federal limit; you can only narrow the window',
    ),
    default: '08:00',
    description: 'Earliest local time at the recipient for marketing texts (never earlier than 08:00).',
  },
  'quietHours.end': {
    schema: hhmm.refine(
      (v) => v <= '21:00',
      'cannot be later than 21:00, the federal limit; you can only narrow the window',
    ),
    default: '21:00',
    description: 'Latest local time at the recipient for marketing texts (never later than 21:00).',
  },
  'schedule.graceMinutes': {
    schema: wholeNumber(0, 24 * 60),
    default: 60,
    description: 'A scheduled campaign more than this many minutes late (app was closed) waits for you to confirm.',
  },
  'compliance.helpReply': {
    schema: serviceText.refine(mentionsStop, 'must tell people how to opt out ("Reply STOP to opt out")'),
    default: DEFAULT_HELP_REPLY,
    description: 'Answer to HELP or INFO; {business} and {contact} are filled from business.name and business.contact.',
  },
  'compliance.optOutConfirmation': {
    schema: serviceText,
    default: DEFAULT_OPT_OUT_CONFIRMATION,
    description:
      'The one confirmation sent within 5 minutes of an opt-out (no marketing allowed); {business} is your business name.',
  },
  'compliance.optInConfirmation': {
    schema: serviceText.refine(mentionsStop, 'must tell people how to opt out ("Reply STOP to opt out")'),
    default: DEFAULT_OPT_IN_CONFIRMATION,
    description:
      'The one confirmation sent when someone opts back in (START, UNSTOP, YES); {business} is your business name.',
  },
  'compliance.stopAlsoUnsubscribesEmail': {
    schema: z.boolean({ error: 'choose on or off (true or false)' }),
    default: false,
    description:
      "A STOP by text also unsubscribes the contact's e-mail address (off: consent is kept per channel, a STOP stops texts only).",
  },
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

export type SettingKey = keyof typeof settingDefs;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingDefs)[K]['schema']>;
export type Settings = { [K in SettingKey]: SettingValue<K> };
export const settingKeys = Object.keys(settingDefs) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(settingDefs, key);
}

/** webhooks.host values that listen on every network interface. */
export function isAllInterfaces(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]' || host === '0:0:0:0:0:0:0:0';
}

/**
 * Rules between settings, checked when one is set (and on the value read, so an old database cannot get round
 * them): the message for a value that the other settings forbid, or null.
 */
export function settingConflict(
  key: SettingKey,
  value: unknown,
  current: <K extends SettingKey>(k: K) => SettingValue<K>,
): string | null {
  if (
    key === 'webhooks.host' &&
    typeof value === 'string' &&
    isAllInterfaces(value) &&
    current('webhooks.allowAllInterfaces') !== true
  ) {
    return `${value} makes the relay reachable from every network this computer is on; turn on webhooks.allowAllInterfaces first if that is what you want`;
  }
  if (key === 'webhooks.allowAllInterfaces' && value === false && isAllInterfaces(current('webhooks.host'))) {
    return `the relay listens on ${current('webhooks.host')}; set webhooks.host back to 127.0.0.1 first`;
  }
  return null;
}

export { secretDefs, secretNames, isSecretName, type SecretName } from './secret-names';
