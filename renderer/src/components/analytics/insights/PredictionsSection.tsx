import { useState } from 'react';
import { scaleBand, scaleLinear } from '@visx/scale';
import { api } from '../../../api/client';
import { useQuery } from '../../../api/useQuery';
import { Button, Badge, ErrorBanner, Loading, formatWhen } from '../../ui';
import { ChartFrame, type ChartTable } from '../ChartFrame';
import { formatPercent } from '../format';
import { useWidth } from '../useWidth';
import { formatPhone } from '../../../../../shared/phone-format';
import type { PredictionsView } from '../../../../../shared/ipc/channels/insights';
import type { RankedContact, TargetSummary } from '../../../../../shared/analytics/insights/predictions';
import './insights.css';

const LABEL = 150;
const VALUE = 70;
const ROW = 26;

function ModelCard({ title, model }: { title: string; model: TargetSummary | null }) {
  return (
    <div className="an-kpi in-model">
      <span className="an-kpi-label">{title}</span>
      {!model ? (
        <span className="muted">Not trained yet.</span>
      ) : (
        <>
          <span className="in-model-figures">
            <span>{`Holdout AUC ${model.auc === null ? '—' : model.auc.toFixed(2)}`}</span>
            <span>{`Base rate ${formatPercent(model.baseRate)}`}</span>
            <Badge tone={model.usable ? 'good' : 'neutral'}>{model.usable ? 'Beats the base rate' : 'Not shown'}</Badge>
          </span>
          <span className="muted small">{model.reason}</span>
        </>
      )}
    </div>
  );
}

/** The contacts a model ranks highest, each bar their probability, with the base rate as a line. */
function ContactBars({
  rows,
  value,
  base,
  label,
}: {
  rows: RankedContact[];
  value: (c: RankedContact) => number;
  base: number;
  label: string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const height = rows.length * ROW + 8;
  const plot = Math.max(80, width - LABEL - VALUE);
  const y = scaleBand<number>({ domain: rows.map((r) => r.contactId), range: [4, height - 4], padding: 0.2 });
  const x = scaleLinear<number>({ domain: [0, Math.max(base, ...rows.map(value), 0.01)], range: [0, plot] });
  return (
    <div className="an-plot" ref={ref}>
      <svg width={width} height={height} role="img" aria-label={label}>
        {rows.map((r) => {
          const top = y(r.contactId) ?? 0;
          const mid = top + y.bandwidth() / 2;
          return (
            <g key={r.contactId}>
              <text className="an-funnel-label" x={LABEL - 10} y={mid + 4} textAnchor="end">
                {r.name || formatPhone(r.phone)}
              </text>
              <rect
                className="an-fill-1"
                x={LABEL}
                y={top}
                width={Math.max(2, x(value(r)))}
                height={y.bandwidth()}
                rx={3}
              />
              <text className="an-funnel-count" x={LABEL + plot + 10} y={mid + 4}>
                {formatPercent(value(r))}
              </text>
            </g>
          );
        })}
        <line className="in-base" x1={LABEL + x(base)} x2={LABEL + x(base)} y1={0} y2={height} />
      </svg>
    </div>
  );
}

function ranked(title: string, rows: RankedContact[], value: (c: RankedContact) => number, base: number) {
  const table: ChartTable = {
    columns: ['Contact', 'Phone', 'Probability'],
    rows: rows.map((r) => [r.name || '—', formatPhone(r.phone), formatPercent(value(r))]),
  };
  return (
    <ChartFrame
      title={title}
      table={table}
      note={`The line is the base rate (${formatPercent(base)}): what anyone would get without a model.`}
    >
      <ContactBars rows={rows} value={value} base={base} label={`${title}: ${rows.length} contacts, highest first`} />
    </ChartFrame>
  );
}

/** Predictions (issue 14, point 6): who is likely to reply or to opt out, shown only when the model earns it. */
export function PredictionsSection() {
  const q = useQuery(() => api.insights.predictions({}), [], ['contacts']);
  const [training, setTraining] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [trained, setTrained] = useState<PredictionsView | null>(null);
  const v = trained ?? q.data;
  const train = async () => {
    setTraining(true);
    setError(null);
    try {
      setTrained(await api.insights.train({}));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setTraining(false);
    }
  };
  return (
    <section className="in-section" aria-labelledby="predict-title">
      <div className="in-title-row">
        <h2 id="predict-title" className="in-title">
          Who will reply, who may opt out
        </h2>
        <Button variant="secondary" onClick={() => void train()} disabled={training}>
          {training ? 'Learning from your history…' : v?.trainedAt ? 'Learn again' : 'Learn from my history'}
        </Button>
      </div>
      <ErrorBanner message={error ?? q.error} />
      {!v ? (
        <Loading />
      ) : (
        <>
          <p className="muted small">
            {v.trainedAt
              ? `Learnt ${formatWhen(v.trainedAt)} from your own delivered texts, and tested on the most recent quarter of them (the holdout). A prediction is shown only when it beats the base rate there.`
              : 'Nothing learnt yet. The models learn from your own delivered texts and are tested on the most recent quarter of them; a prediction is shown only when it beats the base rate there.'}
          </p>
          <div className="an-kpis in-models">
            <ModelCard title="Likely to reply" model={v.reply} />
            <ModelCard title="Risk of opting out" model={v.optOut} />
          </div>
          {v.optOut?.usable && (
            <p
              className="small"
              data-testid="high-risk"
            >{`${v.highRisk.toLocaleString()} contacts are rated high opt-out risk. A campaign can leave them out: "Leave out contacts at high risk of opting out" in its audience.`}</p>
          )}
          <div className="an-grid-2">
            {v.likelyToReply.length > 0 &&
              ranked('Most likely to reply', v.likelyToReply, (c) => c.replyProbability ?? 0, v.reply?.baseRate ?? 0)}
            {v.atRisk.length > 0 &&
              ranked('Highest opt-out risk', v.atRisk, (c) => c.optOutRisk ?? 0, v.optOut?.baseRate ?? 0)}
          </div>
        </>
      )}
    </section>
  );
}
