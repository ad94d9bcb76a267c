import { sampleGuidance, type GuidanceInput } from '../../../../shared/abtests';

/** Assumed share of texts delivered; only delivered ones count toward the sample. */
export const EXPECTED_DELIVERY = 0.95;

// Kept free of DOM code (format.ts downloads files) so the wording is unit-tested under Node.
const formatNumber = (n: number) => n.toLocaleString('en-US');
const pct = (rate: number) => `${(rate * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;

/**
 * What the A/B form says before launch, in two parts: the verdict in bold ("This test cannot reach a verdict.") and
 * the figures behind it — the delivered texts the smallest variant gets against the minimum, the audience it would
 * need, and the smallest difference it would reliably see at the configured confidence and 80 % power.
 */
export function guidanceWords(
  input: Omit<GuidanceInput, 'deliveryRate'> & { messages?: 'texts' | 'e-mails' | 'calls' },
): {
  canDecide: boolean;
  headline: string;
  detail: string;
} {
  const { testPercent, expectedRate, confidence, minSamplePerVariant, messages = 'texts' } = input;
  const g = sampleGuidance({ ...input, deliveryRate: EXPECTED_DELIVERY });
  // A call counts once answered (by a person or a voicemail), as Twilio's status callbacks report it.
  const delivered = messages === 'calls' ? 'answered calls' : `delivered ${messages}`;
  const size = g.canDecide
    ? `The smallest variant gets about ${formatNumber(g.perVariant)} ${delivered} (at least ${formatNumber(minSamplePerVariant)} are needed).`
    : `The smallest variant gets about ${formatNumber(g.perVariant)} ${delivered}, but ${formatNumber(minSamplePerVariant)} are needed before a winner can be named. It needs an audience of about ${formatNumber(g.audienceNeeded)} contacts${testPercent ? ' (or a larger test sample)' : ''}.`;
  const difference = g.detectable
    ? `With ${pct(expectedRate)} expected, it would reliably see only a difference to ${pct(g.detectable.rate)} or more (${Math.round(confidence * 100)}% confidence, 80% power).`
    : 'At this size no difference could be told apart from chance.';
  return {
    canDecide: g.canDecide,
    headline: g.canDecide ? 'This test can reach a verdict.' : 'This test cannot reach a verdict.',
    detail: `${size} ${difference}`,
  };
}
