import { guidanceWords } from './guidance-words';
import './abtests.css';

/**
 * Before launch: whether this audience can give a verdict (each variant needs the minimum sample of delivered
 * messages) and the smallest difference the test would reliably see at the configured confidence and 80 % power.
 */
export function AbGuidance({
  eligible,
  split,
  testPercent,
  expectedRate,
  confidence,
  minSamplePerVariant,
  messages,
}: {
  eligible: number | null;
  split: number[];
  testPercent?: number;
  expectedRate: number;
  confidence: number;
  minSamplePerVariant: number;
  /** What the variants are sent as (the form's channel). */
  messages?: 'texts' | 'e-mails' | 'calls';
}) {
  if (eligible === null || split.some((s) => !Number.isFinite(s) || s < 1) || !(expectedRate > 0 && expectedRate < 1))
    return null;
  const words = guidanceWords({
    audience: eligible,
    split,
    testPercent,
    expectedRate,
    confidence,
    minSamplePerVariant,
    messages,
  });
  return (
    <section
      className={`ab-guidance ${words.canDecide ? 'ok' : 'short'}`}
      aria-label="Can this test reach a verdict?"
      data-testid="ab-guidance"
    >
      <strong>{words.headline}</strong> {words.detail}
    </section>
  );
}
