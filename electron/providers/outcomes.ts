import { seconds, type HttpResult, type MaybeSentCode } from '../http/client';
import type { SendOutcome } from './types';

// What the generic HTTP client's results mean for a text sent through a provider (Quo, Twilio).

/**
 * The provider said yes but its answer cannot be read, so we do not know which message it created: the text was
 * most likely sent, so it must never be resent automatically.
 */
export function unreadableAcceptance(
  provider: string,
  status: number,
  idName: string,
  whereToCheck: string,
): SendOutcome {
  return {
    ok: false,
    kind: 'unknown',
    code: 'unreadable_answer',
    httpStatus: status,
    message: `${provider} accepted the text (HTTP ${status}) but its answer could not be read, so the ${idName} is unknown. It will not be sent again automatically; check ${whereToCheck}.`,
  };
}

/**
 * What a send that never got an HTTP status means for the outbox. `providerName` is what the business owner calls
 * the service ("Quo", "Twilio").
 */
export function transportOutcome(
  providerName: string,
  host: string,
  result: Extract<HttpResult, { kind: 'not_sent' | 'maybe_sent' }>,
  timeoutMs: number,
): Extract<SendOutcome, { ok: false }> {
  if (result.kind === 'not_sent') {
    if (result.code === 'cancelled') {
      return {
        ok: false,
        kind: 'retryable',
        code: 'cancelled',
        message: `Sending was stopped before the text went to ${providerName}; it was not sent.`,
      };
    }
    return {
      ok: false,
      kind: 'retryable',
      code: 'connection_refused',
      message: `Could not connect to ${providerName} at ${host} (${result.detail.split(':')[0]}), so the text was not sent. Check your internet connection and the ${providerName} address in Settings.`,
    };
  }
  const why: Record<MaybeSentCode, string> = {
    timeout: `${providerName} did not answer within ${seconds(timeoutMs)}`,
    connection_lost: `The connection to ${providerName} broke before it answered`,
    cancelled: `Sending was stopped while ${providerName} was handling the text`,
    network_error: `A network error interrupted the request to ${providerName}`,
  };
  return {
    ok: false,
    kind: 'unknown',
    code: result.code,
    message: `${why[result.code]}. The text may or may not have been sent, so it will not be sent again automatically; check ${providerName}'s message history.`,
  };
}
