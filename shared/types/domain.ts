/** Rows as the UI sees them. Phone numbers are E.164; times are ISO-8601 UTC strings. */

export interface ContactRow {
  id: number;
  phone: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  textable: boolean;
  notTextableReason: string | null;
  optedOut: boolean;
  tags: string[];
  createdAt: string;
  lastContactedAt: string | null;
}

export interface TemplateRow {
  id: number;
  name: string;
  body: string;
  category: string | null;
  notes: string | null;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  lastUsedAt: string | null;
}

export type CampaignStatus = 'draft' | 'scheduled' | 'sending' | 'paused' | 'completed' | 'cancelled';

/** A channel of the one outbox: a text, an e-mail or a prerecorded call. */
export type Channel = 'sms' | 'email' | 'voice';

export type OutboxState =
  | 'queued'
  | 'sending'
  | 'sent'
  | 'delivered'
  | 'undelivered'
  | 'failed'
  | 'retry_wait'
  | 'unknown'
  | 'skipped'
  /** A/B "test then winner": the rest of the audience, waiting for the winning variant. */
  | 'held';

export interface CampaignRow {
  id: number;
  name: string;
  status: CampaignStatus;
  provider: string;
  isAbTest: boolean;
  scheduledAt: string | null;
  createdAt: string;
  counts: Partial<Record<OutboxState, number>>;
  total: number;
}

export interface ConversationRow {
  contactId: number;
  phone: string;
  name: string | null;
  lastMessage: string;
  lastAt: string;
  unread: number;
  optedOut: boolean;
}

export interface OptOutRow {
  id: number;
  phone: string;
  contactId: number | null;
  at: string;
  newState: 'opted_out' | 'opted_in';
  source: string;
  message: string | null;
}

export interface MonitoringOverview {
  outbox: Partial<Record<OutboxState, number>>;
  webhookEvents: Record<string, number>;
  lastWebhookAt: string | null;
  lastSendAt: string | null;
  deadLetters: number;
}
