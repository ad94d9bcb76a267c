import type { HealthCheckResult } from '../../shared/ipc/channels/monitoring';
import type { SqliteDb } from '../db/connection';
import type { FetchLike } from '../http/client';
import type { ProviderId } from '../providers';
import { probeHealthz, probeToken } from './probe';
import { lastEventReceivedAt, sendsSince } from './queries';

type Verdict = Pick<HealthCheckResult, 'status' | 'detail'>;

const NAME: Record<ProviderId, string> = { sandbox: 'the Sandbox', quo: 'Quo', twilio: 'Twilio' };

export interface ProbeDeps {
  fetch: FetchLike;
  random: () => number;
  timeoutMs: number;
}

/** Our relay, asked over loopback: the one this app runs, else the configured address (the app or `relay` may run it). */
export async function checkRelay(deps: ProbeDeps, provider: ProviderId, relayUrl: string): Promise<Verdict> {
  const token = probeToken(deps.random);
  const answer = await probeHealthz(relayUrl, token, deps);
  if (answer.kind === 'ok' && answer.echoed === token) return { status: 'green', detail: `Listening on ${relayUrl}.` };
  if (provider === 'sandbox')
    return { status: 'skipped', detail: `Not running (${relayUrl}); the Sandbox does not need it.` };
  const why =
    answer.kind === 'unreachable'
      ? answer.detail
      : answer.kind === 'http'
        ? `it answered HTTP ${answer.status}`
        : 'something else answers on that port';
  return {
    status: 'red',
    detail: `The webhook relay is not listening on ${relayUrl} (${why}), so replies, STOPs and delivery receipts from ${NAME[provider]} cannot arrive. Keep the app open, or run \`relay\`.`,
  };
}

/** A request through the public tunnel must come back to our relay carrying our random probe. */
export async function checkTunnel(deps: ProbeDeps, provider: ProviderId, publicUrl: string): Promise<Verdict> {
  if (!publicUrl) {
    return provider === 'sandbox'
      ? { status: 'skipped', detail: 'No tunnel URL set; the Sandbox does not need one.' }
      : {
          status: 'red',
          detail: `No public tunnel URL is set (Settings → webhooks.publicUrl), so ${NAME[provider]} cannot reach this computer.`,
        };
  }
  let origin: string;
  try {
    origin = new URL(publicUrl).origin;
  } catch {
    return {
      status: 'red',
      detail: `The tunnel URL "${publicUrl}" is not a valid URL. Paste the https://… address your tunnel printed.`,
    };
  }
  const token = probeToken(deps.random);
  const answer = await probeHealthz(origin, token, deps);
  if (answer.kind === 'unreachable')
    return {
      status: 'red',
      detail: `The tunnel ${origin} did not answer (${answer.detail}). Is the tunnel (cloudflared, ngrok) running? A quick tunnel gets a new URL every time it starts.`,
    };
  if (answer.kind === 'http')
    return {
      status: 'red',
      detail: `The tunnel ${origin} answered HTTP ${answer.status} instead of reaching the relay. Check that it forwards to the relay's port.`,
    };
  if (answer.kind === 'not_json' || answer.echoed !== token) {
    return {
      status: 'red',
      detail: `The tunnel ${origin} answers, but not from this app's relay (the probe did not come back). It may point at another program or an old port.`,
    };
  }
  return { status: 'green', detail: `${origin} reaches the relay (round trip ${answer.ms} ms).` };
}

const minutes = (ms: number) =>
  ms < 90 * 60_000 ? `${Math.round(ms / 60_000)} min` : `${(ms / 3_600_000).toFixed(1)} h`;

/**
 * Texts went out but no webhook came back: receipts should follow sends within minutes. Counted from the first send
 * after the last real webhook (reconciliation's own events do not count). Yellow after 30 min, red after 2 h.
 */
export function checkWebhookLag(db: SqliteDb, provider: ProviderId, now: Date, windowMs = 6 * 3_600_000): Verdict {
  if (provider === 'sandbox') return { status: 'skipped', detail: 'The Sandbox reports receipts itself.' };
  const last = lastEventReceivedAt(db, provider);
  const windowStart = new Date(now.getTime() - windowMs).toISOString();
  const sends = sendsSince(db, provider, { windowStart, lastWebhook: last ?? '', until: now.toISOString() });
  const lastText = last
    ? `the last webhook arrived ${minutes(now.getTime() - Date.parse(last))} ago`
    : 'no webhook has arrived yet';
  if (!sends.n || !sends.first) return { status: 'green', detail: `Nothing is waiting for a receipt; ${lastText}.` };
  const waiting = now.getTime() - Date.parse(sends.first);
  const what = `${sends.n} text${sends.n === 1 ? '' : 's'} sent since ${last ? 'the last webhook' : 'then'}, the first ${minutes(waiting)} ago, and ${lastText}`;
  if (waiting > 2 * 3_600_000)
    return {
      status: 'red',
      detail: `No webhooks from ${NAME[provider]}: ${what}. Check the tunnel and the webhook registration.`,
    };
  if (waiting > 30 * 60_000) return { status: 'yellow', detail: `Webhooks from ${NAME[provider]} are late: ${what}.` };
  return { status: 'green', detail: `Waiting for receipts: ${what}.` };
}
