import type { ReactNode } from 'react';

/**
 * One headline figure with what it is compared with: the previous period (an arrow and the change) or the range a
 * rate could really be in. `words` shows a sentence instead of a number ("no revenue recorded").
 */
export function Kpi({
  label,
  value,
  detail,
  change,
  inverse = false,
  words = false,
  testId,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  change?: { text: string; direction: 'up' | 'down' | 'flat' };
  /** Up is bad (spend, opt-outs): the arrow's colour flips. */
  inverse?: boolean;
  words?: boolean;
  testId?: string;
}) {
  return (
    <div className="an-kpi" data-testid={testId}>
      <span className="an-kpi-label">{label}</span>
      <span className={`an-kpi-value${words ? ' words' : ''}`}>{value}</span>
      {(change || detail) && (
        <span className="an-kpi-detail">
          {change && <span className={`${change.direction}${inverse ? ' inverse' : ''}`}>{change.text}</span>}
          {change && detail && ' · '}
          {detail}
        </span>
      )}
    </div>
  );
}
