import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { AppError } from '../../shared/errors';
import { parseTemplate, renderParsed, segmentsOf } from '../../shared/templates';
import type { SendWinnerResult } from '../../shared/ipc/channels/abtests';
import type { DeskCore } from '../core';
import { prepareLinkTracking } from './links';
import { abCampaign, variantLabel } from './evaluate';
import { loadAbState } from './state';
import { ownRecord } from '../../shared/own-keys';
import { claimRelease, customFieldValues, heldMessages, markReleaseDone } from './queries';
import { heldMessageStatements } from './queries-hot';
import { heldEmailRelease } from './winner-email';
import { transaction } from '../db/transaction';

const CHUNK = 1000;

/** Releases in progress in this process, so two clicks on "Send winner" share one run instead of racing. */
const running = new Map<string, Promise<SendWinnerResult>>();

type WinnerCore = Pick<DeskCore, 'db' | 'settings' | 'secrets' | 'now' | 'audit' | 'events' | 'paths'>;

/**
 * Sends the chosen variant to the held-back rest of a "test, then send the winner" campaign: each held message is
 * rendered for its contact (fields, business details, tracked links) and queued. Exactly once:
 * - the choice is fixed by `winner_sent_at` in the same transaction as the first chunk, so a second call (or
 *   another process) can only continue the same release, never start a different one;
 * - a message moves from `held` to `queued` only while it is still `held`, so no contact is queued twice;
 * - an interrupted release continues where it stopped when called again (the background check does that).
 * `variant` is the owner's choice; without it the verdict's winner goes.
 */
export function sendWinner(
  core: WinnerCore,
  campaignId: number,
  opts: { variant?: number; actor?: string; chunk?: number } = {},
): Promise<SendWinnerResult> {
  const key = `${core.paths.dbPath}#${campaignId}`;
  const previous = running.get(key) ?? Promise.resolve(null);
  const next = previous.catch(() => null).then(() => releaseWinner(core, campaignId, opts));
  running.set(key, next);
  void next.finally(() => running.get(key) === next && running.delete(key)).catch(() => undefined);
  return next;
}

function chooseVariant(
  core: WinnerCore,
  campaignId: number,
  requested: number | undefined,
): { variant: number; chosenBy: 'verdict' | 'owner'; alreadySent: boolean; sentAt: string | null } {
  const c = abCampaign(core, campaignId);
  const ab = c.ab;
  if (ab.testPercent === undefined) {
    throw new AppError(
      'invalid_input',
      `Campaign "${c.name}" sends every variant to its share of the whole audience; there is no held-back rest to send a winner to.`,
    );
  }
  if (requested !== undefined && (requested < 0 || requested >= ab.variants.length)) {
    throw new AppError(
      'invalid_input',
      `Campaign "${c.name}" has ${ab.variants.length} variants; there is no variant ${requested + 1}.`,
    );
  }
  const state = loadAbState(core.db, campaignId, core.now().toISOString());
  if (state.winnerSentAt !== null && state.releaseIndex !== null) {
    if (requested !== undefined && requested !== state.releaseIndex) {
      throw new AppError(
        'conflict',
        `${variantLabel(ab.variants[state.releaseIndex].name)} was already chosen for the rest of the audience on ${state.winnerSentAt}; it cannot be changed.`,
      );
    }
    return {
      variant: state.releaseIndex,
      chosenBy: state.releaseChosenBy ?? 'verdict',
      alreadySent: true,
      sentAt: state.winnerSentAt,
    };
  }
  if (c.status === 'cancelled' || c.status === 'completed')
    throw new AppError(
      'conflict',
      `Campaign "${c.name}" is ${c.status}; its held-back contacts can no longer be ${ab.channel === 'email' ? 'e-mailed' : 'texted'}.`,
    );
  if (c.snapshotState !== 'complete')
    throw new AppError(
      'conflict',
      `Campaign "${c.name}" has not finished preparing its messages yet; try again in a moment.`,
    );
  if (requested !== undefined)
    return {
      variant: requested,
      chosenBy: requested === state.winnerIndex ? 'verdict' : 'owner',
      alreadySent: false,
      sentAt: null,
    };
  if (state.winnerIndex === null) {
    const why = state.verdict ? state.verdict.sentence : 'the test has no winner yet.';
    throw new AppError(
      'conflict',
      `There is no winner to send: ${why} Choose the variant the rest of the audience should get.`,
    );
  }
  return { variant: state.winnerIndex, chosenBy: 'verdict', alreadySent: false, sentAt: null };
}

