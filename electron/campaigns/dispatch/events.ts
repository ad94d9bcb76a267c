import type { OutboxProviderId } from '../../providers';
import type { TypedBus } from '../../events/typed-bus';
import type { BreakerState } from './breaker';

/** What the send queue tells the rest of the core; it says what happened, its listeners say what follows. */
export interface DispatchEvents {
  /** A campaign has nothing left to send; `counts` are its messages by state. */
  'campaign:finished': { campaignId: number; name: string; counts: Record<string, number> };
  /** A send could not even be attempted (no API key, a bad setting): its campaign was paused. */
  'campaign:pausedBySendError': { campaignId: number; message: string };
  /** A provider's circuit breaker changed state (open: it looks down, sending to it waits). */
  'provider:breaker': { provider: OutboxProviderId; state: BreakerState };
}

export type DispatchEventBus = TypedBus<DispatchEvents>;
