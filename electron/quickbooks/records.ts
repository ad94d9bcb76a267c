import { toMinor } from '../../shared/analytics';
import type { PhoneNormaliser } from '../contacts';

/** The QuickBooks entities the sync reads (integrations.md); sales are receipts and (paid) invoices. */
export const ENTITIES = ['Customer', 'SalesReceipt', 'Invoice', 'Payment'] as const;
export type Entity = (typeof ENTITIES)[number];
export type TransactionEntity = Exclude<Entity, 'Customer'>;

export interface CustomerRecord {
  id: string;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  /** E.164, read with the contacts' phone code (mobile first, then the primary phone). */
  phone: string | null;
  /** Lower-case, as contacts are matched. */
  email: string | null;
}

export interface TransactionRecord {
  entity: TransactionEntity;
  id: string;
  customerId: string | null;
  /** When the sale happened (ISO, UTC): its creation time in QuickBooks, else its date at noon UTC. */
  at: string;
  totalMinor: number;
  /** Receipts are paid in full; an invoice counts what has been paid (total − balance). */
  paidMinor: number;
}

/** A changed entity, or one QuickBooks reports deleted (CDC `status: "Deleted"`). */
export type Change<T> = { kind: 'upsert'; record: T } | { kind: 'deleted'; id: string };

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});
const str = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null;
const num = (v: unknown): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && Number.isFinite(Number(v)) ? Number(v) : 0;

export function entityId(raw: unknown): string | null {
  return str(obj(raw).Id);
}

export function isDeleted(raw: unknown): boolean {
  return obj(raw).status === 'Deleted';
}

function phoneOf(raw: Obj, phones: PhoneNormaliser): string | null {
  for (const field of ['Mobile', 'PrimaryPhone', 'AlternatePhone']) {
    const text = str(obj(raw[field]).FreeFormNumber);
    if (!text) continue;
    const n = phones.normalise(text);
    if (n.ok) return n.e164;
  }
  return null;
}

export function customerRecord(raw: unknown, phones: PhoneNormaliser): CustomerRecord | null {
  const o = obj(raw);
  const id = str(o.Id);
  if (!id) return null;
  const email = str(obj(o.PrimaryEmailAddr).Address)?.toLowerCase() ?? null;
  return {
    id,
    displayName: str(o.DisplayName) ?? str(o.FullyQualifiedName) ?? `Customer ${id}`,
    givenName: str(o.GivenName),
    familyName: str(o.FamilyName),
    phone: phoneOf(o, phones),
    email: email && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) ? email : null,
  };
}

function saleTime(o: Obj): string {
  const created = str(obj(o.MetaData).CreateTime);
  if (created && !Number.isNaN(Date.parse(created))) return new Date(created).toISOString();
  const date = str(o.TxnDate);
  if (date && /^\d{4}-\d{2}-\d{2}$/.test(date)) return `${date}T12:00:00.000Z`;
  return new Date(Date.parse(str(obj(o.MetaData).LastUpdatedTime) ?? '') || 0).toISOString();
}

export function transactionRecord(entity: TransactionEntity, raw: unknown, currency: string): TransactionRecord | null {
  const o = obj(raw);
  const id = str(o.Id);
  if (!id) return null;
  const totalMinor = toMinor(num(o.TotalAmt), currency);
  const paidMinor = entity === 'Invoice' ? Math.max(0, totalMinor - toMinor(num(o.Balance), currency)) : totalMinor;
  return { entity, id, customerId: str(obj(o.CustomerRef).value), at: saleTime(o), totalMinor, paidMinor };
}
