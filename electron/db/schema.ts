import type { Generated } from 'kysely';
import type { CONSENT_SOURCES } from '../../migrations/0020_channels';
import type { Channel } from '../../shared/types/domain';

/** Where a change of consent came from (the opt-out audit log's `source`). */
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** Kysely's view of the tables created by migrations/. Keep in step with every migration. */
export interface DB {
  settings: { key: string; value_json: string; updated_at: string };
  audit_log: {
    id: Generated<number>;
    at: string;
    actor: string;
    action: string;
    subject: string | null;
    detail_json: string | null;
  };
  contacts: {
    id: Generated<number>;
    phone: string;
    first_name: string | null;
    last_name: string | null;
    email: string | null;
    country: string | null;
    textable: Generated<number>;
    not_textable_reason: string | null;
    opted_out: Generated<number>;
    opted_out_at: string | null;
    line_type: string | null;
    carrier: string | null;
    source: Generated<string>;
    is_unknown: Generated<number>;
    created_at: string;
    updated_at: string;
    last_contacted_at: string | null;
    /** the import that created this contact (migration 0007); null for every other contact */
    import_id: string | null;
    /** E-mail and voice consent (migration 0020): 1 accepts marketing e-mail, 0 declined, null not known. */
    email_consent: 0 | 1 | null;
    email_opted_out: Generated<number>;
    email_opted_out_at: string | null;
    /** Suppressed for good: a hard bounce or a spam complaint. */
    email_suppressed: 'hard_bounce' | 'complaint' | null;
    email_suppressed_at: string | null;
    /** Prior express written consent to prerecorded calls: when, and where it came from. */
    voice_consent_at: string | null;
    voice_consent_source: string | null;
    /** On the business's do-not-call list (a key press during a call, or the owner). */
    dnc: Generated<number>;
    dnc_at: string | null;
  };
  consent_records: {
    id: Generated<number>;
    contact_id: number;
    source: string;
    source_ref: string | null;
    consent: number | null;
    obtained_at: string;
    note: string | null;
    created_at: string;
    /** What the consent is to (migration 0020). */
    channel: Generated<Channel>;
  };
  tags: { id: Generated<number>; name: string; created_at: string };
  contact_tags: { contact_id: number; tag_id: number };
  custom_fields: {
    id: Generated<number>;
    key: string;
    label: string;
    created_at: string;
    /** migration 0012 */ type: Generated<'text' | 'date'>;
  };
  contact_field_values: { contact_id: number; field_id: number; value: string };
  segments: { id: Generated<number>; name: string; filter_json: string; created_at: string; updated_at: string };
  imports: {
    id: string;
    file_name: string;
    file_size: number | null;
    status: string;
    mapping_json: string | null;
    options_json: string | null;
    counts_json: string | null;
    started_at: string;
    finished_at: string | null;
    undone_at: string | null;
  };
  import_rejects: { import_id: string; row_number: number; reason: string; raw: string | null };
  /** outbox counts by campaign (0 for non-campaign messages) and state, kept by triggers (migration 0008) */
  outbox_state_counts: { campaign_key: number; state: string; n: number };
  import_changes: {
    import_id: string;
    contact_id: number;
    action: 'created' | 'updated';
    previous_json: string | null;
  };
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
  /** FTS5 trigram index over contacts (migration 0006, contentless: rowid = contact id; kept by triggers). */
  contact_search: { rowid: number; name: string; email: string; phone: string };
  /** FTS5 trigram index of the first two characters of first name, last name and email (migration 0009). */
  contact_starts: { rowid: number; starts: string };
  /** Indexed contacts edited since (migration 0006). */
  contact_search_queue: { contact_id: number };
  /** The highest contact id the search index holds; contacts above it wait to be indexed (migration 0006). */
  contact_search_state: { id: number; indexed_through: number };
  /** Inbox text search (migration 0019): rowid = inbound id × 2, or reply outbox id × 2 + 1. */
  inbox_search: { rowid: number; body: string };
  numverify_cache: {
    phone: string;
    valid: number;
    line_type: string | null;
    carrier: string | null;
    country_code: string | null;
    location: string | null;
    response_json: string;
    looked_up_at: string;
  };
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
  tracked_links: {
    id: Generated<number>;
    code: string;
    outbox_id: number;
    campaign_id: number;
    variant: string | null;
    contact_id: number | null;
    url: string;
    created_at: string;
  };
  link_clicks: {
    id: Generated<number>;
    link_id: number;
    at: string;
    method: string;
    user_agent: string | null;
    ip_hash: string | null;
    is_bot: number;
  };
  click_salt: { id: number; salt: Buffer };
  conversions: {
    id: Generated<number>;
    contact_id: number;
    /** NULL when nothing was attributable (migration 0010). */
    campaign_id: number | null;
    outbox_id: number | null;
    source: 'manual' | 'keyword' | 'link' | 'order' | 'quickbooks';
    /** Unique with source: the same sale or reply is never counted twice. */
    source_id: string;
    amount_minor: Generated<number>;
    currency: Generated<string>;
    order_id: string | null;
    note: string | null;
    import_id: string | null;
    inbound_message_id: number | null;
    keyword: string | null;
    actor: string;
    at: string;
    rule: 'delivery' | 'click' | 'direct' | null;
    click_days: number | null;
    delivery_hours: number | null;
    created_at: string;
  };
  /** A message's first reply, click and opt-out, with the attribution that gave it to the message (migration 0010). */
  message_outcomes: {
    id: Generated<number>;
    outbox_id: number;
    campaign_id: number;
    contact_id: number | null;
    kind: 'replied' | 'clicked' | 'opted_out';
    at: string;
    rule: 'delivery' | 'click' | 'direct';
    click_days: number;
    delivery_hours: number;
    source_ref: string | null;
    reason: string | null;
  };
  order_imports: {
    id: string;
    file_name: string;
    status: 'completed' | 'undone';
    counts_json: string;
    revenue_minor: number;
    at: string;
    undone_at: string | null;
  };
  order_import_rejects: { import_id: string; row: number; reason: string; raw: string };
  /** Per campaign and UTC day, kept by triggers (migration 0010). */
  campaign_daily: {
    campaign_id: number;
    day: string;
    sent: Generated<number>;
    delivered: Generated<number>;
    failed: Generated<number>;
    replied: Generated<number>;
    clicked: Generated<number>;
    opted_out: Generated<number>;
    converted: Generated<number>;
    revenue_minor: Generated<number>;
    /** Micro-units of the business currency (millionths), summed exactly. */
    spend_micros: Generated<number>;
  };
  analytics_cursors: { source: 'inbound' | 'clicks' | 'optouts' | 'contacts'; last_id: number };
  list_growth_daily: { day: string; new_contacts: Generated<number>; opt_outs: Generated<number> };
  ab_state: {
    campaign_id: number;
    looks_json: Generated<string>;
    verdict_json: string | null;
    decided_at: string | null;
    winner_index: number | null;
    approval: Generated<'none' | 'awaiting' | 'approved' | 'automatic'>;
    release_index: number | null;
    release_chosen_by: 'verdict' | 'owner' | null;
    winner_sent_at: string | null;
    winner_done_at: string | null;
    /** Passed its decision deadline with no winner and no default variant: the owner must choose (migration 0011). */
    decision_needed_at: string | null;
    updated_at: string;
  };
  /** Scheduled reports written, one per period (migration 0013). */
  report_runs: {
    kind: 'week' | 'month';
    period_start: string;
    period_end: string;
    ran_at: string;
    pdf_path: string | null;
    csv_path: string | null;
  };
  /** Gemini's label for an inbound reply, or the problem that stopped it (migration 0017). */
  reply_triage: {
    inbound_message_id: number;
    label: 'question' | 'interested' | 'complaint' | 'wrong_number' | 'possible_opt_out' | 'other' | null;
    confidence: number | null;
    flagged_for_review: Generated<number>;
    reviewed_at: string | null;
    problem: string | null;
    model: string;
    classified_at: string;
  };
  /** Engagement score per contact (migration 0014); no row: New. */
  contact_engagement: {
    contact_id: number;
    score: number;
    band: 'champions' | 'engaged' | 'quiet' | 'atRisk' | 'lost' | 'new';
    replies: number;
    clicks: number;
    conversions: number;
    last_engaged_at: string | null;
    delivered: number;
    silent: number;
    scored_at: string;
  };
  /** Contacts to rescore, filled by triggers (migration 0014). */
  engagement_queue: { contact_id: number };
  engagement_runs: { id: Generated<number>; started_at: string; finished_at: string; contacts: number };
  /** How each prediction model did on its holdout when last trained (migration 0015). */
  prediction_models: {
    target: 'reply' | 'optOut';
    trained_at: string;
    auc: number | null;
    base_rate: number | null;
    usable: number;
    holdout: number;
    holdout_events: number;
    reason: string;
  };
  /** Each contact's predicted reply probability and opt-out risk, replaced at every training (migration 0015). */
  contact_predictions: {
    contact_id: number;
    reply_probability: number | null;
    opt_out_risk: number | null;
    opt_out_high: Generated<number>;
    scored_at: string;
  };
  /** Bulk actions on contacts, kept for Undo (migration 0018). */
  contact_bulk_actions: {
    id: Generated<number>;
    action: 'add_tag' | 'remove_tag' | 'opt_out' | 'delete';
    tag_id: number | null;
    tag_name: string | null;
    tag_created: Generated<number>;
    contacts: Generated<number>;
    created_at: string;
    undone_at: string | null;
  };
  /** What a bulk action changed, one row a contact: the opt-out audit row it wrote (ref) or the deleted contact (migration 0018). */
  contact_bulk_changes: { action_id: number; contact_id: number; ref: number | null; snapshot_json: string | null };
  quickbooks_connection: {
    id: number;
    status: 'connected' | 'reconnect';
    connected_at: string;
    changed_since: string | null;
    last_sync_at: string | null;
    last_error: string | null;
  };
  quickbooks_oauth_states: {
    state: string;
    created_at: string;
    expires_at: string;
    used_at: string | null;
  };
  quickbooks_customers: {
    id: string;
    display_name: string;
    phone: string | null;
    email: string | null;
    contact_id: number | null;
    updated_at: string;
  };
  quickbooks_transactions: {
    entity: 'SalesReceipt' | 'Invoice' | 'Payment';
    id: string;
    customer_id: string | null;
    at: string;
    total_minor: number;
    paid_minor: number;
    updated_at: string;
  };
}
