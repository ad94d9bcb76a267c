import { AppError } from '../../shared/errors';
import type { DeskCore } from '../core';
import { getCampaign } from './model';
import type { CampaignStatusView } from '../../shared/ipc/channels/campaigns';
import { snapshotCampaign } from './snapshot';
import { campaignCounts } from './dispatch/record';
import { runDueSeries } from './series/runner';
import { quietHoursWait } from './waiting';

export type CampaignStatusReport = CampaignStatusView;

export function campaignStatus(core: DeskCore, id: number): CampaignStatusReport {
  const c = getCampaign(core.db, id);
  const s = campaignCounts(core.db, id);
  const n = (k: string) => s[k] ?? 0;
  return {
    id,
    status: c.status,
    audience: Object.values(s).reduce((a, b) => a + b, 0),
    counts: {
      queued: n('queued') + n('retry_wait') + n('held'),
      sending: n('sending'),
      sent: n('sent'),
      delivered: n('delivered'),
      failed: n('failed') + n('undelivered'),
      unknown: n('unknown'),
      skipped: n('skipped'),
    },
    states: s,
    scheduledAt: c.scheduledAt,
    scheduleMissedAt: c.scheduleMissedAt,
    lastError: c.lastError,
    // Only a campaign that is sending can have messages held for their window.
    quietHours: c.status === 'sending' && (n('queued') || n('retry_wait')) ? quietHoursWait(core, id) : null,
  };
}

const changed = (core: DeskCore) => core.events.emit('app:dataChanged', { area: 'campaigns' });

/** Launch now, or schedule; a schedule in the past by more than the grace period needs `confirmLate`. */
export async function launchCampaign(core: DeskCore, id: number, opts: { confirmLate?: boolean } = {}): Promise<CampaignStatusReport> {
  const c = getCampaign(core.db, id);
  const now = core.now();
  const due = !c.scheduledAt || Date.parse(c.scheduledAt) <= now.getTime();
  if (c.status === 'scheduled' && !due) throw new AppError('conflict', `Campaign "${c.name}" is already scheduled for ${c.scheduledAt}.`);
  if (c.status !== 'draft' && c.status !== 'scheduled') throw new AppError('conflict', `Campaign "${c.name}" is ${c.status}; only a draft can be launched.`);
  if (c.status === 'draft' && !due) {
    core.db.prepare(`UPDATE campaigns SET status = 'scheduled', updated_at = ? WHERE id = ?`).run(now.toISOString(), id);
    core.audit('campaign.schedule', String(id), { at: c.scheduledAt });
    changed(core);
    return campaignStatus(core, id);
  }
  const graceMs = core.settings.get('schedule.graceMinutes') * 60_000;
  if (c.scheduledAt && now.getTime() - Date.parse(c.scheduledAt) > graceMs && !opts.confirmLate) {
    core.db.prepare(`UPDATE campaigns SET status = 'scheduled', schedule_missed_at = COALESCE(schedule_missed_at, ?), updated_at = ? WHERE id = ?`).run(now.toISOString(), now.toISOString(), id);
    changed(core);
    throw new AppError('conflict', `Campaign "${c.name}" was scheduled for ${c.scheduledAt}, more than ${graceMs / 60_000} minutes ago. Confirm to send it now, reschedule it, or cancel it.`);
  }
  core.audit('campaign.launch', String(id), { late: !!opts.confirmLate });
  await snapshotCampaign(core, id);
  changed(core);
  return campaignStatus(core, id);
}

export function pauseCampaign(core: DeskCore, id: number): CampaignStatusReport {
  const c = getCampaign(core.db, id);
  if (c.status !== 'sending') throw new AppError('conflict', `Campaign "${c.name}" is ${c.status}; only a sending campaign can be paused.`);
  core.db.prepare(`UPDATE campaigns SET status = 'paused', updated_at = ? WHERE id = ?`).run(core.now().toISOString(), id);
  core.audit('campaign.pause', String(id));
  changed(core);
  return campaignStatus(core, id);
}

export function resumeCampaign(core: DeskCore, id: number): CampaignStatusReport {
  const c = getCampaign(core.db, id);
  if (c.status !== 'paused') throw new AppError('conflict', `Campaign "${c.name}" is ${c.status}; only a paused campaign can be resumed.`);
  core.db.prepare(`UPDATE campaigns SET status = 'sending', last_error = NULL, updated_at = ? WHERE id = ?`).run(core.now().toISOString(), id);
  core.audit('campaign.resume', String(id));
  changed(core);
  return campaignStatus(core, id);
}

/** Stops a campaign for good: what has not been handed to the provider is skipped; in-flight sends finish. */
export function cancelCampaign(core: DeskCore, id: number): CampaignStatusReport {
  const c = getCampaign(core.db, id);
  if (c.status === 'completed' || c.status === 'cancelled') throw new AppError('conflict', `Campaign "${c.name}" is already ${c.status}.`);
  const nowIso = core.now().toISOString();
  core.db.transaction(() => {
    core.db.prepare(`UPDATE campaigns SET status = 'cancelled', completed_at = ?, updated_at = ? WHERE id = ?`).run(nowIso, nowIso, id);
    core.db
      .prepare(`UPDATE outbox_messages SET state = 'skipped', error_code = 'cancelled', error_message = 'Campaign cancelled before this message was sent', updated_at = ? WHERE campaign_id = ? AND state IN ('queued', 'retry_wait', 'held')`)
      .run(nowIso, id);
  }).immediate();
  core.audit('campaign.cancel', String(id));
  changed(core);
  return campaignStatus(core, id);
}

/**
 * Runs due schedules. Never fires blindly: a schedule missed by more than the grace period (the app was closed)
 * is marked and waits for the owner to confirm.
 */
export async function runDueSchedules(core: DeskCore): Promise<number[]> {
  const due = core.db
    // A recurring campaign's row shows its next occurrence; series/runner.ts runs those.
    .prepare(`SELECT id FROM campaigns WHERE status = 'scheduled' AND schedule_missed_at IS NULL AND scheduled_at <= ? AND id NOT IN (SELECT campaign_id FROM campaign_series)`)
    .all(core.now().toISOString()) as { id: number }[];
  const launched: number[] = [];
  for (const { id } of due) {
    try {
      await launchCampaign(core, id);
      launched.push(id);
    } catch (err) {
      const message = (err as Error).message;
      core.db.prepare(`UPDATE campaigns SET last_error = ?, updated_at = ? WHERE id = ?`).run(message, core.now().toISOString(), id);
    }
  }
  launched.push(...(await runDueSeries(core, launchCampaign)));
  return launched;
}
