import { metricNoun, wilsonInterval } from '../../shared/abtests';
import { formatCount } from '../../shared/abtests/wording';
import type { AbReport, WinnerReleaseState } from '../../shared/ipc/channels/abtests';
import type { DeskCore } from '../core';
import { evaluateAbTest, releaseIsDue, variantLabel, type AbEvaluation } from './evaluate';
import { sendWinner } from './winner';

export const OPENED_NOTE =
  'SMS has no "opened": phones do not tell the sender when a text is read, so this report compares replies, link clicks, conversions and opt-outs instead.';

export const EMAIL_OPENED_NOTE =
  'E-mail "opens" are not counted: mail apps load or block the images that report them at will, and mail scanners open messages nobody reads, so this report compares link clicks and conversions instead.';

export const VOICE_OPENED_NOTE =
  'Calls get no replies, link clicks or opens to count: this report compares the conversions you record (a booking, a sale) per answered call, and shows how many pressed the opt-out key as a guard.';

const PROVIDER_NAME: Record<string, string> = { sandbox: 'the Sandbox', quo: 'Quo', twilio: 'Twilio' };

/**
 * The A/B report: evaluates the test (storing a new look or the final verdict), sends the winner to the rest of
 * the audience first when that is due without approval, then describes everything for the owner.
 */
export async function abTestReport(core: DeskCore, campaignId: number): Promise<AbReport> {
  let evaluation = evaluateAbTest(core, campaignId);
  if (releaseIsDue(evaluation)) {
    await sendWinner(core, campaignId, { actor: 'abtests' });
    evaluation = evaluateAbTest(core, campaignId);
  }
  return describeAbTest(evaluation, core.now());
}

function winnerState(e: AbEvaluation): WinnerReleaseState {
  const { campaign, state, metrics } = e;
  if (campaign.ab.testPercent === undefined) return 'not_applicable';
  if (state.winnerSentAt !== null)
    return state.winnerDoneAt === null || (metrics.remainder?.queued ?? 0) > 0 ? 'sending' : 'sent';
  if (campaign.status === 'cancelled') return 'cancelled';
  if (state.decisionNeededAt !== null) return 'decision_needed';
  if (e.verdict.decided) return e.verdict.winner !== null ? 'awaiting_approval' : 'owner_choice';
  return 'waiting_for_verdict';
}

function winnerNote(e: AbEvaluation, state: WinnerReleaseState): string {
  const { campaign, metrics } = e;
  const r = metrics.remainder;
  const held = formatCount(r?.held ?? 0);
  const chosen = e.state.releaseIndex ?? e.verdict.winner;
  const name = chosen === null ? '' : variantLabel(campaign.ab.variants[chosen].name);
  const byEmail = campaign.ab.channel === 'email';
  switch (state) {
    case 'not_applicable':
      return 'Every contact in the audience got one of the variants; there is no held-back rest.';
    case 'waiting_for_verdict':
      return `${held} contacts (${100 - (campaign.ab.testPercent ?? 0)}% of the ${byEmail ? 'e-mail ' : ''}audience) are held back and get the winning variant once the test has one.`;
    case 'awaiting_approval':
      return `${name} won. ${held} held-back contacts are waiting for it: send it when you are ready.`;
    case 'decision_needed':
      return `The test could not name a winner by its deadline (${e.state.decisionNeededAt}) and no default variant was chosen. ${held} held-back contacts are waiting: choose the variant they get.`;
    case 'owner_choice':
      return `The test ended without a single winner. ${held} held-back contacts are waiting: choose the variant they get.`;
    case 'sending':
      return `Sending ${name} to the rest of the audience: ${formatCount((r?.queued ?? 0) + (r?.held ?? 0))} still to go.`;
    case 'sent':
      return `${name} went to the rest of the audience${byEmail ? ' by e-mail' : ''} (${e.state.releaseChosenBy === 'owner' ? 'your choice' : 'the winner'}): ${formatCount((r?.sent ?? 0) + (r?.delivered ?? 0))} sent, ${formatCount(r?.failed ?? 0)} failed, ${formatCount(r?.skipped ?? 0)} skipped.`;
    case 'cancelled':
      return `The campaign was cancelled; the held-back contacts were not ${byEmail ? 'e-mailed' : 'texted'}.`;
  }
}

function settledNote(e: AbEvaluation): string {
  const hours = e.settings.attributionHours;
  const measured = e.metrics.variants.reduce((sum, v) => sum + v.denominator, 0);
  const settled = e.metrics.settledMessages;
  const noun = metricNoun(e.campaign.ab.metric);
  if (measured === 0) return `Nothing has been ${e.metrics.basis} yet.`;
  if (settled === 0)
    return `The verdict waits until messages are ${hours} hours old, so that late ${noun} are counted fairly for every variant; none is yet.`;
  if (settled === measured)
    return `Every ${e.metrics.basis} test message is past its ${hours}-hour window, so these numbers are final.`;
  return `The verdict counts the ${formatCount(settled)} of ${formatCount(measured)} ${e.metrics.basis} test messages whose ${hours}-hour window has closed; ${noun} to newer ones can still arrive.`;
}

