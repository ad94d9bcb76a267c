import { z } from 'zod';
import { channel } from '../define';

/** The sending domain's SPF, DKIM and DMARC records (null when missing) and what is wrong, in plain sentences. */
export interface DomainCheckResult {
  spf: string | null;
  dkim: string | null;
  dmarc: string | null;
  problems: string[];
  /** The domain and DKIM selector checked (empty: none was given), and when. */
  domain: string;
  dkimSelector: string;
  checkedAt: string;
}

export const deliverabilityChannels = {
  'deliverability:checkDomain': channel<DomainCheckResult>()(
    z
      .object({
        domain: z
          .string()
          .trim()
          .min(1, 'enter the domain you send from, e.g. bloomflowers.com')
          .max(253, 'a domain is at most 253 characters'),
        /** The DKIM selector; the deliverability.dkimSelector setting when left out. */
        dkimSelector: z.string().trim().max(63, 'a DKIM selector is at most 63 characters').optional(),
      })
      .strict(),
  ),
  /** The last check of a domain (the From address's when left out); null when it was never checked. */
  'deliverability:lastCheck': channel<DomainCheckResult | null>()(
    z.object({ domain: z.string().trim().min(1).max(253).optional() }).strict(),
  ),
};
