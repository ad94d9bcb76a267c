import type { VerifyReport } from '../../shared/ipc/channels/contacts';
import type { Db } from '../db/db';
import { NUMVERIFY_REASON_SUFFIX } from './edit';
import type { CachedCheck, NumberChecker } from './numverify-cache';
import { phonesOf, writeNumberCheck } from './queries';

/** Line types that cannot receive texts: kept as contacts, marked not textable. */
const NOT_TEXTABLE = new Set(['landline', 'special_services', 'toll_free', 'premium_rate', 'paging', 'satellite']);

/** The reason shown beside a contact NumVerify says cannot take texts, e.g. "landline (NumVerify)". */
export function notTextableReason(check: CachedCheck): string | null {
  if (!check.valid) return `not a valid number ${NUMVERIFY_REASON_SUFFIX}`;
  if (check.lineType && NOT_TEXTABLE.has(check.lineType))
    return `${check.lineType.replace(/_/g, ' ')} ${NUMVERIFY_REASON_SUFFIX}`;
  return null;
}

/**
 * Writes what NumVerify said to the contacts with this number: line type and carrier, and whether it can be
 * texted. Only a reason NumVerify gave is ever lifted (a number ported to a mobile); a contact not textable for
 * another reason (no consent, marked by hand) stays so. Returns whether the contact was marked not textable.
 */
export function applyCheck(db: Db, phone: string, check: CachedCheck, nowIso: string): boolean {
  const reason = notTextableReason(check);
  const changed = writeNumberCheck(
    db,
    phone,
    {
      reason,
      lineType: check.valid ? check.lineType : null,
      carrier: check.valid ? check.carrier : null,
      suffix: NUMVERIFY_REASON_SUFFIX,
    },
    nowIso,
  );
  return reason !== null && changed > 0;
}

const E164 = /^\+[1-9]\d{6,14}$/;

/** Whether NumVerify can check a stored number (it needs international form). */
export const isCheckable = (phone: string): boolean => E164.test(phone);

/**
 * Checks the numbers of the given contacts, two at a time through the shared checker, and writes the answers to
 * the contacts. Stops early (and says why) when NumVerify refuses every call: bad key or allowance used up.
 */
export async function verifyContacts(
  db: Db,
  checker: NumberChecker,
  contactIds: number[],
  options: { now: () => Date; workers?: number; onProgress?: (checked: number, total: number) => void },
): Promise<VerifyReport> {
  const phones = [...new Set(phonesOf(db, contactIds))];
  const report: VerifyReport = {
    selected: contactIds.length,
    checked: 0,
    fromCache: 0,
    lookups: 0,
    mobile: 0,
    landline: 0,
    voip: 0,
    invalid: 0,
    markedNotTextable: 0,
    failed: [],
    stopped: null,
  };
  let nextIndex = 0;
  let answered = 0;
  const worker = async () => {
    while (!report.stopped && nextIndex < phones.length) {
      const phone = phones[nextIndex++];
      if (!isCheckable(phone)) {
        report.failed.push({
          phone,
          message: 'Not a phone number NumVerify can check (it is not in international format).',
        });
      } else {
        const outcome = await checker.check(phone);
        if (!outcome.ok || !outcome.fromCache) report.lookups++;
        if (outcome.ok) {
          report.checked++;
          if (outcome.fromCache) report.fromCache++;
          const { valid, lineType } = outcome.check;
          if (!valid) report.invalid++;
          else if (lineType === 'mobile') report.mobile++;
          else if (lineType === 'landline') report.landline++;
          else if (lineType === 'voip') report.voip++;
          if (applyCheck(db, phone, outcome.check, options.now().toISOString())) report.markedNotTextable++;
        } else if (outcome.fatal) {
          report.stopped ??= { code: String(outcome.error.code), message: outcome.error.message };
        } else {
          report.failed.push({ phone, message: outcome.error.message });
        }
      }
      options.onProgress?.(++answered, phones.length);
    }
  };
  await Promise.all(Array.from({ length: options.workers ?? 2 }, worker));
  return report;
}
