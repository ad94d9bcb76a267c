import { AxisBottom, AxisLeft } from '@visx/axis';
import { GridRows } from '@visx/grid';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar, LinePath } from '@visx/shape';
import { TooltipWithBounds, useTooltip } from '@visx/tooltip';
import { useWidth } from './useWidth';

/** Colours come from the theme (analytics.css: --an-1 … --an-5), so light and dark follow the app. */
export type Tone = 1 | 2 | 3 | 4 | 5;

export interface Series<P> {
  key: string;
  label: string;
  kind: 'bar' | 'line';
  tone: Tone;
  value(point: P): number;
}

const MARGIN = { top: 12, right: 16, bottom: 34, left: 64 };

/**
 * Figures over time (days, weeks, months or hours since sending): grouped bars and lines on one value axis,
 * a tooltip with every series for the point under the pointer. Built from visx primitives (d3 scales, SVG).
 */
export function TimeChart<P>({
  points,
  label,
  series,
  format,
  ariaLabel,
  height = 240,
}: {
  points: P[];
  label(point: P): string;
  series: Array<Series<P>>;
  format(n: number): string;
  ariaLabel: string;
  height?: number;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const tip = useTooltip<number>();
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = height - MARGIN.top - MARGIN.bottom;
  const labels = points.map(label);
  const x = scaleBand<string>({ domain: labels, range: [0, innerW], padding: points.length > 40 ? 0.15 : 0.3 });
  const max = Math.max(0, ...points.flatMap((p) => series.map((s) => s.value(p))));
  const y = scaleLinear<number>({ domain: [0, max > 0 ? max : 1], range: [innerH, 0], nice: true });
  const bars = series.filter((s) => s.kind === 'bar');
  const lines = series.filter((s) => s.kind === 'line');
  const inner = scaleBand<string>({ domain: bars.map((s) => s.key), range: [0, x.bandwidth()], padding: 0.08 });
  // As many labels as fit without overlapping: about one per 64 px.
  const every = Math.max(1, Math.ceil(labels.length / Math.max(1, Math.floor(innerW / 64))));
  const tickValues = labels.filter((_, i) => i % every === 0);
  const centre = (i: number) => (x(labels[i]) ?? 0) + x.bandwidth() / 2;
  const hovered = tip.tooltipData;

  return (
    <div className="an-plot" ref={ref}>
      <svg width={width} height={height} role="img" aria-label={ariaLabel}>
        <Group left={MARGIN.left} top={MARGIN.top}>
          <GridRows scale={y} width={innerW} numTicks={5} className="an-grid" />
          {hovered !== undefined && (
            <rect className="an-hover" x={x(labels[hovered]) ?? 0} y={0} width={x.bandwidth()} height={innerH} />
          )}
          {points.map((p, i) =>
            bars.map((s) => {
              const v = s.value(p);
              const top = y(v);
              return v > 0 ? (
                <Bar
                  key={`${s.key}-${i}`}
                  className={`an-fill-${s.tone}`}
                  x={(x(labels[i]) ?? 0) + (inner(s.key) ?? 0)}
                  y={top}
                  width={inner.bandwidth()}
                  height={Math.max(1, innerH - top)}
                  rx={Math.min(3, inner.bandwidth() / 4)}
                />
              ) : null;
            }),
          )}
          {lines.map((s) => (
            <LinePath
              key={s.key}
              className={`an-line an-stroke-${s.tone}`}
              data={points.map((p, i) => ({ i, v: s.value(p) }))}
              x={(d) => centre(d.i)}
              y={(d) => y(d.v)}
            />
          ))}
          {lines.map((s) =>
            points.length <= 40
              ? points.map((p, i) => (
                  <circle
                    key={`${s.key}-${i}`}
                    className={`an-dot an-fill-${s.tone}`}
                    cx={centre(i)}
                    cy={y(s.value(p))}
                    r={3}
                  />
                ))
              : null,
          )}
          <AxisLeft
            scale={y}
            numTicks={5}
            tickFormat={(v) => format(Number(v))}
            axisClassName="an-axis"
            tickClassName="an-tick"
            hideAxisLine
            hideTicks
          />
          <AxisBottom top={innerH} scale={x} tickValues={tickValues} axisClassName="an-axis" tickClassName="an-tick" />
          {points.map((_, i) => (
            <rect
              key={i}
              className="an-hit"
              x={x(labels[i]) ?? 0}
              y={0}
              width={x.bandwidth()}
              height={innerH}
              onMouseMove={() =>
                tip.showTooltip({ tooltipData: i, tooltipLeft: MARGIN.left + centre(i), tooltipTop: MARGIN.top + 8 })
              }
              onMouseLeave={tip.hideTooltip}
            />
          ))}
        </Group>
      </svg>
      <ul className="an-legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.key}>
            <span className={`an-swatch an-bg-${s.tone}${s.kind === 'line' ? ' line' : ''}`} />
            {s.label}
          </li>
        ))}
      </ul>
      {tip.tooltipOpen && hovered !== undefined && (
        <TooltipWithBounds
          key={hovered}
          left={tip.tooltipLeft}
          top={tip.tooltipTop}
          className="an-tooltip"
          unstyled
          applyPositionStyle
        >
          <strong>{labels[hovered]}</strong>
          {series.map((s) => (
            <div key={s.key} className="an-tooltip-row">
              <span className={`an-swatch an-bg-${s.tone}`} />
              {s.label}: <strong>{format(s.value(points[hovered]))}</strong>
            </div>
          ))}
        </TooltipWithBounds>
      )}
    </div>
  );
}
