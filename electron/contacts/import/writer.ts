import type { SqliteDb } from '../../db/connection';
import { ownRecord } from '../../../shared/own-keys';
import { writerStatements, type NewContactValues, type WriterContext } from './writer-statements';
import { emailAuditText, emailSideOf, emailStatements, nextEmailSide, sideOfRow } from './writer-email';

export type { WriterContext } from './writer-statements';
import { NOT_TEXTABLE_CONSENT_NOT_STATED, NOT_TEXTABLE_NO_CONSENT } from './types';
import {
  KNOWN_SLOTS,
  type ExistingContact,
  type EmailSide,
  type Field,
  type FieldChange,
  type IncomingContact,
  type UpdateRecord,
} from './contact-rows';

/**
 * A new contact's textable flag and reason. A file's own "no" makes it not textable; so does a file that says
 * nothing about consent when the owner did not either (consent is never assumed). A blank cell in a consent column
 * keeps the file's other answers in charge, as before.
 */
const textableFor = (consent: 0 | 1 | null, notStatedBlocks: boolean) =>
  consent === 0
    ? ([0, NOT_TEXTABLE_NO_CONSENT] as const)
    : consent === null && notStatedBlocks
      ? ([0, NOT_TEXTABLE_CONSENT_NOT_STATED] as const)
      : ([1, null] as const);

/**
 * Contacts created one after another, with ids first, first + 1, …: their tags as offsets from `first` per tag id,
 * and their custom values as one array per custom field (null where empty), aligned with the contacts. Written
 * with one statement per tag and per field, each reading a JSON array of plain numbers or strings.
 */
interface CreatedRun {
  first: number;
  count: number;
  tags: Map<number, number[]>;
  values: (string | null)[][];
  anyValue: boolean[];
}

const FIELDS: readonly Field[] = ['first_name', 'last_name', 'email'];
const incomingValue = (c: IncomingContact, f: Field) =>
  f === 'first_name' ? c.firstName : f === 'last_name' ? c.lastName : c.email;

/**
 * All SQL of an import, as prepared statements on the import's own connection. In a dry run it only reads:
 * every decision (new, updated, unchanged, duplicate) is taken exactly as in the real run, and nothing is written.
 */
export class ContactWriter {
  readonly createdTagIds: number[] = [];
  readonly createdFieldIds: number[] = [];
  private readonly tagIds = new Map<string, number | null>();
  private readonly fieldIds = new Map<string, number | null>();
  private readonly sourceRef: string;
  /** the file's SMS-consent column, quoted, for the consent record's note; null when it has none */
  private readonly consentColumn: string | null;
  /** neither the file nor the owner says anything about consent: new contacts are not textable */
  private readonly notStatedBlocks: boolean;
  private fakeId = 0;
  /** phones whose latest optout_audit entry is an opt-out, with its time; kept current from the append-only log */
  private readonly optedOut = new Map<string, string>();
  private auditSeen = 0;
  /** the first contact created in the current transaction, and the consent (when stated) of those created in it */
  private txFirstId: number | null = null;
  private readonly txConsent = new Map<number, 0 | 1>();
  /** contacts just created with consecutive ids (normally all of a transaction's), whose tags and values wait */
  private created: CreatedRun | null = null;
  private readonly s: ReturnType<typeof writerStatements>;
  /** the e-mail side's statements, for a file with e-mail columns only */
  private readonly email: ReturnType<typeof emailStatements> | null;

  constructor(
    private readonly db: SqliteDb,
    private readonly ctx: WriterContext,
  ) {
    this.sourceRef = `${ctx.importId}:${ctx.fileName}`;
    this.consentColumn = ctx.consentColumns.length ? `"${ctx.consentColumns[0]}"` : null;
    this.notStatedBlocks = !ctx.consentColumns.length && ctx.consentAnswer === null;
    this.s = writerStatements(db, ctx);
    this.email = ctx.emailColumns.length ? emailStatements(db) : null;
  }

  /** A row's consent: what the file says, else the owner's answer for the whole file (a yes), else not stated. */
  private consentOf(c: IncomingContact): 0 | 1 | null {
    return c.consent ?? (this.ctx.consentAnswer !== null ? 1 : null);
  }

