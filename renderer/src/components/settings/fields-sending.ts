import type { FieldInfo } from './fields';

/** How the settings of the business, sending and the providers appear on the Settings page, in their order. */
export const SENDING_FIELDS: ReadonlyArray<[string, FieldInfo]> = [
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
    'voice.provider',
    {
      group: 'providers',
      section: 'Voice calls',
      label: 'Place calls through',
      choices: { sandbox: 'Sandbox (simulated, no account needed)', twilio: 'Twilio (your Twilio account)' },
      help: 'Quo has no call-placing API: calls go through Twilio, with the Twilio account details above.',
    },
  ],
  [
    'voice.businessName',
    {
      group: 'providers',
      section: 'Voice calls',
      label: 'Name said at the start of a call',
      help: 'The law asks every recorded call to say who is calling first; empty means your business name.',
    },
  ],
  [
    'voice.callbackNumber',
    {
      group: 'providers',
      section: 'Voice calls',
      label: 'Number said on the call',
      help: 'Said at the start and on voicemail; calling it reaches the same opt-out. Empty means your Twilio number.',
    },
  ],
  ['voice.voice', { group: 'providers', section: 'Voice calls', label: 'Voice' }],
  ['voice.language', { group: 'providers', section: 'Voice calls', label: 'Language' }],
  [
    'voice.optOutDigit',
    {
      group: 'providers',
      section: 'Voice calls',
      label: 'Key to stop calls',
      help: 'Pressing it during a call puts the number on your do-not-call list and hangs up.',
    },
  ],
  [
    'voice.ratePerSecond',
    { group: 'providers', section: 'Voice calls', label: 'Calls per second', unit: 'per second' },
  ],
];
