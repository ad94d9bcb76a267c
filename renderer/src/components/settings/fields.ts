import { EMAIL_FIELDS, EMAIL_SECRETS } from './fields-email';

/**
 * How each setting appears on the Settings page: its label, help, group and the kind of control. Kept apart from
 * shared/settings.ts on purpose — settings are added there by many hands; one not listed here still appears, with a
 * label made from its name, its own description as help, and a group chosen by its prefix (else "Other").
 */
export type GroupId =
  'business' | 'sending' | 'providers' | 'webhooks' | 'abtests' | 'integrations' | 'appearance' | 'other';

export const GROUPS: ReadonlyArray<{ id: GroupId; title: string; intro: string }> = [
  {
    id: 'business',
    title: 'Business',
    intro: 'Who you are, where you are, and the texts the desk sends on your behalf.',
  },
  { id: 'sending', title: 'Sending', intro: 'When marketing texts may go out, and how campaigns behave.' },
  { id: 'providers', title: 'Providers', intro: 'Which service sends your texts, its account details and prices.' },
  { id: 'webhooks', title: 'Webhooks', intro: 'How replies and delivery receipts reach this computer.' },
  { id: 'abtests', title: 'A/B tests', intro: 'How a test decides on a winner.' },
  {
    id: 'integrations',
    title: 'Integrations',
    intro: 'Optional services you connect yourself; the desk works fully without them.',
  },
  { id: 'appearance', title: 'Appearance', intro: 'How the app looks.' },
  { id: 'other', title: 'Other', intro: 'Settings without a group of their own yet.' },
];

/** `timezone`: a searchable IANA list; `longText`: a service text with a preview of what is sent. */
export type FieldKind = 'timezone' | 'longText';

export interface FieldInfo {
  label: string;
  help?: string;
  group: GroupId;
  /** A sub-heading inside the group (the Providers group lists each provider apart). */
  section?: string;
  kind?: FieldKind;
  /** Words for each choice of an enum setting. */
  choices?: Readonly<Record<string, string>>;
  /** Shown after a number box, e.g. "minutes". */
  unit?: string;
}

