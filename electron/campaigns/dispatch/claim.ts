import type { SqliteDb } from '../../db/connection';
import { preparedQuery } from '../../db/prepared-query';
import { qb } from '../../db/sync-query';
import type { OutboxState } from '../../../shared/types/domain';
import type { QuietHoursPolicy } from '../../../shared/campaigns';
import { isPastDeadline, skipLateConfirmation } from '../../compliance';
import { dueMessages, type OutboxItem } from './due';
import { transaction } from '../../db/transaction';

export type { OutboxItem } from './due';

export type WindowCheck = (
  phone: string,
  at: Date,
  policy: QuietHoursPolicy,
) => {
  allowed: boolean;
  nextAllowedAt?: Date | null;
  reason?: string;
  /** State cap on marketing texts per 24 h (FL, OK: 3). */ maxPer24h?: number;
};

// ---- Eligibility: the rules a due message must pass at the moment it is claimed (pure, given its inputs) ----

/** How long a message whose sending window could not be checked waits before it is tried again. */
export const WINDOW_CHECK_RETRY_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Marketing texts obey opt-out, quiet hours and state caps; service messages (confirmations, HELP) do not. */
export const isMarketing = (kind: OutboxItem['kind']): boolean => kind === 'campaign' || kind === 'reply';

export type WaitReason = 'window_check_failed' | 'state_daily_cap' | 'quiet_hours';

/** What the claim does with one due message. */
export type Verdict =
  | { action: 'send' }
  /** A confirmation past its deadline: skipped, never sent late. */
  | { action: 'expire' }
  | { action: 'skip'; code: 'opted_out'; message: string }
  /** Not dropped, not sent early: it waits until `until`. */
  | { action: 'wait'; code: WaitReason; until: string; message: string };

/** What deciding needs from outside: the sending-window check and, for a state cap, the contact's recent texts. */
export interface EligibilityInputs {
  now: Date;
  window: (phone: string, at: Date) => ReturnType<WindowCheck>;
  /** Sent times (ISO, ascending) of the contact's marketing texts after `sinceIso`. */
  recentMarketingSends: (contactId: number, sinceIso: string) => string[];
}

/** The verdict, and how the sending-window check went (for the Monitoring page), if it ran. */
export interface Eligibility {
  verdict: Verdict;
  windowCheck?: { ok: true } | { ok: false; error: unknown };
}

/**
 * Florida and Oklahoma: at most N marketing texts per 24 hours. Every marketing text counts as the same subject (the
 * stricter reading); the next one waits until the oldest of the last N is 24 hours old. Null: under the cap.
 */
export function stateCapWaitUntil(recentSentAts: string[], maxPer24h: number): string | null {
  if (recentSentAts.length < maxPer24h) return null;
  return new Date(Date.parse(recentSentAts[recentSentAts.length - maxPer24h]) + DAY_MS + 1000).toISOString();
}

