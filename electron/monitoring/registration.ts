import { isAppError } from '../../shared/errors';
import type { HealthCheckResult } from '../../shared/ipc/channels/monitoring';
import {
  basicAuth,
  classifyStatus,
  hostOf,
  joinUrl,
  parseJson,
  readWithRetry,
  type FetchLike,
  type HttpResult,
} from '../http/client';
import { QUO_API_VERSION } from '../providers';
import type { SecretStore } from '../settings/secrets';
import type { SettingsStore } from '../settings/store';

export interface RegistrationDeps {
  settings: SettingsStore;
  secrets: SecretStore;
  fetch: FetchLike;
  now: () => Date;
  timeoutMs: number;
}

type Verdict = Pick<HealthCheckResult, 'status' | 'detail'>;

/** A webhook as Quo lists it (`GET /v1/webhooks`, and `GET /webhooks` for new-style ones). */
interface QuoWebhook {
  id?: string;
  url?: string;
  status?: string;
  events?: string[];
}

/** Same endpoint? Scheme and host compared case-insensitively, a trailing slash ignored. */
export function sameEndpoint(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return (
      x.protocol === y.protocol &&
      x.host.toLowerCase() === y.host.toLowerCase() &&
      x.pathname.replace(/\/+$/, '') === y.pathname.replace(/\/+$/, '') &&
      x.search === y.search
    );
  } catch {
    return false;
  }
}

async function getJson(
  url: string,
  headers: Record<string, string>,
  deps: RegistrationDeps,
): Promise<{ ok: true; json: unknown } | { ok: false; why: string }> {
  const result: HttpResult = await readWithRetry(
    url,
    { method: 'GET', headers },
    { fetch: deps.fetch, timeoutMs: deps.timeoutMs, now: deps.now, attempts: 2, baseDelayMs: 500, maxDelayMs: 2000 },
  );
  if (result.kind !== 'answered') return { ok: false, why: `could not reach ${hostOf(url)} (${result.code})` };
  if (classifyStatus(result.status) !== 'ok')
    return { ok: false, why: `${hostOf(url)} answered HTTP ${result.status}` };
  const json = parseJson(result.text);
  return json === undefined
    ? { ok: false, why: `${hostOf(url)} answered something that is not JSON` }
    : { ok: true, json };
}

/** Quo: is there an enabled webhook for our URL with the message events we rely on? */
export async function checkQuoRegistration(deps: RegistrationDeps, expectedUrl: string): Promise<Verdict> {
  let apiKey: string | undefined;
  try {
    apiKey = deps.secrets.get('quo.apiKey');
  } catch (err) {
    return {
      status: 'yellow',
      detail: `Could not read the Quo API key to check the webhook: ${isAppError(err) ? err.message : String(err)}`,
    };
  }
  if (!apiKey) return { status: 'skipped', detail: 'Not checked: no Quo API key is set.' };
  const base = deps.settings.get('quo.baseUrl').replace(/\/+$/, '').replace(/\/v1$/, '');
  const versionedBase = hostOf(base) === 'api.openphone.com' ? 'https://api.quo.com' : base;
  const legacy = await getJson(
    joinUrl(base, '/v1/webhooks'),
    { Authorization: apiKey, Accept: 'application/json' },
    deps,
  );
  if (!legacy.ok) return { status: 'yellow', detail: `Could not check Quo's webhook settings: ${legacy.why}.` };
  const hooks = [...((legacy.json as { data?: QuoWebhook[] }).data ?? [])];
  // New-style webhooks live in the versioned API; a key or plan without it simply has none there.
  const modern = await getJson(
    joinUrl(versionedBase, '/webhooks'),
    { Authorization: apiKey, Accept: 'application/json', 'Quo-Api-Version': QUO_API_VERSION },
    deps,
  );
  if (modern.ok) hooks.push(...((modern.json as { data?: QuoWebhook[] }).data ?? []));

  const ours = hooks.filter((h) => typeof h.url === 'string' && sameEndpoint(h.url, expectedUrl));
  if (!ours.length) {
    const elsewhere = hooks.map((h) => h.url).filter((u): u is string => typeof u === 'string');
    return {
      status: 'red',
      detail: elsewhere.length
        ? `Quo sends its webhooks to ${elsewhere.slice(0, 2).join(', ')}${elsewhere.length > 2 ? ` and ${elsewhere.length - 2} more` : ''}, not to this app (${expectedUrl}). Change the webhook URL in Quo → Settings → Webhooks.`
        : `No webhook is registered in Quo. Add one for ${expectedUrl} with the events message.received and message.delivered.`,
    };
  }
  const enabled = ours.filter((h) => h.status === undefined || h.status === 'enabled');
  if (!enabled.length)
    return {
      status: 'red',
      detail: `The Quo webhook for ${expectedUrl} is disabled. Enable it in Quo → Settings → Webhooks.`,
    };
  const events = new Set(enabled.flatMap((h) => h.events ?? []));
  if (!events.has('message.received'))
    return {
      status: 'red',
      detail: `The Quo webhook for ${expectedUrl} does not include message.received, so replies and STOPs cannot arrive.`,
    };
  if (!events.has('message.delivered'))
    return {
      status: 'yellow',
      detail: `The Quo webhook for ${expectedUrl} does not include message.delivered, so delivery receipts only arrive through reconciliation.`,
    };
  return { status: 'green', detail: `Quo sends message.received and message.delivered to ${expectedUrl}.` };
}

/** Twilio: where does the sending number send incoming texts (its SmsUrl)? */
export async function checkTwilioRegistration(deps: RegistrationDeps, expectedUrl: string): Promise<Verdict> {
  const from = deps.settings.get('twilio.from');
  const accountSid = deps.settings.get('twilio.accountSid');
  if (/^MG/.test(from))
    return {
      status: 'skipped',
      detail: 'Not checked: with a Messaging Service, the incoming-message URL is set on the service in Twilio.',
    };
  if (!from || !accountSid)
    return { status: 'skipped', detail: 'Not checked: set twilio.accountSid and twilio.from first.' };
  const token = deps.secrets.get('twilio.authToken');
  if (!token) return { status: 'skipped', detail: 'Not checked: no Twilio Auth Token is set.' };
  const base = deps.settings.get('twilio.baseUrl');
  const url = joinUrl(
    base,
    `/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/IncomingPhoneNumbers.json?PhoneNumber=${encodeURIComponent(from)}`,
  );
  const answer = await getJson(url, { Authorization: basicAuth(accountSid, token), Accept: 'application/json' }, deps);
  if (!answer.ok) return { status: 'yellow', detail: `Could not check the Twilio number's webhook: ${answer.why}.` };
  const numbers =
    (answer.json as { incoming_phone_numbers?: Array<{ phone_number?: string; sms_url?: string | null }> })
      .incoming_phone_numbers ?? [];
  const number = numbers.find((n) => n.phone_number === from);
  if (!number)
    return {
      status: 'yellow',
      detail: `${from} is not a number of this Twilio account, so its webhook could not be checked.`,
    };
  if (!number.sms_url)
    return {
      status: 'red',
      detail: `${from} has no incoming-message URL in Twilio. Set "A message comes in" to ${expectedUrl}.`,
    };
  if (!sameEndpoint(number.sms_url, expectedUrl))
    return {
      status: 'red',
      detail: `Twilio sends texts to ${from} to ${number.sms_url}, not to this app (${expectedUrl}). Change "A message comes in" for the number in Twilio.`,
    };
  return { status: 'green', detail: `Twilio sends texts to ${from} to ${expectedUrl}.` };
}
