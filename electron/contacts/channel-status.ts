import type { ChannelReach } from '../../shared/types/domain';

/** The columns of a contact that say whether (and why not) each channel reaches it; `*_reachable` from reachableOn. */
export interface ContactChannelSide {
  id: number;
  email: string | null;
  textable: number;
  opted_out: number;
  email_consent: number | null;
  email_opted_out: number;
  email_suppressed: 'hard_bounce' | 'complaint' | null;
  voice_consent_at: string | null;
  voice_consent_source: string | null;
  dnc: number;
  sms_reachable: number;
  email_reachable: number;
  voice_reachable: number;
}

/**
 * Each channel's status in the owner's words. Whether a channel reaches the contact is reachableOn's answer (the one
 * definition); this only names the reason when it does not, the strongest first (an opt-out before a missing consent).
 */
export function channelReach(s: ContactChannelSide): ChannelReach {
  return {
    sms: s.sms_reachable ? 'reachable' : s.opted_out ? 'opted_out' : 'not_textable',
    email: s.email_reachable
      ? 'reachable'
      : s.email_suppressed === 'hard_bounce'
        ? 'bounced'
        : s.email_suppressed === 'complaint'
          ? 'complaint'
          : s.email_opted_out
            ? 'unsubscribed'
            : !s.email
              ? 'no_address'
              : 'no_consent',
    voice: s.voice_reachable ? 'reachable' : s.dnc ? 'dnc' : 'no_consent',
  };
}
