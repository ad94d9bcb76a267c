import { randomUUID } from 'node:crypto';
import { startFakeServer, type Answer, type FakeRequest, type RequestLogEntry } from './fake-server';
import { createFaultPlan, type FaultPlan } from './faults';

/**
 * A fake Postmark API on 127.0.0.1 following the documented shapes: `POST /email` with X-Postmark-Server-Token
 * (401 ErrorCode 10 without a valid one), 422 with ErrorCode 300 (invalid request: no From/To, bad address) and 406
 * (inactive recipient), 200 `{ To, SubmittedAt, MessageID, ErrorCode: 0, Message: "OK" }`; message details,
 * the outbound list and `/server`; plus the fault plan shared by every fake.
 */

export interface PostmarkEmail {
  MessageID: string;
  From: string;
  To: string;
  Subject: string;
  TextBody?: string;
  HtmlBody?: string;
  MessageStream?: string;
  Headers: Array<{ Name: string; Value: string }>;
  SubmittedAt: string;
}

export interface FakePostmark {
  url: string;
  token: string;
  sent: PostmarkEmail[];
  /** Addresses Postmark has deactivated (hard bounce, complaint): sends to them answer 422 ErrorCode 406. */
  inactive: Set<string>;
  faults: FaultPlan;
  log: RequestLogEntry[];
  /** What became of a sent e-mail, as the message details' MessageEvents list it (Delivered, Bounced). */
  deliver(messageId: string): void;
  bounce(messageId: string): void;
  close(): Promise<void>;
}

/** One entry of MessageEvents in `GET /messages/outbound/{id}/details`, as documented. */
interface MessageEvent {
  Recipient: string;
  Type: 'Delivered' | 'Bounced' | 'Opened' | 'LinkClicked' | 'Transient' | 'SubscriptionChanged';
  ReceivedAt: string;
  Details: Record<string, string>;
}

