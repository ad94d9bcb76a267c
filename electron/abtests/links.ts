import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { findLinks, replaceLinks } from '../../shared/abtests/links';
import type { DeskCore } from '../core';
import type { SqliteDb } from '../db/connection';
import type { CampaignRecord } from '../campaigns';
import { fixLinkTracking } from './queries';
import { trackedLinkStatements } from './queries-hot';
import { rewriteEmailLinks, type EmailParts } from './email-links';

/** Short-link codes: 8 base62 characters, ~47.6 bits from the OS's cryptographic generator, so nobody can guess
 * another recipient's link (and inflate or read its clicks). */
export const LINK_CODE_LENGTH = 8;
export const LINK_CODE_PATTERN = /^[0-9A-Za-z]{8}$/;
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export type RandomBytes = (size: number) => Uint8Array;

/** A fresh code. Bytes of 248 and above are skipped, so every character is equally likely (248 = 4 × 62). */
export function newLinkCode(randomBytes: RandomBytes = cryptoRandomBytes): string {
  let code = '';
  while (code.length < LINK_CODE_LENGTH) {
    for (const byte of randomBytes(LINK_CODE_LENGTH * 2)) {
      if (byte >= 248) continue;
      code += ALPHABET[byte % 62];
      if (code.length === LINK_CODE_LENGTH) break;
    }
  }
  return code;
}

/** "https://abc.trycloudflare.com/" → "https://abc.trycloudflare.com": short links are `${base}/l/<code>`. */
export function shortLinkBase(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

export interface ShortenedText {
  text: string;
  links: Array<{ code: string; url: string }>;
}

/** Turns rendered messages into ones with tracked links; a no-op for campaigns that do not track links. */
export interface LinkTracker {
  readonly enabled: boolean;
  shorten(text: string): ShortenedText;
  /** An e-mail's links (HTML and plain text) as tracked links; those `keep` names (the unsubscribe link) stay. */
  shortenEmail(parts: EmailParts, keep: (url: string) => boolean): EmailParts & Pick<ShortenedText, 'links'>;
  /** Stores the links of one outbox message (call in the same transaction as the message's insert). */
  record(outboxId: number, contactId: number | null, variant: string | null, links: ShortenedText['links']): void;
}

const OFF: LinkTracker = {
  enabled: false,
  shorten: (text) => ({ text, links: [] }),
  shortenEmail: (parts) => ({ ...parts, links: [] }),
  record: () => undefined,
};

export interface LinkTrackerDeps {
  db: SqliteDb;
  campaignId: number;
  publicUrl: string;
  now: () => Date;
  randomBytes?: RandomBytes;
}

export function createLinkTracker(deps: LinkTrackerDeps): LinkTracker {
  const base = shortLinkBase(deps.publicUrl);
  const own = `${base}/l/`;
  const stored = trackedLinkStatements(deps.db);
  const issued = new Set<string>();
  const freshCode = () => {
    for (;;) {
      const code = newLinkCode(deps.randomBytes);
      // Codes are checked against every stored one and those handed out but not yet stored, so each is unique.
      if (!issued.has(code) && !stored.codeExists(code)) {
        issued.add(code);
        return code;
      }
    }
  };
  return {
    enabled: true,
    shorten(text) {
      const links: ShortenedText['links'] = [];
      const out = replaceLinks(text, ({ url }) => {
        if (url.startsWith(own)) return url; // already one of ours (a variant quoting a tracked link)
        const code = freshCode();
        links.push({ code, url });
        return `${own}${code}`;
      });
      return { text: out, links };
    },
    shortenEmail(parts, keep) {
      const links: ShortenedText['links'] = [];
      const out = rewriteEmailLinks(
        parts,
        (url) => {
          const code = freshCode();
          links.push({ code, url });
          return `${own}${code}`;
        },
        (url) => url.startsWith(own) || keep(url),
      );
      return { ...out, links };
    },
    record(outboxId, contactId, variant, links) {
      const at = deps.now().toISOString();
      for (const l of links) {
        stored.insert({
          code: l.code,
          outboxId,
          campaignId: deps.campaignId,
          variant,
          contactId,
          url: l.url,
          createdAt: at,
        });
        issued.delete(l.code);
      }
    },
  };
}

/**
 * Decides at launch whether a campaign tracks its links, fixes that choice on the campaign (so a setting changed
 * while a snapshot resumes cannot split it), and refuses what cannot work, in the owner's words.
 */
export function prepareLinkTracking(
  core: Pick<DeskCore, 'db' | 'settings' | 'now'>,
  c: CampaignRecord,
  bodies: readonly string[],
  randomBytes?: RandomBytes,
): LinkTracker {
  const track = c.trackLinks ?? core.settings.get('links.trackByDefault');
  if (c.trackLinks === null) fixLinkTracking(core.db, c.id, track);
  const hasLink = bodies.some((b) => findLinks(b).length > 0);
  if (c.ab?.metric === 'clicked') {
    if (!track)
      throw new AppError(
        'invalid_input',
        `This A/B test compares link clicks, but link tracking is off for "${c.name}". Turn on "Track links", or compare replies instead.`,
      );
    if (!hasLink)
      throw new AppError(
        'invalid_input',
        'This A/B test compares link clicks, but no variant contains a link (https://…). Add one, or compare replies instead.',
      );
  }
  if (!track) return OFF;
  const publicUrl = core.settings.get('webhooks.publicUrl');
  if (!publicUrl) {
    if (!hasLink) return OFF;
    throw new AppError(
      'invalid_input',
      'Link tracking needs the public address of your webhook relay, because the short links point there. Set webhooks.publicUrl in Settings (for example https://abc.trycloudflare.com), or turn link tracking off for this campaign.',
    );
  }
  return createLinkTracker({ db: core.db, campaignId: c.id, publicUrl, now: core.now, randomBytes });
}
