/**
 * What the fake Quo workspace holds: its phone numbers and every message, with the newest-first cursor paging
 * both Quo listing APIs use. Kept apart from the HTTP routes so tests can read the state directly.
 */

export type QuoMessageStatus = 'queued' | 'sent' | 'delivered' | 'undelivered' | 'received';

export interface QuoMessage {
  id: string;
  to: string[];
  from: string;
  text: string;
  phoneNumberId: string;
  conversationId: string;
  direction: 'incoming' | 'outgoing';
  userId: string;
  status: QuoMessageStatus;
  createdAt: string;
  updatedAt: string;
  media: Array<{ url: string; type: string }>;
}

export interface QuoPhoneNumber {
  id: string;
  number: string;
  name?: string;
}

export interface NewQuoMessage {
  direction: 'incoming' | 'outgoing';
  /** The other party (the customer), or several for a group text. */
  participant: string | string[];
  text: string;
  /** Our number: a PN… id or its E.164; default the workspace's first number. */
  phoneNumber?: string;
  status?: QuoMessageStatus;
  createdAt?: Date;
}

export interface MessageFilter {
  phoneNumberId?: string;
  participant?: string;
  from?: string;
  to?: string;
  status?: string;
  direction?: string;
  userId?: string;
  /** Exclusive bounds, as Quo's createdAfter / createdBefore. */
  createdAfter?: number;
  createdBefore?: number;
}

export const E164 = /^\+[1-9]\d{6,14}$/;

export class QuoStore {
  readonly messages: QuoMessage[] = [];
  readonly numbers: QuoPhoneNumber[];
  private readonly order = new Map<string, number>();
  private readonly conversations = new Map<string, string>();
  private seq = 0;

  constructor(
    numbers: QuoPhoneNumber[],
    private readonly now: () => Date,
    readonly userId: string,
    /** When true, sending from an unknown number adds it to the workspace instead of answering 403. */
    readonly adoptUnknownNumbers: boolean,
  ) {
    this.numbers = numbers.map((n) => ({ ...n }));
  }

  /** Finds our number by PN id or E.164; adopts it when the workspace is open. */
  resolveNumber(idOrNumber: string): QuoPhoneNumber | null {
    const found = this.numbers.find((n) => n.id === idOrNumber || n.number === idOrNumber);
    if (found) return found;
    if (!this.adoptUnknownNumbers || !E164.test(idOrNumber)) return null;
    const added = { id: `PN${String(this.numbers.length + 1).padStart(8, '0')}`, number: idOrNumber };
    this.numbers.push(added);
    return added;
  }

  add(input: NewQuoMessage): QuoMessage {
    const ours = this.resolveNumber(input.phoneNumber ?? this.numbers[0]?.id ?? '');
    if (!ours) throw new Error(`fake Quo: ${input.phoneNumber ?? '(no number)'} is not a workspace number`);
    this.seq += 1;
    const at = (input.createdAt ?? this.now()).toISOString();
    const participants = Array.isArray(input.participant) ? input.participant : [input.participant];
    const conversationKey = `${ours.id}|${[...participants].sort().join(',')}`;
    if (!this.conversations.has(conversationKey))
      this.conversations.set(conversationKey, `CN${String(this.conversations.size + 1).padStart(8, '0')}`);
    const outgoing = input.direction === 'outgoing';
    const message: QuoMessage = {
      id: `AC${this.seq.toString(36).padStart(10, '0')}`,
      to: outgoing ? [...participants] : [ours.number],
      from: outgoing ? ours.number : participants[0],
      text: input.text,
      phoneNumberId: ours.id,
      conversationId: this.conversations.get(conversationKey) as string,
      direction: input.direction,
      userId: this.userId,
      status: input.status ?? (outgoing ? 'sent' : 'received'),
      createdAt: at,
      updatedAt: at,
      media: [],
    };
    this.messages.push(message);
    this.order.set(message.id, this.seq);
    return message;
  }

  get(id: string): QuoMessage | undefined {
    return this.messages.find((m) => m.id === id);
  }

  setStatus(id: string, status: QuoMessageStatus): QuoMessage {
    const message = this.get(id);
    if (!message) throw new Error(`fake Quo: no message ${id}`);
    message.status = status;
    message.updatedAt = this.now().toISOString();
    return message;
  }

  /** Newest first; `after` is a cursor from a previous page. */
  page(
    filter: MessageFilter,
    limit: number,
    after: string | undefined,
  ): { items: QuoMessage[]; nextCursor: string | null } {
    const sorted = this.messages.filter((m) => this.matches(m, filter)).sort((a, b) => this.compare(a, b));
    let start = 0;
    if (after) {
      const position = decodeCursor(after);
      if (!position) throw new CursorError();
      start = sorted.findIndex((m) => this.compareToPosition(m, position) > 0);
      if (start < 0) start = sorted.length;
    }
    const items = sorted.slice(start, start + limit);
    const last = items[items.length - 1];
    const more = start + limit < sorted.length;
    return {
      items,
      nextCursor: more && last ? encodeCursor(Date.parse(last.createdAt), this.order.get(last.id) as number) : null,
    };
  }

  private matches(m: QuoMessage, f: MessageFilter): boolean {
    const participants = m.direction === 'outgoing' ? m.to : [m.from];
    const at = Date.parse(m.createdAt);
    return (
      (f.phoneNumberId === undefined || m.phoneNumberId === f.phoneNumberId) &&
      (f.participant === undefined || participants.includes(f.participant)) &&
      (f.from === undefined || m.from === f.from) &&
      (f.to === undefined || m.to.includes(f.to)) &&
      (f.status === undefined || m.status === f.status) &&
      (f.direction === undefined || m.direction === f.direction) &&
      (f.userId === undefined || m.userId === f.userId) &&
      (f.createdAfter === undefined || at > f.createdAfter) &&
      (f.createdBefore === undefined || at < f.createdBefore)
    );
  }

  /** Newest first, ties by creation order (later first). */
  private compare(a: QuoMessage, b: QuoMessage): number {
    return (
      Date.parse(b.createdAt) - Date.parse(a.createdAt) ||
      (this.order.get(b.id) as number) - (this.order.get(a.id) as number)
    );
  }

  /** > 0 when `m` comes after the cursor position in newest-first order. */
  private compareToPosition(m: QuoMessage, position: { at: number; seq: number }): number {
    return position.at - Date.parse(m.createdAt) || position.seq - (this.order.get(m.id) as number);
  }
}

export class CursorError extends Error {
  constructor() {
    super('invalid cursor');
  }
}

function encodeCursor(at: number, seq: number): string {
  return Buffer.from(JSON.stringify({ at, seq }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { at: number; seq: number } | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { at?: unknown; seq?: unknown };
    return typeof value.at === 'number' && typeof value.seq === 'number' ? { at: value.at, seq: value.seq } : null;
  } catch {
    return null;
  }
}