const ADDRESS = /^(?:[^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/;
const error = (status: number, ErrorCode: number, Message: string): Answer => ({
  status,
  body: { ErrorCode, Message },
});

export async function startFakePostmark(options: { token?: string } = {}): Promise<FakePostmark> {
  const token = options.token ?? 'postmark-test-token';
  const sent: PostmarkEmail[] = [];
  const inactive = new Set<string>();
  const faults = createFaultPlan();
  const events = new Map<string, MessageEvent[]>();
  const addEvent = (messageId: string, type: MessageEvent['Type'], details: Record<string, string>) => {
    const m = sent.find((e) => e.MessageID === messageId);
    if (!m) throw new Error(`fake Postmark: no message ${messageId}`);
    events.set(messageId, [
      ...(events.get(messageId) ?? []),
      { Recipient: m.To, Type: type, ReceivedAt: new Date().toISOString(), Details: details },
    ]);
  };

  function handle(req: FakeRequest): Answer {
    if (req.headers['x-postmark-server-token'] !== token)
      return error(401, 10, 'The Server Token you provided in the X-Postmark-Server-Token request header was invalid.');
    const path = req.url.pathname;
    if (req.method === 'POST' && path === '/email') {
      let body: Partial<PostmarkEmail>;
      try {
        body = JSON.parse(req.body) as Partial<PostmarkEmail>;
      } catch {
        return error(422, 300, 'Invalid email request: the body is not JSON.');
      }
      if (!body.From || !ADDRESS.test(body.From)) return error(422, 300, "Invalid 'From' address.");
      if (!body.To || !ADDRESS.test(body.To)) return error(422, 300, "Invalid 'To' address.");
      if (!body.TextBody && !body.HtmlBody)
        return error(422, 300, 'Provide either email TextBody or HtmlBody or both.');
      if (inactive.has(body.To))
        return error(422, 406, 'You tried to send to recipient(s) that have been marked as inactive.');
      const email: PostmarkEmail = {
        MessageID: randomUUID(),
        From: body.From,
        To: body.To,
        Subject: body.Subject ?? '',
        TextBody: body.TextBody,
        HtmlBody: body.HtmlBody,
        MessageStream: body.MessageStream,
        Headers: body.Headers ?? [],
        SubmittedAt: new Date().toISOString(),
      };
      sent.push(email);
      return {
        status: 200,
        body: { To: email.To, SubmittedAt: email.SubmittedAt, MessageID: email.MessageID, ErrorCode: 0, Message: 'OK' },
      };
    }
    const details = /^\/messages\/outbound\/([^/]+)\/details$/.exec(path);
    if (req.method === 'GET' && details) {
      const m = sent.find((s) => s.MessageID === decodeURIComponent(details[1]));
      if (!m) return error(422, 701, 'This message was not found.');
      return { status: 200, body: messageDetails(m, events.get(m.MessageID) ?? []) };
    }
    if (req.method === 'GET' && path === '/messages/outbound')
      return { status: 200, body: { TotalCount: sent.length, Messages: sent.map(outbound) } };
    if (req.method === 'GET' && path === '/server') return { status: 200, body: { ID: 1, Name: 'Fake server' } };
    return error(404, 404, 'Not found');
  }

  const server = await startFakeServer(
    {
      target: (req) => (req.method === 'POST' && req.url.pathname === '/email' ? 'send' : 'read'),
      handle,
      faultAnswer: (status) => error(status, 0, status === 429 ? 'Rate limit exceeded' : 'Internal server error'),
    },
    faults,
  );
  return {
    url: server.url,
    token,
    sent,
    inactive,
    faults,
    log: server.log,
    deliver: (id) =>
      addEvent(id, 'Delivered', {
        DeliveryMessage: 'smtp;250 2.0.0 OK',
        DestinationServer: 'mx.example.test',
        DestinationIP: '127.0.0.1',
      }),
    bounce: (id) =>
      addEvent(id, 'Bounced', {
        Summary: 'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
        BounceID: '42',
      }),
    close: server.close,
  };
}

function outbound(m: PostmarkEmail) {
  return {
    MessageID: m.MessageID,
    To: [{ Email: m.To, Name: null }],
    From: m.From,
    Subject: m.Subject,
    Status: 'Sent',
    ReceivedAt: m.SubmittedAt,
    MessageEvents: [],
  };
}

/** `GET /messages/outbound/{messageid}/details`: the summary's fields plus bodies, recipients and MessageEvents. */
function messageDetails(m: PostmarkEmail, messageEvents: MessageEvent[]) {
  return {
    ...outbound(m),
    TextBody: m.TextBody ?? '',
    HtmlBody: m.HtmlBody ?? '',
    Body: '',
    Tag: '',
    MessageStream: m.MessageStream ?? 'outbound',
    Cc: [],
    Bcc: [],
    Recipients: [m.To],
    Attachments: [],
    TrackOpens: false,
    TrackLinks: 'None',
    Metadata: {},
    Sandboxed: false,
    MessageEvents: messageEvents,
  };
}

/** Postmark's webhook bodies (as documented), for posting to the relay. */
export const postmarkWebhook = {
  delivery: (MessageID: string, Recipient: string) => ({
    RecordType: 'Delivery',
    ServerID: 1,
    MessageStream: 'broadcast',
    MessageID,
    Recipient,
    Tag: '',
    DeliveredAt: '2026-12-02T19:05:00Z',
    Details: 'Test delivery webhook details',
    Metadata: {},
  }),
  bounce: (ID: number, MessageID: string, Email: string, Type: 'HardBounce' | 'SoftBounce') => ({
    RecordType: 'Bounce',
    ID,
    Type,
    TypeCode: Type === 'HardBounce' ? 1 : 4096,
    Name: Type === 'HardBounce' ? 'Hard bounce' : 'Soft bounce',
    MessageID,
    ServerID: 1,
    MessageStream: 'broadcast',
    Description: Type === 'HardBounce' ? 'The server was unable to deliver your message' : 'Mailbox full',
    Details: 'smtp;550 5.1.1 The email account that you tried to reach does not exist.',
    Email,
    From: 'shop@cornershop.test',
    BouncedAt: '2026-12-02T19:06:00Z',
    Inactive: Type === 'HardBounce',
    CanActivate: true,
    Subject: 'Spring sale',
  }),
  complaint: (ID: number, MessageID: string, Email: string) => ({
    RecordType: 'SpamComplaint',
    ID,
    Type: 'SpamComplaint',
    TypeCode: 512,
    MessageID,
    ServerID: 1,
    MessageStream: 'broadcast',
    Email,
    From: 'shop@cornershop.test',
    BouncedAt: '2026-12-02T19:07:00Z',
    Inactive: true,
  }),
  subscriptionChange: (MessageID: string, Recipient: string, SuppressSending: boolean) => ({
    RecordType: 'SubscriptionChange',
    MessageID,
    ServerID: 1,
    MessageStream: 'broadcast',
    ChangedAt: '2026-12-02T19:08:00Z',
    Recipient,
    Origin: 'Recipient',
    SuppressSending,
    SuppressionReason: SuppressSending ? 'ManualSuppression' : null,
    Tag: '',
    Metadata: {},
  }),
};