  /** Creates the contact with its consent record, tags and custom values; undefined when the number exists. */
  createContact(c: IncomingContact, extraTags: readonly string[]): number | undefined {
    if (this.ctx.dryRun) return this.s.findContact.get(c.phone) ? undefined : ++this.fakeId;
    const consent = this.consentOf(c);
    const [textable, reason] = textableFor(consent, this.notStatedBlocks);
    const optedOutAt = this.optedOut.get(c.phone) ?? null;
    const values: NewContactValues = [
      c.phone,
      c.firstName,
      c.lastName,
      c.email,
      c.country,
      textable,
      reason,
      optedOutAt === null ? 0 : 1,
      optedOutAt,
    ];
    const e = this.s.insertContactEmail ? emailSideOf(c.emailState, this.ctx.now) : null;
    const r = e
      ? this.s.insertContactEmail!.run(...values, e.consent, e.optedOut, e.optedOutAt, e.suppressed, e.suppressedAt)
      : this.s.insertContact!.run(...values);
    if (r.changes === 0) return undefined;
    const id = Number(r.lastInsertRowid);
    this.txFirstId ??= id;
    if (consent !== null) this.txConsent.set(id, consent);
    // SQLite gives a new row the highest id plus one, so a transaction's contacts normally form one run; should an
    // id ever not follow on, the run so far is written and a new one starts.
    if (this.created && id !== this.created.first + this.created.count) this.writeCreatedRun();
    const run = (this.created ??= {
      first: id,
      count: 0,
      tags: new Map(),
      values: this.ctx.customFields.map((): (string | null)[] => []),
      anyValue: this.ctx.customFields.map(() => false),
    });
    const k = run.count++;
    for (const t of c.tags) this.addToRun(run, t, k);
    for (const t of extraTags) this.addToRun(run, t, k);
    for (let i = 0; i < run.values.length; i++) {
      const v = c.custom[i] ?? null;
      run.values[i].push(v);
      if (v !== null) run.anyValue[i] = true;
    }
    return id;
  }

  /**
   * Called at the start of each write transaction. Forgets the tag and custom-field ids it remembered (the user
   * may have deleted one between transactions; it is looked up, or created, again) and reads the opt-outs
   * recorded since the last call: a number that said STOP and whose contact was deleted since is created opted
   * out again — the audit log outlives contacts, and an import must never make it textable.
   */
  beginTransaction(): void {
    this.tagIds.clear();
    this.fieldIds.clear();
    this.txFirstId = null;
    this.txConsent.clear();
    this.refreshOptOuts();
  }

  /** Called last in each write transaction: writes the tags, custom values and consent records of the contacts it created. */
  endTransaction(): void {
    if (this.txFirstId === null || this.ctx.dryRun) return;
    this.writeCreatedRun();
    const yes: number[] = [];
    const no: number[] = [];
    for (const [id, consent] of this.txConsent) (consent === 1 ? yes : no).push(id);
    this.s.insertConsents!.run({
      ref: this.sourceRef,
      now: this.ctx.now,
      column: this.consentColumn,
      answer: this.ctx.consentAnswer,
      no: JSON.stringify(no),
      yes: JSON.stringify(yes),
      first: this.txFirstId,
      import: this.ctx.importId,
    });
    this.s.auditCreatedEmail?.run({ first: this.txFirstId, import: this.ctx.importId, now: this.ctx.now });
    this.txFirstId = null;
    this.txConsent.clear();
  }

  private refreshOptOuts(): void {
    for (const a of this.s.auditSince.iterate(this.auditSeen)) {
      this.auditSeen = a.id;
      if (a.new_state === 'opted_out') this.optedOut.set(a.phone, a.at);
      else this.optedOut.delete(a.phone);
    }
  }

  private addToRun(run: CreatedRun, tagName: string, offset: number): void {
    const tag = this.tagId(tagName);
    const offsets = run.tags.get(tag);
    if (offsets) offsets.push(offset);
    else run.tags.set(tag, [offset]);
  }

  private writeCreatedRun(): void {
    const run = this.created;
    if (!run) return;
    this.created = null;
    for (const [tag, offsets] of run.tags)
      this.s.insertTags!.run({ first: run.first, tag, offsets: JSON.stringify(offsets) });
    run.values.forEach((values, slot) => {
      if (run.anyValue[slot])
        this.s.insertValues!.run({ first: run.first, field: this.fieldId(slot), values: JSON.stringify(values) });
    });
  }

  findContact(phone: string): ExistingContact | undefined {
    return this.s.findContact.get(phone);
  }

