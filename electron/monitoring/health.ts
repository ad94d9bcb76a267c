import type { HealthCheckResult, HealthReport, HealthStatus } from '../../shared/ipc/channels/monitoring';
import type { DeskCore } from '../core';
import type { FetchLike } from '../http/client';
import type { Relay } from '../webhooks';
import { checkRelay, checkTunnel, checkWebhookLag } from './health-checks';
import { checkQuoRegistration, checkTwilioRegistration } from './registration';
import { healthCheckRows, insertHealthCheck, type HealthRow } from './queries';

export interface HealthDeps {
  core: DeskCore;
  /** The relay this app runs, if any. */
  relay: () => Relay | null;
  fetch?: FetchLike;
  /** Per request (probes and provider calls). Default 5 s. */
  timeoutMs?: number;
}

const RANK: Record<HealthStatus, number> = { green: 0, yellow: 1, red: 2 };

const ran = (checks: HealthCheckResult[]) => checks.filter((c) => c.status !== 'skipped').length;

const toReport = (r: HealthRow): HealthReport => {
  const checks = JSON.parse(r.checks_json) as HealthCheckResult[];
  return { id: r.id, at: r.at, status: r.status, reason: r.reason, trigger: r.trigger, checks, checksRan: ran(checks) };
};

/** The overall verdict: the worst check that applies, with its own words as the reason. */
export function summarise(
  checks: HealthCheckResult[],
  providerLabel: string,
): { status: HealthStatus; reason: string } {
  const applied = checks.filter((c): c is HealthCheckResult & { status: HealthStatus } => c.status !== 'skipped');
  const worst = applied.reduce<HealthCheckResult | null>(
    (w, c) => (!w || RANK[c.status] > RANK[w.status as HealthStatus] ? c : w),
    null,
  );
  if (!worst || worst.status === 'green') {
    return {
      status: 'green',
      reason: applied.length
        ? `Webhooks from ${providerLabel} are flowing: ${applied.map((c) => c.label.toLowerCase()).join(', ')} OK.`
        : `${providerLabel} needs no webhooks; nothing to check.`,
    };
  }
  return { status: worst.status as HealthStatus, reason: `${worst.label}: ${worst.detail}` };
}

/**
 * Is the path from the provider to us working? Relay listening, the public tunnel reaching it, webhooks arriving
 * after sends, the provider's webhook pointing at our URL. Each run is stored; turning red notifies the owner once.
 */
export function createHealthMonitor(deps: HealthDeps) {
  const { core } = deps;
  const { db, settings } = core;
  const fetchFn = deps.fetch ?? fetch;
  const timeoutMs = deps.timeoutMs ?? 5000;
  let inFlight: Promise<HealthReport> | null = null;

  function relayUrl(): string {
    const own = deps.relay();
    if (own) return own.url;
    const host = settings.get('webhooks.host');
    // A relay bound to every interface is still reached over loopback from here.
    const local = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
    return `http://${local.includes(':') ? `[${local}]` : local}:${settings.get('webhooks.port')}`;
  }

  async function runChecks(trigger: HealthReport['trigger']): Promise<HealthReport> {
    const provider = settings.get('provider');
    const publicUrl = settings.get('webhooks.publicUrl').trim();
    const probe = { fetch: fetchFn, random: core.random, timeoutMs };
    const [relay, tunnel] = await Promise.all([
      checkRelay(probe, provider, relayUrl()),
      checkTunnel(probe, provider, publicUrl),
    ]);
    const lag = checkWebhookLag(db, provider, core.now());
    let registration: Pick<HealthCheckResult, 'status' | 'detail'>;
    if (provider === 'sandbox')
      registration = { status: 'skipped', detail: 'The Sandbox needs no webhook registration.' };
    else if (!publicUrl) registration = { status: 'skipped', detail: 'Not checked: set the tunnel URL first.' };
    else {
      const origin = (() => {
        try {
          return new URL(publicUrl).origin;
        } catch {
          return null;
        }
      })();
      const regDeps = { settings, secrets: core.secrets, fetch: fetchFn, now: core.now, timeoutMs };
      registration = !origin
        ? { status: 'skipped', detail: 'Not checked: the tunnel URL is not valid.' }
        : provider === 'quo'
          ? await checkQuoRegistration(regDeps, `${origin}/webhooks/quo`)
          : await checkTwilioRegistration(regDeps, `${origin}/webhooks/twilio`);
    }
    const checks: HealthCheckResult[] = [
      { id: 'relay', label: 'Relay', ...relay },
      { id: 'tunnel', label: 'Tunnel', ...tunnel },
      { id: 'webhook_lag', label: 'Webhook lag', ...lag },
      { id: 'registration', label: 'Webhook registration', ...registration },
    ];
    const label = provider === 'quo' ? 'Quo' : provider === 'twilio' ? 'Twilio' : 'The Sandbox';
    const { status, reason } = summarise(checks, label);
    const at = core.now().toISOString();
    const previous = latest();
    const id = insertHealthCheck(db, { at, status, reason, checks, trigger });
    if (status === 'red' && previous?.status !== 'red') {
      core.events.emit('app:notify', {
        title: 'Replies and receipts may not be arriving',
        body: reason,
        level: 'error',
      });
    }
    return { id, at, status, reason, trigger, checks, checksRan: ran(checks) };
  }

  function latest(): HealthReport | null {
    const row = healthCheckRows(db, 1).at(0);
    return row ? toReport(row) : null;
  }

  return {
    /** Runs every check now; a second call while one runs shares its result. */
    run(trigger: HealthReport['trigger'] = 'manual'): Promise<HealthReport> {
      if (!inFlight) inFlight = runChecks(trigger).finally(() => (inFlight = null));
      return inFlight;
    },
    latest,
    settled: (): Promise<void> =>
      inFlight
        ? inFlight.then(
            () => undefined,
            () => undefined,
          )
        : Promise.resolve(),
    history(limit: number): HealthReport[] {
      return healthCheckRows(db, limit).map(toReport);
    },
  };
}

export type HealthMonitor = ReturnType<typeof createHealthMonitor>;
