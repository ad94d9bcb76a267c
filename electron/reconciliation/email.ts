import { isAppError } from '../../shared/errors';
import type { EmailProviderId } from '../providers';
import type { ProviderEvent } from '../webhooks';
import { drain, type ApplyDeps } from './apply';
import { eventStatus, reconEventId } from './plan';
import { stuckEmails } from './queries-email';

/** What settling the stuck e-mails did. */
export interface EmailSettling {
  provider: EmailProviderId;
  lookedUp: number;
  settled: number;
  errors: string[];
}

const RANK: Record<string, number> = { sending: 1, unknown: 1, sent: 2, delivered: 3, undelivered: 3, failed: 3 };

/**
 * E-mails take part in reconciliation by lookup rather than listing: Postmark's Outbound Messages API
 * (`GET /messages/outbound/{id}/details`) says, per message, whether it was delivered or bounced, and what it says
 * goes through the same event path as its webhooks (deterministic event ids, so a webhook arriving later is a
 * harmless duplicate). SMTP has no lookup: an e-mail the server accepted is final as `sent`. The Sandbox settles its
 * own e-mails as it simulates them.
 */
export async function settleStuckEmails(
  deps: ApplyDeps,
  options: { settleMs?: number; limit?: number } = {},
): Promise<EmailSettling> {
  const { core } = deps;
  const provider: EmailProviderId = 'postmark';
  const before = new Date(core.now().getTime() - (options.settleMs ?? 15 * 60_000)).toISOString();
  const rows = stuckEmails(core.db, provider, before, options.limit ?? 500);
  const result: EmailSettling = { provider, lookedUp: 0, settled: 0, errors: [] };
  if (rows.length === 0) return result;
  const client = core.provider(provider);
  for (const row of rows) {
    const id = row.provider_message_id;
    if (!id) continue;
    result.lookedUp++;
    try {
      const found = await client.lookup(id);
      const status = found ? eventStatus(found.status) : null;
      if (!found || !status || RANK[status] <= (RANK[row.state] ?? 0)) continue;
      const event: ProviderEvent = {
        kind: 'status',
        provider,
        eventId: reconEventId(id, status),
        providerMessageId: id,
        status,
        errorCode: status === 'undelivered' ? 'postmark_bounced' : null,
        errorMessage:
          status === 'undelivered' ? 'Postmark reports the e-mail bounced (found by reconciliation).' : null,
        at: found.createdAt || core.now().toISOString(),
      };
      if (deps.ingest(event) !== null) result.settled++;
      core.audit(
        'reconciliation.email',
        `outbox:${row.id}`,
        { provider, providerMessageId: id, status },
        'reconciliation',
      );
    } catch (err) {
      result.errors.push(
        `Looking up e-mail ${id} at Postmark failed: ${isAppError(err) || err instanceof Error ? err.message : String(err)}`,
      );
      // The provider is unreachable or refuses: the rest would fail alike; the next run tries again.
      if (result.errors.length >= 3) break;
    }
  }
  drain(deps.processNow);
  return result;
}
