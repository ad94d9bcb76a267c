import { z } from 'zod';
import { channel } from '../define';
import { CONVERSION_SOURCES, type AttributionRule, type ConversionSource } from '../../analytics';
import { IMPORT_MAX_BYTES, type DetectedFileView, type ImportRejectView } from '../../contacts/imports';

/**
 * Conversions (manual marks, keyword replies, thank-you page visits, imported orders) and the orders CSV import.
 * The orders import mirrors the contacts import: upload → preview (detection, mapping, sample, dry-run counts,
 * rejects with row numbers) → run → history → undo → rejects CSV.
 */

/** Exactly the CLI's `conversions add --json`. */
export interface ConversionAdded {
  id: number;
  contactId: number;
  /** null when nothing was attributable (no campaign message delivered within the windows before it). */
  campaignId: number | null;
}

export interface ConversionRow {
  id: number;
  contactId: number | null;
  contactName: string;
  phone: string | null;
  campaignId: number | null;
  campaignName: string | null;
  outboxId: number | null;
  source: ConversionSource;
  sourceId: string;
  amountMinor: number;
  currency: string;
  orderId: string | null;
  note: string | null;
  at: string;
  attribution: AttributionRule | null;
  /** The windows the attribution used when the conversion was recorded. */
  windows: { clickDays: number; deliveryHours: number } | null;
  importId: string | null;
}

export interface ConversionsPage {
  total: number;
  rows: ConversionRow[];
  currency: string;
}

/** `time` and `time_zone`: Square writes an order's date, time and zone in three columns. */
export const ORDER_FIELDS = [
  'phone',
  'email',
  'date',
  'time',
  'time_zone',
  'amount',
  'order_id',
  'currency',
  'drop',
] as const;
export type OrderField = (typeof ORDER_FIELDS)[number];

export const orderImportOptionsInput = z
  .object({
    defaultCountry: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2}$/, 'expected a two-letter country code such as US')
      .optional(),
    /** Header text (case-insensitive) → field; overrides the automatic mapping. */
    mapping: z.record(z.string(), z.enum(ORDER_FIELDS)).optional(),
    encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']).optional(),
    delimiter: z.enum([',', ';', '\t']).optional(),
  })
  .strict();
export type OrderImportOptionsInput = z.input<typeof orderImportOptionsInput>;

export interface OrderColumnView {
  index: number;
  header: string;
  target: OrderField;
  source: 'alias' | 'user' | 'unmapped';
}

export interface OrderSampleRow {
  row: number;
  orderId: string;
  phone: string | null;
  email: string | null;
  at: string;
  amountMinor: number;
  contactId: number | null;
}

/** Exactly the CLI's `conversions import --json` (plus the file's detection and the currency). */
export interface OrderImportCounts {
  rows: number;
  /** Orders matched to a contact and recorded (or that would be, in a dry run). */
  matched: number;
  /** Rows whose phone and e-mail match no contact (listed among the rejects). */
  unmatched: number;
  /** Orders already recorded (same order id, by an earlier import or earlier in the file). */
  duplicates: number;
  /** Rows with a wrong amount, a date in the future, an unknown currency, no order id… */
  invalid: number;
  /** Further rows of a multi-item order (Shopify writes one row per line item, the total on the first only). */
  lineItems: number;
}

export interface OrderImportReport extends OrderImportCounts {
  importId: string;
  dryRun: boolean;
  fileName: string;
  currency: string;
  detected: DetectedFileView;
  /** Attributed to a campaign among the matched orders. */
  attributed: number;
  revenueMinor: number;
  /** The first 100 rejects; orders:rejectsCsv has all of them. */
  rejects: ImportRejectView[];
}

export interface OrderImportPreview {
  fileName: string;
  fileSize: number;
  headers: string[];
  detected: DetectedFileView;
  /** "shopify" | "square" | null: a layout recognised by its headers. */
  layout: string | null;
  mapping: OrderColumnView[];
  sampleRows: OrderSampleRow[];
  /** Why nothing can be imported with this mapping (no amount column, no phone or e-mail column…), or null. */
  problem: string | null;
  /** Dry-run counts and rejects over the whole file; null when there is a problem. */
  dryRun: OrderImportReport | null;
}

export interface OrderImportHistoryRow {
  id: string;
  fileName: string;
  status: 'completed' | 'undone';
  at: string;
  undoneAt: string | null;
  counts: OrderImportCounts;
  revenueMinor: number;
}

const id = z.number().int().positive();
const fileId = z.string().regex(/^upl_[A-Za-z0-9_-]{8,40}$/, 'expected a fileId from orders:importUpload');
const importId = z.string().min(1).max(64);
const iso = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO date-time such as 2026-11-01T14:00:00Z');

export const conversionChannels = {
  /**
   * A manual mark: by contact (inbox thread, contact panel) or by campaign message (campaign page). The amount is a
   * decimal in the business currency; `at` defaults to now. Attributed by the current windows unless `outboxId` names
   * the message.
   */
  'conversions:add': channel<ConversionAdded>()(
    z
      .object({
        contactId: id.optional(),
        phone: z.string().trim().min(3).max(40).optional(),
        outboxId: id.optional(),
        amount: z.number().min(0).max(1e9).default(0),
        at: iso.optional(),
        note: z.string().trim().max(500).optional(),
        orderId: z.string().trim().min(1).max(100).optional(),
      })
      .strict()
      .refine((v) => [v.contactId, v.phone, v.outboxId].filter((x) => x !== undefined).length === 1, {
        message: 'give one of contactId, phone or outboxId',
        path: ['contactId'],
      }),
  ),
  'conversions:list': channel<ConversionsPage>()(
    z
      .object({
        campaignId: id.optional(),
        contactId: id.optional(),
        source: z.enum(CONVERSION_SOURCES).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
  ),
  'conversions:delete': channel<{ deleted: boolean }>()(z.object({ id }).strict()),

  'orders:importUpload': channel<{ fileId: string; size: number; name: string }>()(
    z
      .object({
        name: z.string().trim().min(1).max(255),
        dataBase64: z.string().max(Math.ceil(IMPORT_MAX_BYTES / 3) * 4),
        fileId: fileId.optional(),
      })
      .strict(),
  ),
  'orders:importPreview': channel<OrderImportPreview>()(
    z.object({ fileId, options: orderImportOptionsInput.default({}) }).strict(),
  ),
  /** Imports (or, with dryRun, only checks) the whole file in one transaction: all of it or nothing. */
  'orders:importRun': channel<OrderImportReport>()(
    z.object({ fileId, options: orderImportOptionsInput.default({}), dryRun: z.boolean().default(false) }).strict(),
  ),
  'orders:importList': channel<OrderImportHistoryRow[]>()(
    z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict(),
  ),
  /** Removes the import's conversions (and their revenue) again. */
  'orders:importUndo': channel<{ importId: string; removed: number }>()(z.object({ importId }).strict()),
  'orders:rejectsCsv': channel<{ csv: string; fileName: string; rows: number }>()(z.object({ importId }).strict()),
};
