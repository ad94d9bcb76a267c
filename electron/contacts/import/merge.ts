import { PhoneTable } from './phone-table';
import type { ContactWriter } from './writer';
import { createdHas, emailStateCode, KNOWN_SLOTS, type IncomingContact } from './contact-rows';
import { ACCEPTED_FIELDS, SEP, TAG_SEP } from './batch';
import { emptyCounts, type DuplicatePolicy, type ImportCounts } from './types';

/** What became of the first row with a given number; later rows with that number merge into it. */
const enum Outcome {
  Created = 0,
  Unchanged = 1,
  Skipped = 2,
  Updated = 3,
}

const NO_TAGS: readonly string[] = Object.freeze([]);

/** consent packed into two bits: 0 unknown, 1 yes, 2 no */
const packConsent = (c: 0 | 1 | null) => (c === null ? 0 : c === 1 ? 1 : 2);
const unpackConsent = (bits: number): 0 | 1 | null => (bits === 0 ? null : bits === 1 ? 1 : 0);
/** 16 × what a created contact has (createdHas: three fields and KNOWN_SLOTS custom values), below the contact id */
const ID_UNIT = 16 * 2 ** (3 + KNOWN_SLOTS);

/**
 * Decides, row by row and in file order, whether a contact is new, an update, unchanged or a duplicate, and
 * keeps the counts. Numbers already seen in this file are remembered as one packed number each
 * (contact id × ID_UNIT + what a created contact has × 16 + outcome × 4 + consent; exact in a double for ids up to
 * 2³³) in a PhoneTable, which keeps a million-row file within memory.
 */
export class ImportMerger {
  readonly counts: ImportCounts = emptyCounts();
  private readonly seen: PhoneTable;

  /**
   * @param customCount custom values per row in the compact form
   * @param otherPhonesSlot where a row's other valid numbers are kept among the custom values: a contact has one
   *   number to text, and the rest of what the file knew about them is not thrown away
   * @param expectedRows a guess at the file's rows, to size the table of numbers seen
   */
  constructor(
    private readonly writer: ContactWriter,
    private readonly policy: DuplicatePolicy,
    private readonly extraTags: readonly string[],
    private readonly customCount: number,
    private readonly otherPhonesSlot: number,
    expectedRows = 0,
  ) {
    this.seen = new PhoneTable(expectedRows);
  }

  /** Applies a batch in the compact form produced by RowNormaliser. */
  applyAccepted(flat: string, count: number): void {
    if (!count) return;
    // Read field by field rather than split() at once: each row's strings then die young, instead of a whole
    // batch's living long enough to be moved to the old generation (a million-row import's memory and GC time).
    let pos = 0;
    const next = (): string => {
      let end = flat.indexOf(SEP, pos);
      if (end === -1) end = flat.length;
      const value = flat.slice(pos, end);
      pos = end + 1;
      return value;
    };
    const fixed = new Array<string>(ACCEPTED_FIELDS);
    for (let r = 0; r < count; r++) {
      for (let i = 0; i < ACCEPTED_FIELDS; i++) fixed[i] = next();
      const custom: (string | null)[] = [];
      for (let i = 0; i < this.customCount; i++) custom.push(next() || null);
      if (fixed[8]) custom[this.otherPhonesSlot] ??= fixed[8];
      else if (this.otherPhonesSlot === custom.length) custom.push(null);
      this.add({
        row: Number(fixed[0]),
        phone: fixed[1],
        country: fixed[2] || null,
        firstName: fixed[3] || null,
        lastName: fixed[4] || null,
        email: fixed[5] || null,
        consent: fixed[6] === '1' ? 1 : fixed[6] === '0' ? 0 : null,
        emailState: fixed[9] ? emailStateCode(fixed[9]) : null,
        tags: fixed[7] ? fixed[7].split(TAG_SEP) : NO_TAGS,
        custom,
      });
    }
  }

  add(c: IncomingContact): void {
    this.counts.rows++;
    const prior = this.seen.get(c.phone);
    if (prior !== undefined) return this.mergeDuplicate(c, prior);

    const id = this.writer.createContact(c, this.extraTags);
    if (id !== undefined) {
      this.counts.imported++;
      if (c.consent === 0) this.counts.notTextable++;
      this.remember(c.phone, id, Outcome.Created, c.consent, createdHas(c));
      return;
    }
    const existing = this.writer.findContact(c.phone)!;
    if (this.policy === 'skip') {
      this.counts.duplicates++;
      this.recordEmailOfSkipped(existing.id, c);
      this.remember(c.phone, existing.id, Outcome.Skipped, null);
      return;
    }
    const rec = this.writer.applyToExisting(existing, c, 'update', this.extraTags);
    if (rec) {
      this.writer.recordUpdate(existing.id, rec);
      this.counts.updated++;
    } else this.counts.unchanged++;
    this.remember(c.phone, existing.id, rec ? Outcome.Updated : Outcome.Unchanged, null);
  }

  /** A rejected row only counts; its reason is stored by the caller. */
  addInvalid(n: number): void {
    this.counts.rows += n;
    this.counts.invalid += n;
  }

  private recordEmailOfSkipped(id: number, c: IncomingContact): void {
    if (c.emailState === null) return;
    const rec = this.writer.applyEmailToSkipped(id, c);
    if (rec) this.writer.recordUpdate(id, rec);
  }

  private remember(phone: string, id: number, outcome: Outcome, consent: 0 | 1 | null, has = 0): void {
    this.seen.set(phone, id * ID_UNIT + has * 16 + outcome * 4 + packConsent(consent));
  }

  private mergeDuplicate(c: IncomingContact, prior: number): void {
    this.counts.duplicates++;
    const id = Math.floor(prior / ID_UNIT);
    const outcome = (Math.floor(prior / 4) % 4) as Outcome;
    if (outcome === Outcome.Skipped) return this.recordEmailOfSkipped(id, c);
    if (outcome === Outcome.Created) {
      const before = unpackConsent(prior % 4);
      const has = Math.floor((prior % ID_UNIT) / 16);
      const after = this.writer.mergeIntoCreated(id, c, before, this.extraTags, has);
      if (after.consent === 0 && before !== 0) this.counts.notTextable++;
      this.remember(c.phone, id, Outcome.Created, after.consent, after.has);
      return;
    }
    const existing = this.writer.findContact(c.phone);
    if (!existing) return;
    const rec = this.writer.applyToExisting(existing, c, 'fill', this.extraTags);
    if (!rec) return;
    this.writer.recordUpdate(existing.id, rec);
    if (outcome === Outcome.Unchanged) {
      this.counts.unchanged--;
      this.counts.updated++;
      this.remember(c.phone, id, Outcome.Updated, null);
    }
  }
}
