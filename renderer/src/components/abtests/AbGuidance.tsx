import { sampleGuidance } from '../../../../shared/abtests';
import { formatNumber } from './format';
import './ab-guidance.css';

/** Assumed share of texts delivered; only delivered ones count toward the sample. */
export const EXPECTED_DELIVERY = 0.95;

const pct = (rate: number) => `${(rate * 100).toLocaleString(undefined, { maximumFractionDigits: 1 })}%`;

/**
 * Before launch: whether this audience can give a verdict (each variant needs the minimum sample of delivered
 * messages) and the smallest difference the test would reliably see at the configured confidence and 80 % power.
 */
export function AbGuidance({ eligible, split, testPercent, expectedRate, confidence, minSamplePerVariant }: { eligible: number | null; split: number[]; testPercent?: number; expectedRate: number; confidence: number; minSamplePerVariant: number }) {
  if (eligible === null || split.some((s) => !Number.isFinite(s) || s < 1) || !(expectedRate > 0 && expectedRate < 1)) return null;
  const g = sampleGuidance({ audience: eligible, split, testPercent, expectedRate, deliveryRate: EXPECTED_DELIVERY, confidence, minSamplePerVariant });
  return (
    <section className={`ab-guidance ${g.canDecide ? 'ok' : 'short'}`} aria-label="Can this test reach a verdict?" data-testid="ab-guidance">
      <strong>{g.canDecide ? 'This test can reach a verdict.' : 'This test cannot reach a verdict.'}</strong>{' '}
      {g.canDecide
        ? `The smallest variant gets about ${formatNumber(g.perVariant)} delivered texts (at least ${formatNumber(minSamplePerVariant)} are needed).`
        : `The smallest variant gets about ${formatNumber(g.perVariant)} delivered texts, but ${formatNumber(minSamplePerVariant)} are needed before a winner can be named. It needs an audience of about ${formatNumber(g.audienceNeeded)} contacts${testPercent ? ' (or a larger test sample)' : ''}.`}{' '}
      {g.detectable
        ? `With ${pct(expectedRate)} expected, it would reliably see only a difference to ${pct(g.detectable.rate)} or more (${Math.round(confidence * 100)}% confidence, 80% power).`
        : 'At this size no difference could be told apart from chance.'}
    </section>
  );
}
