import { toMicros } from '../../shared/analytics';
import type { SettingsStore } from '../settings/store';
import { PRICE_SETTING } from '../templates';
import type { OutboxProviderId } from '../providers';

/** What one segment costs with a provider now, as stored with each message at hand-over. */
export interface SegmentPrice {
  /**
   * Micro-units (millionths) of the business currency: $0.0079 → 7900, exact. An e-mail or a call is one segment,
   * so for them this is the price per e-mail or per call.
   */
  perSegmentMicros: number;
}

/**
 * The setting that prices a message of each provider: texts per segment, e-mails per message, calls per call (the
 * call's length is known only when it ends, and spend is written when it is placed; a voice message takes one
 * billed minute). The simulated e-mail and voice providers are free.
 */
const CHANNEL_PRICE_SETTING = {
  ...PRICE_SETTING,
  smtp: 'pricing.emailPerMessage',
  postmark: 'pricing.emailPerMessage',
  twilio_voice: 'pricing.voicePerCall',
} as const satisfies Partial<Record<OutboxProviderId, string>>;

/** The price setting of a provider; null for the simulated e-mail and voice providers, which cost nothing. */
export function priceSettingOf(
  provider: OutboxProviderId,
): (typeof CHANNEL_PRICE_SETTING)[keyof typeof CHANNEL_PRICE_SETTING] | null {
  return provider in CHANNEL_PRICE_SETTING
    ? CHANNEL_PRICE_SETTING[provider as keyof typeof CHANNEL_PRICE_SETTING]
    : null;
}

/**
 * The price read at the moment of sending: spend = segments actually sent × this price, written with the message,
 * so a later change of `pricing.*PerSegment` never rewrites what earlier campaigns cost. Prices are taken to be in
 * the business currency.
 */
export function segmentPrice(settings: Pick<SettingsStore, 'get'>, provider: OutboxProviderId): SegmentPrice {
  const setting = priceSettingOf(provider);
  return { perSegmentMicros: setting === null ? 0 : toMicros(settings.get(setting)) };
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
