import { EMAIL_FIELDS, EMAIL_SECRETS } from './fields-email';
import { FEATURE_FIELDS } from './fields-features';
import { SENDING_FIELDS } from './fields-sending';

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

/** Every setting listed by hand: the sending ones first, then the features'. */
const FIELDS: ReadonlyMap<string, FieldInfo> = new Map<string, FieldInfo>([
  ...SENDING_FIELDS,
  ...FEATURE_FIELDS,
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
  ['voice', 'providers'],
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
