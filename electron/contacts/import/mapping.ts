import { isDateColumn } from '../../../shared/date-values';
import { AppError } from '../../../shared/errors';
import { ownRecord } from '../../../shared/own-keys';
import { aliasFor, customKeyFor, headerWords, MAILCHIMP_OPTIN_WORDS } from './aliases';
import type { ColumnMapping, CustomFieldColumn, FieldTarget } from './types';

export interface MappingPlan {
  columns: ColumnMapping[];
  /** custom fields in the order their values travel between threads */
  customFields: CustomFieldColumn[];
}

const FIELD_TARGETS = new Set<string>([
  'first_name',
  'last_name',
  'full_name',
  'phone',
  'mobile_phone',
  'phone_label',
  'email',
  'tags',
  'sms_consent',
  'email_consent',
  'email_unsubscribed',
  'email_cleaned',
  'country',
  'drop',
]);

export function isFieldTarget(value: string): value is FieldTarget {
  return FIELD_TARGETS.has(value) || /^custom:[a-z0-9_]{1,60}$/.test(value);
}

/**
 * The user's choices by header: exactly as written first, then ignoring case and surrounding spaces. Maps, not
 * objects: a header is any text, `constructor` and `__proto__` included.
 */
function userTargets(overrides: Record<string, FieldTarget> | undefined): (header: string) => FieldTarget | undefined {
  const exact = new Map<string, FieldTarget>();
  const loose = new Map<string, FieldTarget>();
  for (const [k, v] of Object.entries(overrides ?? {})) {
    exact.set(k, v);
    const key = k.trim().toLowerCase();
    if (!loose.has(key)) loose.set(key, v);
  }
  return (header) => exact.get(header) ?? loose.get(header.trim().toLowerCase());
}

/**
 * Decides where each column goes: the user's choice first, then the known aliases, and otherwise a custom
 * field named after the header. Throws when no column holds phone numbers, since nothing could be imported.
 */
export function buildMapping(
  headers: readonly string[],
  overrides?: Record<string, FieldTarget>,
  requirePhone = true,
): MappingPlan {
  for (const [header, target] of Object.entries(overrides ?? {})) {
    if (!isFieldTarget(target)) {
      throw new AppError(
        'invalid_input',
        `The column "${header}" cannot be mapped to "${String(target)}". Choose a contact field, a custom field or "drop".`,
      );
    }
  }
  const userTargetFor = userTargets(overrides);
  const columns: ColumnMapping[] = headers.map((header, index) => {
    const user = userTargetFor(header);
    if (user) return { index, header, target: user, source: 'user' };
    const alias = aliasFor(header);
    if (alias) {
      const col: ColumnMapping = { index, header, target: alias.target, source: 'alias' };
      if (alias.labelWords) {
        const labelIndex = headers.findIndex((h) => alias.labelWords!.includes(headerWords(h)));
        if (labelIndex !== -1) col.labelIndex = labelIndex;
      }
      return col;
    }
    return { index, header, target: `custom:${customKeyFor(header, index)}`, source: 'unmapped' };
  });

  // A Mailchimp export says what it is by its columns: UNSUB_TIME (unsubscribed members) or CLEAN_TIME (cleaned)
  // beside OPTIN_TIME and CONFIRM_TIME, which there are only history: kept as custom fields, never read as consent.
  if (
    columns.some((c) => c.source === 'alias' && (c.target === 'email_unsubscribed' || c.target === 'email_cleaned'))
  ) {
    for (const c of columns) {
      if (c.source === 'alias' && c.target === 'email_consent' && MAILCHIMP_OPTIN_WORDS.has(headerWords(c.header))) {
        c.target = `custom:${customKeyFor(c.header, c.index)}`;
        c.source = 'unmapped';
      }
    }
  }

  // Give each custom column a key of its own, unless the user deliberately sent two columns to one field.
  const customFields: CustomFieldColumn[] = [];
  const used = new Map<string, string>();
  for (const col of columns) {
    if (!col.target.startsWith('custom:')) continue;
    let key = col.target.slice('custom:'.length);
    if (col.source !== 'user') {
      let n = 2;
      const base = key;
      while (used.has(key)) key = `${base}_${n++}`;
      col.target = `custom:${key}`;
    }
    col.customKey = key;
    col.customLabel = col.header.trim() || `Column ${col.index + 1}`;
    if (!used.has(key)) {
      used.set(key, col.customLabel);
      customFields.push({
        header: col.header,
        key,
        label: col.customLabel,
        ...(isDateColumn(col.header) ? { type: 'date' as const } : {}),
      });
    }
  }

  if (requirePhone && !hasPhoneColumn({ columns, customFields })) {
    throw new AppError(
      'invalid_input',
      `No column with phone numbers was found among: ${headers.map((h) => `"${h}"`).join(', ')}. ` +
        'Choose which column holds the phone numbers.',
    );
  }
  return { columns, customFields };
}

/** The mapping as stored with the import and shown to the user: header → target. */
export function mappingSummary(plan: MappingPlan): Record<string, FieldTarget> {
  const out = new Map<string, FieldTarget>();
  for (const c of plan.columns) if (!out.has(c.header)) out.set(c.header, c.target);
  return ownRecord(out);
}

export function hasPhoneColumn(plan: MappingPlan): boolean {
  return plan.columns.some((c) => c.target === 'phone' || c.target === 'mobile_phone');
}