/** Decides what happens to one due message now. */
export function eligibility(item: OutboxItem, inputs: EligibilityInputs): Eligibility {
  const { now } = inputs;
  if (isPastDeadline(item.expiresAt, now.toISOString())) return { verdict: { action: 'expire' } };
  if (!isMarketing(item.kind)) return { verdict: { action: 'send' } };
  if (item.optedOut === 1)
    return { verdict: { action: 'skip', code: 'opted_out', message: 'Recipient opted out before sending' } };
  // Quiet hours and the state caps are telemarketing rules (texts and calls); e-mail is not subject to them.
  if (item.channel === 'email') return { verdict: { action: 'send' } };
  let w: ReturnType<WindowCheck>;
  try {
    w = inputs.window(item.toPhone, now);
  } catch (error) {
    // A bad setting (a time zone an old database holds) must not hold up the rest of the batch, above all the
    // opt-out confirmations and HELP answers that have minutes to go out: this message waits a minute.
    const why = `The sending hours could not be checked (${error instanceof Error ? error.message : String(error)}); trying again in a minute`;
    const until = new Date(now.getTime() + WINDOW_CHECK_RETRY_MS).toISOString();
    return {
      verdict: { action: 'wait', code: 'window_check_failed', until, message: why },
      windowCheck: { ok: false, error },
    };
  }
  const checked = { ok: true } as const;
  if (w.allowed && w.maxPer24h !== undefined && item.contactId !== null) {
    const until = stateCapWaitUntil(
      inputs.recentMarketingSends(item.contactId, new Date(now.getTime() - DAY_MS).toISOString()),
      w.maxPer24h,
    );
    if (until !== null) {
      const message = `This state allows ${w.maxPer24h} marketing texts per 24 hours; waiting until ${until}`;
      return { verdict: { action: 'wait', code: 'state_daily_cap', until, message }, windowCheck: checked };
    }
  }
  if (!w.allowed) {
    const until = w.nextAllowedAt ? w.nextAllowedAt.toISOString() : new Date(now.getTime() + HOUR_MS).toISOString();
    return {
      verdict: { action: 'wait', code: 'quiet_hours', until, message: w.reason ?? 'Outside the allowed sending hours' },
      windowCheck: checked,
    };
  }
  return { verdict: { action: 'send' }, windowCheck: checked };
}

// ---- The claim: reads due messages (due.ts), applies the verdicts and commits `sending`, in one transaction ----

const markOneSending = preparedQuery((v: { id: number; nowIso: string }) =>
  qb
    .updateTable('outbox_messages')
    .set((eb) => ({ state: 'sending', attempts: eb('attempts', '+', 1), sending_at: v.nowIso, updated_at: v.nowIso }))
    .where('id', '=', v.id)
    .where('state', 'in', ['queued', 'retry_wait']),
);

/** The moment of commitment: after this transaction, a crash leaves the row in `sending` and it becomes `unknown`. */
export function markSending(db: SqliteDb, ids: number[], nowIso: string): void {
  for (const id of ids) {
    if (markOneSending.run(db, { id, nowIso }).changes !== 1)
      throw new Error(`outbox message ${id} changed while being claimed`);
  }
}

const unclaimOne = preparedQuery((v: { id: number; previous: OutboxState; nowIso: string }) =>
  qb
    .updateTable('outbox_messages')
    .set((eb) => ({ state: v.previous, attempts: eb('attempts', '-', 1), sending_at: null, updated_at: v.nowIso }))
    .where('id', '=', v.id)
    .where('state', '=', 'sending'),
);

/** The breaker refused before any request was made: the message goes back as it was. */
export function unclaim(db: SqliteDb, id: number, previous: OutboxState, nowIso: string): void {
  unclaimOne.run(db, { id, previous, nowIso });
}

const markUnknown = preparedQuery((v: { nowIso: string }) =>
  qb
    .updateTable('outbox_messages')
    .set({
      state: 'unknown',
      error_code: 'interrupted',
      error_message:
        'The app stopped while this message was being sent; it may or may not have reached the provider. Reconciliation will check.',
      updated_at: v.nowIso,
    })
    .where('state', '=', 'sending'),
);

/** Messages left in `sending` by a previous run that died: they may have reached the provider. Never resent blindly. */
export function markInterruptedUnknown(db: SqliteDb, nowIso: string): number {
  return markUnknown.run(db, { nowIso }).changes;
}

const recentSends = preparedQuery((v: { contactId: number; sinceIso: string }) =>
  qb
    .selectFrom('outbox_messages')
    .select('sent_at')
    .where('contact_id', '=', v.contactId)
    .where('kind', 'in', ['campaign', 'reply'])
    // E-mails do not count towards the states' caps on marketing texts and calls.
    .where('channel', '<>', 'email')
    .where('sent_at', '>', v.sinceIso)
    .orderBy('sent_at'),
);

const skipOne = preparedQuery((v: { id: number; code: string; message: string; nowIso: string }) =>
  qb
    .updateTable('outbox_messages')
    .set({ state: 'skipped', error_code: v.code, error_message: v.message, updated_at: v.nowIso })
    .where('id', '=', v.id),
);

