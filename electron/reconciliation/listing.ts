import { isAppError } from '../../shared/errors';
import type { SqliteDb } from '../db/connection';
import type { Provider, ProviderMessage } from '../providers';
import { participantPhones } from './queries';

export type ListingKind = 'workspace' | 'conversations' | 'account' | 'sandbox';

export interface ProviderListing {
  kind: ListingKind;
  messages: ProviderMessage[];
  /**
   * Whose messages the listing saw in full: 'all' (a workspace/account listing that finished) or the numbers whose
   * conversations were listed without error. Only an absence inside this coverage may be concluded from.
   */
  covers: 'all' | Set<string>;
  errors: string[];
  /** Nothing at all could be listed: the run failed (as opposed to partial). */
  failed: boolean;
}

export interface ListingRange {
  since: Date;
  until: Date;
}

/** Replies to a campaign come days after it went out, so conversations are listed for numbers texted this far back. */
export const PARTICIPANT_LOOKBACK_MS = 7 * 86_400_000;

const describe = (err: unknown) => (isAppError(err) || err instanceof Error ? err.message : String(err));

async function collect(iterable: AsyncIterable<ProviderMessage>, into: Map<string, ProviderMessage>): Promise<void> {
  for await (const m of iterable) into.set(m.providerMessageId, m);
}

/**
 * Every number whose Quo conversation may hold something we missed: numbers we texted (or tried to) in the range or
 * the lookback before it, numbers we heard from, and every message whose fate is unknown.
 */
export function conversationParticipants(db: SqliteDb, provider: string, range: ListingRange): string[] {
  const from = new Date(range.since.getTime() - PARTICIPANT_LOOKBACK_MS).toISOString();
  const until = range.until.toISOString();
  return participantPhones(db, provider, { from, until }, { from: range.since.toISOString(), until });
}

/**
 * Lists what the provider holds for the range. Quo: the versioned workspace listing (one pass over everything) when
 * the key can use it, else v1 one conversation at a time for every participant we know of. Twilio: the account's
 * message list. Sandbox: its own table. A failure is recorded, never thrown, so what was listed still counts.
 */
export async function listProvider(provider: Provider, db: SqliteDb, range: ListingRange): Promise<ProviderListing> {
  const found = new Map<string, ProviderMessage>();
  const query = { since: range.since, until: range.until };
  if (provider.id !== 'quo') {
    const kind: ListingKind = provider.id === 'sandbox' ? 'sandbox' : 'account';
    try {
      await collect(provider.list(query), found);
      return { kind, messages: [...found.values()], covers: 'all', errors: [], failed: false };
    } catch (err) {
      return {
        kind,
        messages: [...found.values()],
        covers: new Set(),
        errors: [`Listing ${provider.id} messages failed: ${describe(err)}`],
        failed: found.size === 0,
      };
    }
  }

  let workspaceError: string;
  try {
    await collect(provider.list(query), found);
    return { kind: 'workspace', messages: [...found.values()], covers: 'all', errors: [], failed: false };
  } catch (err) {
    workspaceError = describe(err);
  }
  // The workspace listing is refused (older key or plan) or broke off: list conversation by conversation instead.
  const covers = new Set<string>();
  const errors: string[] = [];
  for (const participant of conversationParticipants(db, provider.id, range)) {
    try {
      await collect(provider.list({ ...query, participant }), found);
      covers.add(participant);
    } catch (err) {
      errors.push(`Listing the Quo conversation with ${participant} failed: ${describe(err)}`);
    }
  }
  // Only worth mentioning when the fallback did not fully make up for it.
  if (errors.length)
    errors.unshift(
      `Quo's workspace listing was not available (${workspaceError}); conversations were listed one by one.`,
    );
  return {
    kind: 'conversations',
    messages: [...found.values()],
    covers,
    errors,
    failed: errors.length > 0 && covers.size === 0 && found.size === 0,
  };
}
