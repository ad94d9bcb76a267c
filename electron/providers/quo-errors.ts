import { classifyStatus, parseJson, parseRetryAfter, seconds, type ResponseHeaders } from '../http/client';
import { unreadableAcceptance } from './outcomes';
import type { ProviderMessageStatus, SendOutcome } from './types';

/** Quo's one error envelope (v1 and the versioned API alike). */
export interface QuoErrorEnvelope {
  message?: string;
  code?: string;
  status?: number;
  title?: string;
  trace?: string;
  docs?: string;
  errors?: Array<{ path?: string; message?: string; value?: unknown }>;
}

export function parseQuoEnvelope(text: string): QuoErrorEnvelope | undefined {
  const json = parseJson(text);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  return json;
}

/** Codes Quo documents, each with what the business owner can do about it. */
const KNOWN: Record<string, string> = {
  '0206400':
    'Quo will not send texts from this number because its A2P 10DLC carrier registration is not approved yet (0206400). Finish the registration in your Quo workspace, then send again.',
  '0200401': 'Quo did not accept the API key (0200401). Check the Quo API key in Settings.',
  '0201402': 'Your Quo subscription has expired (0201402). Renew it in Quo to send texts.',
  '0202403':
    'The user behind this Quo API key is not a member of the sending number (0202403). Pick a number you belong to in Settings, or add the user to it in Quo.',
};

/** "The input was invalid (/to/0: Expected E.164)" — the first field Quo names, so the owner can fix it. */
export function describeQuoError(status: number, envelope: QuoErrorEnvelope | undefined): string {
  const code = envelope?.code;
  if (code && KNOWN[code]) return KNOWN[code];
  if (status === 401) return KNOWN['0200401'];
  if (status === 429) return 'Quo is limiting how many requests this API key may make (429). Try again in a moment.';
  if (status >= 500) return `Quo had a problem on its side (HTTP ${status}). Try again later.`;
  const base = envelope?.message || envelope?.title || `HTTP ${status}`;
  const field = envelope?.errors?.find((e) => e.path || e.message);
  const detail = field ? ` (${[field.path, field.message].filter(Boolean).join(': ')})` : '';
  return `Quo refused the request: ${base}${detail}${code ? ` [${code}]` : ''}.`;
}

function errorCode(status: number, envelope: QuoErrorEnvelope | undefined): string {
  return envelope?.code ? String(envelope.code) : `http_${status}`;
}

/** Classifies a send that got an HTTP status from Quo. */
export function quoAnsweredSendOutcome(
  answer: { status: number; headers: ResponseHeaders; text: string; bodyIncomplete: boolean },
  now: Date,
): SendOutcome {
  const { status } = answer;
  const cls = classifyStatus(status);
  if (cls === 'ok') {
    const data = (parseJson(answer.text) as { data?: { id?: unknown; status?: unknown } } | undefined)?.data;
    if (answer.bodyIncomplete || typeof data?.id !== 'string' || data.id === '') {
      return unreadableAcceptance('Quo', status, 'message id', "Quo's message history");
    }
    return { ok: true, providerMessageId: data.id, status: quoStatus(data.status) };
  }
  const envelope = parseQuoEnvelope(answer.text);
  const code = errorCode(status, envelope);
  if (cls === 'retryable') {
    const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'), now);
    const later = retryAfterMs === undefined ? 'it can be retried' : `it can be retried in ${seconds(retryAfterMs)}`;
    const message =
      status === 429
        ? `Quo is limiting how fast texts can be sent (429). The text was not sent; ${later}.`
        : status === 408
          ? `Quo gave up waiting for the request (408). The text was not sent; ${later}.`
          : `Quo had a problem on its side (HTTP ${status}). The text was not sent; ${later}.`;
    return {
      ok: false,
      kind: 'retryable',
      code,
      message,
      httpStatus: status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  return { ok: false, kind: 'permanent', code, message: describeQuoError(status, envelope), httpStatus: status };
}

const QUO_STATUSES = new Set(['queued', 'sent', 'delivered', 'undelivered', 'received', 'failed', 'sending']);

export function quoStatus(value: unknown): ProviderMessageStatus {
  return typeof value === 'string' && QUO_STATUSES.has(value) ? (value as ProviderMessageStatus) : 'unknown';
}
