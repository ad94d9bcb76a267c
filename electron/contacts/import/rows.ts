import { choosePhone, PhoneNormaliser, type PhoneCandidate } from '../phone';
import { labelSaysMobile } from '../phone-labels';
import { isBlankRecord, parseCsv, toCsvLine } from './csv-parser';
import type { MappingPlan } from './mapping';
import {
  ACCEPTED_FIELDS,
  EMAIL_STATE,
  SEP,
  TAG_SEP,
  withoutSep,
  type BatchResult,
  type RowBatch,
  type RowSetup,
} from './batch';
import type { RowPool } from './rows-pool';
import { rejectReasons } from './types';
import { parseDateValue } from '../../../shared/date-values';
import { parseConsent, parseEmailCell, splitFullName, splitPhoneCell, splitTags } from './values';
import { checkFieldSizes } from './limits';
import { cleanName } from '../../../shared/contacts/names';

interface CompiledPlan {
  first: number[];
  last: number[];
  full: number[];
  email: number[];
  phones: { index: number; mobile: boolean; labelIndex: number }[];
  tags: number[];
  consent: number[];
  emailConsent: number[];
  emailUnsubscribed: number[];
  emailCleaned: number[];
  country: number[];
  custom: { index: number; slot: number; date: string | null }[];
  customCount: number;
}

const SECONDARY_PHONE =
  /address|billing|shipping|business|company|work|office|fax|car|assistant|callback|radio|pager|other/i;

function compile(plan: MappingPlan): CompiledPlan {
  const of = (t: string) => plan.columns.filter((c) => c.target === t).map((c) => c.index);
  const slots = new Map(plan.customFields.map((f, i) => [f.key, i]));
  return {
    first: of('first_name'),
    last: of('last_name'),
    full: of('full_name'),
    email: of('email'),
    // Numbers that belong to an address, a business or a fax are tried after the person's own ones
    // (Shopify's "Phone" is the number the SMS consent is about; "Default Address Phone" is the shipping one).
    phones: plan.columns
      .filter((c) => c.target === 'phone' || c.target === 'mobile_phone')
      .map((c) => ({
        index: c.index,
        mobile: c.target === 'mobile_phone',
        labelIndex: c.labelIndex ?? -1,
        secondary: SECONDARY_PHONE.test(c.header),
      }))
      .sort((a, b) => Number(a.secondary) - Number(b.secondary)),
    tags: of('tags'),
    consent: of('sms_consent'),
    emailConsent: of('email_consent'),
    emailUnsubscribed: of('email_unsubscribed'),
    emailCleaned: of('email_cleaned'),
    country: of('country'),
    // `date`: the column's header, for date fields, to name it when a value is not a date.
    custom: plan.columns
      .filter((c) => c.customKey)
      .map((c) => ({
        index: c.index,
        slot: slots.get(c.customKey!)!,
        date: plan.customFields[slots.get(c.customKey!)!].type === 'date' ? c.header : null,
      })),
    customCount: plan.customFields.length,
  };
}

function firstValue(fields: string[], indexes: number[]): string {
  for (const i of indexes) {
    const v = fields[i];
    if (v !== undefined) {
      const t = v.trim();
      if (t) return t;
    }
  }
  return '';
}

/** Maps and normalises batches of rows for one import; one per worker thread. */
export class RowNormaliser {
  private readonly plan: CompiledPlan;
  private readonly phones: PhoneNormaliser;

  constructor(private readonly setup: RowSetup) {
    this.plan = compile(setup.plan);
    this.phones = new PhoneNormaliser(setup.defaultCountry);
  }

  run(batch: RowBatch): BatchResult {
    const accepted: string[] = [];
    const rejected: string[] = [];
    let records = 0;
    let blank = 0;
    const fileName = this.setup.fileName ?? 'the file';
    const onRecord = (fields: string[]) => {
      const row = batch.firstRow + records++;
      checkFieldSizes(fields, fileName, batch.text === undefined ? { card: row } : { row });
      if (isBlankRecord(fields)) blank++;
      else this.row(fields, row, accepted, rejected);
    };
    // NUL is our separator between threads; it never belongs in a contact's details.
    if (batch.records) for (const r of batch.records) onRecord(r.some((f) => f.includes(SEP)) ? r.map(withoutSep) : r);
    else if (batch.text) {
      const text = withoutSep(batch.text);
      parseCsv(text, this.setup.delimiter, this.setup.terminator, onRecord);
    }
    const stride = ACCEPTED_FIELDS + this.plan.customCount;
    return {
      records,
      blank,
      accepted: accepted.join(SEP),
      acceptedCount: accepted.length / stride,
      rejected: rejected.join(SEP),
      rejectedCount: rejected.length / 3,
    };
  }