const waitOne = preparedQuery((v: { id: number; until: string; code: string; message: string; nowIso: string }) =>
  qb
    .updateTable('outbox_messages')
    .set({ next_attempt_at: v.until, error_code: v.code, error_message: v.message, updated_at: v.nowIso })
    .where('id', '=', v.id),
);

/** Due messages read beyond the free slots, so that a few ineligible ones do not cost another read. */
const PAGE_SLACK = 4;

export interface ClaimInputs {
  now: Date;
  windowCheck: WindowCheck;
  /** The owner's quiet hours, for messages without a campaign (or whose campaign has none of its own). */
  defaultPolicy: () => QuietHoursPolicy;
}

/** A batch's quiet-hours policies, read once per batch, not per message: a campaign's messages share theirs. */
function policyReader(defaultPolicy: () => QuietHoursPolicy): (json: string | null) => QuietHoursPolicy {
  let fallback: QuietHoursPolicy | undefined;
  const parsed = new Map<string, QuietHoursPolicy>();
  return (json) => {
    if (!json) return (fallback ??= defaultPolicy());
    let policy = parsed.get(json);
    if (!policy) parsed.set(json, (policy = JSON.parse(json) as QuietHoursPolicy));
    return policy;
  };
}

/**
 * Claims up to `slots` due messages of a provider in one transaction: each is decided (see `eligibility`), those
 * that may go are committed as `sending` before any HTTP call, the others skipped or set to wait. Returns the claimed
 * items and how the sending-window checks went.
 */
export function claimBatch(
  db: SqliteDb,
  provider: string,
  slots: number,
  inputs: ClaimInputs,
): { claimed: OutboxItem[]; windowChecked: boolean; windowError?: unknown } {
  const { now } = inputs;
  const nowIso = now.toISOString();
  const policyOf = policyReader(inputs.defaultPolicy);
  const claimed: OutboxItem[] = [];
  const result: { claimed: OutboxItem[]; windowChecked: boolean; windowError?: unknown } = {
    claimed,
    windowChecked: false,
  };
  const recentMarketingSends = (contactId: number, sinceIso: string) =>
    recentSends.all(db, { contactId, sinceIso }).flatMap((r) => (r.sent_at ? [r.sent_at] : []));
  // At most this many due messages are looked at per claim: the ineligible ones are set aside as they are met.
  const budget = slots * 4 + 16;
  transaction(
    db,
    () => {
      // A page a little larger than the free slots, again while slots are left and the page was full: every message
      // looked at leaves the due set (sending, skipped or waiting), so the next page holds the next ones. One read of
      // the whole budget made every claim build ~4 rows per message it claimed, most of them for nothing.
      for (let examined = 0; claimed.length < slots && examined < budget;) {
        const want = Math.min(budget - examined, slots - claimed.length + PAGE_SLACK);
        const page = dueMessages(db, provider, nowIso, want);
        for (const item of page) {
          if (claimed.length >= slots) break;
          const window = (phone: string, at: Date) => inputs.windowCheck(phone, at, policyOf(item.quietHoursJson));
          const { verdict, windowCheck } = eligibility(item, { now, window, recentMarketingSends });
          if (windowCheck?.ok) result.windowChecked = true;
          else if (windowCheck) result.windowError ??= windowCheck.error;
          if (verdict.action === 'send') {
            markSending(db, [item.id], nowIso);
            claimed.push(item);
          } else if (verdict.action === 'expire') skipLateConfirmation(db, item.id, nowIso);
          else if (verdict.action === 'skip')
            skipOne.run(db, { id: item.id, code: verdict.code, message: verdict.message, nowIso });
          else
            waitOne.run(db, {
              id: item.id,
              until: verdict.until,
              code: verdict.code,
              message: verdict.message,
              nowIso,
            });
        }
        examined += page.length;
        if (page.length < want) break;
      }
    },
    { immediate: true },
  );
  return result;
}
