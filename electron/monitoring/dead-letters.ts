import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { DeadLetterDetail, DeadLetterRow } from '../../shared/ipc/channels/monitoring';
import type { DeskCore } from '../core';
import { describeZodError } from '../ipc/dispatch';
import type { ProviderEvent } from '../webhooks';
import { countEventsIn, eventsIn, resetEventForReplay, setEventPayload, webhookEvent, type EventRow } from './queries';

const provider = z.enum(['sandbox', 'quo', 'twilio']);
const at = z.iso.datetime({ offset: true });
const text = z.string().min(1).max(2000);

/** The shapes of ProviderEvent (electron/webhooks/events.ts): an edited dead letter must still be one of them. */
const providerEventSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('status'),
      provider,
      eventId: text,
      providerMessageId: text,
      status: z.enum(['sent', 'delivered', 'undelivered', 'failed']),
      errorCode: z.string().max(200).nullish(),
      errorMessage: z.string().max(2000).nullish(),
      at,
    })
    .strict(),
  z
    .object({
      kind: z.literal('inbound'),
      provider,
      eventId: text,
      providerMessageId: text,
      from: z.string().regex(/^\+[1-9]\d{6,14}$/, 'expected an E.164 phone number like +14155550100'),
      to: z.string().max(64),
      body: z.string().max(1600),
      at,
    })
    .strict(),
  z
    .object({
      kind: z.literal('provider_opt_out'),
      provider,
      eventId: text,
      phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'expected an E.164 phone number'),
      detail: z.string().max(2000),
      at,
    })
    .strict(),
]);

interface StoredPayload {
  event: ProviderEvent;
  raw: unknown;
  editedAt?: string;
}

function summaryOf(e: ProviderEvent | undefined): string {
  if (!e) return 'unreadable event';
  if (e.kind === 'status') return `${e.status} receipt for ${e.providerMessageId}`;
  if (e.kind === 'inbound') return `text from ${e.from}: ${e.body.length > 60 ? `${e.body.slice(0, 57)}…` : e.body}`;
  if (e.kind === 'email_stop') return `${e.reason.replace('_', ' ')} reported by ${e.provider} for ${e.email}`;
  return `opt-out reported by ${e.provider} for ${e.phone}`;
}

function parsePayload(payload: string): StoredPayload | null {
  try {
    return JSON.parse(payload) as StoredPayload;
  } catch {
    return null;
  }
}

function toRow(r: EventRow): DeadLetterRow {
  const stored = parsePayload(r.payload);
  return {
    id: r.id,
    provider: provider.parse(r.provider),
    eventId: r.event_id,
    type: r.type,
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    receivedAt: r.received_at,
    nextAttemptAt: r.state === 'failed' || r.state === 'pending' ? r.next_attempt_at : null,
    summary: summaryOf(stored?.event),
  };
}

function toDetail(r: EventRow): DeadLetterDetail {
  const stored = parsePayload(r.payload);
  return {
    ...toRow(r),
    event: stored ? JSON.stringify(stored.event, null, 2) : r.payload,
    raw: stored?.raw === undefined || stored.raw === null ? null : JSON.stringify(stored.raw, null, 2),
    editedAt: stored?.editedAt ?? null,
  };
}

/**
 * The retry queue's problem cases: events whose processing failed and is being retried (`failed`), and those that
 * gave up after the attempt limit (`dead`). The owner can read them, fix a dead letter's event, and replay it.
 */
export function createDeadLetters(core: DeskCore, processNow: () => unknown) {
  const { db } = core;
  const load = (id: number): EventRow => {
    const row = webhookEvent(db, id);
    if (!row) throw new AppError('not_found', `Provider event ${id} does not exist.`);
    return row;
  };
  const problem = (row: EventRow) => {
    if (row.state !== 'dead' && row.state !== 'failed')
      throw new AppError(
        'conflict',
        `Provider event ${row.id} is ${row.state}; only failed events and dead letters can be changed or replayed.`,
      );
  };

  return {
    list(query: { state: 'dead' | 'failed' | 'all'; limit: number; offset: number }): {
      rows: DeadLetterRow[];
      total: number;
    } {
      const states: Array<'dead' | 'failed'> = query.state === 'all' ? ['dead', 'failed'] : [query.state];
      const total = countEventsIn(db, states);
      return { rows: eventsIn(db, states, query).map(toRow), total };
    },
    get: (id: number): DeadLetterDetail => toDetail(load(id)),
    /** Saves a fixed event. Its provider and event id are the duplicate check's key, so they cannot change. */
    update(id: number, eventJson: string): DeadLetterDetail {
      const row = load(id);
      if (row.state !== 'dead')
        throw new AppError(
          'conflict',
          `Provider event ${id} is ${row.state}; only dead letters can be edited (a failing event is still being retried).`,
        );
      let parsed: unknown;
      try {
        parsed = JSON.parse(eventJson);
      } catch (err) {
        throw new AppError('invalid_input', `That is not valid JSON: ${(err as Error).message}`);
      }
      const checked = providerEventSchema.safeParse(parsed);
      if (!checked.success)
        throw new AppError('invalid_input', `The event is not valid: ${describeZodError(checked.error)}.`);
      const event = checked.data;
      if (event.provider !== row.provider || event.eventId !== row.event_id) {
        throw new AppError(
          'invalid_input',
          `provider and eventId must stay ${row.provider} / ${row.event_id}: they identify the event so a redelivery is recognised.`,
        );
      }
      if (event.kind !== row.type) throw new AppError('invalid_input', `kind must stay "${row.type}".`);
      const stored = parsePayload(row.payload);
      const editedAt = core.now().toISOString();
      setEventPayload(db, id, JSON.stringify({ event, raw: stored?.raw ?? null, editedAt }));
      core.audit('deadletter.edit', `webhook_event:${id}`, { before: stored?.event ?? row.payload, after: event });
      return toDetail(load(id));
    },
    /** Back to pending with the attempts reset, then processed at once: the answer says whether it went through. */
    replay(id: number): DeadLetterDetail {
      const row = load(id);
      problem(row);
      const nowIso = core.now().toISOString();
      resetEventForReplay(db, id, nowIso);
      core.audit('deadletter.replay', `webhook_event:${id}`, {
        previousState: row.state,
        attempts: row.attempts,
        lastError: row.last_error,
      });
      processNow();
      return toDetail(load(id));
    },
  };
}

export type DeadLetters = ReturnType<typeof createDeadLetters>;