const FIELDS: ReadonlyMap<string, FieldInfo> = new Map<string, FieldInfo>([
  [
    'business.name',
    {
      group: 'business',
      label: 'Business name',
      help: 'Fills {{business_name}} in messages and signs the opt-out and HELP replies.',
    },
  ],
  [
    'business.contact',
    {
      group: 'business',
      label: 'How customers reach you',
      help: 'A phone number, email or website, given in the HELP reply.',
    },
  ],
  [
    'business.timezone',
    {
      group: 'business',
      label: 'Time zone',
      kind: 'timezone',
      help: 'Scheduled campaigns use it, and it stands in for customers whose number does not tell where they are.',
    },
  ],
  [
    'contacts.defaultCountry',
    {
      group: 'business',
      label: 'Country for local numbers',
      help: 'Two letters, e.g. US or CA: the country of a phone number written without a country code.',
    },
  ],
  [
    'compliance.helpReply',
    {
      group: 'business',
      section: 'Automatic replies',
      label: 'Answer to HELP',
      kind: 'longText',
      help: 'Sent when someone texts HELP or INFO. {business} and {contact} are filled in for you.',
    },
  ],
  [
    'compliance.optOutConfirmation',
    {
      group: 'business',
      section: 'Automatic replies',
      label: 'Opt-out confirmation',
      kind: 'longText',
      help: 'The one text sent within 5 minutes of a STOP. No marketing allowed in it.',
    },
  ],
  [
    'compliance.optInConfirmation',
    {
      group: 'business',
      section: 'Automatic replies',
      label: 'Opt-in confirmation',
      kind: 'longText',
      help: 'Sent when someone texts START, UNSTOP or YES to come back.',
    },
  ],

  [
    'quietHours.start',
    {
      group: 'sending',
      label: 'Earliest sending time',
      help: 'At the customer’s own clock, 24-hour HH:MM. The law allows 08:00 at the earliest.',
    },
  ],
  [
    'quietHours.end',
    {
      group: 'sending',
      label: 'Latest sending time',
      help: 'At the customer’s own clock, 24-hour HH:MM. The law allows 21:00 at the latest.',
    },
  ],
  [
    'schedule.graceMinutes',
    {
      group: 'sending',
      label: 'Late start allowed',
      unit: 'minutes',
      help: 'If the app was closed at a campaign’s scheduled time and opens later than this, it asks you before sending.',
    },
  ],
  [
    'links.trackByDefault',
    {
      group: 'sending',
      label: 'Track link clicks in new campaigns',
      help: 'Links become short tracked links on your public webhook URL, so clicks are counted.',
    },
  ],

  [
    'provider',
    {
      group: 'providers',
      label: 'Send texts through',
      choices: { sandbox: 'Sandbox (simulated, no account needed)', quo: 'Quo (OpenPhone)', twilio: 'Twilio' },
      help: 'The Sandbox only pretends to send: use it to try things out.',
    },
  ],
  [
    'quo.from',
    {
      group: 'providers',
      section: 'Quo',
      label: 'Sending number',
      help: 'Your Quo number as +15551234567, or its id (PN…).',
    },
  ],
  [
    'quo.ratePerSecond',
    {
      group: 'providers',
      section: 'Quo',
      label: 'Requests per second',
      unit: 'per second',
      help: 'Quo accepts at most 10 per second per API key.',
    },
  ],
  [
    'quo.baseUrl',
    {
      group: 'providers',
      section: 'Quo',
      label: 'API address',
      help: 'Leave as it is unless Quo tells you otherwise.',
    },
  ],
  [
    'twilio.accountSid',
    {
      group: 'providers',
      section: 'Twilio',
      label: 'Account SID',
      help: 'Starts with AC; on your Twilio console’s home page.',
    },
  ],
  [
    'twilio.from',
    {
      group: 'providers',
      section: 'Twilio',
      label: 'Sending number or service',
      help: 'Your Twilio number as +15551234567, or a Messaging Service SID (MG…).',
    },
  ],
  [
    'twilio.ratePerSecond',
    {
      group: 'providers',
      section: 'Twilio',
      label: 'Texts per second',
      unit: 'per second',
      help: '1 for an ordinary long code; more only if Twilio approved it (10DLC, toll-free).',
    },
  ],
  [
    'twilio.baseUrl',
    {
      group: 'providers',
      section: 'Twilio',
      label: 'API address',
      help: 'Leave as it is unless Twilio tells you otherwise.',
    },
  ],
  [
    'numverify.baseUrl',
    {
      group: 'providers',
      section: 'Number checks (NumVerify)',
      label: 'API address',
      help: 'Where phone numbers are checked for mobile, landline or invalid.',
    },
  ],
  [
    'pricing.quoPerSegment',
    {
      group: 'providers',
      section: 'Prices for cost estimates',
      label: 'Quo, per segment',
      unit: 'dollars',
      help: 'What one text segment costs you with Quo (US and Canada).',
    },
  ],
  [
    'pricing.twilioPerSegment',
    {
      group: 'providers',
      section: 'Prices for cost estimates',
      label: 'Twilio, per segment',
      unit: 'dollars',
      help: 'What one segment costs with Twilio; carrier fees come on top.',
    },
  ],
  [
    'pricing.sandboxPerSegment',
    {
      group: 'providers',
      section: 'Prices for cost estimates',
      label: 'Sandbox, per segment',
      unit: 'dollars',
      help: 'Simulated texts are free; a price here makes estimates look real.',
    },
  ],
  [
    'sandbox.deliveryDelayMs',
    {
      group: 'providers',
      section: 'Sandbox',
      label: 'Delivery delay',
      unit: 'milliseconds',
      help: 'Time between a simulated send and its delivery receipt.',
    },
  ],
  [
    'sandbox.failureRate',
    {
      group: 'providers',
      section: 'Sandbox',
      label: 'Share that fail',
      help: 'From 0 to 1: 0.02 means 2 in 100 simulated texts fail.',
    },
  ],
  [
    'sandbox.replyRate',
    {
      group: 'providers',
      section: 'Sandbox',
      label: 'Share that get a reply',
      help: 'From 0 to 1: 0.05 means 5 in 100 delivered texts get a simulated reply.',
    },
  ],
  [
    'sandbox.stopRate',
    {
      group: 'providers',
      section: 'Sandbox',
      label: 'Share answered with STOP',
      help: 'From 0 to 1: 0.01 means 1 in 100 delivered texts is answered with STOP.',
    },
  ],
  [
    'sandbox.ratePerSecond',
    {
      group: 'providers',
      section: 'Sandbox',
      label: 'Texts per second',
      unit: 'per second',
      help: 'How fast the Sandbox pretends to send.',
    },
  ],

  [
    'webhooks.publicUrl',
    {
      group: 'webhooks',
      label: 'Public tunnel URL',
      help: 'The https address your tunnel gives you, e.g. https://abc.trycloudflare.com.',
    },
  ],
  [
    'webhooks.host',
    {
      group: 'webhooks',
      label: 'Relay listens on',
      help: '127.0.0.1 keeps it reachable only from this computer (the tunnel runs here too).',
    },
  ],
  ['webhooks.port', { group: 'webhooks', label: 'Relay port', help: 'The port the tunnel forwards to.' }],

  [
    'abtests.confidence',
    { group: 'abtests', label: 'Confidence needed to name a winner', help: 'From 0.5 to 0.999: 0.95 means 95% sure.' },
  ],
  [
    'abtests.minSamplePerVariant',
    {
      group: 'abtests',
      label: 'Delivered texts per variant first',
      unit: 'texts',
      help: 'No winner is named before each variant has this many deliveries.',
    },
  ],
  [
    'abtests.winnerMode',
    {
      group: 'abtests',
      label: 'When a winner is found',
      choices: { automatic: 'Send it to the rest automatically', approve: 'Wait for my approval' },
    },
  ],
  [
    'abtests.attributionHours',
    {
      group: 'abtests',
      label: 'Count reactions for',
      unit: 'hours',
      help: 'A reply, click, opt-out or conversion within this time after a text counts for it.',
    },
  ],
  [
    'abtests.conversionKeywords',
    {
      group: 'abtests',
      label: 'Reply words that count as a conversion',
      help: 'Separated by commas, e.g. YES, BOOK, ORDER.',
    },
  ],

  [
    'gemini.model',
    {
      group: 'integrations',
      section: 'Gemini — writing help',
      label: 'Model',
      help: 'Google retires models often; when Gemini says a model was retired, enter a newer one here.',
    },
  ],
  [
    'gemini.triageReplies',
    {
      group: 'integrations',
      section: 'Gemini — writing help',
      label: 'Label incoming replies',
      help: 'Sends each reply’s text (phone numbers and e-mail addresses removed) to Gemini in the background.',
    },
  ],
  [
    'gemini.triagePerMinute',
    {
      group: 'integrations',
      section: 'Gemini — writing help',
      label: 'Replies labelled per minute',
      unit: 'per minute',
      help: 'Keeps labelling inside your Gemini allowance.',
    },
  ],
  [
    'gemini.baseUrl',
    {
      group: 'integrations',
      section: 'Gemini — writing help',
      label: 'API address',
      help: 'Leave as it is unless Google tells you otherwise.',
    },
  ],
  [
    'quickbooks.environment',
    {
      group: 'integrations',
      section: 'QuickBooks Online',
      label: 'QuickBooks company',
      choices: { sandbox: 'Sandbox (a test company)', production: 'Production (your real books)' },
      help: 'Must match the keys you enter below: Intuit gives an app separate sandbox and production keys.',
    },
  ],
  [
    'quickbooks.createContacts',
    {
      group: 'integrations',
      section: 'QuickBooks Online',
      label: 'Create contacts from customers',
      help: 'Customers with a phone number that matches no contact are added, tagged QuickBooks, and are not texted until you record their consent.',
    },
  ],
  [
    'quickbooks.realmId',
    {
      group: 'integrations',
      section: 'QuickBooks Online',
      label: 'Company id (realm id)',
      help: 'Filled in when you connect. Set it by hand only when you connect without the browser.',
    },
  ],
  [
    'quickbooks.apiBaseUrl',
    {
      group: 'integrations',
      section: 'QuickBooks Online',
      label: 'API address',
      help: 'Leave empty: the address for the company chosen above is used.',
    },
  ],
  [
    'quickbooks.tokenUrl',
    {
      group: 'integrations',
      section: 'QuickBooks Online',
      label: 'Sign-in token address',
      help: 'Leave empty: Intuit’s own address is used.',
    },
  ],

  [
    'ui.theme',
    {
      group: 'appearance',
      label: 'Colour scheme',
      choices: { system: 'Same as my computer', light: 'Light', dark: 'Dark' },
    },
  ],
  ...EMAIL_FIELDS,
]);

