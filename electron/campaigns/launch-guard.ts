import { launchFindings, launchRefusal, TYPED_COUNT_ABOVE, type LaunchFinding } from '../../shared/campaign-launch';
import { AppError } from '../../shared/errors';
import type { LaunchAcknowledgement, LaunchCheck } from '../../shared/ipc/channels/campaign-launch';
import { splitTestPhones } from '../../shared/test-phones';
import type { DeskCore } from '../core';
import { getSegment } from '../contacts';
import { phoneToE164 } from '../templates';
import { countAudience } from './audience';
import { countChannelReach } from './channel-reach';
import { gmailBulkFinding } from './gmail-volume';
import { launchCampaign, type CampaignStatusReport } from './lifecycle';
import { campaignBody, getCampaign, type CampaignRecord } from './model';

type GuardCore = Pick<DeskCore, 'db' | 'kdb' | 'settings' | 'now' | 'audit'>;

/** The text(s) a campaign sends: its body, or each A/B variant's (an e-mail or call A/B test's variants are no texts). */
export function campaignMessages(
  core: Pick<DeskCore, 'db'>,
  c: CampaignRecord,
): Array<{ variant: string | null; body: string }> {
  if (!c.channels.includes('sms')) return [];
  return c.ab && (c.ab.channel ?? 'sms') === 'sms'
    ? c.ab.variants.map((v) => ({ variant: v.name, body: v.body }))
    : [{ variant: null, body: campaignBody(core.db, c) }];
}

/**
 * Who the launch reaches: for a text campaign the textable contacts, as always; for one with e-mail or calls, the
 * contacts who get at least one of its messages (the snapshot's own channel pick), so the typed count and the
 * checks apply to an e-mail-only campaign too.
 */
async function launchReach(core: GuardCore, c: CampaignRecord): Promise<{ eligible: number; matched: number }> {
  if (c.channels.length === 1 && c.channels[0] === 'sms') return countAudience(core.db, c.audience, core.now());
  const r = await countChannelReach(core.db, c.audience, c.channels, c.everyChannel, core.now());
  return { eligible: r.matched - r.unreachable, matched: r.matched };
}

export function campaignFindings(core: Pick<DeskCore, 'db' | 'settings'>, c: CampaignRecord): LaunchFinding[] {
  return launchFindings(campaignMessages(core, c), core.settings.get('business.name'));
}

/** The text's findings and how it is sent (a large Gmail send from an unauthenticated domain): blocking ones first. */
async function allFindings(core: GuardCore, c: CampaignRecord): Promise<LaunchFinding[]> {
  const sending = await gmailBulkFinding(core, c);
  return [...(sending ? [sending] : []), ...campaignFindings(core, c)];
}

/** The owner's own numbers from the setting, as E.164. */
export function testPhones(core: Pick<DeskCore, 'settings'>): string[] {
  const country = core.settings.get('contacts.defaultCountry');
  return splitTestPhones(core.settings.get('business.testPhones')).map((p) => phoneToE164(p, country));
}

async function storedAcknowledgement(core: GuardCore, id: number): Promise<LaunchAcknowledgement | null> {
  const row = await core.kdb
    .selectFrom('campaigns')
    .select('launch_acknowledgement_json')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.launch_acknowledgement_json
    ? (JSON.parse(row.launch_acknowledgement_json) as LaunchAcknowledgement)
    : null;
}

/** What the launch confirmation states: audience, filters, start, findings, whether the count must be typed. */
export async function launchCheck(core: GuardCore, id: number): Promise<LaunchCheck> {
  const c = getCampaign(core.db, id);
  const count = await launchReach(core, c);
  const segment = c.audience.segmentId !== undefined ? getSegment(core.db, c.audience.segmentId) : null;
  return {
    id,
    name: c.name,
    eligible: count.eligible,
    matched: count.matched,
    segment: segment ? { id: segment.id, name: segment.name } : null,
    tags: c.audience.tags ?? [],
    excludeTags: c.audience.excludeTags ?? [],
    minDaysSinceContact: c.audience.minDaysSinceContact ?? null,
    startsAt: c.schedule.mode === 'now' ? null : c.scheduledAt,
    recipientLocal: c.schedule.mode === 'recipient_local' ? { date: c.schedule.date, time: c.schedule.time } : null,
    findings: await allFindings(core, c),
    typedCountRequired: count.eligible > TYPED_COUNT_ABOVE,
    testPhones: testPhones(core),
    acknowledgement: await storedAcknowledgement(core, id),
  };
}

/**
 * The launch the owner asks for (UI and CLI): a draft with a blocking compliance finding launches only with a
 * reason, which is audited and stored with the campaign; above 1,000 recipients only with the exact count typed.
 * A scheduled campaign was checked when it was scheduled; its due launch (and the scheduler) goes straight on.
 */
export async function guardedLaunch(
  core: DeskCore,
  id: number,
  opts: { confirmLate?: boolean; acknowledge?: string; confirmCount?: number },
): Promise<CampaignStatusReport> {
  const c = getCampaign(core.db, id);
  const eligible = c.status === 'draft' ? (await launchReach(core, c)).eligible : 0;
  // An audience nobody can be reached in is refused by the launch itself, with that reason.
  if (eligible > 0) {
    const findings = await allFindings(core, c);
    const refusal = launchRefusal(
      { campaignName: c.name, findings, eligible, acknowledgement: opts.acknowledge, confirmCount: opts.confirmCount },
      {
        acknowledge: `campaigns launch ${id} --acknowledge "your reason"`,
        confirmCount: (n) => `campaigns launch ${id} --confirm-count ${n}`,
      },
    );
    if (refusal) throw new AppError('invalid_input', refusal);
    const blocking = findings.filter((f) => f.blocking).map((f) => f.code);
    if (blocking.length && opts.acknowledge) {
      const ack: LaunchAcknowledgement = {
        reason: opts.acknowledge.trim(),
        findings: blocking,
        at: core.now().toISOString(),
      };
      await core.kdb
        .updateTable('campaigns')
        .set({ launch_acknowledgement_json: JSON.stringify(ack) })
        .where('id', '=', id)
        .execute();
      core.audit('campaign.acknowledge', String(id), ack);
    }
    if (eligible > TYPED_COUNT_ABOVE)
      core.audit('campaign.confirmCount', String(id), { typed: opts.confirmCount, eligible });
  }
  return launchCampaign(core, id, { confirmLate: opts.confirmLate });
}
