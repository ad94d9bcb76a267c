import { assignVariant, inTestGroup, variantLetter } from '../../shared/abtests';
import type { CampaignRecord } from './model';

export interface MessagePick {
  bodyIndex: number;
  variant: string | null;
  state: 'queued' | 'held';
  /** The earliest send time for this recipient (recipient-local schedules), or null for "as soon as allowed". */
  notBefore: (phone: string) => string | null;
}

export interface MessagePlan {
  bodies: string[];
  pick(contactId: number): MessagePick;
}

/** The seed that makes assignment deterministic per campaign: re-running a snapshot assigns everyone the same way. */
export const campaignSeed = (c: Pick<CampaignRecord, 'id' | 'createdAt'>) => `campaign-${c.id}-${c.createdAt}`;

/**
 * Which body each recipient gets. A plain campaign has one body. An A/B campaign assigns each contact a variant by
 * hashing (campaign, contact); with "test then winner", contacts outside the test sample are held until a winner
 * is chosen, and then get exactly that one message.
 */
export function assignMessages(
  c: CampaignRecord,
  bodies: string[],
  notBefore: (phone: string) => string | null = () => null,
): MessagePlan {
  if (!c.ab) {
    const single: MessagePick = { bodyIndex: 0, variant: null, state: 'queued', notBefore };
    return { bodies, pick: () => single };
  }
  const ab = c.ab;
  const seed = campaignSeed(c);
  const names = ab.variants.map((v, i) => v.name || variantLetter(i));
  return {
    bodies: ab.variants.map((v) => v.body),
    pick(contactId) {
      if (ab.testPercent !== undefined && !inTestGroup(seed, contactId, ab.testPercent)) {
        return { bodyIndex: 0, variant: null, state: 'held', notBefore };
      }
      const index = assignVariant(seed, contactId, ab.split);
      return { bodyIndex: index, variant: names[index], state: 'queued', notBefore };
    },
  };
}
