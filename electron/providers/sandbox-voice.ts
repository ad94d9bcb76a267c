import { randomUUID } from 'node:crypto';
import type { SqliteDb } from '../db/connection';
import type { ProviderEvent } from '../webhooks';
import { dueSandboxCalls, insertSandboxMessage, sandboxMessage, settleSandboxMessage } from './queries';
import type { Provider, ProviderMessageStatus, SendOutcome, SendRequest } from './types';
import type { SandboxSettings } from './sandbox';

export interface SandboxVoiceDeps {
  db: SqliteDb;
  now: () => Date;
  random: () => number;
  settings: () => SandboxSettings;
  emit: (event: ProviderEvent) => void;
}

/** What happens to a simulated call: a person listens, a voicemail takes it, nobody answers, or the key is pressed. */
type CallOutcome = 'call_answered' | 'call_voicemail' | 'call_no_answer' | 'call_opt_out';

/** The share of answered calls that a voicemail takes. */
const VOICEMAIL_SHARE = 0.3;

/**
 * The Sandbox's calls: accepted at once, then after the delivery delay answered by a person or a voicemail (after the
 * beep), not answered (the failure rate), or answered and the opt-out key pressed (the stop rate). Outcomes enter the
 * core as the same events Twilio's callbacks make; pending calls live in the database like the Sandbox's texts.
 */
export function createSandboxVoiceProvider(deps: SandboxVoiceDeps): Provider & { tick(): number } {
  const { db } = deps;

  function pickOutcome(s: SandboxSettings): CallOutcome {
    const r = deps.random();
    if (r < s.failureRate) return 'call_no_answer';
    if (r < s.failureRate + s.stopRate) return 'call_opt_out';
    return deps.random() < VOICEMAIL_SHARE ? 'call_voicemail' : 'call_answered';
  }

  function status(
    id: string,
    value: 'sent' | 'delivered' | 'undelivered',
    at: string,
    call?: { answeredBy: string; durationS: number },
  ): ProviderEvent {
    return {
      kind: 'status',
      provider: 'sandbox_voice',
      eventId: `${id}:${value}`,
      providerMessageId: id,
      status: value,
      errorCode: value === 'undelivered' ? 'no-answer' : null,
      errorMessage: value === 'undelivered' ? 'Sandbox: nobody answered and no voicemail picked up.' : null,
      at,
      ...(call ? { call } : {}),
    };
  }

  return {
    id: 'sandbox_voice',
    async send(req: SendRequest): Promise<SendOutcome> {
      const s = deps.settings();
      const now = deps.now();
      const id = `SBCALL${randomUUID().replace(/-/g, '')}`;
      insertSandboxMessage(db, {
        id,
        direction: 'outgoing',
        from_phone: req.from,
        to_phone: req.to,
        body: req.body,
        status: 'sent',
        outcome: pickOutcome(s),
        reply_body: null,
        created_at: now.toISOString(),
        due_at: new Date(now.getTime() + s.deliveryDelayMs).toISOString(),
        updated_at: now.toISOString(),
      });
      return { ok: true, providerMessageId: id, status: 'sent' };
    },
    async lookup(id) {
      const r = sandboxMessage(db, id);
      if (!r || !r.outcome.startsWith('call')) return null;
      return {
        providerMessageId: r.id,
        direction: 'outgoing',
        from: r.from_phone,
        to: r.to_phone,
        body: r.body,
        status: r.status as ProviderMessageStatus,
        createdAt: r.created_at,
        errorCode: null,
      };
    },
    async *list() {
      // Calls are settled by their status events, never by listing (see TwilioVoiceProvider.list).
      yield* [];
    },
    async health() {
      return { ok: true, detail: 'Sandbox calls: simulated locally, no account or network needed.' };
    },
    /** Settles the calls that are due; returns how many events were emitted. */
    tick() {
      const at = deps.now().toISOString();
      let emitted = 0;
      for (const c of dueSandboxCalls(db, at)) {
        const outcome = c.outcome as CallOutcome;
        const answered = outcome !== 'call_no_answer';
        settleSandboxMessage(db, c.id, answered ? 'delivered' : 'failed', at);
        const answeredBy = outcome === 'call_voicemail' ? 'machine_end_beep' : 'human';
        deps.emit(
          answered ? status(c.id, 'delivered', at, { answeredBy, durationS: 25 }) : status(c.id, 'undelivered', at),
        );
        emitted++;
        if (outcome === 'call_opt_out') {
          deps.emit({
            kind: 'call_opt_out',
            provider: 'sandbox_voice',
            eventId: `${c.id}:optout`,
            providerMessageId: c.id,
            phone: c.to_phone,
            digit: '9',
            at,
          });
          emitted++;
        }
      }
      return emitted;
    },
  };
}