async function releaseWinner(
  core: WinnerCore,
  campaignId: number,
  opts: { variant?: number; actor?: string; chunk?: number },
): Promise<SendWinnerResult> {
  const { db } = core;
  const choice = chooseVariant(core, campaignId, opts.variant);
  const c = abCampaign(core, campaignId);
  const winner = c.ab.variants[choice.variant];
  const parsed = parseTemplate(winner.body);
  const links = prepareLinkTracking(
    core,
    c,
    c.ab.variants.map((v) => v.body),
  );
  // An e-mail test's rest gets the winner's e-mail, rendered as the test's e-mails were (winner-email.ts).
  const mail = c.ab.channel === 'email' ? heldEmailRelease(core, c, choice.variant, links) : null;
  const fieldKeys = mail
    ? []
    : [...new Set(parsed.tokens.flatMap((t) => (t.kind === 'variable' && t.fieldKey ? [t.fieldKey] : [])))];
  const held = heldMessageStatements(db);
  const business = { name: core.settings.get('business.name'), contact: core.settings.get('business.contact') };
  let released = 0;
  let skipped = 0;
  let sentAt = choice.sentAt;

  for (;;) {
    const nowIso = core.now().toISOString();
    const done = transaction(
      db,
      () => {
        if (sentAt === null) {
          if (!claimRelease(db, campaignId, { index: choice.variant, chosenBy: choice.chosenBy }, nowIso)) {
            // Another process chose first: continue its release if it is the same variant, otherwise stop.
            const state = loadAbState(db, campaignId, nowIso);
            if (state.releaseIndex !== choice.variant)
              throw new AppError(
                'conflict',
                'Another variant was chosen for the rest of the audience at the same moment; nothing was sent twice.',
              );
          }
          sentAt = nowIso;
        }
        const rows = heldMessages(db, campaignId, opts.chunk ?? CHUNK);
        const values = new Map<string, string>();
        for (const v of customFieldValues(
          db,
          rows.flatMap((r) => (r.contactId === null ? [] : [r.contactId])),
          fieldKeys,
        ))
          values.set(`${v.contactId}\u0000${v.key}`, v.value);
        const emailable = mail?.reachable(rows.flatMap((r) => (r.contactId === null ? [] : [r.contactId])));
        for (const r of rows) {
          if (r.contactId === null || r.phone === null) {
            skipped += held.skip(
              r.id,
              { code: 'contact_deleted', message: 'The contact was deleted before the winner was sent' },
              nowIso,
            );
            continue;
          }
          if (mail && emailable) {
            if (!emailable.has(r.contactId))
              skipped += held.skip(
                r.id,
                { code: 'opted_out', message: 'Recipient unsubscribed or bounced before the winner was sent' },
                nowIso,
              );
            else if (mail.queue({ ...r, contactId: r.contactId, phone: r.phone }, nowIso)) released++;
            continue;
          }
          if (r.optedOut === 1) {
            skipped += held.skip(
              r.id,
              { code: 'opted_out', message: 'Recipient opted out before the winner was sent' },
              nowIso,
            );
            continue;
          }
          const fields = ownRecord<string | null>();
          for (const k of fieldKeys) fields[k] = values.get(`${r.contactId}\u0000${k}`) ?? null;
          const text = renderParsed(parsed, {
            contact: { firstName: r.first_name, lastName: r.last_name, phone: r.phone, email: r.email, fields },
            business,
          }).text;
          const tracked = links.shorten(text);
          if (
            held.queue(
              r.id,
              { body: tracked.text, segments: segmentsOf(tracked.text).segments, variant: winner.name },
              nowIso,
            )
          ) {
            links.record(r.id, r.contactId, winner.name, tracked.links);
            released++;
          }
        }
        if (rows.length === 0) markReleaseDone(db, campaignId, nowIso);
        return rows.length === 0;
      },
      { immediate: true },
    );
    if (done) break;
    await yieldToLoop();
  }
  if (released || skipped) {
    core.audit(
      'abtest.sendWinner',
      String(campaignId),
      { variant: winner.name, chosenBy: choice.chosenBy, released, skipped },
      opts.actor ?? 'user',
    );
    core.events.emit('app:dataChanged', { area: 'campaigns' });
  }
  return {
    campaignId,
    variant: choice.variant,
    variantName: winner.name,
    chosenBy: choice.chosenBy,
    released,
    skipped,
    alreadySent: choice.alreadySent,
    sentAt: sentAt ?? core.now().toISOString(),
  };
}
