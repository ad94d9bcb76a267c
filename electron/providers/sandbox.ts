import { randomUUID } from 'node:crypto';
import type { SqliteDb } from '../db/connection';
import type { ProviderEvent } from '../webhooks';
import {
  dueSandboxMessages,
  insertSandboxMessage,
  insertSandboxReplyOnce,
  sandboxMessage,
  sandboxMessagesBetween,
  settleSandboxMessage,
  type SandboxMessageRow,
} from './queries';
import type { ListQuery, Provider, ProviderMessage, ProviderMessageStatus, SendOutcome, SendRequest } from './types';

export interface SandboxSettings {
  deliveryDelayMs: number;
  failureRate: number;
  replyRate: number;
  stopRate: number;
}

export interface SandboxDeps {
  db: SqliteDb;
  now: () => Date;
  random: () => number;
  settings: () => SandboxSettings;
  /** Receipts and replies enter the core exactly like real provider events. */
  emit: (event: ProviderEvent) => void;
}

const REPLIES = [
  'Thanks!',
  'Sounds good',
  'What time do you open?',
  'See you Saturday',
  'Is this still available?',
  'Great, thank you',
  'How much is it?',
];
const SANDBOX_ERROR = { code: '30006', message: 'Sandbox: simulated carrier rejection (landline or unreachable)' };

type Outcome = 'delivered' | 'failed' | 'reply' | 'stop';

/**
 * A simulated SMS provider, on by default: every send is accepted, then delivered (or failed) after a delay, and
 * some recipients reply or text STOP. Its messages live in the database, so pending receipts survive a restart
 * and reconciliation can list them like a real provider's.
 */
export function createSandboxProvider(deps: SandboxDeps): Provider & { tick(): number } {
  const { db } = deps;
  // Ids only need to be unique; `random` is kept for outcomes so tests can script them.
  const newId = (prefix: string) => `${prefix}${randomUUID().replace(/-/g, '')}`;

  function pickOutcome(s: SandboxSettings): Outcome {
    const r = deps.random();
    if (r < s.failureRate) return 'failed';
    if (r < s.failureRate + s.stopRate) return 'stop';
    if (r < s.failureRate + s.stopRate + s.replyRate) return 'reply';
    return 'delivered';
  }

  function toMessage(r: SandboxMessageRow): ProviderMessage {
    return {
      providerMessageId: r.id,
      direction: r.direction,
      from: r.from_phone,
      to: r.to_phone,
      body: r.body,
      status: r.status as ProviderMessageStatus,
      createdAt: r.created_at,
      errorCode: r.status === 'failed' ? SANDBOX_ERROR.code : null,
    };
  }

  return {
    id: 'sandbox',
    async send(req: SendRequest): Promise<SendOutcome> {
      const s = deps.settings();
      const now = deps.now();
      const id = newId('SB');
      const outcome = pickOutcome(s);
      const reply =
        outcome === 'stop' ? 'STOP' : outcome === 'reply' ? REPLIES[Math.floor(deps.random() * REPLIES.length)] : null;
      insertSandboxMessage(db, {
        id,
        direction: 'outgoing',
        from_phone: req.from,
        to_phone: req.to,
        body: req.body,
        status: 'sent',
        outcome,
        reply_body: reply,
        created_at: now.toISOString(),
        due_at: new Date(now.getTime() + s.deliveryDelayMs).toISOString(),
        updated_at: now.toISOString(),
      });
      return { ok: true, providerMessageId: id, status: 'sent' };
    },
    async lookup(id) {
      const r = sandboxMessage(db, id);
      return r ? toMessage(r) : null;
    },
    async *list(q: ListQuery) {
      const rows = sandboxMessagesBetween(db, q.since.toISOString(), q.until.toISOString(), q.participant ?? null);
      for (const r of rows) yield toMessage(r);
    },
    async health() {
      return { ok: true, detail: 'Sandbox provider: simulated locally, no account or network needed.' };
    },
    /** Delivers what is due; returns how many receipts/replies were emitted. */
    tick() {
      const now = deps.now();
      const nowIso = now.toISOString();
      const due = dueSandboxMessages(db, nowIso);
      let emitted = 0;
      for (const m of due) {
        const failed = m.outcome === 'failed';
        settleSandboxMessage(db, m.id, failed ? 'failed' : 'delivered', nowIso);
        deps.emit({
          kind: 'status',
          provider: 'sandbox',
          eventId: `${m.id}:${failed ? 'failed' : 'delivered'}`,
          providerMessageId: m.id,
          status: failed ? 'failed' : 'delivered',
          errorCode: failed ? SANDBOX_ERROR.code : null,
          errorMessage: failed ? SANDBOX_ERROR.message : null,
          at: nowIso,
        });
        emitted++;
        if (m.reply_body) {
          const replyId = `${m.id}R`;
          insertSandboxReplyOnce(db, {
            id: replyId,
            direction: 'incoming',
            from_phone: m.to_phone,
            to_phone: m.from_phone,
            body: m.reply_body,
            status: 'received',
            outcome: 'received',
            created_at: nowIso,
            updated_at: nowIso,
          });
          deps.emit({
            kind: 'inbound',
            provider: 'sandbox',
            eventId: `${replyId}:received`,
            providerMessageId: replyId,
            from: m.to_phone,
            to: m.from_phone,
            body: m.reply_body,
            at: nowIso,
          });
          emitted++;
        }
      }
      return emitted;
    },
  };
}
