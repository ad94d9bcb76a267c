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

/** What channelReach reads of a contact. */
export type ReachColumns = Pick<
  ContactChannelSide,
  | 'sms_reachable'
  | 'email_reachable'
  | 'voice_reachable'
  | 'opted_out'
  | 'email'
  | 'email_opted_out'
  | 'email_suppressed'
  | 'dnc'
>;

/**
 * Each channel's status in the owner's words. Whether a channel reaches the contact is reachableOn's answer (the one
 * definition); this only names the reason when it does not, the strongest first (an opt-out before a missing consent).
 */
export function channelReach(s: ReachColumns): ChannelReach {
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

/**
 * The facts channelReach reads beyond a list row's own columns (opted_out, email), packed into one number by the
 * list's page query (queries-rows.ts): a page of 200 reads one column instead of six, which cost more than the rest
 * of the reach (each column read is about 0.2 µs per row; the contacts-bulk benchmark's sorted pages).
 */
export const REACH_BITS = {
  sms: 1,
  email: 2,
  voice: 4,
  bounced: 8,
  complaint: 16,
  unsubscribed: 32,
  dnc: 64,
} as const;

/** A list row's packed reach facts (REACH_BITS) as the columns channelReach reads. */
export function unpackReach(bits: number, row: { opted_out: number; email: string | null }): ReachColumns {
  const has = (bit: number) => ((bits & bit) === 0 ? 0 : 1);
  return {
    sms_reachable: has(REACH_BITS.sms),
    email_reachable: has(REACH_BITS.email),
    voice_reachable: has(REACH_BITS.voice),
    opted_out: row.opted_out,
    email: row.email,
    email_opted_out: has(REACH_BITS.unsubscribed),
    email_suppressed: has(REACH_BITS.bounced) ? 'hard_bounce' : has(REACH_BITS.complaint) ? 'complaint' : null,
    dnc: has(REACH_BITS.dnc),
  };
}