  /**
   * Applies a row to a contact the import did not create. `update` lets the file's non-empty values replace the
   * stored ones; `fill` (a later duplicate row in the same file) only fills what is still empty.
   * Consent, opt-out and textable state are never part of this. Returns what changed, or null.
   */
  applyToExisting(
    existing: ExistingContact,
    c: IncomingContact,
    mode: 'update' | 'fill',
    extraTags: readonly string[],
  ): UpdateRecord | null {
    const rec: UpdateRecord = { fields: {}, tagsAdded: [], custom: ownRecord() };
    let changed = false;
    const next = { first_name: existing.first_name, last_name: existing.last_name, email: existing.email };
    for (const f of FIELDS) {
      const to = incomingValue(c, f);
      const from = existing[f];
      if (to === null || to === from || (mode === 'fill' && from !== null && from !== '')) continue;
      rec.fields[f] = { from, to };
      next[f] = to;
      changed = true;
    }
    if (changed) this.s.updateFields?.run(next.first_name, next.last_name, next.email, this.ctx.now, existing.id);
    for (const t of [...c.tags, ...extraTags]) {
      if (rec.tagsAdded.some((a) => a.toLowerCase() === t.toLowerCase())) continue;
      if (this.addTagIfMissing(existing.id, t)) rec.tagsAdded.push(t);
    }
    const email = this.changeEmail(existing.id, c, false, true);
    if (email) rec.email = email;
    for (let i = 0; i < c.custom.length; i++) {
      const to = c.custom[i];
      if (to === null) continue;
      const fieldId = this.ctx.dryRun ? this.existingFieldId(i) : this.fieldId(i);
      const from = fieldId === null ? null : (this.s.getValue.get(existing.id, fieldId)?.value ?? null);
      if (from === to || (mode === 'fill' && from !== null)) continue;
      rec.custom[this.ctx.customFields[i].key] = { from, to };
      if (fieldId !== null) this.s.setValue?.run(existing.id, fieldId, to);
    }
    return changed || rec.tagsAdded.length || Object.keys(rec.custom).length || email ? rec : null;
  }

  /**
   * A row for a contact the import leaves alone (onDuplicate skip): only its e-mail unsubscribe or bounce, or a
   * "no", is applied (never a "yes"), so that an unsubscribe exported from another tool is honoured whatever the
   * owner chose for duplicates. Returns the change record, or null.
   */
  applyEmailToSkipped(contactId: number, c: IncomingContact): UpdateRecord | null {
    const email = this.changeEmail(contactId, c, true, true);
    return email ? { fields: {}, tagsAdded: [], custom: ownRecord(), email } : null;
  }

  /**
   * Changes the contact's e-mail side as the row says (nextEmailSide's rules), with its row in the consent log
   * unless `audited` is false. Returns the side before and after, or null when nothing changes (or the row says
   * nothing about e-mail). In a dry run it only decides.
   */
  private changeEmail(
    id: number,
    c: IncomingContact,
    restrictOnly: boolean,
    audited: boolean,
  ): { from: EmailSide; to: EmailSide } | null {
    if (!this.email || c.emailState === null) return null;
    const row = this.email.read(id);
    if (!row) return null;
    const from = sideOfRow(row);
    const to = nextEmailSide(from, c.emailState, this.ctx.now, restrictOnly);
    if (!to) return null;
    if (!this.ctx.dryRun)
      this.email.change(row, to, this.ctx.now, emailAuditText(this.ctx.fileName, c.emailState), audited);
    return { from, to };
  }

  /** Keeps one change record per contact: the value before the import and the value it left. */
  recordUpdate(contactId: number, rec: UpdateRecord): void {
    if (this.ctx.dryRun) return;
    const prevJson = this.s.getChange.get(this.ctx.importId, contactId)?.previous_json;
    if (prevJson) {
      const prev = JSON.parse(prevJson) as UpdateRecord;
      prev.custom = ownRecord(Object.entries(prev.custom));
      for (const [f, ch] of Object.entries(rec.fields) as [Field, FieldChange][])
        prev.fields[f] = { from: prev.fields[f]?.from ?? ch.from, to: ch.to };
      for (const [k, ch] of Object.entries(rec.custom))
        prev.custom[k] = { from: prev.custom[k]?.from ?? ch.from, to: ch.to };
      prev.tagsAdded.push(...rec.tagsAdded);
      if (rec.email) prev.email = { from: prev.email?.from ?? rec.email.from, to: rec.email.to };
      rec = prev;
    }
    this.s.putChange!.run(this.ctx.importId, contactId, JSON.stringify(rec));
  }

