import { isAppError } from '../../../shared/errors';
import type { QuietHoursPolicy } from '../../../shared/campaigns';
import type { DeskCore } from '../../core';
import type { Provider, ProviderId, SendOutcome } from '../../providers';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { createProviderBreaker, type BreakerState, type ProviderBreaker } from './breaker';
import { dueMessages, markInterruptedUnknown, markSending, nextDueAt, providersWithWork, unclaim, type OutboxItem } from './claim';
import { createOutcomeWriter } from './outcomes';
import { acquireDispatchLock } from './lock';
import { createRateLimiter, type RateLimiter } from './rate-limit';
import { campaignCounts } from './record';
import { statement } from './statements';
import { pricesForSend } from '../../analytics';
import { isPastDeadline, skipLateConfirmation } from '../../compliance';
import type { BackgroundProblems } from '../../monitoring';

/** How long a message whose sending window could not be checked waits before it is tried again. */
const WINDOW_CHECK_RETRY_MS = 60_000;

export type WindowCheck = (
  phone: string,
  at: Date,
  policy: QuietHoursPolicy,
) => { allowed: boolean; nextAllowedAt?: Date | null; reason?: string; /** State cap on marketing texts per 24 h (FL, OK: 3). */ maxPer24h?: number };

export interface DispatcherOptions {
  windowCheck: WindowCheck;
  concurrency?: number;
  maxAttempts?: number;
  backoff?: BackoffOptions;
  /** Requests per second per provider; defaults come from settings (quo.ratePerSecond…). */
  rates?: Partial<Record<ProviderId, number>>;
  breakerThreshold?: number;
  breakerHalfOpenMs?: number;
  /** How often the loop looks for work when idle. */
  pollMs?: number;
  log?: (msg: string, err?: unknown) => void;
  /** Where a failing tick is reported (logged once per distinct error, shown on Monitoring); else `log` each time. */
  problems?: BackgroundProblems;
}

export interface DispatcherStatus {
  running: boolean;
  inFlight: number;
  breakers: Record<string, BreakerState>;
}

const MARKETING = new Set(['campaign', 'reply']);

/**
 * The send queue. Claims due messages (committing `sending` before any HTTP call), re-checks opt-out and quiet hours
 * at that moment, sends within each provider's rate limit and breaker, and records the outcome. Never resends a
 * message whose fate is unknown.
 */
