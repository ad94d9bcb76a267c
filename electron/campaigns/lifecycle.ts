import { AppError } from '../../shared/errors';
import type { DeskCore } from '../core';
import { getCampaign } from './model';
import type { CampaignStatusView } from '../../shared/ipc/channels/campaigns';
import { snapshotCampaign } from './snapshot';
import { campaignCounts } from './dispatch/record';
import { runDueSeries } from './series/runner';
import { quietHoursWait } from './waiting';
import {
  cancelWithUnsent,
  dueScheduledCampaigns,
  markScheduleMissed,
  setCampaignStatus,
  setLastError,
} from './queries';
import { transaction } from '../db/transaction';

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
export async function launchCampaign(
  core: DeskCore,
  id: number,
  opts: { confirmLate?: boolean } = {},
): Promise<CampaignStatusReport> {
  const c = getCampaign(core.db, id);
  const now = core.now();
  const due = !c.scheduledAt || Date.parse(c.scheduledAt) <= now.getTime();
  if (c.status === 'scheduled' && !due)
    throw new AppError('conflict', `Campaign "${c.name}" is already scheduled for ${c.scheduledAt}.`);
  if (c.status !== 'draft' && c.status !== 'scheduled')
    throw new AppError('conflict', `Campaign "${c.name}" is ${c.status}; only a draft can be launched.`);
  if (c.status === 'draft' && !due) {
    setCampaignStatus(core.db, id, 'scheduled', now.toISOString());
    core.audit('campaign.schedule', String(id), { at: c.scheduledAt });
    changed(core);
    return campaignStatus(core, id);
  }
  const graceMs = core.settings.get('schedule.graceMinutes') * 60_000;
  if (c.scheduledAt && now.getTime() - Date.parse(c.scheduledAt) > graceMs && !opts.confirmLate) {
    markScheduleMissed(core.db, id, now.toISOString());
    changed(core);
    throw new AppError(
      'conflict',
      `Campaign "${c.name}" was scheduled for ${c.scheduledAt}, more than ${graceMs / 60_000} minutes ago. Confirm to send it now, reschedule it, or cancel it.`,
    );
  }
  core.audit('campaign.launch', String(id), { late: !!opts.confirmLate });
  await snapshotCampaign(core, id);
  changed(core);
  return campaignStatus(core, id);
}

export function pauseCampaign(core: DeskCore, id: number): CampaignStatusReport {
  const c = getCampaign(core.db, id);
  if (c.status !== 'sending')
    throw new AppError('conflict', `Campaign "${c.name}" is ${c.status}; only a sending campaign can be paused.`);
  setCampaignStatus(core.db, id, 'paused', core.now().toISOString());
  core.audit('campaign.pause', String(id));
  changed(core);
  return campaignStatus(core, id);
}

export function resumeCampaign(core: DeskCore, id: number): CampaignStatusReport {
  const c = getCampaign(core.db, id);
  if (c.status !== 'paused')
    throw new AppError('conflict', `Campaign "${c.name}" is ${c.status}; only a paused campaign can be resumed.`);
  setCampaignStatus(core.db, id, 'sending', core.now().toISOString(), { lastError: null });
  core.audit('campaign.resume', String(id));
  changed(core);
  return campaignStatus(core, id);
}

/** Stops a campaign for good: what has not been handed to the provider is skipped; in-flight sends finish. */
export function cancelCampaign(core: DeskCore, id: number): CampaignStatusReport {
  const c = getCampaign(core.db, id);
  if (c.status === 'completed' || c.status === 'cancelled')
    throw new AppError('conflict', `Campaign "${c.name}" is already ${c.status}.`);
  const nowIso = core.now().toISOString();
  transaction(core.db, () => cancelWithUnsent(core.db, id, nowIso), { immediate: true });
  core.audit('campaign.cancel', String(id));
  changed(core);
  return campaignStatus(core, id);
}

/**
 * Runs due schedules. Never fires blindly: a schedule missed by more than the grace period (the app was closed)
 * is marked and waits for the owner to confirm.
 */
export async function runDueSchedules(core: DeskCore): Promise<number[]> {
  // A recurring campaign's row shows its next occurrence; series/runner.ts runs those.
  const due = dueScheduledCampaigns(core.db, core.now().toISOString());
  const launched: number[] = [];
  for (const id of due) {
    try {
      await launchCampaign(core, id);
      launched.push(id);
    } catch (err) {
      setLastError(core.db, id, err instanceof Error ? err.message : String(err), core.now().toISOString());
    }
  }
  launched.push(...(await runDueSeries(core, launchCampaign)));
  return launched;
}