  /**
   * A later row for a contact this import created: fill its empty details, add tags, and take the stricter consent.
   * `has` is what the contact was created with and filled since (createdHas bits): only what may be missing is
   * written, without reading the contact first (a duplicate row cost four lookups in random places). Returns the
   * consent and the bits after.
   */
  mergeIntoCreated(
    id: number,
    c: IncomingContact,
    consentBefore: 0 | 1 | null,
    extraTags: readonly string[],
    has: number,
  ): { consent: 0 | 1 | null; has: number } {
    const incoming = this.consentOf(c);
    const consent = consentBefore === 0 || incoming === 0 ? 0 : consentBefore === 1 || incoming === 1 ? 1 : null;
    if (this.ctx.dryRun) return { consent, has };
    const first = has & 1 ? null : c.firstName;
    const last = has & 2 ? null : c.lastName;
    const email = has & 4 ? null : c.email;
    if (first !== null || last !== null || email !== null) {
      this.s.fillFields!.run({ id, first, last, email, now: this.ctx.now });
      has |= (first !== null ? 1 : 0) | (last !== null ? 2 : 0) | (email !== null ? 4 : 0);
    }
    // Created in this transaction, its own tags and custom values may still wait to be written (at its end); a
    // value it has waiting is known from `has`, so it is not filled here.
    const seen = new Set<string>();
    for (const t of [...c.tags, ...extraTags]) {
      const key = t.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      this.s.fillTag!.run({ id, tag: this.tagId(t) });
    }
    for (let i = 0; i < c.custom.length; i++) {
      const value = c.custom[i];
      if (value === null || (i < KNOWN_SLOTS && has & (8 << i))) continue;
      this.s.fillValue!.run({ id, field: this.fieldId(i), value });
      if (i < KNOWN_SLOTS) has |= 8 << i;
    }
    // Created in this transaction, its e-mail side is audited with the others at its end; before, now.
    this.changeEmail(id, c, false, this.txFirstId === null || id < this.txFirstId);
    if (consent !== consentBefore) {
      // Created in this transaction: its consent record is not written yet.
      if (this.txFirstId !== null && id >= this.txFirstId) this.txConsent.set(id, consent!);
      else
        this.s.setConsent!.run({
          consent,
          column: this.consentColumn,
          answer: this.ctx.consentAnswer,
          id,
          ref: this.sourceRef,
        });
      const [textable, reason] = textableFor(consent, this.notStatedBlocks);
      this.s.setTextable!.run(textable, reason, id);
    }
    return { consent, has };
  }

  private addTagIfMissing(contactId: number, name: string): boolean {
    if (this.ctx.dryRun) {
      const id = this.existingTagId(name);
      return id === null || !this.s.hasTag.get(contactId, id);
    }
    return this.s.addTag!.run(contactId, this.tagId(name)).changes === 1;
  }

  private existingTagId(name: string): number | null {
    const key = name.toLowerCase();
    if (!this.tagIds.has(key)) this.tagIds.set(key, this.s.findTag.get(name)?.id ?? null);
    return this.tagIds.get(key)!;
  }

  private tagId(name: string): number {
    const found = this.existingTagId(name);
    if (found !== null) return found;
    const id = Number(this.s.insertTag!.run(name, this.ctx.now).lastInsertRowid);
    this.createdTagIds.push(id);
    this.tagIds.set(name.toLowerCase(), id);
    return id;
  }

  private existingFieldId(slot: number): number | null {
    const key = this.ctx.customFields[slot].key;
    if (!this.fieldIds.has(key)) this.fieldIds.set(key, this.s.findField.get(key)?.id ?? null);
    return this.fieldIds.get(key)!;
  }

  private fieldId(slot: number): number {
    const found = this.existingFieldId(slot);
    if (found !== null) return found;
    const f = this.ctx.customFields[slot];
    const id = Number(this.s.insertField!.run(f.key, f.label, this.ctx.now, f.type ?? 'text').lastInsertRowid);
    this.createdFieldIds.push(id);
    this.fieldIds.set(f.key, id);
    return id;
  }
}
