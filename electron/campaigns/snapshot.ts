import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { AppError } from '../../shared/errors';
import { parseTemplate, renderParsed, type ParsedTemplate } from '../../shared/templates';
import type { DeskCore } from '../core';
import { audienceWhere, ELIGIBLE_SQL } from '../contacts';
import { campaignBody, getCampaign, type CampaignRecord } from './model';
import { finishSnapshot, interruptedSnapshots, markTemplateUsed, startSnapshot } from './queries';
import { addStateCount, setSnapshotCursor } from './queries-snapshot';
import { anyEligible, countAudience } from './audience';
import { assignMessages, type MessagePick, type MessagePlan } from './variants';
import { localSendTime } from './quiet-hours/quietHours';
import { bestLocalTime } from '../analytics';
import { prepareLinkTracking } from '../abtests';
import { ownRecord } from '../../shared/own-keys';
import { channelsWriter } from './snapshot-channels';
import { pickSql } from './channel-pick';
import { channelWriter, checkChannelsLaunchable } from './snapshot-content';
import { emailBodies } from './channel-email';
import { setBased, templateReads } from './snapshot-set-based';
import { rowByRow, type ChunkWriter } from './snapshot-writer';
import { withBulkChunkSettings } from '../db/bulk-load';
import { transaction } from '../db/transaction';

/** Contacts per transaction: the first chunk, and the bounds the adaptive size stays within. */
const FIRST_CHUNK = 2000;
const MIN_CHUNK = 200;
const MAX_CHUNK = 20_000;
/** Main-thread time one chunk may take: well under the 50 ms the app must never block for. */
const CHUNK_MS = 20;

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
  // An e-mail or call A/B test's variants are e-mails or calls: its texts (if any) are the campaign's one message.
  const textAb = (c.ab?.channel ?? 'sms') === 'sms' ? c.ab : null;
  const bodies = textAb || !hasSms ? [] : [campaignBody(db, c)];
  const plan: MessagePlan = assignMessages({ ...c, ab: textAb }, bodies, notBefore);
  const parsed = plan.bodies.map((b) => parseTemplate(b));
  if (c.snapshotState === 'none') {
    if (smsOnly) await checkLaunchable(core, c, parsed);
    else await checkChannelsLaunchable(core, c, () => checkLaunchable(core, c, parsed, { anyone: false }));
  }
  const links = prepareLinkTracking(core, c, [
    ...plan.bodies,
    ...(c.channels.includes('email') ? emailBodies(core, c) : []),
  ]);

  const nowIso = core.now().toISOString();
  startSnapshot(db, c.id, nowIso);
  c = getCampaign(db, campaignId);
  const texting = { ...c, ab: textAb };

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
      ? rowByRow({ db, c: texting, from, where, pick, fieldCols, namedParams, plan, render, links })
      : setBased({
          db,
          c: texting,
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
        c.channels.map((ch) => (ch === 'sms' ? texts() : channelWriter(core, c, ch, where, from, notBefore, links))),
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
      // the foreign-key lookups SQLite would add per row can only succeed: they are off for the chunk alone. Nor does
      // a chunk wait for the disk: one lost to a power cut is written again on resume (its cursor is lost with it, in
      // the same transaction), and the next FULL commit — the dispatcher's claim, which commits `sending` before any
      // request — makes it durable too, the log being written in order.
      const done = withBulkChunkSettings(db, () =>
        transaction(
          db,
          () => {
            const r = write.chunk(cursor, chunk, created);
            // The snapshot keeps the campaign's counts itself (see migration 0008), in the transaction that inserts the rows.
            for (const [state, n] of Object.entries(r.inserted)) if (n) addStateCount(db, c.id, state, n);
            if (r.last !== null) setSnapshotCursor(db, c.id, r.last);
            return r;
          },
          { immediate: true },
        ),
      );
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
