/**
 * The fake Twilio account's messages, with Twilio's JSON shape and its newest-first paging (PageToken).
 * Kept apart from the HTTP routes so tests can read and change the state directly.
 */

export type TwilioMessageStatus =
  | 'queued'
  | 'sending'
  | 'sent'
  | 'failed'
  | 'delivered'
  | 'undelivered'
  | 'receiving'
  | 'received'
  | 'accepted'
  | 'scheduled'
  | 'read'
  | 'partially_delivered'
  | 'canceled';

export interface TwilioMessage {
  account_sid: string;
  api_version: '2010-04-01';
  body: string;
  date_created: string;
  date_sent: string | null;
  date_updated: string;
  direction: 'inbound' | 'outbound-api';
  error_code: number | null;
  error_message: string | null;
  from: string | null;
  messaging_service_sid: string | null;
  num_media: string;
  num_segments: string;
  price: string | null;
  price_unit: string;
  sid: string;
  status: TwilioMessageStatus;
  subresource_uris: { media: string };
  to: string;
  uri: string;
}

export interface NewTwilioMessage {
  direction: 'inbound' | 'outbound-api';
  from: string | null;
  to: string;
  body: string;
  messagingServiceSid?: string | null;
  status: TwilioMessageStatus;
  /** When Twilio handed it to the carrier (outbound) or received it (inbound); null while queued. */
  dateSent: Date | null;
  dateCreated?: Date;
}

export interface TwilioFilter {
  to?: string;
  from?: string;
  /** Inclusive bounds on date_sent, as Twilio's DateSent> / DateSent<. */
  sentFrom?: number;
  sentTo?: number;
}

/** Twilio writes dates as RFC 2822 with a numeric zone. */
export function twilioDate(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

export class TwilioStore {
  readonly messages: TwilioMessage[] = [];
  private readonly order = new Map<string, number>();
  private seq = 0;

  constructor(
    readonly accountSid: string,
    private readonly now: () => Date,
  ) {}

  add(input: NewTwilioMessage): TwilioMessage {
    this.seq += 1;
    const sid = `SM${this.seq.toString(16).padStart(32, '0')}`;
    const created = twilioDate(input.dateCreated ?? this.now());
    const uri = `/2010-04-01/Accounts/${this.accountSid}/Messages/${sid}.json`;
    const message: TwilioMessage = {
      account_sid: this.accountSid,
      api_version: '2010-04-01',
      body: input.body,
      date_created: created,
      date_sent: input.dateSent ? twilioDate(input.dateSent) : null,
      date_updated: created,
      direction: input.direction,
      error_code: null,
      error_message: null,
      from: input.from,
      messaging_service_sid: input.messagingServiceSid ?? null,
      num_media: '0',
      num_segments: String(Math.max(1, Math.ceil(input.body.length / 153))),
      price: null,
      price_unit: 'USD',
      sid,
      status: input.status,
      subresource_uris: { media: uri.replace('.json', '/Media.json') },
      to: input.to,
      uri,
    };
    this.messages.push(message);
    this.order.set(sid, this.seq);
    return message;
  }

  get(sid: string): TwilioMessage | undefined {
    return this.messages.find((m) => m.sid === sid);
  }

  update(
    sid: string,
    change: { status: TwilioMessageStatus; errorCode?: number | null; errorMessage?: string | null; sentAt?: Date },
  ): TwilioMessage {
    const message = this.get(sid);
    if (!message) throw new Error(`fake Twilio: no message ${sid}`);
    message.status = change.status;
    if (change.errorCode !== undefined) message.error_code = change.errorCode;
    if (change.errorMessage !== undefined) message.error_message = change.errorMessage;
    if (change.sentAt && message.date_sent === null) message.date_sent = twilioDate(change.sentAt);
    message.date_updated = twilioDate(this.now());
    return message;
  }

  /** Newest first by date sent; `pageToken` continues after the last message of the previous page. */
  page(
    filter: TwilioFilter,
    pageSize: number,
    pageToken: string | undefined,
  ): { items: TwilioMessage[]; nextToken: string | null } | null {
    const sorted = this.messages
      .filter((m) => this.matches(m, filter))
      .sort((a, b) => this.key(b) - this.key(a) || this.seqOf(b) - this.seqOf(a));
    let start = 0;
    if (pageToken) {
      const lastSeq = Number.parseInt(pageToken.replace(/^PA/, ''), 16);
      const index = sorted.findIndex((m) => this.seqOf(m) === lastSeq);
      if (!Number.isFinite(lastSeq) || index < 0) return null;
      start = index + 1;
    }
    const items = sorted.slice(start, start + pageSize);
    const last = items[items.length - 1];
    return { items, nextToken: start + pageSize < sorted.length && last ? `PA${this.seqOf(last).toString(16)}` : null };
  }

  private key(m: TwilioMessage): number {
    return Date.parse(m.date_sent ?? m.date_created);
  }

  private seqOf(m: TwilioMessage): number {
    return this.order.get(m.sid) as number;
  }

  private matches(m: TwilioMessage, f: TwilioFilter): boolean {
    const hasDateFilter = f.sentFrom !== undefined || f.sentTo !== undefined;
    const sent = m.date_sent === null ? null : Date.parse(m.date_sent);
    return (
      (f.to === undefined || m.to === f.to) &&
      (f.from === undefined || m.from === f.from) &&
      (!hasDateFilter || sent !== null) &&
      (f.sentFrom === undefined || (sent as number) >= f.sentFrom) &&
      (f.sentTo === undefined || (sent as number) <= f.sentTo)
    );
  }
}
