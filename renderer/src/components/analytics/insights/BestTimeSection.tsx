import { useState } from 'react';
import { scaleBand } from '@visx/scale';
import { TooltipWithBounds, useTooltip } from '@visx/tooltip';
import { api } from '../../../api/client';
import { useQuery } from '../../../api/useQuery';
import { ErrorBanner, Loading, Select } from '../../ui';
import { ChartFrame, type ChartTable } from '../ChartFrame';
import { formatPercent, formatRateWithInterval } from '../format';
import { useWidth } from '../useWidth';
import { WEEKDAY_NAMES, hourLabel, weekdayHourLabel } from '../../../../../shared/analytics/insights/best-time';
import type { BestTimeCell, BestTimeView } from '../../../../../shared/ipc/channels/insights';
import './insights.css';

type Measure = 'reply' | 'click';
const LEFT = 40;
const TOP = 22;
const ROW = 30;
/** Monday first, as a small business plans its week. */
const ORDER = [1, 2, 3, 4, 5, 6, 0];

const rateOf = (c: BestTimeCell, m: Measure) => (m === 'reply' ? c.rate : c.clickRate);

function HeatMap({ view, measure }: { view: BestTimeView; measure: Measure }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const tip = useTooltip<BestTimeCell>();
  const x = scaleBand<number>({
    domain: Array.from({ length: 24 }, (_, h) => h),
    range: [LEFT, Math.max(LEFT + 240, width)],
    padding: 0.08,
  });
  const y = scaleBand<number>({ domain: ORDER, range: [TOP, TOP + ORDER.length * ROW], padding: 0.08 });
  const top = Math.max(0.0001, ...view.cells.map((c) => rateOf(c, measure) ?? 0));
  const best = view.recommendation;
  const label = `${measure === 'reply' ? 'Reply' : 'Click'} rate by the recipient's local weekday and hour; darker is higher.${best ? ` Best: ${weekdayHourLabel(best)}.` : ''}`;
  return (
    <div className="an-plot" ref={ref}>
      <svg width={width} height={TOP + ORDER.length * ROW + 4} role="img" aria-label={label}>
        {[0, 6, 12, 18].map((h) => (
          <text key={h} className="in-axis" x={(x(h) ?? 0) + x.bandwidth() / 2} y={14} textAnchor="middle">
            {hourLabel(h)}
          </text>
        ))}
        {ORDER.map((d) => (
          <text key={d} className="in-axis" x={LEFT - 6} y={(y(d) ?? 0) + y.bandwidth() / 2 + 4} textAnchor="end">
            {WEEKDAY_NAMES[d].slice(0, 3)}
          </text>
        ))}
        {view.cells.map((c) => {
          const r = rateOf(c, measure);
          const judged = c.delivered >= view.rule.minDeliveredPerCell;
          const isBest = best && best.weekday === c.weekday && best.hour === c.hour;
          return (
            <rect
              key={`${c.weekday}-${c.hour}`}
              className={`in-cell${c.delivered ? '' : ' in-cell-empty'}${judged ? '' : ' in-cell-thin'}${isBest ? ' in-cell-best' : ''}`}
              style={r === null ? undefined : { fillOpacity: 0.12 + 0.88 * (r / top) }}
              x={x(c.hour)}
              y={y(c.weekday)}
              width={x.bandwidth()}
              height={y.bandwidth()}
              rx={3}
              onMouseMove={() =>
                tip.showTooltip({
                  tooltipData: c,
                  tooltipLeft: (x(c.hour) ?? 0) + x.bandwidth() / 2,
                  tooltipTop: y(c.weekday) ?? 0,
                })
              }
              onMouseLeave={tip.hideTooltip}
            />
          );
        })}
      </svg>
      {tip.tooltipOpen && tip.tooltipData && (
        <TooltipWithBounds
          key={`${tip.tooltipData.weekday}-${tip.tooltipData.hour}`}
          left={tip.tooltipLeft}
          top={tip.tooltipTop}
          className="an-tooltip"
          unstyled
          applyPositionStyle
        >
          <strong>{weekdayHourLabel(tip.tooltipData)}</strong>
          <div>{`${tip.tooltipData.delivered.toLocaleString()} delivered`}</div>
          <div>{`Replied ${formatRateWithInterval(tip.tooltipData.rate, tip.tooltipData.low === null ? null : { low: tip.tooltipData.low, high: tip.tooltipData.high ?? 1 })}`}</div>
          <div>{`Clicked ${formatPercent(tip.tooltipData.clickRate)}`}</div>
        </TooltipWithBounds>
      )}
    </div>
  );
}

function tableOf(view: BestTimeView): ChartTable {
  return {
    columns: ['Local weekday and hour', 'Delivered', 'Replied', 'Reply rate (95 % interval)', 'Clicked', 'Click rate'],
    rows: view.cells
      .filter((c) => c.delivered > 0)
      .map((c) => [
        weekdayHourLabel(c),
        c.delivered,
        c.replied,
        formatRateWithInterval(c.rate, c.low === null ? null : { low: c.low, high: c.high ?? 1 }),
        c.clicked,
        formatPercent(c.clickRate),
      ]),
  };
}

/** Best time to send (issue 14, point 4): a weekday × hour heat map in the recipients' own time, and an honest answer. */
export function BestTimeSection() {
  const q = useQuery(() => api.insights.bestTime({}), [], ['campaigns', 'inbox', 'settings']);
  const [measure, setMeasure] = useState<Measure>('reply');
  const v = q.data;
  return (
    <section className="in-section" aria-labelledby="best-time-title">
      <h2 id="best-time-title" className="in-title">
        Best time to send
      </h2>
      <ErrorBanner message={q.error} />
      {!v ? (
        <Loading />
      ) : (
        <>
          <div className={`in-answer ${v.recommendation ? 'in-answer-yes' : ''}`} data-testid="best-time-answer">
            <strong>
              {v.recommendation
                ? `Send on ${weekdayHourLabel(v.recommendation)}, in each recipient's own time.`
                : 'No best time yet.'}
            </strong>
            <p>{v.reason}</p>
          </div>
          <ChartFrame
            title="Replies and clicks by local weekday and hour"
            table={tableOf(v)}
            actions={
              <label className="in-inline">
                <span>Show</span>
                <Select value={measure} onChange={(e) => setMeasure(e.target.value as Measure)}>
                  <option value="reply">Reply rate</option>
                  <option value="click">Click rate</option>
                </Select>
              </label>
            }
            note={`How we decide: an hour counts once it has ${v.rule.minDeliveredPerCell} delivered texts; with at least ${v.rule.minCells} such weekday-hours, the best is recommended only if even the low end of its 95 % interval beats the high end of a typical (median) hour's. Times are the recipient's, worked out from their number as for quiet hours. Faint cells have fewer than ${v.rule.minDeliveredPerCell} texts.`}
          >
            <HeatMap view={v} measure={measure} />
          </ChartFrame>
        </>
      )}
    </section>
  );
}
