import { useState } from 'react';
import { scaleBand, scaleLinear } from '@visx/scale';
import { api } from '../../../api/client';
import { useQuery } from '../../../api/useQuery';
import { Choice, ErrorBanner, Loading, Select, Table, type Column } from '../../ui';
import { ChartFrame, type ChartTable } from '../ChartFrame';
import { formatPercent, formatRateWithInterval } from '../format';
import { useWidth } from '../useWidth';
import { COMPARE_METRICS, MAX_GROUPS } from '../../../../../shared/analytics/insights/compare';
import { formatPValue } from '../../../../../shared/abtests/wording';
import type { CompareView } from '../../../../../shared/ipc/channels/insights';
import './insights.css';

type Metric = (typeof COMPARE_METRICS)[number];
type Group = { tag: string } | { segment: string };
const METRIC_LABEL: Record<Metric, string> = {
  replied: 'Reply rate',
  clicked: 'Click rate',
  converted: 'Conversion rate',
  optedOut: 'Opt-out rate',
};
const LABEL = 130;
const VALUE = 150;
const ROW = 40;

const keyOf = (g: Group) => ('tag' in g ? `tag:${g.tag}` : `segment:${g.segment}`);

/** Each group's rate as a bar with its 95 % interval as a whisker. */
function RateBars({ view }: { view: CompareView }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const height = view.groups.length * ROW + 8;
  const plot = Math.max(80, width - LABEL - VALUE);
  const y = scaleBand<string>({ domain: view.groups.map((g) => g.name), range: [4, height - 4], padding: 0.25 });
  const x = scaleLinear<number>({
    domain: [0, Math.max(0.01, ...view.groups.map((g) => g.high ?? 0))],
    range: [0, plot],
  });
  return (
    <div className="an-plot" ref={ref}>
      <svg
        width={width}
        height={height}
        role="img"
        aria-label={`${METRIC_LABEL[view.metric]} by group, with 95% intervals. ${view.verdict}`}
      >
        {view.groups.map((g, i) => {
          const top = y(g.name) ?? 0;
          const mid = top + y.bandwidth() / 2;
          return (
            <g key={g.name}>
              <text className="an-funnel-label" x={LABEL - 10} y={mid + 4} textAnchor="end">
                {g.name.length > 16 ? `${g.name.slice(0, 15)}…` : g.name}
              </text>
              <rect className="an-track" x={LABEL} y={top} width={plot} height={y.bandwidth()} rx={4} />
              {g.rate !== null && (
                <rect
                  className={`an-fill-${(i % 5) + 1}`}
                  x={LABEL}
                  y={top}
                  width={Math.max(2, x(g.rate))}
                  height={y.bandwidth()}
                  rx={4}
                />
              )}
              {g.low !== null && g.high !== null && (
                <line className="in-whisker" x1={LABEL + x(g.low)} x2={LABEL + x(g.high)} y1={mid} y2={mid} />
              )}
              <text className="an-funnel-value" x={LABEL + plot + 10} y={mid + 4}>
                <tspan className="an-funnel-count">{formatPercent(g.rate)}</tspan>
                <tspan className="an-funnel-share">{`  of ${g.delivered.toLocaleString()}`}</tspan>
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

function tableOf(view: CompareView): ChartTable {
  return {
    columns: [
      'Group',
      'Delivered',
      view.metric === 'optedOut'
        ? 'Opted out'
        : view.metric === 'clicked'
          ? 'Clicked'
          : view.metric === 'converted'
            ? 'Converted'
            : 'Replied',
      `${METRIC_LABEL[view.metric]} (95 % interval)`,
    ],
    rows: view.groups.map((g) => [
      g.name,
      g.delivered,
      g.successes,
      formatRateWithInterval(g.rate, g.low === null ? null : { low: g.low, high: g.high ?? 1 }),
    ]),
  };
}

function GroupPicker({ chosen, toggle }: { chosen: Group[]; toggle: (g: Group) => void }) {
  const tags = useQuery(() => api.contacts.tags({}), [], ['contacts']);
  const segments = useQuery(() => api.segments.list({}), [], ['contacts']);
  const options: Array<{ group: Group; label: string }> = [
    ...(tags.data ?? []).map((t) => ({ group: { tag: t.name }, label: `Tag: ${t.name}` })),
    ...(segments.data ?? []).map((s) => ({ group: { segment: String(s.id) }, label: `Segment: ${s.name}` })),
  ];
  const isChosen = (g: Group) => chosen.some((c) => keyOf(c) === keyOf(g));
  return (
    <fieldset className="in-picker">
      <legend>{`Groups to compare (two to ${MAX_GROUPS})`}</legend>
      {options.length === 0 && (
        <p className="muted small">Add tags or save segments on the Contacts page to compare them.</p>
      )}
      {options.map((o) => (
        <Choice
          key={keyOf(o.group)}
          type="checkbox"
          className="in-check"
          checked={isChosen(o.group)}
          disabled={!isChosen(o.group) && chosen.length >= MAX_GROUPS}
          onChange={() => toggle(o.group)}
          label={<span>{o.label}</span>}
        />
      ))}
    </fieldset>
  );
}

/** Segment comparison (issue 14, point 5): tags or segments side by side on every rate, with the A/B test's statistics. */
export function CompareSection() {
  const [chosen, setChosen] = useState<Group[]>([]);
  const [metric, setMetric] = useState<Metric>('replied');
  const ready = chosen.length >= 2;
  const q = useQuery(
    () => (ready ? api.insights.compare({ groups: chosen, metric }) : Promise.resolve(undefined)),
    [chosen, metric, ready],
    ['campaigns', 'inbox', 'contacts'],
  );
  const toggle = (g: Group) =>
    setChosen((c) => (c.some((x) => keyOf(x) === keyOf(g)) ? c.filter((x) => keyOf(x) !== keyOf(g)) : [...c, g]));
  const v = q.data;
  return (
    <section className="in-section" aria-labelledby="compare-title">
      <h2 id="compare-title" className="in-title">
        Compare groups
      </h2>
      <div className="in-compare-controls">
        <GroupPicker chosen={chosen} toggle={toggle} />
        <label className="in-inline">
          <span>Judge on</span>
          <Select value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
            {COMPARE_METRICS.map((m) => (
              <option key={m} value={m}>
                {METRIC_LABEL[m]}
              </option>
            ))}
          </Select>
        </label>
      </div>
      <ErrorBanner message={q.error} />
      {!ready ? (
        <p className="muted">Choose at least two tags or segments.</p>
      ) : !v ? (
        <Loading />
      ) : (
        <>
          <div className={`in-answer ${v.leader ? 'in-answer-yes' : ''}`} data-testid="compare-verdict">
            <strong>{v.verdict}</strong>
            <p className="muted small">
              {v.test.statistic === null
                ? 'No test yet.'
                : `Chi-square ${v.test.statistic.toFixed(2)} with ${v.test.dof} degree${v.test.dof === 1 ? '' : 's'} of freedom, ${formatPValue(v.test.pValue ?? 1)}; the leader is checked against each other group with Holm's correction, as in A/B tests.`}
            </p>
          </div>
          <ChartFrame title={`${METRIC_LABEL[v.metric]} by group`} table={tableOf(v)}>
            <RateBars view={v} />
          </ChartFrame>
          <div className="an-card in-every-rate">
            <Table
              label="Every rate, side by side"
              caption="Every rate, side by side (per delivered campaign text)"
              className="an-data-table"
              rows={v.outcomes}
              rowKey={(o) => o.name}
              columns={[
                { header: 'Group', rowHeader: true, cell: (o) => o.name },
                { header: 'Delivered', numeric: true, cell: (o) => o.delivered.toLocaleString() },
                ...COMPARE_METRICS.map((m): Column<(typeof v.outcomes)[number]> => ({
                  header: METRIC_LABEL[m],
                  numeric: true,
                  cell: (o) => formatPercent(o.delivered ? o[m] / o.delivered : null),
                })),
              ]}
            />
          </div>
        </>
      )}
    </section>
  );
}
