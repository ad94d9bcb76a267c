import { segmentsOf, type ParsedTemplate } from '../../shared/templates';
import type { SqliteDb } from '../db/connection';
import { campaignRangeStates, highestContactId } from './queries-snapshot';
import { AUDIENCE_FROM, type ChunkWriter, type StateTally, type WriterDeps } from './snapshot-writer';
import type { MessagePick } from './variants';

/** Which of a contact's own values the campaign's texts read (custom fields are read only when used). */
export interface TemplateReads {
  first: boolean;
  last: boolean;
  email: boolean;
  phone: boolean;
}

export function templateReads(parsed: ParsedTemplate[]): TemplateReads {
  const reads: TemplateReads = { first: false, last: false, email: false, phone: false };
  for (const p of parsed) {
    for (const t of p.tokens) {
      if (t.kind !== 'variable' || t.fieldKey !== null) continue;
      if (t.builtin === 'first_name' || t.builtin === 'full_name') reads.first = true;
      if (t.builtin === 'last_name' || t.builtin === 'full_name') reads.last = true;
      if (t.builtin === 'email') reads.email = true;
      if (t.builtin === 'phone') reads.phone = true;
    }
  }
  return reads;
}

/** Messages being written by setBased, by token: SQLite calls back into them through one registered function. */
const renderers = new Map<number, (what: string, args: unknown[]) => string | number | null>();
let nextToken = 1;
const withFunction = new WeakSet<SqliteDb>();

/**
 * The whole chunk in one INSERT … SELECT: SQLite reads the audience and writes the outbox rows itself, calling
 * back into JavaScript only to render each text (snapshot_message). Several times faster than one INSERT per
 * message, whose binding costs more than the row's write. For each row SQLite evaluates the columns in order, so
 * 'body' (which renders and remembers that contact's message) comes before the columns read from it.
 */
export function setBased(d: WriterDeps & { recipientLocal: boolean; reads: TemplateReads }): ChunkWriter {
  const { db, c } = d;
  // hot path: the whole audience in INSERT … SELECT chunks calling back into JavaScript (a SQLite function) per row.
  if (!withFunction.has(db)) {
    db.function('snapshot_message', { varargs: true }, (token: unknown, what: unknown, ...args: unknown[]) => {
      const fn = renderers.get(token as number);
      if (!fn) throw new Error(`snapshot_message: no snapshot ${String(token)} is running`);
      return fn(what as string, args);
    });
    withFunction.add(db);
  }
  const token = nextToken++;
  // A text depends only on the values its placeholders read, and a million contacts share far fewer of those (first
  // names repeat): each distinct one is rendered and measured once. Bounded, for templates that read the phone.
  const texts = new Map<string, { body: string; segments: number }>();
  const readsOf = (v: string | null) => (v === null ? '' : v.trim());
  // When the first 20,000 texts were mostly different (a template reading the phone number), stop remembering.
  let looked = 0;
  let reused = 0;
  let remember = true;
  let current: { id: number; pick: MessagePick; body: string; segments: number; phone: string } | null = null;
  renderers.set(token, (what, args) => {
    const id = args[0] as number;
    if (what === 'body') {
      const [, phone, first_name, last_name, email, ...fields] = args as [
        number,
        string,
        string | null,
        string | null,
        string | null,
        ...(string | null)[],
      ];
      const pick = d.plan.pick(id);
      const key = remember
        ? [
            pick.state === 'held' ? -1 : pick.bodyIndex,
            d.reads.first ? readsOf(first_name) : '',
            d.reads.last ? readsOf(last_name) : '',
            d.reads.email ? readsOf(email) : '',
            d.reads.phone ? phone : '',
            ...fields.map(readsOf),
          ].join('\u0000')
        : '';
      let text = remember ? texts.get(key) : undefined;
      if (text) reused++;
      else {
        const contact: Record<string, string | number | null> = { id, phone, first_name, last_name, email };
        fields.forEach((v, i) => (contact[`f${i}`] = v));
        const body = d.render(pick, contact);
        text = { body, segments: pick.state === 'held' ? 0 : segmentsOf(body).segments };
        if (remember) {
          if (texts.size >= 50_000) texts.clear();
          texts.set(key, text);
        }
      }
      if (remember && ++looked === 20_000 && reused < looked / 4) {
        remember = false;
        texts.clear();
      }
      current = { id, pick, body: text.body, segments: text.segments, phone };
      return current.body;
    }
    if (!current || current.id !== id)
      throw new Error(`snapshot_message: '${what}' asked before the body of contact ${id}`);
    if (what === 'segments') return current.segments;
    if (what === 'variant') return current.pick.variant;
    if (what === 'state') return current.pick.state;
    return current.pick.notBefore(current.phone);
  });
  const fieldArgs = d.fieldCols.map((col) => `, ${col.replace(/ AS f\d+$/, '')}`).join('');
  const meta = (what: string) => `snapshot_message(@token, '${what}', c.id)`;
  // Only the values the texts read cross into JavaScript (each is a string to copy); the rest are NULL.
  const contactArgs = [
    d.reads.phone || d.recipientLocal ? 'c.phone' : 'NULL',
    d.reads.first ? 'c.first_name' : 'NULL',
    d.reads.last ? 'c.last_name' : 'NULL',
    d.reads.email ? 'c.email' : 'NULL',
  ].join(', ');
  // hot path: the launch's set-based write of up to a million texts, one INSERT … SELECT per chunk (bench campaigns).
  // A contact already in the outbox (a resumed snapshot) is ignored by the unique (campaign, contact) index.
  const insert = db.prepare(
    `INSERT OR IGNORE INTO outbox_messages (body, segments, variant, state, next_attempt_at, campaign_id, contact_id, kind, to_phone, from_number, provider, created_at, updated_at)
     SELECT snapshot_message(@token, 'body', c.id, ${contactArgs}${fieldArgs}),
            ${meta('segments')},
            ${c.ab ? meta('variant') : 'NULL'},
            ${c.ab ? meta('state') : `'queued'`},
            ${d.recipientLocal ? `coalesce(${meta('not_before')}, @created)` : '@created'},
            @campaign, c.id, 'campaign', c.phone, @from, @provider, @created, @created
     ${AUDIENCE_FROM(d.where.sql, d.pick)} AND c.id > @cursor AND c.id <= @upper
     ORDER BY c.id`,
  );
  return {
    // Chunks are ranges of contact ids (reading a count of rows first would read them twice); `limit` is the
    // range's width. Contacts added while the snapshot runs are included, as they are with rowByRow.
    chunk(cursor, limit, created) {
      const max = highestContactId(db);
      if (cursor >= max) return { queued: 0, last: null, inserted: {} };
      const upper = Math.min(cursor + limit, max);
      const named = {
        ...d.namedParams,
        token,
        cursor,
        upper,
        created,
        campaign: c.id,
        from: d.from,
        provider: c.provider,
      };
      if (!c.ab) {
        const queued = insert.run(...d.where.params, named).changes;
        return { queued, last: upper, inserted: { queued } };
      }
      // A/B: some are held. What the range holds after the insert, less what it held before (a resumed chunk).
      const before = campaignRangeStates(db, c.id, cursor, upper);
      const queued = insert.run(...d.where.params, named).changes;
      const after = campaignRangeStates(db, c.id, cursor, upper);
      const inserted: StateTally = {};
      for (const state of ['queued', 'held'] as const) {
        const n = (after.get(state) ?? 0) - (before.get(state) ?? 0);
        if (n) inserted[state] = n;
      }
      return { queued, last: upper, inserted };
    },
    close() {
      renderers.delete(token);
    },
  };
}
