import { randomUUID } from 'node:crypto';
import type { SqliteDb } from '../db/connection';
import type { ProviderEvent } from '../webhooks';
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

const REPLIES = ['Thanks!', 'Sounds good', 'What time do you open?', 'See you Saturday', 'Is this still available?', 'Great, thank you', 'How much is it?'];
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

  function toMessage(r: { id: string; direction: 'outgoing' | 'incoming'; from_phone: string; to_phone: string; body: string; status: string; created_at: string }): ProviderMessage {
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
      const reply = outcome === 'stop' ? 'STOP' : outcome === 'reply' ? REPLIES[Math.floor(deps.random() * REPLIES.length)] : null;
      db.prepare(
        `INSERT INTO sandbox_messages (id, direction, from_phone, to_phone, body, status, outcome, reply_body, created_at, due_at, updated_at)
         VALUES (?, 'outgoing', ?, ?, ?, 'sent', ?, ?, ?, ?, ?)`,
      ).run(id, req.from, req.to, req.body, outcome, reply, now.toISOString(), new Date(now.getTime() + s.deliveryDelayMs).toISOString(), now.toISOString());
      return { ok: true, providerMessageId: id, status: 'sent' };
    },
    async lookup(id) {
      const r = db.prepare('SELECT * FROM sandbox_messages WHERE id = ?').get(id) as Parameters<typeof toMessage>[0] | undefined;
      return r ? toMessage(r) : null;
    },
    async *list(q: ListQuery) {
      const rows = db
        .prepare(
          `SELECT * FROM sandbox_messages WHERE created_at >= ? AND created_at <= ? AND (? IS NULL OR to_phone = ? OR from_phone = ?) ORDER BY created_at`,
        )
        .all(q.since.toISOString(), q.until.toISOString(), q.participant ?? null, q.participant ?? null, q.participant ?? null) as Parameters<typeof toMessage>[0][];
      for (const r of rows) yield toMessage(r);
    },
    async health() {
      return { ok: true, detail: 'Sandbox provider: simulated locally, no account or network needed.' };
    },
    /** Delivers what is due; returns how many receipts/replies were emitted. */
    tick() {
      const now = deps.now();
      const nowIso = now.toISOString();
      const due = db
        .prepare(`SELECT id, from_phone, to_phone, outcome, reply_body, direction FROM sandbox_messages WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at LIMIT 500`)
        .all(nowIso) as Array<{ id: string; from_phone: string; to_phone: string; outcome: Outcome; reply_body: string | null; direction: string }>;
      let emitted = 0;
      for (const m of due) {
        const failed = m.outcome === 'failed';
        db.prepare('UPDATE sandbox_messages SET status = ?, due_at = NULL, updated_at = ? WHERE id = ?').run(failed ? 'failed' : 'delivered', nowIso, m.id);
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
          db.prepare(
            `INSERT OR IGNORE INTO sandbox_messages (id, direction, from_phone, to_phone, body, status, outcome, created_at, updated_at)
             VALUES (?, 'incoming', ?, ?, ?, 'received', 'received', ?, ?)`,
          ).run(replyId, m.to_phone, m.from_phone, m.reply_body, nowIso, nowIso);
          deps.emit({ kind: 'inbound', provider: 'sandbox', eventId: `${replyId}:received`, providerMessageId: replyId, from: m.to_phone, to: m.from_phone, body: m.reply_body, at: nowIso });
          emitted++;
        }
      }
      return emitted;
    },
  };
}
