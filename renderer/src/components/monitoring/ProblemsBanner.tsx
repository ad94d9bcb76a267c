import type { BackgroundProblem } from '../../../../shared/ipc/channels/monitoring';
import { Banner } from '../ui';
import { when } from './format';

/** Work that runs by itself and keeps failing (or a stored setting that was refused), in words, until it is fixed. */
export function ProblemsBanner({ problems }: { problems: BackgroundProblem[] }) {
  if (!problems.length) return null;
  return (
    <Banner tone="error" className="mon-problems">
      <strong>
        {problems.length === 1 ? 'Something needs your attention' : `${problems.length} things need your attention`}
      </strong>
      <ul>
        {problems.map((p) => (
          <li key={p.job}>
            <span className="mon-problem-job">{p.job[0].toUpperCase() + p.job.slice(1)}:</span> {p.message}
            {p.count > 1 && (
              <span className="muted small">
                {' '}
                — {p.count.toLocaleString()} times since {when(p.since)}
              </span>
            )}
          </li>
        ))}
      </ul>
    </Banner>
  );
}