/** What the rates are taken over, in words: a call counts once answered (a person or a voicemail), else once placed. */
function measuredUnit(e: AbEvaluation): string {
  if (e.campaign.ab.channel !== 'voice') return `${e.metrics.basis} messages`;
  return e.metrics.basis === 'delivered' ? 'answered calls' : 'placed calls';
}

/**
 * The verdict's sentence counts only messages whose window has closed; while the table already shows newer ones,
 * "Variant A has 0" next to 14 delivered would read as a mistake, so the sentence says which messages it waits for.
 */
function verdictSentence(e: AbEvaluation): string {
  const { verdict, metrics, settings } = e;
  if (verdict.decided || verdict.reason !== 'not_enough_data') return verdict.sentence;
  if (!metrics.variants.some((v) => v.denominator > v.settled.denominator)) return verdict.sentence;
  const detail = metrics.variants
    .map((v) => `${variantLabel(v.name)} has ${formatCount(v.settled.denominator)} of ${formatCount(v.denominator)}`)
    .join(', ');
  return `Not enough data yet: each variant needs at least ${formatCount(settings.minSamplePerVariant)} ${measuredUnit(e)} whose ${settings.attributionHours}-hour window has closed (${detail}).`;
}

export function describeAbTest(e: AbEvaluation, now: Date): AbReport {
  const { campaign, metrics, verdict } = e;
  const state = winnerState(e);
  const chosen = e.state.releaseIndex ?? (verdict.decided ? verdict.winner : null);
  const channel = campaign.ab.channel ?? 'sms';
  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      status: campaign.status,
      provider: campaign.provider,
      trackLinks: campaign.trackLinks,
      launchedAt: campaign.launchedAt,
    },
    metric: campaign.ab.metric,
    metricNoun: metricNoun(campaign.ab.metric),
    confidence: e.settings.confidence,
    minSamplePerVariant: e.settings.minSamplePerVariant,
    testPercent: campaign.ab.testPercent ?? null,
    basis: metrics.basis,
    channel,
    basisNote:
      metrics.basis === 'sent' && channel === 'email'
        ? 'No delivery receipt has arrived for these e-mails (an SMTP server accepts an e-mail but never says it arrived; Postmark and the Sandbox do), so rates are per sent e-mail rather than per delivered one.'
        : metrics.basis === 'sent' && channel === 'voice'
          ? 'No call has reported being answered yet (Twilio says so in its status callbacks), so rates are per placed call rather than per answered one. Check that Twilio’s callbacks reach the relay (webhooks.publicUrl).'
          : metrics.basis === 'sent'
            ? `No delivery receipt has arrived from ${PROVIDER_NAME[campaign.provider] ?? campaign.provider} for this campaign, so rates are per sent message rather than per delivered one. Check that the provider's webhooks reach the relay (webhooks.publicUrl).`
            : null,
    attributionHours: e.settings.attributionHours,
    settledMessages: metrics.settledMessages,
    settledNote: settledNote(e),
    variants: metrics.variants.map((v) => {
      const estimate = v.denominator > 0 ? wilsonInterval(v.successes, v.denominator, e.settings.confidence) : null;
      const { settled: _settled, eventual: _eventual, ...counts } = v;
      return {
        ...counts,
        label: variantLabel(v.name),
        body: campaign.ab.variants[v.index].body,
        subject: campaign.ab.variants[v.index].subject ?? null,
        recordingUrl: campaign.ab.variants[v.index].recordingUrl ?? null,
        rate: estimate?.rate ?? null,
        interval: estimate ? { low: estimate.low, high: estimate.high } : null,
      };
    }),
    verdict: {
      sentence: verdictSentence(e),
      recommendation: verdict.recommendation,
      reason: verdict.reason,
      decided: verdict.decided,
      winner: verdict.winner,
      test: verdict.test,
      guard: verdict.guard,
      decidedAt: e.decidedAt,
    },
    openedNote: channel === 'email' ? EMAIL_OPENED_NOTE : channel === 'voice' ? VOICE_OPENED_NOTE : OPENED_NOTE,
    winner: {
      mode: e.settings.winnerMode,
      state,
      variant: state === 'not_applicable' ? null : chosen,
      chosenBy: e.state.releaseChosenBy,
      sentAt: e.state.winnerSentAt,
      remainder: metrics.remainder,
      note: winnerNote(e, state),
    },
    generatedAt: now.toISOString(),
  };
}
