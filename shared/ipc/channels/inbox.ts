import { z } from 'zod';
import { channel } from '../define';
import type { KeywordKind } from '../../compliance/keywords';
import type { ConversationRow, OutboxState } from '../../types/domain';

/** Who the conversation is with, and whether we may text them. */
export interface ThreadContact {
  id: number;
  phone: string;
  name: string | null;
  optedOut: boolean;
  optedOutAt: string | null;
  /** Texted in without being in the list: no marketing consent on record. */
  isUnknown: boolean;
  /** How the last consent change happened (keyword, manual, provider, import), for the inline badge. */
  lastConsentChange: { at: string; newState: 'opted_out' | 'opted_in'; source: string; message: string | null } | null;
}

export type ThreadMessage =
  | {
      id: string;
      direction: 'in';
      inboundId: number;
      body: string;
      at: string;
      /** The keyword the text was read as (stop, help…), or null for an ordinary reply. */
      keyword: string | null;
      keywordKind: KeywordKind;
      read: boolean;
    }
  | {
      id: string;
      direction: 'out';
      outboxId: number;
      body: string;
      at: string;
      /** 'test': a campaign's test send to the owner's own number (never counted in its results). */
      kind: 'campaign' | 'reply' | 'confirmation' | 'help' | 'test';
      campaignName: string | null;
      state: OutboxState;
      errorMessage: string | null;
      /** When a waiting message is due (quiet hours, retry). */
      nextAttemptAt: string | null;
    };

export interface InboxThread {
  contact: ThreadContact;
  messages: ThreadMessage[];
  /** Whether older messages exist beyond the ones returned. */
  truncated: boolean;
  /** Where a reply would go out: the provider and our number the contact last wrote to. */
  replyVia: { provider: 'sandbox' | 'quo' | 'twilio'; from: string } | null;
}

export interface InboxReplyResult {
  message: Extract<ThreadMessage, { direction: 'out' }>;
  /** Set when the recipient's quiet hours are closed now: the reply waits for this moment (their local morning). */
  waitsUntil: string | null;
  waitReason: string | null;
}

export interface InboxUnread {
  conversations: number;
  messages: number;
}

const contactId = z.number().int().positive();

export const inboxChannels = {
  'inbox:conversations': channel<ConversationRow[]>()(
    z
      .object({
        limit: z.number().int().min(1).max(1000).default(100),
        offset: z.number().int().min(0).default(0),
        unreadOnly: z.boolean().default(false),
        search: z.string().max(200).optional(),
      })
      .strict(),
  ),
  /** The conversation with one contact: their texts and ours (campaigns, replies, confirmations), oldest first. */
  'inbox:thread': channel<InboxThread>()(
    z.object({ contactId, limit: z.number().int().min(1).max(1000).default(300) }).strict(),
  ),
  /** Marks the contact's received texts as read; returns how many changed. */
  'inbox:markRead': channel<{ marked: number }>()(z.object({ contactId }).strict()),
  /** Queues a reply (kind 'reply') through the contact's last provider and number; refused for opted-out contacts. */
  'inbox:reply': channel<InboxReplyResult>()(
    z
      .object({
        contactId,
        body: z.string().trim().min(1, 'write a message first').max(1600, 'a text can be at most 1600 characters'),
      })
      .strict(),
  ),
  /** Queues a reply whose provider send failed again, as the same outbox row (never a second one). */
  'inbox:retry': channel<InboxReplyResult>()(z.object({ outboxId: z.number().int().positive() }).strict()),
  'inbox:unread': channel<InboxUnread>()(z.object({}).strict()),
};