export function createDispatcher(core: DeskCore, options: DispatcherOptions) {
  const { db } = core;
  const concurrency = options.concurrency ?? 16;
  const recordDeps = {
    db,
    now: core.now,
    random: core.random,
    maxAttempts: options.maxAttempts ?? 5,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    price: pricesForSend(core),
  };
  const limiters = new Map<string, RateLimiter>();
  const breakers = new Map<string, ProviderBreaker>();
  const inFlight = new Map<string, number>();
  const pending = new Set<Promise<void>>();
  const progressTimers = new Map<number, NodeJS.Timeout>();
  let release: (() => void) | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let wake: (() => void) | null = null;
  /** runUntilIdle calls in progress: like `running`, they let the outcome writer claim the next messages. */
  let draining = 0;

  const rateFor = (p: ProviderId): number =>
    options.rates?.[p] ?? (p === 'quo' ? core.settings.get('quo.ratePerSecond') : p === 'twilio' ? core.settings.get('twilio.ratePerSecond') : core.settings.get('sandbox.ratePerSecond'));
  const limiter = (p: ProviderId) => {
    let l = limiters.get(p);
    if (!l) limiters.set(p, (l = createRateLimiter(rateFor(p))));
    else l.setRate(rateFor(p));
    return l;
  };
  const breaker = (p: ProviderId) => {
    let b = breakers.get(p);
    if (!b) {
      b = createProviderBreaker(options.breakerThreshold ?? 5, options.breakerHalfOpenMs ?? 15_000);
      b.onChange((state) => {
        core.audit('provider.breaker', p, { state }, 'dispatcher');
        if (state === 'open') core.events.emit('app:notify', { title: `${p} is not answering`, body: 'Sending is paused and will resume by itself when the provider is back.', level: 'warning' });
      });
      breakers.set(p, b);
    }
    return b;
  };
  const failed = (job: string, err: unknown) => (options.problems ? options.problems.failed(job, err) : options.log?.(`${job} failed`, err));
  const ok = (job: string) => options.problems?.ok(job);
  const defaultPolicy = (): QuietHoursPolicy => ({ start: core.settings.get('quietHours.start'), end: core.settings.get('quietHours.end'), excludedDays: [] });

  function emitProgress(campaignId: number): void {
    if (progressTimers.has(campaignId)) return;
    progressTimers.set(
      campaignId,
      setTimeout(() => {
        progressTimers.delete(campaignId);
        const counts = campaignCounts(db, campaignId);
        core.events.emit('campaign:progress', { campaignId, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) });
        core.events.emit('app:dataChanged', { area: 'campaigns' });
      }, 200),
    );
  }

  const writer = createOutcomeWriter({
    ...recordDeps,
    onCampaignTouched: (campaignId, completed) => {
      if (completed) {
        core.events.emit('app:dataChanged', { area: 'campaigns' });
        const c = db.prepare('SELECT name FROM campaigns WHERE id = ?').get(campaignId) as { name: string };
        const n = campaignCounts(db, campaignId);
        const failed = (n.failed ?? 0) + (n.undelivered ?? 0);
        core.events.emit('app:notify', {
          title: `Campaign "${c.name}" finished`,
          body: `${(n.sent ?? 0) + (n.delivered ?? 0)} sent, ${failed} failed${n.unknown ? `, ${n.unknown} to be checked` : ''}.`,
          level: failed || n.unknown ? 'warning' : 'info',
        });
      }
      emitProgress(campaignId);
    },
    // The next messages' `sending` rides on the outcomes' commit: one sync instead of two, and the outbox pages
    // both touch are written once. They are started only after that commit.
    claimInSameCommit: () => {
      if (!running && !draining) return undefined;
      const { batches, error } = claimDue();
      if (error) failed('send queue', error);
      return () => startSends(batches);
    },
  });

  /** Claims what this provider may send now; returns the claimed items (already committed as `sending`). */
  function claim(p: ProviderId): OutboxItem[] {
    const nowMs = Date.now();
    const b = breaker(p);
    if (!b.mayTry(nowMs)) return [];
    const busy = inFlight.get(p) ?? 0;
    let slots = Math.min(concurrency - busy, limiter(p).available(nowMs));
    if (b.state() !== 'closed') slots = busy ? 0 : 1; // a single probe while the provider is suspected down
    if (slots <= 0) return [];
    const now = core.now();
    const nowIso = now.toISOString();
    const claimed: OutboxItem[] = [];
    let windowError: unknown;
    let windowChecked = false;
    // Read once per batch, not per message: every message of one campaign (or of none) shares its policy.
    let fallbackPolicy: QuietHoursPolicy | undefined;
    const policies = new Map<string, QuietHoursPolicy>();
    const policyOf = (json: string | null): QuietHoursPolicy => {
      if (!json) return (fallbackPolicy ??= defaultPolicy());
      let policy = policies.get(json);
      if (!policy) policies.set(json, (policy = JSON.parse(json) as QuietHoursPolicy));
      return policy;
    };
    db.transaction(() => {
      for (const item of dueMessages(db, p, nowIso, slots * 4 + 16)) {
        if (claimed.length >= slots) break;
        if (isPastDeadline(item.expiresAt, nowIso)) {
          skipLateConfirmation(db, item.id, nowIso);
          continue;
        }
        if (MARKETING.has(item.kind)) {
          if (item.optedOut === 1) {
            statement(db, `UPDATE outbox_messages SET state = 'skipped', error_code = 'opted_out', error_message = 'Recipient opted out before sending', updated_at = ? WHERE id = ?`).run(nowIso, item.id);
            continue;
          }
          let w: ReturnType<WindowCheck>;
          try {
            w = options.windowCheck(item.toPhone, now, policyOf(item.quietHoursJson));
          } catch (err) {
            // A bad setting (a time zone an old database holds) must not hold up the rest of the batch, above all
            // the opt-out confirmations and HELP answers that have minutes to go out: this message waits a minute.
            windowError ??= err;
            const next = new Date(now.getTime() + WINDOW_CHECK_RETRY_MS).toISOString();
            const why = `The sending hours could not be checked (${err instanceof Error ? err.message : String(err)}); trying again in a minute`;
            statement(db, `UPDATE outbox_messages SET next_attempt_at = ?, error_code = 'window_check_failed', error_message = ?, updated_at = ? WHERE id = ?`).run(next, why, nowIso, item.id);
            continue;
          }
          windowChecked = true;
          if (w.allowed && w.maxPer24h !== undefined && item.contactId !== null) {
            // Florida and Oklahoma: at most N marketing texts per 24 hours. We count every marketing text as the same
            // subject (the stricter reading); the next one waits until the oldest of those is 24 hours old.
            const recent = statement(db, `SELECT sent_at FROM outbox_messages WHERE contact_id = ? AND kind IN ('campaign', 'reply') AND sent_at > ? ORDER BY sent_at`)
              .all(item.contactId, new Date(now.getTime() - 86_400_000).toISOString()) as { sent_at: string }[];
            if (recent.length >= w.maxPer24h) {
              const next = new Date(Date.parse(recent[recent.length - w.maxPer24h].sent_at) + 86_400_000 + 1000).toISOString();
              statement(db, `UPDATE outbox_messages SET next_attempt_at = ?, error_code = 'state_daily_cap', error_message = ?, updated_at = ? WHERE id = ?`).run(next, `This state allows ${w.maxPer24h} marketing texts per 24 hours; waiting until ${next}`, nowIso, item.id);
              continue;
            }
          }
          if (!w.allowed) {
            // Waits for its window: not dropped, not sent early.
            const next = w.nextAllowedAt ? w.nextAllowedAt.toISOString() : new Date(now.getTime() + 3_600_000).toISOString();
            statement(db, `UPDATE outbox_messages SET next_attempt_at = ?, error_code = 'quiet_hours', error_message = ?, updated_at = ? WHERE id = ?`).run(next, w.reason ?? 'Outside the allowed sending hours', nowIso, item.id);
            continue;
          }
        }
        claimed.push(item);
      }
      markSending(db, claimed.map((c) => c.id), nowIso);
    }).immediate();
    if (windowError !== undefined) failed('checking sending hours', windowError);
    else if (windowChecked) ok('checking sending hours');
    for (let i = 0; i < claimed.length; i++) limiter(p).take(nowMs);
    return claimed;
  }

  /**
   * `provider` is built once per claimed batch (from the settings of that moment, so a changed key applies to the
   * next batch); building it reads settings and the secret store, which cost more than the send itself.
   */
  async function sendOne(item: OutboxItem, provider: () => Provider): Promise<void> {
    try {
      const outcome = await request(item, provider);
      if (outcome !== undefined) await writer.write(item, outcome);
    } finally {
      wake?.();
    }
  }

  /**
   * The HTTP part of a send. It counts towards `concurrency` only while the request is out, so the flush that
   * records its outcome may already claim a message for the freed slot. `undefined`: not attempted, put back.
   */
  async function request(item: OutboxItem, provider: () => Provider): Promise<SendOutcome | null | undefined> {
    const p = item.provider;
    inFlight.set(p, (inFlight.get(p) ?? 0) + 1);
    try {
      const client = provider();
      return await breaker(p).run(() => client.send({ to: item.toPhone, from: item.fromNumber ?? '', body: item.body, outboxId: item.id }));
    } catch (err) {
      // Configuration problems (no API key) pause the campaign instead of failing every message.
      const message = isAppError(err) ? err.message : `Could not send: ${(err as Error).message}`;
      unclaim(db, item.id, item.state, core.now().toISOString());
      if (item.campaignId) {
        const paused = statement(db, `UPDATE campaigns SET status = 'paused', last_error = ?, updated_at = ? WHERE id = ? AND status = 'sending'`).run(message, core.now().toISOString(), item.campaignId).changes;
        if (paused) core.events.emit('app:notify', { title: 'Campaign paused', body: message, level: 'error' });
      }
      options.log?.(`send of outbox ${item.id} not attempted`, err);
      return undefined;
    } finally {
      inFlight.set(p, (inFlight.get(p) ?? 1) - 1);
    }
  }

  /** The provider built on first use; a failure to build it (no API key) is thrown to each send, which pauses its campaign. */
  function providerOnce(p: ProviderId): () => Provider {
    let built: { client: Provider } | { error: unknown } | undefined;
    return () => {
      if (!built) {
        try {
          built = { client: core.provider(p) };
        } catch (error) {
          built = { error };
        }
      }
      if ('error' in built) throw built.error;
      return built.client;
    };
  }

  /**
   * Claims for every provider with due work. Never throws: a provider whose claim fails (its savepoint rolled back)
   * does not stop the others, whose claims are committed (or will be, with the outcome flush they ride on) and must
   * be sent; the first error is returned instead.
   */
  function claimDue(): { batches: Array<{ provider: ProviderId; items: OutboxItem[] }>; error?: unknown } {
    const batches: Array<{ provider: ProviderId; items: OutboxItem[] }> = [];
    let error: unknown;
    let providers: ProviderId[];
    try {
      providers = providersWithWork(db, core.now().toISOString()) as ProviderId[];
    } catch (err) {
      return { batches, error: err };
    }
    for (const provider of providers) {
      try {
        const items = claim(provider);
        if (items.length) batches.push({ provider, items });
      } catch (err) {
        error ??= err;
      }
    }
    return { batches, error };
  }

  /** Starts the sends of committed claims. Returns how many started. */
  function startSends(batches: Array<{ provider: ProviderId; items: OutboxItem[] }>): number {
    let started = 0;
    for (const { provider, items } of batches) {
      const client = providerOnce(provider);
      for (const item of items) {
        const job = sendOne(item, client).catch((err) => options.log?.('send crashed', err));
        pending.add(job);
        void job.finally(() => pending.delete(job));
        started++;
      }
    }
    return started;
  }

  /** One pass: claim and start sends for every provider with due work. Returns how many sends started. */
  function tick(): number {
    const { batches, error } = claimDue();
    const started = startSends(batches);
    if (error) throw error;
    return started;
  }

  /** Milliseconds until something may become sendable (rate window, retry time, quiet-hours window). */
  function nextWakeMs(): number {
    const next = { at: nextDueAt(db) };
    const rateWait = Math.min(...[...limiters.values()].map((l) => l.waitMs(Date.now())).filter((w) => w > 0), options.pollMs ?? 250);
    const retryWait = next.at ? Math.max(1, Date.parse(next.at) - core.now().getTime()) : Infinity;
    return Math.max(1, Math.min(rateWait, retryWait, options.pollMs ?? 250));
  }

  function loop(): void {
    if (!running) return;
    try {
      tick();
      ok('send queue');
    } catch (err) {
      failed('send queue', err);
    }
    timer = setTimeout(loop, nextWakeMs());
  }

  return {
    start() {
      if (running) return;
      release = acquireDispatchLock(core.paths.dataDir);
      markInterruptedUnknown(db, core.now().toISOString());
      running = true;
      loop();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      await Promise.allSettled([...pending]);
      for (const t of progressTimers.values()) clearTimeout(t);
      progressTimers.clear();
      release?.();
      release = null;
    },
    tick,
    /** Sends until nothing more can be sent now (quiet hours, retries later, open breaker): `campaigns run --until-idle`. */
    async runUntilIdle(maxWaitMs = 2_000): Promise<void> {
      const ownLock = !release;
      if (ownLock) {
        release = acquireDispatchLock(core.paths.dataDir);
        markInterruptedUnknown(db, core.now().toISOString());
      }
      draining++;
      try {
        for (;;) {
          const started = tick();
          if (!started && pending.size === 0) {
            const wait = nextWakeMs();
            const horizon = new Date(core.now().getTime() + maxWaitMs).toISOString();
            const due = providersWithWork(db, horizon) as ProviderId[];
            // Idle: nothing due soon, or only providers whose breaker is open (they are down right now).
            if (!due.some((p) => breaker(p).mayTry(Date.now() + maxWaitMs))) return;
            await new Promise((r) => setTimeout(r, Math.min(wait, maxWaitMs)));
            continue;
          }
          await new Promise<void>((r) => {
            wake = r;
            setTimeout(r, nextWakeMs());
          });
          wake = null;
        }
      } finally {
        draining--;
        await Promise.allSettled([...pending]);
        if (ownLock) {
          release?.();
          release = null;
        }
      }
    },
    status(): DispatcherStatus {
      return {
        running,
        inFlight: [...inFlight.values()].reduce((a, b) => a + b, 0),
        breakers: Object.fromEntries([...breakers.entries()].map(([k, b]) => [k, b.state()])),
      };
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
