import { isAppError } from '../../../shared/errors';
import type { DeskCore } from '../../core';
import type { OutboxProviderId, Provider, SendOutcome } from '../../providers';
import { unclaim, type OutboxItem } from './claim';
import { breakerOf } from './claiming';
import { pauseForSendError } from '../queries';
import type { Batch, DispatchState } from './state';

/** The provider built on first use; a failure to build it (no API key) is thrown to each send, which pauses its campaign. */
function providerOnce(core: DeskCore, p: OutboxProviderId): () => Provider {
  let built: { client: Provider } | { error: unknown } | undefined;
  return () => {
    if (!built) {
      try {
        built = { client: core.provider(p) };
      } catch (error) {
        built = { error };
      }
    }
    if ('error' in built) throw built.error;
    return built.client;
  };
}

/** A send that could not be attempted goes back to the queue; a configuration problem pauses its campaign. */
function notAttempted(s: DispatchState, item: OutboxItem, err: unknown): void {
  // Configuration problems (no API key) pause the campaign instead of failing every message.
  const message = isAppError(err) ? err.message : `Could not send: ${err instanceof Error ? err.message : String(err)}`;
  unclaim(s.core.db, item.id, item.state, s.core.now().toISOString());
  if (item.campaignId && pauseForSendError(s.core.db, item.campaignId, message, s.core.now().toISOString())) {
    s.events.emit('campaign:pausedBySendError', { campaignId: item.campaignId, message });
  }
  s.options.log?.(`send of outbox ${item.id} not attempted`, err);
}

/**
 * The HTTP part of a send. It counts towards `concurrency` only while the request is out, so the flush that
 * records its outcome may already claim a message for the freed slot. `undefined`: not attempted, put back.
 */
async function request(
  s: DispatchState,
  item: OutboxItem,
  provider: () => Provider,
): Promise<SendOutcome | null | undefined> {
  const p = item.provider;
  s.inFlight.set(p, (s.inFlight.get(p) ?? 0) + 1);
  try {
    const client = provider();
    return await breakerOf(s, p).run(() =>
      client.send({
        to: item.toPhone,
        from: item.fromNumber ?? '',
        body: item.body,
        outboxId: item.id,
        contactId: item.contactId,
        channel: item.channel,
        toEmail: item.toEmail,
        subject: item.subject,
        html: item.htmlBody,
        voiceJson: item.voiceJson,
      }),
    );
  } catch (err) {
    notAttempted(s, item, err);
    return undefined;
  } finally {
    s.inFlight.set(p, (s.inFlight.get(p) ?? 1) - 1);
  }
}

/**
 * `provider` is built once per claimed batch (from the settings of that moment, so a changed key applies to the
 * next batch); building it reads settings and the secret store, which cost more than the send itself.
 */
async function sendOne(s: DispatchState, item: OutboxItem, provider: () => Provider): Promise<void> {
  try {
    const outcome = await request(s, item, provider);
    if (outcome !== undefined) await s.writer.write(item, outcome);
  } finally {
    s.wake?.();
  }
}

/** Starts the sends of committed claims. Returns how many started. */
export function startSends(s: DispatchState, batches: Batch[]): number {
  let started = 0;
  for (const { provider, items } of batches) {
    const client = providerOnce(s.core, provider);
    for (const item of items) {
      const job = sendOne(s, item, client).catch((err) => s.options.log?.('send crashed', err));
      s.pending.add(job);
      void job.finally(() => s.pending.delete(job));
      started++;
    }
  }
  return started;
}
