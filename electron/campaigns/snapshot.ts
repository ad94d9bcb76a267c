import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { AppError } from '../../shared/errors';
import { parseTemplate, renderParsed, segmentsOf, type ParsedTemplate } from '../../shared/templates';
import type { DeskCore } from '../core';
import { audienceWhere, ELIGIBLE_SQL } from '../contacts';
import { campaignBody, getCampaign, type CampaignRecord } from './model';
import { finishSnapshot, interruptedSnapshots, markTemplateUsed, startSnapshot } from './queries';
import { anyEligible, countAudience } from './audience';
import { assignMessages, type MessagePick, type MessagePlan } from './variants';
import { localSendTime } from './quiet-hours/quietHours';
import { bestLocalTime } from '../analytics';
import { prepareLinkTracking, type LinkTracker } from '../abtests';
import type { SqliteDb } from '../db/connection';
import { ownRecord } from '../../shared/own-keys';
import { channelsWriter, type ChunkWriter, type StateTally } from './snapshot-channels';
import { pickSql } from './channel-pick';
import { channelWriter, checkChannelsLaunchable } from './snapshot-content';

/** Contacts per transaction: the first chunk, and the bounds the adaptive size stays within. */
const FIRST_CHUNK = 2000;
const MIN_CHUNK = 200;
const MAX_CHUNK = 20_000;
/** Main-thread time one chunk may take: well under the 50 ms the app must never block for. */
const CHUNK_MS = 20;

interface WriterDeps {
  db: SqliteDb;
  c: CampaignRecord;
  from: string;
  where: { sql: string; params: unknown[] };
  /** Who gets a text: everyone textable, or in a multi-channel campaign those whose channel is SMS (channel-pick.ts). */
  pick: string;
  /** correlated subqueries f0, f1… giving the contact's custom fields the message uses */
  fieldCols: string[];
  namedParams: Record<string, unknown>;
  plan: MessagePlan;
  render(pick: MessagePick, contact: Record<string, string | number | null>): string;
}

const AUDIENCE_FROM = (where: string, pick: string) => `FROM contacts c WHERE ${pick} AND (${where})`;

/**
 * One message per row, from JavaScript: needed when links are tracked, because each tracked link is stored
 * against its message's id and its code is checked against the database while the text is written.
 */
