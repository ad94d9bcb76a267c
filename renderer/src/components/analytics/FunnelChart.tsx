import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
import { TooltipWithBounds, useTooltip } from '@visx/tooltip';
import { useWidth } from './useWidth';
import { formatPercent } from './format';

export interface FunnelBar {
  key: string;
  label: string;
  count: number;
  /** Share of the step before; null when that step is 0 (or for the first step). */
  ofPrevious: number | null;
  /** What "the step before" is, for the words: "of sent", "of delivered". */
  ofWhat: string | null;
}

const LABEL = 96;
const VALUE = 150;
const ROW = 38;

/** Sent → delivered → clicked → replied → converted as horizontal bars on one scale, each with its count and share. */
export function FunnelChart({ steps, ariaLabel }: { steps: FunnelBar[]; ariaLabel: string }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const tip = useTooltip<number>();
  const height = steps.length * ROW + 8;
  const plot = Math.max(60, width - LABEL - VALUE);
  const y = scaleBand<string>({ domain: steps.map((s) => s.key), range: [4, height - 4], padding: 0.22 });
  const x = scaleLinear<number>({ domain: [0, Math.max(1, ...steps.map((s) => s.count))], range: [0, plot] });
  const share = (s: FunnelBar) =>
    s.ofPrevious === null || !s.ofWhat ? '' : `${formatPercent(s.ofPrevious)} of ${s.ofWhat}`;
  return (
    <div className="an-plot" ref={ref}>
      <svg width={width} height={height} role="img" aria-label={ariaLabel}>
        {steps.map((s, i) => {
          const top = y(s.key) ?? 0;
          const mid = top + y.bandwidth() / 2;
          return (
            <Group
              key={s.key}
              onMouseMove={() =>
                tip.showTooltip({ tooltipData: i, tooltipLeft: LABEL + x(s.count) / 2, tooltipTop: top })
              }
              onMouseLeave={tip.hideTooltip}
            >
              <text className="an-funnel-label" x={LABEL - 10} y={mid + 4} textAnchor="end">
                {s.label}
              </text>
              <rect className="an-track" x={LABEL} y={top} width={plot} height={y.bandwidth()} rx={4} />
              {s.count > 0 && (
                <Bar
                  className={`an-fill-${(i % 5) + 1}`}
                  x={LABEL}
                  y={top}
                  width={Math.max(2, x(s.count))}
                  height={y.bandwidth()}
                  rx={4}
                />
              )}
              <text className="an-funnel-value" x={LABEL + plot + 10} y={mid + 4}>
                <tspan className="an-funnel-count">{s.count.toLocaleString()}</tspan>
                {share(s) && <tspan className="an-funnel-share">{`  ${share(s)}`}</tspan>}
              </text>
            </Group>
          );
        })}
      </svg>
      {tip.tooltipOpen && tip.tooltipData !== undefined && (
        <TooltipWithBounds
          key={tip.tooltipData}
          left={tip.tooltipLeft}
          top={tip.tooltipTop}
          className="an-tooltip"
          unstyled
          applyPositionStyle
        >
          <strong>{steps[tip.tooltipData].label}</strong>: {steps[tip.tooltipData].count.toLocaleString()}
          {share(steps[tip.tooltipData]) && <div>{share(steps[tip.tooltipData])}</div>}
        </TooltipWithBounds>
      )}
    </div>
  );
}
