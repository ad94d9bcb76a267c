import type { Generated } from 'kysely';

/**
 * The tables of results: tracked links, clicks, conversions and outcomes, roll-ups, A/B tests, reports, reply
 * triage, engagement and predictions. Part of DB (schema.ts); keep in step with every migration.
 */
export interface AnalyticsTables {
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
  /** Per campaign, UTC day and channel (migrations 0010, 0032), kept by triggers. */
  campaign_daily: {
    campaign_id: number;
    day: string;
    channel: Generated<'sms' | 'email' | 'voice'>;
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
  /** Attributed conversions and revenue per UTC day and source, kept by triggers (migration 0025). */
  conversion_source_daily: {
    day: string;
    source: 'manual' | 'keyword' | 'link' | 'order' | 'quickbooks';
    conversions: Generated<number>;
    revenue_minor: Generated<number>;
  };
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
}
