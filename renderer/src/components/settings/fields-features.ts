import type { FieldInfo } from './fields';

/**
 * How the settings of webhooks, A/B tests, integrations and the look appear on the Settings page, in their order
 * (after SENDING_FIELDS). A new feature's settings are appended at the end.
 */
export const FEATURE_FIELDS: ReadonlyArray<[string, FieldInfo]> = [
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
];
