import { z } from 'zod';
import { testPhoneProblems } from './test-phones';
import { LANGUAGE_PATTERN, VOICE_PATTERN } from './voice/patterns';
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
  timeZone,
  serviceText,
  price,
} from './settings-fields';

/**
 * The settings of sending texts: the business, the providers and their prices, quiet hours and compliance replies.
 * Part of settingDefs (shared/settings.ts), in its order; built from the plain-sentence schemas of settings-fields.ts.
 */
export const sendingSettings = {
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
} as const;
