import { AppError } from '../../shared/errors';
import { normaliseReply } from '../../shared/compliance/keywords';
import { insertConversion, isOptOutText } from '../analytics';
import type { ConversionResult } from '../../shared/ipc/channels/abtests';
import type { SqliteDb } from '../db/connection';
import { campaignMessage, firstConversionId, unconvertedReplies } from './queries';

/** "YES, Book ,order" → ["yes", "book", "order"], compared the way keyword replies are (case, punctuation). */
export function parseConversionKeywords(setting: string): string[] {
  return [
    ...new Set(
      setting
        .split(',')
        .map(normaliseReply)
        .filter((k) => k !== ''),
    ),
  ];
}

/** The keyword a reply contains as a whole word or phrase ("Yes please!" → "yes"), or null. */
export function conversionKeywordIn(reply: string, keywords: readonly string[]): string | null {
  const words = normaliseReply(reply).split(/[\s-]+/);
  for (const keyword of keywords) {
    const target = keyword.split(/[\s-]+/);
    for (let i = 0; i + target.length <= words.length; i++) {
      if (target.every((w, k) => words[i + k] === w)) return keyword;
    }
  }
  return null;
}

const HOUR_MS = 3_600_000;

/**
 * Records a conversion for every reply to this campaign, within the attribution window, that contains a conversion
 * keyword. One per recipient: the first such reply wins, and a recipient marked by hand keeps that mark.
 */
export function recordKeywordConversions(
  db: SqliteDb,
  campaignId: number,
  keywords: readonly string[],
  attributionHours: number,
  currency = 'USD',
): number {
  if (keywords.length === 0) return 0;
  const candidates = unconvertedReplies(db, campaignId);
  let recorded = 0;
  for (const r of candidates) {
    const received = Date.parse(r.receivedAt);
    const sent = Date.parse(r.sentAt);
    if (received < sent || received > sent + attributionHours * HOUR_MS) continue;
    if (isOptOutText(r.body)) continue;
    const keyword = conversionKeywordIn(r.body, keywords);
    if (!keyword) continue;
    // The same source id as the analytics ingester's for this reply: whichever records it first, it counts once.
    const { created } = insertConversion(db, {
      contactId: r.contactId,
      source: 'keyword',
      sourceId: `inbound:${r.inboundId}`,
      amountMinor: 0,
      currency,
      at: r.receivedAt,
      actor: 'reply',
      attribution: { outboxId: r.outboxId, campaignId, rule: 'direct' },
      windows: null,
      createdAt: r.receivedAt,
      inboundMessageId: r.inboundId,
      keyword,
    });
    if (created) recorded++;
  }
  return recorded;
}

export type ConversionTarget = { outboxId: number } | { contactId: number; campaignId: number };

/** The owner marks a recipient as converted (a booking by phone, a sale in the shop). */
export function markConversion(
  db: SqliteDb,
  target: ConversionTarget,
  now: Date,
  actor = 'user',
  currency = 'USD',
): ConversionResult {
  const message = campaignMessage(db, target);
  if (!message) {
    throw new AppError(
      'not_found',
      'outboxId' in target
        ? `Message ${target.outboxId} is not a campaign message.`
        : `Contact ${target.contactId} was not sent campaign ${target.campaignId}.`,
    );
  }
  if (message.contactId === null)
    throw new AppError(
      'conflict',
      'The contact this message went to has been deleted, so the conversion cannot be recorded.',
    );
  // One mark per recipient and campaign: a recipient already converted (by hand or by keyword) keeps that conversion.
  const existing = firstConversionId(db, message.campaignId, message.contactId);
  if (existing !== undefined)
    return {
      id: existing,
      campaignId: message.campaignId,
      contactId: message.contactId,
      outboxId: message.id,
      created: false,
    };
  const at = now.toISOString();
  const { id, created } = insertConversion(db, {
    contactId: message.contactId,
    source: 'manual',
    sourceId: `ab:${message.campaignId}:${message.contactId}`,
    amountMinor: 0,
    currency,
    at,
    actor,
    attribution: { outboxId: message.id, campaignId: message.campaignId, rule: 'direct' },
    windows: null,
    createdAt: at,
  });
  return { id, campaignId: message.campaignId, contactId: message.contactId, outboxId: message.id, created };
}
