import { AppError } from '../../shared/errors';
import { decide, type Verdict } from '../../shared/abtests';
import type { DeskCore } from '../core';
import { getCampaign, type CampaignRecord } from '../campaigns';
import { recordKeywordConversions } from './conversions';
import { conversionKeywords } from '../analytics';
import { campaignMetrics, type CampaignMetrics } from './metrics';
import { loadAbState, saveDecision, saveLooks, type AbState } from './state';
import { transaction } from '../db/transaction';

export interface AbEvaluation {
  campaign: CampaignRecord & { ab: NonNullable<CampaignRecord['ab']> };
  metrics: CampaignMetrics;
  verdict: Verdict;
  decidedAt: string | null;
  state: AbState;
  settings: {
    confidence: number;
    minSamplePerVariant: number;
    attributionHours: number;
    winnerMode: 'automatic' | 'approve';
  };
}

/** "A" reads as "Variant A" in a sentence; a descriptive name ("Short version") stands on its own. */
export function variantLabel(name: string): string {
  return name.trim().length <= 2 ? `Variant ${name.trim()}` : name.trim();
}

export function abCampaign(core: Pick<DeskCore, 'db'>, campaignId: number): AbEvaluation['campaign'] {
  const c = getCampaign(core.db, campaignId);
  if (!c.ab)
    throw new AppError('invalid_input', `Campaign "${c.name}" is not an A/B test: it sends one message to everyone.`);
  return c as AbEvaluation['campaign'];
}

/**
 * The current verdict of an A/B test, under the group-sequential peeking guard: each check that counts as a new
 * look is stored before anyone sees its answer, so opening the report often cannot manufacture a winner. Once the
 * verdict is final it is stored and every later report shows that same verdict, while the table keeps counting.
 *
 * The sample the test is planned for is the smaller variant's test messages that count now or still may
 * (minus failures), at least the minimum sample; when every test message's window has closed, that is exactly what
 * was measured, so the last look happens and the test ends with a verdict either way.
 */
export function evaluateAbTest(
  core: Pick<DeskCore, 'db' | 'settings' | 'now' | 'audit'>,
  campaignId: number,
): AbEvaluation {
  const { db, settings } = core;
  const s = {
    confidence: settings.get('abtests.confidence'),
    minSamplePerVariant: settings.get('abtests.minSamplePerVariant'),
    attributionHours: settings.get('abtests.attributionHours'),
    winnerMode: settings.get('abtests.winnerMode'),
  };
  return transaction(
    db,
    (): AbEvaluation => {
      const campaign = abCampaign(core, campaignId);
      const now = core.now();
      const nowIso = now.toISOString();
      const state = loadAbState(db, campaignId, nowIso);
      recordKeywordConversions(
        db,
        campaignId,
        conversionKeywords(settings),
        s.attributionHours,
        settings.get('business.currency'),
      );
      const metrics = campaignMetrics(db, campaign, { now, attributionHours: s.attributionHours });
      if (state.verdict)
        return { campaign, metrics, verdict: state.verdict, decidedAt: state.verdict.decidedAt, state, settings: s };

      const eventual = Math.min(...metrics.variants.map((v) => v.eventual));
      const verdict = decide({
        variants: metrics.variants.map((v) => ({
          name: variantLabel(v.name),
          delivered: v.settled.denominator,
          successes: v.settled.successes,
        })),
        metric: campaign.ab.metric,
        minSamplePerVariant: s.minSamplePerVariant,
        confidence: s.confidence,
        plannedSamplePerVariant: Math.max(s.minSamplePerVariant, eventual),
        looks: state.looks,
      });
      // A new look is stored at once: the next report's threshold depends on every look already taken.
      if (verdict.guard.looks && verdict.guard.looks.length > state.looks.length) {
        saveLooks(db, campaignId, verdict.guard.looks, nowIso);
        state.looks = verdict.guard.looks;
      }
      if (verdict.decided) {
        const approval =
          verdict.winner !== null && campaign.ab.testPercent !== undefined
            ? s.winnerMode === 'automatic'
              ? 'automatic'
              : 'awaiting'
            : 'none';
        if (saveDecision(db, campaignId, verdict, approval, nowIso)) {
          core.audit(
            'abtest.decided',
            String(campaignId),
            { winner: verdict.winner, reason: verdict.reason, pValue: verdict.test?.pValue ?? null },
            'abtests',
          );
        }
        const stored = loadAbState(db, campaignId, nowIso);
        return {
          campaign,
          metrics,
          verdict,
          decidedAt: stored.verdict?.decidedAt ?? nowIso,
          state: stored,
          settings: s,
        };
      }
      return { campaign, metrics, verdict, decidedAt: null, state, settings: s };
    },
    { immediate: true },
  );
}

/** Whether the rest of the audience should get the winner now without asking (or a release was interrupted). */
export function releaseIsDue(e: AbEvaluation): boolean {
  const { state, campaign } = e;
  if (campaign.ab.testPercent === undefined || campaign.status === 'cancelled' || campaign.snapshotState !== 'complete')
    return false;
  if (state.winnerSentAt !== null) return state.winnerDoneAt === null;
  if (state.winnerIndex === null) return false;
  return state.approval === 'automatic' || (state.approval === 'awaiting' && e.settings.winnerMode === 'automatic');
}
