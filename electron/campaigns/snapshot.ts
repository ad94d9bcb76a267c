import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { AppError } from '../../shared/errors';
import { parseTemplate, renderParsed, segmentsOf, type ParsedTemplate } from '../../shared/templates';
import type { DeskCore } from '../core';
import { audienceWhere, ELIGIBLE_SQL } from '../contacts/filter';
import { campaignBody, getCampaign, type CampaignRecord } from './model';
import { countAudience } from './audience';
import { assignMessages, type MessagePlan } from './variants';
import { localSendTime } from './quiet-hours/quietHours';
import { prepareLinkTracking } from '../abtests/links';

const CHUNK = 2000;

/** "Same local time for each recipient": each message waits for that time where its recipient is. */
function recipientLocalStart(core: DeskCore, c: CampaignRecord): (phone: string) => string | null {
  const schedule = c.schedule;
  if (schedule.mode !== 'recipient_local') return () => null;
  const zone = core.settings.get('business.timezone');
  const policy = c.quietHours ?? { start: core.settings.get('quietHours.start'), end: core.settings.get('quietHours.end'), excludedDays: [] };
  return (phone) => {
    const t = localSendTime(phone, schedule.time, schedule.date, zone, policy);
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
async function checkLaunchable(core: DeskCore, c: CampaignRecord, parsed: ParsedTemplate[]): Promise<void> {
  for (const p of parsed) {
    const bad = p.errors[0];
    if (bad) throw new AppError('invalid_input', `The message has a problem: ${bad.message}`);
  }
  if (c.provider !== 'sandbox') {
    if (!sendingNumber(core, c)) throw new AppError('invalid_input', `Set the ${c.provider} sending number (${c.provider}.from) before launching.`);
    core.provider(c.provider); // throws a clear error when the API key is missing
  }
  const count = await countAudience(core.db, c.audience, core.now());
  if (count.eligible === 0) {
    throw new AppError('invalid_input', `No one in this audience can be texted (${count.matched} matched; ${count.excluded.optedOut} opted out, ${count.excluded.notTextable} not textable, ${count.excluded.invalidPhone} invalid numbers).`);
  }
}

/**
 * Launch: snapshot the audience and render every message into the outbox before the first send, in chunks so the
 * main thread is never blocked for long. Resumable: an interrupted snapshot continues from its cursor, and the
 * (campaign, contact) unique index means no contact is queued twice.
 */
export async function snapshotCampaign(core: DeskCore, campaignId: number, opts: { chunk?: number } = {}): Promise<{ queued: number }> {
  const { db } = core;
  let c = getCampaign(db, campaignId);
  if (c.snapshotState === 'complete') return { queued: 0 };
  if (!['draft', 'scheduled', 'sending'].includes(c.status)) throw new AppError('conflict', `Campaign "${c.name}" is ${c.status} and cannot be launched.`);
  const plan: MessagePlan = assignMessages(c, c.ab ? [] : [campaignBody(db, c)], recipientLocalStart(core, c));
  const parsed = plan.bodies.map((b) => parseTemplate(b));
  if (c.snapshotState === 'none') await checkLaunchable(core, c, parsed);
  const links = prepareLinkTracking(core, c, plan.bodies);

  const nowIso = core.now().toISOString();
  db.prepare(`UPDATE campaigns SET status = 'sending', snapshot_state = 'running', launched_at = COALESCE(launched_at, ?), schedule_missed_at = NULL, updated_at = ? WHERE id = ?`).run(nowIso, nowIso, c.id);
  c = getCampaign(db, campaignId);

  const fieldKeys = [...new Set(parsed.flatMap((p) => p.tokens.flatMap((t) => (t.kind === 'variable' && t.fieldKey ? [t.fieldKey] : []))))];
  const fieldCols = fieldKeys.map(
    (_k, i) => `(SELECT v.value FROM contact_field_values v JOIN custom_fields f ON f.id = v.field_id WHERE v.contact_id = c.id AND f.key = @f${i}) AS f${i}`,
  );
  const where = audienceWhere(db, c.audience, core.now());
  const select = db.prepare(
    `SELECT c.id, c.phone, c.first_name, c.last_name, c.email${fieldCols.length ? `, ${fieldCols.join(', ')}` : ''}
     FROM contacts c WHERE ${ELIGIBLE_SQL} AND (${where.sql}) AND c.id > @cursor ORDER BY c.id LIMIT @limit`,
  );
  const insert = db.prepare(
    `INSERT OR IGNORE INTO outbox_messages (campaign_id, contact_id, kind, variant, to_phone, from_number, body, segments, provider, state, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, 'campaign', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setCursor = db.prepare('UPDATE campaigns SET snapshot_cursor = ? WHERE id = ?');
  const business = { name: core.settings.get('business.name'), contact: core.settings.get('business.contact') };
  const from = sendingNumber(core, c);
  const namedParams: Record<string, unknown> = Object.fromEntries(fieldKeys.map((k, i) => [`f${i}`, k]));
  // Positional filter parameters and named ones cannot mix in one statement: bind the filter's by position first.
  const bindArgs = (cursor: number) => [...where.params, { ...namedParams, cursor, limit: opts.chunk ?? CHUNK }];
  let cursor = c.snapshotCursor;
  let queued = 0;
  for (;;) {
    const created = core.now().toISOString();
    const batch = db.transaction(() => {
      const rows = select.all(...bindArgs(cursor)) as Array<Record<string, string | number | null>>;
      for (const r of rows) {
        const fields: Record<string, string | null> = {};
        fieldKeys.forEach((k, i) => (fields[k] = r[`f${i}`] as string | null));
        const pick = plan.pick(r.id as number);
        // Held recipients (A/B "test then winner") get their text when the winner is known.
        const rendered = pick.state === 'held' ? '' : renderParsed(parsed[pick.bodyIndex], {
          contact: { firstName: r.first_name as string | null, lastName: r.last_name as string | null, phone: r.phone as string, email: r.email as string | null, fields },
          business,
        }).text;
        // Tracked links replace the originals before segments are counted: the short link is what gets sent.
        const tracked = links.shorten(rendered);
        const info = insert.run(c.id, r.id, pick.variant, r.phone, from, tracked.text, pick.state === 'held' ? 0 : segmentsOf(tracked.text).segments, c.provider, pick.state, pick.notBefore(r.phone as string) ?? created, created, created);
        if (info.changes) links.record(Number(info.lastInsertRowid), r.id as number, pick.variant, tracked.links);
        queued += info.changes;
      }
      if (rows.length) setCursor.run(rows[rows.length - 1].id, c.id);
      return rows.length ? (rows[rows.length - 1].id as number) : null;
    });
    const last = batch.immediate();
    if (last === null) break;
    cursor = last;
    await yieldToLoop();
  }
  db.prepare(`UPDATE campaigns SET snapshot_state = 'complete', updated_at = ? WHERE id = ?`).run(core.now().toISOString(), c.id);
  if (c.templateId !== null) db.prepare('UPDATE templates SET last_used_at = ? WHERE id = ?').run(core.now().toISOString(), c.templateId);
  return { queued };
}

/** Resumes snapshots a crash interrupted (called at start-up). */
export async function resumeSnapshots(core: DeskCore): Promise<void> {
  const ids = core.db.prepare(`SELECT id FROM campaigns WHERE status = 'sending' AND snapshot_state = 'running'`).all() as { id: number }[];
  for (const { id } of ids) await snapshotCampaign(core, id);
}
