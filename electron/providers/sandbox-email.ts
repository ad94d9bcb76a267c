import { randomUUID } from 'node:crypto';
import type { SqliteDb } from '../db/connection';
import type { ProviderEvent } from '../webhooks';
import {
  dueSandboxMessages,
  insertSandboxMessage,
  sandboxMessage,
  sandboxMessagesBetween,
  settleSandboxMessage,
  type SandboxMessageRow,
} from './queries';
import type { ListQuery, Provider, ProviderMessage, ProviderMessageStatus, SendOutcome, SendRequest } from './types';

export interface SandboxEmailSettings {
  deliveryDelayMs: number;
  bounceRate: number;
  complaintRate: number;
  unsubscribeRate: number;
}

export interface SandboxEmailDeps {
  db: SqliteDb;
  now: () => Date;
  random: () => number;
  settings: () => SandboxEmailSettings;
  emit: (event: ProviderEvent) => void;
}

type Outcome = 'email_delivered' | 'email_bounce' | 'email_complaint' | 'email_unsubscribe';
const BOUNCE = { code: 'hard_bounce', message: 'Sandbox: simulated hard bounce (the mailbox does not exist)' };

/**
 * A simulated e-mail service: every e-mail is accepted, then delivered or hard-bounced after a delay; some recipients
 * mark it as spam or unsubscribe. Its messages live in the sandbox table (outcomes `email_…`), so pending outcomes
 * survive a restart, and its events enter the core like Postmark's webhooks.
 */
export function createSandboxEmailProvider(deps: SandboxEmailDeps): Provider & { tick(): number } {
  const { db } = deps;

  function pickOutcome(s: SandboxEmailSettings): Outcome {
    const r = deps.random();
    if (r < s.bounceRate) return 'email_bounce';
    if (r < s.bounceRate + s.complaintRate) return 'email_complaint';
    if (r < s.bounceRate + s.complaintRate + s.unsubscribeRate) return 'email_unsubscribe';
    return 'email_delivered';
  }

  function toMessage(r: SandboxMessageRow): ProviderMessage {
    return {
      providerMessageId: r.id,
      direction: 'outgoing',
      from: r.from_phone,
      to: r.to_phone,
      body: r.body,
      status: r.status as ProviderMessageStatus,
      createdAt: r.created_at,
      errorCode: r.status === 'failed' ? BOUNCE.code : null,
    };
  }

  return {
    id: 'sandbox_email',
    async send(req: SendRequest): Promise<SendOutcome> {
      if (!req.toEmail)
        return { ok: false, kind: 'permanent', code: 'no_address', message: 'This message has no e-mail address.' };
      const s = deps.settings();
      const now = deps.now();
      const id = `SE${randomUUID().replace(/-/g, '')}`;
      insertSandboxMessage(db, {
        id,
        direction: 'outgoing',
        from_phone: req.from,
        to_phone: req.toEmail,
        body: req.subject ?? '',
        status: 'sent',
        outcome: req.test ? 'email_delivered' : pickOutcome(s),
        reply_body: null,
        created_at: now.toISOString(),
        due_at: new Date(now.getTime() + s.deliveryDelayMs).toISOString(),
        updated_at: now.toISOString(),
      });
      return { ok: true, providerMessageId: id, status: 'sent' };
    },
    async lookup(id) {
      const r = sandboxMessage(db, id);
      return r && r.outcome.startsWith('email_') ? toMessage(r) : null;
    },
    async *list(q: ListQuery) {
      const rows = sandboxMessagesBetween(db, q.since.toISOString(), q.until.toISOString(), null, 'email');
      for (const r of rows) yield toMessage(r);
    },
    async health() {
      return { ok: true, detail: 'Sandbox e-mail: simulated locally, no account or network needed.' };
    },
    /** Settles what is due; returns how many events were emitted. */
    tick() {
      const nowIso = deps.now().toISOString();
      let emitted = 0;
      for (const m of dueSandboxMessages(db, nowIso, 'email')) {
        const bounced = m.outcome === 'email_bounce';
        settleSandboxMessage(db, m.id, bounced ? 'failed' : 'delivered', nowIso);
        const base = { provider: 'sandbox_email' as const, at: nowIso };
        deps.emit({
          ...base,
          kind: 'status',
          eventId: `${m.id}:${bounced ? 'failed' : 'delivered'}`,
          providerMessageId: m.id,
          status: bounced ? 'failed' : 'delivered',
          errorCode: bounced ? BOUNCE.code : null,
          errorMessage: bounced ? BOUNCE.message : null,
        });
        emitted++;
        const stop =
          m.outcome === 'email_bounce'
            ? ({ reason: 'hard_bounce', detail: BOUNCE.message } as const)
            : m.outcome === 'email_complaint'
              ? ({ reason: 'complaint', detail: 'Sandbox: the recipient marked the e-mail as spam' } as const)
              : m.outcome === 'email_unsubscribe'
                ? ({ reason: 'unsubscribe', detail: 'Sandbox: the recipient unsubscribed' } as const)
                : null;
        if (stop) {
          deps.emit({ ...base, kind: 'email_stop', eventId: `${m.id}:${stop.reason}`, email: m.to_phone, ...stop });
          emitted++;
        }
      }
      return emitted;
    },
  };
}