const PREFIX_GROUP: ReadonlyMap<string, GroupId> = new Map<string, GroupId>([
  ['business', 'business'],
  ['contacts', 'business'],
  ['compliance', 'business'],
  ['quietHours', 'sending'],
  ['schedule', 'sending'],
  ['links', 'sending'],
  ['campaigns', 'sending'],
  ['sandbox', 'providers'],
  ['quo', 'providers'],
  ['twilio', 'providers'],
  ['email', 'providers'],
  ['smtp', 'providers'],
  ['postmark', 'providers'],
  ['sandboxEmail', 'providers'],
  ['numverify', 'providers'],
  ['pricing', 'providers'],
  ['webhooks', 'webhooks'],
  ['abtests', 'abtests'],
  ['gemini', 'integrations'],
  ['quickbooks', 'integrations'],
  ['ui', 'appearance'],
]);

/** "sandbox.deliveryDelayMs" → "Delivery delay ms"; "provider" → "Provider". */
export function labelFromName(name: string): string {
  const last = name.split('.').pop() ?? name;
  const words = last
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** How a setting appears; one not listed above gets a label from its name and its group from its prefix. */
export function fieldInfo(key: string, description: string): FieldInfo {
  const known = FIELDS.get(key);
  if (known) return { ...known, help: known.help ?? description };
  const prefix = key.includes('.') ? key.split('.')[0] : '';
  return { label: labelFromName(key), help: description, group: PREFIX_GROUP.get(prefix) ?? 'other' };
}

/** Order inside a group: as listed above, then any others in their own order. */
export function fieldOrder(key: string): number {
  const index = [...FIELDS.keys()].indexOf(key);
  return index === -1 ? FIELDS.size : index;
}

const SECRETS: ReadonlyMap<string, { label: string; section: string }> = new Map([
  ['quo.apiKey', { label: 'Quo API key', section: 'Quo' }],
  ['quo.signingSecret', { label: 'Quo signing secret (older webhooks)', section: 'Quo' }],
  ['quo.webhookSecret', { label: 'Quo webhook secret (whsec_…)', section: 'Quo' }],
  ['twilio.authToken', { label: 'Twilio Auth Token', section: 'Twilio' }],
  ['numverify.apiKey', { label: 'NumVerify access key', section: 'Number checks (NumVerify)' }],
  ['gemini.apiKey', { label: 'Gemini API key', section: 'Gemini — writing help' }],
  ['quickbooks.clientId', { label: 'Client ID', section: 'QuickBooks Online' }],
  ['quickbooks.clientSecret', { label: 'Client Secret', section: 'QuickBooks Online' }],
  ...EMAIL_SECRETS,
]);

/** Keys of optional integrations: entered on their own card in Settings → Integrations, not among the providers' keys. */
const INTEGRATION_SECRET_PREFIXES = ['gemini.', 'quickbooks.'];
export function isIntegrationSecret(name: string): boolean {
  return INTEGRATION_SECRET_PREFIXES.some((prefix) => name.startsWith(prefix));
}

export function secretLabel(name: string): string {
  return SECRETS.get(name)?.label ?? labelFromName(name);
}