function rowByRow(d: WriterDeps & { links: LinkTracker }): ChunkWriter {
  const { db, c } = d;
  // hot path: one read and one insert per recipient, up to a million; prepared once, run per row in a transaction.
  const select = db.prepare(
    `SELECT c.id, c.phone, c.first_name, c.last_name, c.email${d.fieldCols.length ? `, ${d.fieldCols.join(', ')}` : ''}
     ${AUDIENCE_FROM(d.where.sql, d.pick)} AND c.id > @cursor AND c.id <= @upper ORDER BY c.id LIMIT @limit`,
  );
  const insert = db.prepare(
    `INSERT OR IGNORE INTO outbox_messages (campaign_id, contact_id, kind, variant, to_phone, from_number, body, segments, provider, state, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, 'campaign', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    chunk(cursor, limit, created, upper = Number.MAX_SAFE_INTEGER) {
      // Positional filter parameters and named ones cannot mix in one statement: bind the filter's by position first.
      const rows = select.all(...d.where.params, { ...d.namedParams, cursor, limit, upper }) as Array<
        Record<string, string | number | null>
      >;
      let queued = 0;
      const inserted: StateTally = {};
      for (const r of rows) {
        const pick = d.plan.pick(r.id as number);
        // Tracked links replace the originals before segments are counted: the short link is what gets sent.
        const tracked = d.links.shorten(d.render(pick, r));
        const info = insert.run(
          c.id,
          r.id,
          pick.variant,
          r.phone,
          d.from,
          tracked.text,
          pick.state === 'held' ? 0 : segmentsOf(tracked.text).segments,
          c.provider,
          pick.state,
          pick.notBefore(r.phone as string) ?? created,
          created,
          created,
        );
        if (info.changes) {
          d.links.record(Number(info.lastInsertRowid), r.id as number, pick.variant, tracked.links);
          inserted[pick.state] = (inserted[pick.state] ?? 0) + 1;
        }
        queued += info.changes;
      }
      return { queued, last: rows.length ? (rows[rows.length - 1].id as number) : null, inserted };
    },
    close() {},
  };
}

/** Which of a contact's own values the campaign's texts read (custom fields are read only when used). */
interface TemplateReads {
  first: boolean;
  last: boolean;
  email: boolean;
  phone: boolean;
}

function templateReads(parsed: ParsedTemplate[]): TemplateReads {
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
function setBased(d: WriterDeps & { recipientLocal: boolean; reads: TemplateReads }): ChunkWriter {
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
  const maxId = db.prepare('SELECT coalesce(max(id), 0) FROM contacts').pluck();
  const rangeStates = db.prepare(
    `SELECT state, COUNT(*) AS n FROM outbox_messages WHERE campaign_id = ? AND kind = 'campaign' AND contact_id > ? AND contact_id <= ? GROUP BY state`,
  );
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
      const max = maxId.get() as number;
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
      const before = rangeStates.all(c.id, cursor, upper) as { state: 'queued' | 'held'; n: number }[];
      const queued = insert.run(...d.where.params, named).changes;
      const inserted: StateTally = {};
      for (const r of rangeStates.all(c.id, cursor, upper) as { state: 'queued' | 'held'; n: number }[])
        inserted[r.state] = r.n;
      for (const r of before) inserted[r.state] = (inserted[r.state] ?? 0) - r.n;
      return { queued, last: upper, inserted };
    },
    close() {
      renderers.delete(token);
    },
  };
}

/** "Same local time for each recipient": each message waits for that time where its recipient is. */
function recipientLocalStart(core: DeskCore, c: CampaignRecord): (phone: string) => string | null {
  const schedule = c.schedule;
  if (schedule.mode !== 'recipient_local') return () => null;
  const zone = core.settings.get('business.timezone');
  const policy = c.quietHours ?? {
    start: core.settings.get('quietHours.start'),
    end: core.settings.get('quietHours.end'),
    excludedDays: [],
  };
  const time = schedule.bestHour ? bestLocalTime(core.db, zone, schedule.date, policy, schedule.time) : schedule.time;
  return (phone) => {
    const t = localSendTime(phone, time, schedule.date, zone, policy);
    return (t.sendAt ?? t.target).toISOString();
  };
}

export function sendingNumber(core: Pick<DeskCore, 'settings'>, c: CampaignRecord): string {
  if (c.fromNumber) return c.fromNumber;
  if (c.provider === 'quo') return core.settings.get('quo.from');
  if (c.provider === 'twilio') return core.settings.get('twilio.from');
  return '+15550100000';
}

/** Refuses to launch what cannot be sent, with the reason in the owner's words. */
async function checkLaunchable(
  core: DeskCore,
  c: CampaignRecord,
  parsed: ParsedTemplate[],
  opts: { anyone: boolean } = { anyone: true },
): Promise<void> {
  for (const p of parsed) {
    const bad = p.errors[0];
    if (bad) throw new AppError('invalid_input', `The message has a problem: ${bad.message}`);
  }
  if (c.provider !== 'sandbox') {
    if (!sendingNumber(core, c))
      throw new AppError(
        'invalid_input',
        `Set the ${c.provider} sending number (${c.provider}.from) before launching.`,
      );
    core.provider(c.provider); // throws a clear error when the API key is missing
  }
  if (opts.anyone && !(await anyEligible(core.db, c.audience, core.now()))) {
    const count = await countAudience(core.db, c.audience, core.now());
    throw new AppError(
      'invalid_input',
      `No one in this audience can be texted (${count.matched} matched; ${count.excluded.optedOut} opted out, ${count.excluded.notTextable} not textable, ${count.excluded.invalidPhone} invalid numbers).`,
    );
  }
}

/**
 * Launch: snapshot the audience and render every message into the outbox before the first send, in chunks so the
 * main thread is never blocked for long. Resumable: an interrupted snapshot continues from its cursor, and the
 * (campaign, contact) unique index means no contact is queued twice.
 */
export async function snapshotCampaign(
  core: DeskCore,
  campaignId: number,
  opts: { chunk?: number } = {},
): Promise<{ queued: number }> {
  const { db } = core;
  let c = getCampaign(db, campaignId);
  if (c.snapshotState === 'complete') return { queued: 0 };
  if (!['draft', 'scheduled', 'sending'].includes(c.status))
    throw new AppError('conflict', `Campaign "${c.name}" is ${c.status} and cannot be launched.`);
  const smsOnly = c.channels.length === 1 && c.channels[0] === 'sms';
  const hasSms = c.channels.includes('sms');
  const notBefore = recipientLocalStart(core, c);
  const bodies = c.ab || !hasSms ? [] : [campaignBody(db, c)];
  const plan: MessagePlan = assignMessages(c, bodies, notBefore);
  const parsed = plan.bodies.map((b) => parseTemplate(b));
  if (c.snapshotState === 'none') {
    if (smsOnly) await checkLaunchable(core, c, parsed);
    else await checkChannelsLaunchable(core, c, () => checkLaunchable(core, c, parsed, { anyone: false }));
  }
  const links = prepareLinkTracking(core, c, plan.bodies);

  const nowIso = core.now().toISOString();
  startSnapshot(db, c.id, nowIso);
  c = getCampaign(db, campaignId);

  const fieldKeys = [
    ...new Set(
      parsed.flatMap((p) => p.tokens.flatMap((t) => (t.kind === 'variable' && t.fieldKey ? [t.fieldKey] : []))),
    ),
  ];
  const fieldCols = fieldKeys.map(
    (_k, i) =>
      `(SELECT v.value FROM contact_field_values v JOIN custom_fields f ON f.id = v.field_id WHERE v.contact_id = c.id AND f.key = @f${i}) AS f${i}`,
  );
  const where = audienceWhere(db, c.audience, core.now());
  // hot path: run in every chunk's transaction, beside the chunk's own statements.
  const setCursor = db.prepare('UPDATE campaigns SET snapshot_cursor = ? WHERE id = ?');
  // The snapshot keeps the campaign's counts itself (see migration 0008), in the transaction that inserts the rows.
  const addCount = db.prepare(
    `INSERT INTO outbox_state_counts (campaign_key, state, n) VALUES (?, ?, ?) ON CONFLICT (campaign_key, state) DO UPDATE SET n = n + excluded.n`,
  );
  const business = { name: core.settings.get('business.name'), contact: core.settings.get('business.contact') };
  const from = sendingNumber(core, c);
  const namedParams: Record<string, unknown> = Object.fromEntries(fieldKeys.map((k, i) => [`f${i}`, k]));
  const render = (pick: MessagePick, r: Record<string, string | number | null>): string => {
    const fields = ownRecord<string | null>();
    fieldKeys.forEach((k, i) => (fields[k] = r[`f${i}`] as string | null));
    // Held recipients (A/B "test then winner") get their text when the winner is known.
    if (pick.state === 'held') return '';
    return renderParsed(parsed[pick.bodyIndex], {
      contact: {
        firstName: r.first_name as string | null,
        lastName: r.last_name as string | null,
        phone: r.phone as string,
        email: r.email as string | null,
        fields,
      },
      business,
    }).text;
  };
  // A text campaign reads its audience as it always has; a multi-channel one gives each contact its channel(s).
  const texts = (pick = smsOnly ? ELIGIBLE_SQL : pickSql(c.channels, 'sms', c.everyChannel)): ChunkWriter =>
    links.enabled
      ? rowByRow({ db, c, from, where, pick, fieldCols, namedParams, plan, render, links })
      : setBased({
          db,
          c,
          from,
          where,
          pick,
          fieldCols,
          namedParams,
          plan,
          render,
          recipientLocal: c.schedule.mode === 'recipient_local',
          reads: templateReads(parsed),
        });
  const write = smsOnly
    ? texts()
    : channelsWriter(
        db,
        c.channels.map((ch) => (ch === 'sms' ? texts() : channelWriter(core, c, ch, where, from, notBefore))),
      );
  let cursor = c.snapshotCursor;
  let queued = 0;
  let chunk = opts.chunk ?? FIRST_CHUNK;
  const releaseCheckpoints = core.walCheckpoints.offload();
  try {
    for (;;) {
      const created = core.now().toISOString();
      const started = performance.now();
      // Every row's campaign and contact are read by the same statement that writes it, inside the transaction, so
      // the foreign-key lookups SQLite would add per row can only succeed: they are off for the chunk alone.
      db.pragma('foreign_keys = OFF');
      // Nor does a chunk wait for the disk: one lost to a power cut is written again on resume (its cursor is lost
      // with it, in the same transaction), and the next FULL commit — the dispatcher's claim, which commits
      // `sending` before any request — makes it durable too, the log being written in order.
      db.pragma('synchronous = NORMAL');
      let done: { queued: number; last: number | null };
      try {
        done = db
          .transaction(() => {
            const r = write.chunk(cursor, chunk, created);
            for (const [state, n] of Object.entries(r.inserted)) if (n) addCount.run(c.id, state, n);
            if (r.last !== null) setCursor.run(r.last, c.id);
            return r;
          })
          .immediate();
      } finally {
        db.pragma('synchronous = FULL');
        db.pragma('foreign_keys = ON');
      }
      queued += done.queued;
      if (done.last === null) break;
      cursor = done.last;
      // Sized so that each transaction holds the main thread about CHUNK_MS, whatever the machine's speed.
      if (!opts.chunk)
        chunk = Math.max(
          MIN_CHUNK,
          Math.min(MAX_CHUNK, Math.round((chunk * CHUNK_MS) / Math.max(1, performance.now() - started))),
        );
      await yieldToLoop();
    }
  } finally {
    write.close();
    await releaseCheckpoints();
  }
  finishSnapshot(db, c.id, core.now().toISOString());
  if (c.templateId !== null) markTemplateUsed(db, c.templateId, core.now().toISOString());
  return { queued };
}

/** Resumes snapshots a crash interrupted (called at start-up). */
export async function resumeSnapshots(core: DeskCore): Promise<void> {
  for (const id of interruptedSnapshots(core.db)) await snapshotCampaign(core, id);
}
