import type { Generated } from 'kysely';
import type { Channel } from '../../shared/types/domain';
import type { CONSENT_SOURCES } from '../../migrations/0020_channels';

/** Where a change of consent came from (the opt-out audit log's `source`). */
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/**
 * The tables of sending and receiving: templates, campaigns and series, the outbox, inbound texts, webhooks,
 * opt-outs, the sandbox, reconciliation and health checks. Part of DB (schema.ts); keep in step with every migration.
 */
export interface MessagingTables {
  /** outbox counts by campaign (0 for non-campaign messages) and state, kept by triggers (migration 0008) */
  outbox_state_counts: { campaign_key: number; state: string; n: number };
  templates: {
    id: Generated<number>;
    name: string;
    body: string;
    category: string | null;
    notes: string | null;
    archived_at: string | null;
    created_at: string;
    updated_at: string;
    last_used_at: string | null;
    /** migration 0020: the channel the template is written for, an e-mail's subject, a call's options (JSON). */
    channel: Generated<Channel>;
    subject: string | null;
    options_json: string | null;
  };
  campaigns: {
    id: Generated<number>;
    name: string;
    status: Generated<string>;
    template_id: number | null;
    body: string | null;
    audience_json: Generated<string>;
    provider: Generated<string>;
    from_number: string | null;
    schedule_json: string | null;
    scheduled_at: string | null;
    quiet_hours_json: string | null;
    ab_json: string | null;
    notes: string | null;
    archived_at: string | null;
    created_at: string;
    updated_at: string;
    launched_at: string | null;
    completed_at: string | null;
    snapshot_state: Generated<'none' | 'running' | 'complete'>;
    snapshot_cursor: Generated<number>;
    schedule_missed_at: string | null;
    last_error: string | null;
    track_links: number | null;
    /** The owner's reason for launching despite a blocking compliance finding (migration 0011). */
    launch_acknowledgement_json: string | null;
    /** The series this campaign is an occurrence of, and the instant it was planned for (migration 0012). */
    series_id: number | null;
    occurrence_at: string | null;
    /** migration 0020: the owner's channel order (JSON array; null = SMS only), whether every reachable channel is
     * used instead of the first, and the e-mail's and the call's content (JSON). */
    channels_json: string | null;
    every_channel: Generated<number>;
    email_json: string | null;
    voice_json: string | null;
  };
  campaign_series: {
    campaign_id: number;
    kind: 'recurring' | 'birthday';
    rule: string;
    start_local: string;
    zone: string;
    skip_recent_days: number | null;
    date_field_json: string | null;
    next_at: string | null;
    handled_through: string | null;
    created_at: string;
    updated_at: string;
  };
  series_occurrences: {
    series_id: number;
    at: string;
    status: 'launched' | 'skipped' | 'missed';
    campaign_id: number | null;
    reason: string | null;
    recorded_at: string;
  };
  series_yearly_sends: { series_id: number; contact_id: number; year: number };
  outbox_messages: {
    id: Generated<number>;
    campaign_id: number | null;
    contact_id: number | null;
    kind: Generated<string>;
    variant: string | null;
    to_phone: string;
    from_number: string | null;
    body: string;
    segments: Generated<number>;
    provider: string;
    state: Generated<string>;
    attempts: Generated<number>;
    next_attempt_at: string | null;
    provider_message_id: string | null;
    error_code: string | null;
    error_message: string | null;
    created_at: string;
    updated_at: string;
    sending_at: string | null;
    sent_at: string | null;
    delivered_at: string | null;
    ab_remainder: Generated<number>;
    /** Service messages (opt-out confirmations) that must not be sent after this moment (migration 0004). */
    expires_at: string | null;
    /** A test send of this campaign to the owner's own number; such rows have no campaign_id (migration 0011). */
    test_of_campaign_id: number | null;
    /** Price per segment at hand-over, micro-units (millionths) of the business currency (migration 0010). */
    price_micros: number | null;
    /** segments × price_micros, micro-units of the business currency, written at hand-over (migration 0010). */
    cost_micros: number | null;
    /** migration 0020: the channel, and what an e-mail or a call carries besides `body` (the plain text or script). */
    channel: Generated<Channel>;
    to_email: string | null;
    subject: string | null;
    html_body: string | null;
    voice_json: string | null;
    /** migration 0024: a call's answering-machine verdict (Twilio AnsweredBy) and its length in seconds. */
    call_answered_by: string | null;
    call_duration_s: number | null;
  };
  inbound_messages: {
    id: Generated<number>;
    provider: string;
    provider_message_id: string | null;
    contact_id: number | null;
    from_phone: string;
    to_phone: string | null;
    body: string;
    received_at: string;
    campaign_id: number | null;
    keyword: string | null;
    read_at: string | null;
    created_at: string;
  };
  webhook_events: {
    id: Generated<number>;
    provider: string;
    event_id: string;
    type: string;
    payload: string;
    received_at: string;
    state: Generated<'pending' | 'processed' | 'failed' | 'dead'>;
    attempts: Generated<number>;
    next_attempt_at: string | null;
    last_error: string | null;
    processed_at: string | null;
  };
  optout_audit: {
    id: Generated<number>;
    contact_id: number | null;
    phone: string;
    old_state: string;
    new_state: 'opted_out' | 'opted_in';
    source: ConsentSource;
    inbound_message_id: number | null;
    message_text: string | null;
    actor: string;
    at: string;
    /** migration 0020: the channel whose consent changed, and the e-mail address for e-mail. */
    channel: Generated<Channel>;
    email: string | null;
  };
  /** Inbox text search (migration 0019): rowid = inbound id × 2, or reply outbox id × 2 + 1. */
  inbox_search: { rowid: number; body: string };
  sandbox_messages: {
    id: string;
    direction: 'outgoing' | 'incoming';
    from_phone: string;
    to_phone: string;
    body: string;
    status: string;
    outcome: string;
    reply_body: string | null;
    created_at: string;
    due_at: string | null;
    updated_at: string;
  };
  reconciliation_runs: {
    id: Generated<number>;
    provider: 'sandbox' | 'quo' | 'twilio';
    trigger: 'manual' | 'daily' | 'startup';
    range_since: string;
    range_until: string;
    started_at: string;
    finished_at: string | null;
    status: Generated<'running' | 'ok' | 'partial' | 'failed' | 'interrupted'>;
    listing: string | null;
    diff_json: string | null;
    error: string | null;
  };
  health_checks: {
    id: Generated<number>;
    at: string;
    status: 'green' | 'yellow' | 'red';
    reason: string;
    checks_json: string;
    trigger: Generated<'scheduled' | 'manual'>;
  };
}
