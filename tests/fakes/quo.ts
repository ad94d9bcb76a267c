import { createFaultPlan, type FaultPlan } from './faults';
import { startFakeServer, type Answer, type FakeRequest, type RequestLogEntry } from './fake-server';
import {
  CursorError,
  E164,
  QuoStore,
  type MessageFilter,
  type NewQuoMessage,
  type QuoMessage,
  type QuoMessageStatus,
  type QuoPhoneNumber,
} from './quo-store';
import { slidingWindow } from './rate-limit';

const NO_HEADERS: Record<string, string> = {};

/**
 * A fake Quo (OpenPhone) API on 127.0.0.1 that behaves like the documented one: raw-key auth, the error
 * envelope, body validation, 202 sends, 10 requests/s per key, both listing APIs with their paging, and faults.
 */

export const QUO_API_VERSION = '2026-03-30';

export interface FakeQuoOptions {
  /** Keys that authenticate. Default ['test-quo-key']. */
  apiKeys?: string[];
  /** Requests per second per key (sliding 1 s window) or 'unlimited'. Default 10, Quo's documented limit. */
  rateLimitPerSecond?: number | 'unlimited';
  /**
   * The workspace's numbers. When given, sending from any other number answers 403 (0202403). When absent the
   * workspace starts with PN00000001 = +15550100000 and adopts any E.164 `from` it is sent from.
   */
  phoneNumbers?: QuoPhoneNumber[];
  /** Clock for message timestamps and the rate-limit window; freeze it to make a 429 deterministic. */
  now?: () => Date;
  userId?: string;
}

export interface FakeQuo {
  url: string;
  close(): Promise<void>;
  faults: FaultPlan;
  /** Every message the fake workspace holds (sent through the API or added by the test), in creation order. */
  readonly messages: readonly QuoMessage[];
  /** Only the messages accepted by POST /v1/messages, in order: what "really" went out. */
  readonly sent: readonly QuoMessage[];
  /** Every request seen, with the fault applied and the status answered. */
  readonly requests: readonly RequestLogEntry[];
  /** 429s given by the rate limiter (not by injected faults). */
  readonly rateLimited: number;
  readonly phoneNumbers: readonly QuoPhoneNumber[];
  setRateLimit(perSecond: number | 'unlimited'): void;
  /** false: sends answer 400 "A2P Registration Not Approved" (0206400). */
  setA2pApproved(approved: boolean): void;
  /** false: sends answer 402 subscription expired (0201402). */
  setSubscriptionActive(active: boolean): void;
  markDelivered(id: string): QuoMessage;
  markUndelivered(id: string): QuoMessage;
  setStatus(id: string, status: QuoMessageStatus): QuoMessage;
  /** A customer's text to us (e.g. STOP), visible in both listings. */
  addInbound(input: { from: string; text: string; to?: string; createdAt?: Date }): QuoMessage;
  /** Any message, e.g. older outgoing history for listing tests. Not counted in `sent`. */
  addMessage(input: NewQuoMessage): QuoMessage;
  /** Recipients that were sent the same text more than once. */
  duplicates(): Array<{ to: string; text: string; ids: string[] }>;
  /**
   * Registers a webhook as if made in the Quo app: legacy ones are listed by `GET /v1/webhooks`, new-style ones
   * (`apiVersion: '2026-03-30'`) by the versioned `GET /webhooks`.
   */
  registerWebhook(input: {
    url: string;
    events?: string[];
    status?: 'enabled' | 'disabled';
    apiVersion?: typeof QUO_API_VERSION;
  }): QuoWebhook;
  readonly webhooks: readonly QuoWebhook[];
}

/** A webhook as Quo lists it (documented shape of `GET /v1/webhooks` items). */
export interface QuoWebhook {
  id: string;
  userId: string;
  orgId: string;
  label: string;
  status: 'enabled' | 'disabled';
  url: string;
  key: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  events: string[];
  resourceIds: string[];
  apiVersion?: string;
}

