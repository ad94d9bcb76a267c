import { toMicros } from '../../shared/analytics';
import type { SettingsStore } from '../settings/store';
import { PRICE_SETTING } from '../templates';
import type { OutboxProviderId } from '../providers';

/** What one segment costs with a provider now, as stored with each message at hand-over. */
export interface SegmentPrice {
  /** Micro-units (millionths) of the business currency: $0.0079 → 7900, exact. */
  perSegmentMicros: number;
}

/**
 * The price read at the moment of sending: spend = segments actually sent × this price, written with the message,
 * so a later change of `pricing.*PerSegment` never rewrites what earlier campaigns cost. Prices are taken to be in
 * the business currency.
 */
export function segmentPrice(settings: Pick<SettingsStore, 'get'>, provider: OutboxProviderId): SegmentPrice {
  // Channel costs (an e-mail, a call) come with the multi-channel campaigns; until then they are not priced.
  if (!(provider in PRICE_SETTING)) return { perSegmentMicros: 0 };
  return { perSegmentMicros: toMicros(settings.get(PRICE_SETTING[provider as keyof typeof PRICE_SETTING])) };
}

/**
 * The send path asks for the price of every message; reading a setting each time would cost more than the
 * send's own write. Prices are re-read at most once a second, so a change applies from the next second on.
 */
export function pricesForSend(core: {
  settings: Pick<SettingsStore, 'get'>;
  now: () => Date;
}): (provider: OutboxProviderId) => SegmentPrice {
  const cache = new Map<string, { price: SegmentPrice; at: number }>();
  return (provider) => {
    const t = core.now().getTime();
    const hit = cache.get(provider);
    if (hit && t - hit.at < 1000 && t >= hit.at) return hit.price;
    const price = segmentPrice(core.settings, provider);
    cache.set(provider, { price, at: t });
    return price;
  };
}
