import type { HealthStatus } from '../../../../shared/ipc/channels/monitoring';
import { verdict, when } from './format';

/** Sends per minute over the last hour as bars; the newest minute on the right. Inline SVG, no chart library. */
export function SendSparkline({ perMinute, label }: { perMinute: number[]; label: string }) {
  const width = 240;
  const height = 48;
  const max = Math.max(1, ...perMinute);
  const step = width / perMinute.length;
  return (
    <svg
      className="mon-spark"
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      <line x1="0" y1={height - 0.5} x2={width} y2={height - 0.5} className="mon-spark-axis" />
      {perMinute.map((n, i) => {
        const h = n ? Math.max(2, (n / max) * (height - 4)) : 0;
        return n ? (
          <rect
            key={i}
            x={i * step + 0.5}
            y={height - h}
            width={Math.max(1, step - 1)}
            height={h}
            rx="1"
            className="mon-spark-bar"
          />
        ) : null;
      })}
    </svg>
  );
}

export interface Bar {
  key: string;
  label: string;
  value: number;
  tone: string;
}

/** Horizontal bars on one scale, each labelled with its count. */
export function StateBars({ bars }: { bars: Bar[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <ul className="mon-bars">
      {bars.map((b) => (
        <li key={b.key} className={b.value ? '' : 'zero'}>
          <span className="mon-bar-label">{b.label}</span>
          <svg className="mon-bar-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
            <rect x="0" y="0" width="100" height="10" rx="2" className="mon-bar-bg" />
            {b.value > 0 && (
              <rect
                x="0"
                y="0"
                width={Math.max(1.5, (b.value / max) * 100)}
                height="10"
                rx="2"
                className={`mon-bar-fill tone-${b.tone}`}
              />
            )}
          </svg>
          <span className="mon-bar-value num">{b.value.toLocaleString()}</span>
        </li>
      ))}
    </ul>
  );
}

/** One square per health check, oldest first, coloured by its verdict. */
export function HealthStrip({
  history,
}: {
  history: Array<{ at: string; status: HealthStatus; reason: string; checksRan: number }>;
}) {
  const size = 12;
  const gap = 3;
  if (!history.length) return <p className="muted small">No health checks yet.</p>;
  return (
    <svg
      className="mon-strip"
      width={history.length * (size + gap)}
      height={size}
      role="img"
      aria-label={`Last ${history.length} health checks`}
    >
      {history.map((h, i) => (
        <rect
          key={h.at + i}
          x={i * (size + gap)}
          y="0"
          width={size}
          height={size}
          rx="3"
          className={`mon-strip-cell ${verdict(h).kind}`}
        >
          <title>{`${when(h.at)}: ${h.reason}`}</title>
        </rect>
      ))}
    </svg>
  );
}
