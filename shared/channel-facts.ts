import type { Channel } from './types/domain';

// Facts about the channels without zod: the analytics reader thread reads them and starts without validation code
// (tests/unit/foundation/workers.test.ts). shared/campaign-channels.ts re-exports them beside the schemas.

/** The channels a campaign can use, in the words the owner sees. */
export const CHANNELS = ['sms', 'email', 'voice'] as const satisfies readonly Channel[];
export const CHANNEL_LABEL: Record<Channel, string> = { sms: 'Text (SMS)', email: 'E-mail', voice: 'Voice call' };

/**
 * The outcomes each channel truly measures (docs/design/multi-channel.md): replies only come back to texts, opt-outs are
 * STOP for a text, an unsubscribe (link, one-click header, complaint) for an e-mail and the do-not-call key for a
 * call; clicks come from tracked links. Opens are never counted (mail clients load or block images at will).
 */
export const MEASURED_ON: Record<Channel, ReadonlyArray<'replied' | 'clicked' | 'optedOut'>> = {
  sms: ['replied', 'clicked', 'optedOut'],
  email: ['clicked', 'optedOut'],
  voice: ['optedOut'],
};
