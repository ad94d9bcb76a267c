import type { AbVariantReport } from '../../../../shared/ipc/channels/abtests';
import { formatRate } from './format';

/** A scale top that reads well: 1, 2, 2.5, 5 or 10 times a power of ten, just above the highest whisker. */
function niceTop(value: number): number {
  if (value <= 0) return 0.1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return Math.min(1, step * power);
  return 1;
}

const ROW = 46;
const LABEL = 132;
const RIGHT = 150;
const WIDTH = 720;
const TOP = 10;
const AXIS = 26;

/**
 * Each variant's rate as a horizontal bar with its interval as a whisker: overlapping whiskers are the picture of
 * "could be luck". Inline SVG coloured from the theme's variables, so it follows light and dark.
 */
export function RateChart({
  variants,
  metricNoun,
  confidence,
  winner,
}: {
  variants: AbVariantReport[];
  metricNoun: string;
  confidence: number;
  winner: number | null;
}) {
  const top = niceTop(Math.max(0.01, ...variants.map((v) => v.interval?.high ?? 0)));
  const plot = WIDTH - LABEL - RIGHT;
  const x = (rate: number) => LABEL + (rate / top) * plot;
  const height = TOP + variants.length * ROW + AXIS;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => t * top);
  const title = `${metricNoun[0].toUpperCase()}${metricNoun.slice(1)} per message, by variant, with ${Math.round(confidence * 100)}% intervals`;
  return (
    <figure className="ab-chart-figure">
      <svg
        className="ab-chart"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={title}
        preserveAspectRatio="xMinYMin meet"
      >
        <title>{title}</title>
        {ticks.map((t) => (
          <g key={t} className="ab-tick">
            <line x1={x(t)} x2={x(t)} y1={TOP - 4} y2={TOP + variants.length * ROW} />
            <text x={x(t)} y={height - 8} textAnchor="middle">
              {formatRate(t, top < 0.1 ? 1 : 0)}
            </text>
          </g>
        ))}
        {variants.map((v, i) => {
          const y = TOP + i * ROW;
          const mid = y + ROW / 2;
          const won = winner === v.index;
          return (
            <g key={v.index} className={`ab-row${won ? ' winner' : ''}`} data-variant={v.name}>
              <text className="ab-label" x={LABEL - 12} y={mid + 4} textAnchor="end">
                {v.label.length > 16 ? `${v.label.slice(0, 15)}…` : v.label}
              </text>
              {v.rate === null ? (
                <text className="ab-none" x={LABEL + 8} y={mid + 4}>
                  nothing measured yet
                </text>
              ) : (
                <>
                  <rect
                    className="ab-bar"
                    x={LABEL}
                    y={mid - 12}
                    width={Math.max(2, x(v.rate) - LABEL)}
                    height={24}
                    rx={5}
                  >
                    <title>{`${v.label}: ${formatRate(v.rate)} (${v.successes} of ${v.denominator})`}</title>
                  </rect>
                  {v.interval && (
                    <g className="ab-whisker">
                      <line x1={x(v.interval.low)} x2={x(v.interval.high)} y1={mid} y2={mid} />
                      <line x1={x(v.interval.low)} x2={x(v.interval.low)} y1={mid - 7} y2={mid + 7} />
                      <line x1={x(v.interval.high)} x2={x(v.interval.high)} y1={mid - 7} y2={mid + 7} />
                    </g>
                  )}
                  <text className="ab-value" x={WIDTH - RIGHT + 14} y={mid + 4}>
                    <tspan className="ab-value-main">{formatRate(v.rate)}</tspan>
                    {v.interval && (
                      <tspan className="ab-value-range">{`  ${formatRate(v.interval.low)}–${formatRate(v.interval.high)}`}</tspan>
                    )}
                  </text>
                </>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="muted small">
        Bars show each variant's rate; whiskers show the range it could really be in ({Math.round(confidence * 100)}%
        interval). Whiskers that overlap a lot mean the difference could be luck.
      </figcaption>
    </figure>
  );
}
