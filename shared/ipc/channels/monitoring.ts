import { z } from 'zod';
import { channel } from '../define';
import type { MonitoringOverview, OutboxState } from '../../types/domain';

export type ProviderName = 'sandbox' | 'quo' | 'twilio';
export type HealthStatus = 'green' | 'yellow' | 'red';

/** One health check: `skipped` when it does not apply (the Sandbox needs no tunnel) or cannot be checked. */
export interface HealthCheckResult {
  id: 'relay' | 'tunnel' | 'webhook_lag' | 'registration';
  label: string;
  status: HealthStatus | 'skipped';
  detail: string;
}

export interface HealthReport {
  id: number;
  at: string;
  status: HealthStatus;
  /** One plain sentence: the worst problem, or what is fine. */
  reason: string;
  trigger: 'scheduled' | 'manual';
  checks: HealthCheckResult[];
  /** How many checks applied and ran; 0 means there was nothing to check (the Sandbox), which is not "healthy". */
  checksRan: number;
}

/** What one reconciliation run found and changed. Every list holds only what actually changed. */
export interface ReconciliationDiff {
  /** How the provider was listed: Quo's workspace listing, Quo's per-conversation listing, Twilio's account list, the Sandbox. */
  listing: 'workspace' | 'conversations' | 'account' | 'sandbox' | null;
  listed: { outgoing: number; incoming: number };
  statusesFixed: Array<{
    outboxId: number;
    phone: string;
    providerMessageId: string;
    before: string;
    after: string;
    errorCode: string | null;
  }>;
  unknownResolved: Array<{
    outboxId: number;
    phone: string;
    resolution: 'found' | 'requeued' | 'skipped';
    after: string;
    providerMessageId: string | null;
    reason: string;
  }>;
  /** `unknown` messages that could not be settled yet, and why (too recent, outside the range, listing incomplete). */
  unknownPending: Array<{ outboxId: number; phone: string; reason: string }>;
  inboundIngested: Array<{ providerMessageId: string; from: string; body: string; at: string; keyword: string | null }>;
  optOutsFound: Array<{ phone: string; providerMessageId: string; body: string; at: string }>;
  /** Texts at the provider this app did not send (e.g. typed in the Quo app); counted, never imported. */
  unmatchedOutgoing: number;
  errors: string[];
}

export interface ReconciliationRun {
  id: number;
  provider: ProviderName;
  trigger: 'manual' | 'daily' | 'startup';
  since: string;
  until: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'ok' | 'partial' | 'failed' | 'interrupted';
  diff: ReconciliationDiff | null;
  error: string | null;
}

/** A provider event that failed processing: retrying (`failed`) or given up on (`dead`). */
export interface DeadLetterRow {
  id: number;
  provider: ProviderName;
  eventId: string;
  type: string;
  /** failed: being retried; dead: given up. After a replay: processed, or failed again. */
  state: 'pending' | 'processed' | 'failed' | 'dead';
  attempts: number;
  lastError: string | null;
  receivedAt: string;
  nextAttemptAt: string | null;
  /** e.g. "inbound from +14155550100: STOP" */
  summary: string;
}

export interface DeadLetterDetail extends DeadLetterRow {
  /** The parsed event as pretty JSON: what the owner may fix. */
  event: string;
  /** What the provider sent, as received (read-only). */
  raw: string | null;
  editedAt: string | null;
}

/** Work that runs by itself and is failing now (the send queue, provider events, schedules), or a stored setting refused. */
export interface BackgroundProblem {
  /** what failed, in words: "send queue", "setting business.timezone" */
  job: string;
  message: string;
  /** when this failure began, and when it last happened */
  since: string;
  lastAt: string;
  /** how many times in a row */
  count: number;
}

export interface MonitoringDashboard {
  at: string;
  queue: Partial<Record<OutboxState, number>>;
  events: { pending: number; processed: number; failed: number; dead: number };
  sendRate: {
    lastMinute: number;
    last15Minutes: number;
    lastHour: number;
    /** 60 buckets, oldest first. */ perMinute: number[];
  };
  failures: Array<{ code: string; count: number; example: string | null }>;
  webhooks: {
    lastEventAt: string | null;
    sinceLastEventMs: number | null;
    lagMedianMs: number | null;
    lagP95Ms: number | null;
    samples: number;
  };
  /** `setUp`: the provider has its keys and number; `missing` says what it still needs, in words. */
  breakers: Array<{
    provider: ProviderName;
    state: 'closed' | 'open' | 'half_open';
    setUp: boolean;
    missing: string[];
  }>;
  dispatcherRunning: boolean;
  provider: ProviderName;
  lastReconciliation: ReconciliationRun | null;
  health: HealthReport | null;
  healthHistory: Array<{ at: string; status: HealthStatus; reason: string; checksRan: number }>;
  /** failing background work and refused stored settings, shown as a problem banner */
  problems: BackgroundProblem[];
}

const provider = z.enum(['sandbox', 'quo', 'twilio']);
const id = z.object({ id: z.number().int().positive() }).strict();
const when = z.iso.datetime({ offset: true });

export const monitoringChannels = {
  'monitoring:overview': channel<MonitoringOverview>()(z.object({}).strict()),
  'monitoring:dashboard': channel<MonitoringDashboard>()(z.object({}).strict()),
  'deadletters:list': channel<{ rows: DeadLetterRow[]; total: number }>()(
    z
      .object({
        state: z.enum(['dead', 'failed', 'all']).default('all'),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
  ),
  'deadletters:get': channel<DeadLetterDetail>()(id),
  /** Replaces the event's JSON after a fix; checked against the event shapes before it is saved. */
  'deadletters:update': channel<DeadLetterDetail>()(
    z.object({ id: z.number().int().positive(), event: z.string().min(2).max(100_000) }).strict(),
  ),
  /** Back to pending with its attempts reset, then processed at once. */
  'deadletters:replay': channel<DeadLetterDetail>()(id),
  'reconciliation:run': channel<ReconciliationRun>()(
    z.object({ since: when.optional(), until: when.optional(), provider: provider.optional() }).strict(),
  ),
  'reconciliation:runs': channel<ReconciliationRun[]>()(
    z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict(),
  ),
  'health:check': channel<HealthReport>()(z.object({}).strict()),
  'health:history': channel<HealthReport[]>()(
    z.object({ limit: z.number().int().min(1).max(500).default(48) }).strict(),
  ),
};