let trace = 6897907457496870000;

function envelope(
  status: number,
  code: string,
  title: string,
  message: string,
  errors: Array<{ path: string; message: string; value?: unknown }> = [],
): Answer {
  trace += 1;
  const body = {
    message,
    code,
    status,
    docs: 'https://quo.com/docs',
    title,
    trace: String(trace),
    errors: errors.map((e) => ({ schema: {}, value: null, ...e })),
  };
  return { status, body };
}

const invalid = (path: string, message: string, value?: unknown) =>
  envelope(400, '0100400', 'Bad Request', 'The input was invalid', [{ path, message, value }]);

export async function startFakeQuo(options: FakeQuoOptions = {}): Promise<FakeQuo> {
  const now = options.now ?? (() => new Date());
  const apiKeys = new Set(options.apiKeys ?? ['test-quo-key']);
  const store = new QuoStore(
    options.phoneNumbers ?? [{ id: 'PN00000001', number: '+15550100000', name: 'Main line' }],
    now,
    options.userId ?? 'US00000001',
    options.phoneNumbers === undefined,
  );
  const limiter = slidingWindow(options.rateLimitPerSecond ?? 10, now);
  const faults = createFaultPlan();
  const sent: QuoMessage[] = [];
  const workspace = { a2pApproved: true, subscriptionActive: true };
  const webhooks: QuoWebhook[] = [];

  function handle(req: FakeRequest): Answer {
    const key = req.headers.authorization;
    if (typeof key !== 'string' || !apiKeys.has(key)) return envelope(401, '0200401', 'Unauthorized', 'Unauthorized');
    const wait = limiter.check(key);
    if (wait !== null)
      return {
        ...envelope(429, '0200429', 'Too Many Requests', 'Rate limit exceeded: 10 requests per second per API key'),
        headers: { 'Retry-After': String(wait) },
      };
    const path = req.url.pathname;
    const idMatch = /^(\/v1)?\/messages\/([^/]+)$/.exec(path);
    if (path.startsWith('/messages') && req.headers['quo-api-version'] !== QUO_API_VERSION) {
      return invalid(
        '/headers/quo-api-version',
        `Expected header Quo-Api-Version: ${QUO_API_VERSION}`,
        req.headers['quo-api-version'] ?? null,
      );
    }
    if (req.method === 'POST' && path === '/v1/messages') return send(req.body);
    if (req.method === 'GET' && path === '/v1/messages') return listV1(req.url.searchParams);
    if (req.method === 'GET' && path === '/messages') return listVersioned(req.url.searchParams);
    if (req.method === 'GET' && idMatch) return getOne(decodeURIComponent(idMatch[2]));
    if (req.method === 'GET' && path === '/v1/webhooks')
      return { status: 200, body: { data: webhooks.filter((w) => !w.apiVersion) } };
    if (req.method === 'GET' && path === '/webhooks') {
      if (req.headers['quo-api-version'] !== QUO_API_VERSION)
        return invalid(
          '/headers/quo-api-version',
          `Expected header Quo-Api-Version: ${QUO_API_VERSION}`,
          req.headers['quo-api-version'] ?? null,
        );
      return { status: 200, body: { data: webhooks.filter((w) => w.apiVersion) } };
    }
    if (req.method === 'GET' && path === '/v1/phone-numbers') {
      return {
        status: 200,
        body: { data: store.numbers.map((n) => ({ ...n, formattedNumber: n.number, users: [{ id: store.userId }] })) },
      };
    }
    return envelope(404, '0100404', 'Not Found', `No route ${req.method} ${path}`);
  }

  function send(raw: string): Answer {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return invalid('', 'Expected a JSON body');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return invalid('', 'Expected object');
    const { content, from, to, userId, setInboxStatus } = body;
    if (typeof content !== 'string' || content.length < 1 || content.length > 1600)
      return invalid('/content', 'Expected string with length 1–1600', content);
    if (typeof from !== 'string' || !(/^PN\w+$/.test(from) || E164.test(from)))
      return invalid('/from', "Expected a phone number id ('^PN(.*)$') or an E.164 number", from);
    if (!Array.isArray(to) || to.length < 1 || to.length > 10)
      return invalid('/to', 'Expected array with 1–10 items', to);
    const badIndex = to.findIndex((n) => typeof n !== 'string' || !E164.test(n));
    if (badIndex >= 0) return invalid(`/to/${badIndex}`, 'Expected a phone number in E.164 format', to[badIndex]);
    if (userId !== undefined && (typeof userId !== 'string' || !/^US\w+$/.test(userId)))
      return invalid('/userId', "Expected string to match '^US(.*)$'", userId);
    if (setInboxStatus !== undefined && setInboxStatus !== 'done')
      return invalid('/setInboxStatus', "Expected 'done'", setInboxStatus);
    if (!workspace.subscriptionActive) return envelope(402, '0201402', 'Payment Required', 'Subscription expired');
    const ours = store.resolveNumber(from);
    if (!ours) return envelope(403, '0202403', 'Forbidden', 'Not a user of that phone number');
    if (!workspace.a2pApproved)
      return envelope(400, '0206400', 'A2P Registration Not Approved', 'A2P Registration Not Approved');
    // Several recipients make one group text, as in Quo; we always send one.
    const message = store.add({
      direction: 'outgoing',
      participant: to as string[],
      text: content,
      phoneNumber: ours.id,
    });
    sent.push(message);
    return { status: 202, body: { data: { ...message, status: 'queued' } } };
  }

  function timeParam(params: URLSearchParams, name: string): number | undefined | Answer {
    const value = params.get(name);
    if (value === null) return undefined;
    const at = Date.parse(value);
    return Number.isNaN(at) ? invalid(`/${name}`, 'Expected an ISO 8601 date-time', value) : at;
  }

  function range(params: URLSearchParams): Pick<MessageFilter, 'createdAfter' | 'createdBefore'> | Answer {
    const createdAfter = timeParam(params, 'createdAfter');
    if (typeof createdAfter === 'object') return createdAfter;
    const createdBefore = timeParam(params, 'createdBefore');
    if (typeof createdBefore === 'object') return createdBefore;
    return { createdAfter, createdBefore };
  }

  function paged(
    filter: MessageFilter,
    limit: number,
    cursor: string | undefined,
    cursorName: string,
  ): { items: QuoMessage[]; nextCursor: string | null } | Answer {
    try {
      return store.page(filter, limit, cursor);
    } catch (error) {
      if (error instanceof CursorError) return invalid(`/${cursorName}`, 'Invalid cursor', cursor);
      throw error;
    }
  }

  function listV1(params: URLSearchParams): Answer {
    const phoneNumberId = params.get('phoneNumberId');
    if (!phoneNumberId) return invalid('/phoneNumberId', 'Required');
    const participants = [...params.getAll('participants[]'), ...params.getAll('participants')];
    if (participants.length === 0) return invalid('/participants', 'Required');
    const maxResults = Number(params.get('maxResults') ?? '10');
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100)
      return invalid('/maxResults', 'Expected integer 1–100', params.get('maxResults'));
    const dates = range(params);
    if ('status' in dates) return dates;
    const result = paged(
      { phoneNumberId, participant: participants[0], ...dates },
      maxResults,
      params.get('pageToken') ?? undefined,
      'pageToken',
    );
    if ('status' in result) return result;
    // totalItems is documented as unreliable; the fake reports the page size to keep clients honest.
    return {
      status: 200,
      body: { data: result.items, totalItems: result.items.length, nextPageToken: result.nextCursor },
    };
  }

  function listVersioned(params: URLSearchParams): Answer {
    const limit = Number(params.get('limit') ?? '10');
    if (!Number.isInteger(limit) || limit < 1 || limit > 50)
      return invalid('/limit', 'Expected integer 1–50', params.get('limit'));
    const dates = range(params);
    if ('status' in dates) return dates;
    const pick = (name: string) => params.get(name) ?? undefined;
    const filter: MessageFilter = {
      from: pick('from'),
      to: pick('to'),
      status: pick('status'),
      direction: pick('direction'),
      phoneNumberId: pick('phoneNumberId'),
      userId: pick('userId'),
      ...dates,
    };
    const result = paged(filter, limit, pick('after'), 'after');
    if ('status' in result) return result;
    return { status: 200, body: { data: result.items, nextCursor: result.nextCursor } };
  }

  function getOne(id: string): Answer {
    if (!/^AC/.test(id)) return invalid('/messageId', "Expected string to match '^AC(.*)$'", id);
    const message = store.get(id);
    return message
      ? { status: 200, body: { data: message } }
      : envelope(404, '0100404', 'Not Found', 'Message not found');
  }

  const running = await startFakeServer(
    {
      target: (req) => (req.method === 'POST' && req.url.pathname === '/v1/messages' ? 'send' : 'read'),
      handle,
      faultAnswer: (status, retryAfter) => ({
        ...(status === 429
          ? envelope(429, '0200429', 'Too Many Requests', 'Rate limit exceeded')
          : envelope(status, `0200${status}`, 'Internal Server Error', 'We have encountered an unknown error')),
        headers: retryAfter === null ? NO_HEADERS : { 'Retry-After': retryAfter },
      }),
    },
    faults,
  );

  return {
    url: running.url,
    close: running.close,
    faults,
    messages: store.messages,
    sent,
    requests: running.log,
    get rateLimited() {
      return limiter.refused;
    },
    phoneNumbers: store.numbers,
    setRateLimit: (perSecond) => limiter.setLimit(perSecond),
    setA2pApproved: (approved) => void (workspace.a2pApproved = approved),
    setSubscriptionActive: (active) => void (workspace.subscriptionActive = active),
    markDelivered: (id) => store.setStatus(id, 'delivered'),
    markUndelivered: (id) => store.setStatus(id, 'undelivered'),
    setStatus: (id, status) => store.setStatus(id, status),
    addInbound: ({ from, text, to, createdAt }) =>
      store.add({ direction: 'incoming', participant: from, text, phoneNumber: to, createdAt }),
    addMessage: (input) => store.add(input),
    duplicates: () => duplicatesOf(sent.flatMap((m) => m.to.map((to) => ({ id: m.id, to, text: m.text })))),
    webhooks,
    registerWebhook: ({ url, events, status, apiVersion }) => {
      const at = now().toISOString();
      const hook: QuoWebhook = {
        id: `WH${String(webhooks.length + 1).padStart(8, '0')}`,
        userId: store.userId,
        orgId: 'OR00000001',
        label: 'SMS Campaign Desk',
        status: status ?? 'enabled',
        url,
        key: apiVersion ? 'whsec_ZmFrZS1xdW8td2ViaG9vay1rZXk=' : 'ZmFrZS1xdW8tc2lnbmluZy1rZXk=',
        createdAt: at,
        updatedAt: at,
        deletedAt: null,
        events: events ?? ['message.received', 'message.delivered'],
        resourceIds: ['*'],
        ...(apiVersion ? { apiVersion } : {}),
      };
      webhooks.push(hook);
      return hook;
    },
  };
}

/** Groups sends by recipient and text; more than one means the customer got the same text twice. */
export function duplicatesOf(
  sends: Array<{ id: string; to: string; text: string }>,
): Array<{ to: string; text: string; ids: string[] }> {
  const groups = new Map<string, { to: string; text: string; ids: string[] }>();
  for (const s of sends) {
    const key = `${s.to}\u0000${s.text}`;
    const group = groups.get(key) ?? { to: s.to, text: s.text, ids: [] };
    group.ids.push(s.id);
    groups.set(key, group);
  }
  return [...groups.values()].filter((g) => g.ids.length > 1);
}