  private row(fields: string[], row: number, accepted: string[], rejected: string[]): void {
    const p = this.plan;
    const candidates: PhoneCandidate[] = [];
    for (const col of p.phones) {
      const cell = fields[col.index];
      if (!cell) continue;
      const mobile = col.mobile || (col.labelIndex >= 0 && labelSaysMobile(fields[col.labelIndex]));
      for (const raw of splitPhoneCell(cell)) candidates.push({ raw, mobile });
    }
    const country = firstValue(fields, p.country).toUpperCase();
    const choice = candidates.length
      ? choosePhone(candidates, this.phones, country || null)
      : ({ ok: false, reason: rejectReasons.missingPhone } as const);
    if (!choice.ok) {
      rejected.push(String(row), choice.reason, toCsvLine(fields, this.setup.delimiter).slice(0, 2000));
      return;
    }
    let first = cleanName(firstValue(fields, p.first));
    let last = cleanName(firstValue(fields, p.last));
    if (!first && !last) {
      const full = cleanName(firstValue(fields, p.full));
      if (full) ({ firstName: first, lastName: last } = splitFullName(full));
    }
    let email = firstValue(fields, p.email);
    if (email.includes(':::')) email = email.split(':::')[0].trim();
    let tags = '';
    for (const i of p.tags) {
      const cell = fields[i];
      if (cell) for (const t of splitTags(cell)) tags = tags ? tags + TAG_SEP + t : t;
    }
    let consent = '';
    for (const i of p.consent) {
      const c = fields[i] ? parseConsent(fields[i]) : null;
      // Several consent columns: any "no" wins, the stricter reading.
      if (c === 0) consent = '0';
      else if (c === 1 && consent === '') consent = '1';
    }
    const emailState = this.emailState(fields);
    const custom = new Array<string>(p.customCount).fill('');
    for (const c of p.custom) {
      const v = fields[c.index]?.trim();
      if (!v || custom[c.slot]) continue;
      const value = c.date === null ? v : parseDateValue(v);
      if (value === null) {
        // A birthday that is not a date would never match: the row is reported by number, not half-imported.
        rejected.push(
          String(row),
          rejectReasons.notADate(c.date ?? '', withoutSep(v)),
          toCsvLine(fields, this.setup.delimiter).slice(0, 2000),
        );
        return;
      }
      custom[c.slot] = value;
    }
    accepted.push(
      String(row),
      choice.e164,
      choice.country ?? '',
      first,
      last,
      email,
      consent,
      tags,
      choice.others.join(' '),
      emailState,
    );
    for (const v of custom) accepted.push(v);
  }

  /**
   * What the row says about marketing e-mail, the stricter first: a cleaned (bounced) address, an unsubscribe, a
   * "no" in any consent column, then a "yes". Nothing in those columns is not stated: consent is never assumed.
   */
  private emailState(fields: string[]): string {
    const p = this.plan;
    if (!p.emailConsent.length && !p.emailUnsubscribed.length && !p.emailCleaned.length) return '';
    const any = (indexes: number[], value: 0 | 1) =>
      indexes.some((i) => fields[i] !== undefined && fields[i] !== '' && parseEmailCell(fields[i]) === value);
    if (any(p.emailCleaned, 1)) return EMAIL_STATE.cleaned;
    if (any(p.emailUnsubscribed, 1)) return EMAIL_STATE.unsubscribed;
    if (any(p.emailConsent, 0)) return EMAIL_STATE.no;
    if (any(p.emailConsent, 1)) return EMAIL_STATE.yes;
    return '';
  }
}

/** Normalises batches in this thread: for tests that drive executeImport directly, without worker threads. */
export function inlineRowPool(setup: RowSetup): RowPool {
  const rows = new RowNormaliser(setup);
  return { run: async (batch) => rows.run(batch), addPorts: () => {}, fail: () => {}, close: () => {} };
}
