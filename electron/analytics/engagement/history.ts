// hot path: the full recompute scores a million contacts in id ranges with this statement (npm run bench -- engagement).
/**
 * Raw set-based SQL: this is the full recompute's hot path (a million contacts in id ranges, measured by
 * `npm run bench -- engagement`), where a query per contact or a Kysely compile per range would not keep to 30 s.
 * The same statement scores one contact (a range of one), so the event path and the recompute cannot disagree.
 * Columns: contactId, optedOut (0/1), replies, clicks, conversions, lastEngagedAt, delivered, silent.
 * Delivered campaign texts are read from their own covering index (migration 0014): by the state index SQLite would
 * read every delivered message, and by the table a million contacts' texts are ten million random page reads.
 */
export const HISTORY_SQL = `
  WITH o AS (
    SELECT contact_id, SUM(kind = 'replied') AS replies, SUM(kind = 'clicked') AS clicks, MAX(CASE WHEN kind <> 'opted_out' THEN at END) AS last_at
    FROM message_outcomes WHERE contact_id BETWEEN @from AND @to GROUP BY contact_id
  ), v AS (
    SELECT contact_id, COUNT(*) AS conversions, MAX(at) AS last_at FROM conversions WHERE contact_id BETWEEN @from AND @to GROUP BY contact_id
  ), h AS (
    SELECT c.id, c.opted_out, coalesce(o.replies, 0) AS replies, coalesce(o.clicks, 0) AS clicks, coalesce(v.conversions, 0) AS conversions,
           nullif(max(coalesce(o.last_at, ''), coalesce(v.last_at, '')), '') AS last_at
    FROM contacts c LEFT JOIN o ON o.contact_id = c.id LEFT JOIN v ON v.contact_id = c.id
    WHERE c.id BETWEEN @from AND @to
  )
  SELECT h.id AS contactId, h.opted_out AS optedOut, h.replies, h.clicks, h.conversions, h.last_at AS lastEngagedAt,
         COUNT(m.contact_id) AS delivered,
         coalesce(SUM(m.contact_id IS NOT NULL AND (h.last_at IS NULL OR coalesce(m.delivered_at, '') > h.last_at)), 0) AS silent
  FROM h LEFT JOIN outbox_messages m INDEXED BY outbox_contact_delivered ON m.contact_id = h.id AND m.kind = 'campaign' AND m.state = 'delivered'
  GROUP BY h.id`;
