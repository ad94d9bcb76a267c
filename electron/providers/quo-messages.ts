import { joinUrl } from '../http/client';
import { quoStatus } from './quo-errors';
import type { ProviderMessage } from './types';

/** Fetches one page as JSON or throws an AppError the owner can read. `versioned` adds Quo-Api-Version. */
export type QuoRead = (url: string, versioned: boolean) => Promise<unknown>;

export const QUO_API_VERSION = '2026-03-30';

/**
 * Quo message objects differ a little between the v1 API, the versioned API and webhooks (`text` or `body`, `to`
 * as an array or a string), so read them tolerantly. Returns null for something that is not a message.
 */
export function toProviderMessage(raw: unknown): ProviderMessage | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Record<string, unknown>;
  if (typeof m.id !== 'string') return null;
  const to: unknown = Array.isArray(m.to) ? m.to[0] : m.to;
  const body = typeof m.text === 'string' ? m.text : typeof m.body === 'string' ? m.body : '';
  return {
    providerMessageId: m.id,
    direction: m.direction === 'incoming' ? 'incoming' : 'outgoing',
    from: typeof m.from === 'string' ? m.from : '',
    to: typeof to === 'string' ? to : '',
    body,
    status: quoStatus(m.status),
    createdAt: typeof m.createdAt === 'string' ? new Date(m.createdAt).toISOString() : new Date(0).toISOString(),
    errorCode: typeof m.errorCode === 'string' ? m.errorCode : null,
  };
}

function inRange(message: ProviderMessage, since: Date, until: Date): boolean {
  const at = Date.parse(message.createdAt);
  return at >= since.getTime() && at <= until.getTime();
}

/** Quo's createdAfter/createdBefore are exclusive; widen by 1 ms and filter here so the range is inclusive. */
function rangeParams(since: Date, until: Date): [string, string] {
  return [new Date(since.getTime() - 1).toISOString(), new Date(until.getTime() + 1).toISOString()];
}

export interface ConversationQuery {
  phoneNumberId: string;
  participant: string;
  since: Date;
  until: Date;
  /** 1–100 */
  pageSize: number;
}

/** v1 `GET /v1/messages`: one conversation (our number × one participant), following nextPageToken. */
export async function* listConversation(
  read: QuoRead,
  base: string,
  q: ConversationQuery,
): AsyncGenerator<ProviderMessage> {
  const [after, before] = rangeParams(q.since, q.until);
  let pageToken: string | undefined;
  const seenTokens = new Set<string>();
  for (;;) {
    const params = new URLSearchParams({ phoneNumberId: q.phoneNumberId, maxResults: String(q.pageSize) });
    params.append('participants[]', q.participant);
    params.set('createdAfter', after);
    params.set('createdBefore', before);
    if (pageToken) params.set('pageToken', pageToken);
    const page = (await read(joinUrl(base, `/v1/messages?${params.toString()}`), false)) as {
      data?: unknown[];
      nextPageToken?: string | null;
    };
    for (const raw of page?.data ?? []) {
      const message = toProviderMessage(raw);
      if (message && inRange(message, q.since, q.until)) yield message;
    }
    const next = page?.nextPageToken;
    // A token seen before would loop forever; the listing is over.
    if (!next || seenTokens.has(next)) return;
    seenTokens.add(next);
    pageToken = next;
  }
}

export interface WorkspaceQuery {
  since: Date;
  until: Date;
  /** 1–50 */
  pageSize: number;
}

/** Versioned `GET /messages`: the whole workspace newest first, following nextCursor until older than `since`. */
export async function* listWorkspace(read: QuoRead, base: string, q: WorkspaceQuery): AsyncGenerator<ProviderMessage> {
  const [after, before] = rangeParams(q.since, q.until);
  let cursor: string | undefined;
  const seenCursors = new Set<string>();
  for (;;) {
    const params = new URLSearchParams({ limit: String(q.pageSize), createdAfter: after, createdBefore: before });
    if (cursor) params.set('after', cursor);
    const page = (await read(joinUrl(base, `/messages?${params.toString()}`), true)) as {
      data?: unknown[];
      nextCursor?: string | null;
    };
    let reachedOlder = false;
    for (const raw of page?.data ?? []) {
      const message = toProviderMessage(raw);
      if (!message) continue;
      if (Date.parse(message.createdAt) < q.since.getTime()) reachedOlder = true;
      else if (inRange(message, q.since, q.until)) yield message;
    }
    const next = page?.nextCursor;
    // Newest first: once a page reaches messages older than `since`, later pages cannot hold anything we want.
    if (reachedOlder || !next || seenCursors.has(next)) return;
    seenCursors.add(next);
    cursor = next;
  }
}
