import type { DeskCore } from '../core';
import { emailContent, type CampaignRecord } from '../campaigns';
import type { LinkTracker } from './links';
import { heldEmailStatement } from './queries-hot';
import { emailReachable } from './queries-release';

/** A held e-mail of the rest, with its contact's values as they are when the winner goes. */
export interface HeldEmail {
  id: number;
  contactId: number;
  phone: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
}

export interface HeldEmailRelease {
  /** Of a chunk's contacts, those who may still be e-mailed. */
  reachable(contactIds: readonly number[]): Set<number>;
  /** Renders and queues the winner's e-mail for one held row; answers whether it was still held. */
  queue(row: HeldEmail, nowIso: string): boolean;
}

/**
 * The winner of an e-mail A/B test for its held-back rest: each e-mail is rendered as the snapshot renders the
 * test's (`emailContent`: Markdown, variables, the layout and footer) with the variant the rest gets, the
 * recipient's own signed unsubscribe link naming their held row, and their own tracked links; then it goes through
 * the outbox like any other e-mail.
 */
export function heldEmailRelease(
  core: Pick<DeskCore, 'db' | 'settings' | 'secrets'>,
  c: CampaignRecord,
  variant: number,
  links: LinkTracker,
): HeldEmailRelease {
  const render = emailContent(core, c, links, { variant });
  const queue = heldEmailStatement(core.db);
  return {
    reachable: (contactIds) => emailReachable(core.db, contactIds),
    queue(r, nowIso) {
      const m = render({ ...r, id: r.contactId }, r.id);
      const variantName = m.variant ?? '';
      const queued = queue(
        r.id,
        { toEmail: m.toEmail ?? '', subject: m.subject ?? '', body: m.body, html: m.html ?? '', variant: variantName },
        nowIso,
      );
      if (queued) links.record(r.id, r.contactId, variantName, m.links);
      return queued;
    },
  };
}
