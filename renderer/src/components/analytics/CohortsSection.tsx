import { useState } from 'react';
import { scaleLinear } from '@visx/scale';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import type { Cohort } from '../../../../shared/ipc/channels/engagement';
import { Select, Button, ErrorBanner, Loading } from '../ui';
import { ChartFrame } from './ChartFrame';
import { formatPercent } from './format';
import './analytics.css';

type Measure = 'subscribed' | 'engaged';
const MEASURE_LABEL: Record<Measure, string> = { subscribed: 'Still subscribed', engaged: 'Engaged' };
/** The strongest tint: text on every cell keeps its contrast in both themes. */
const tint = scaleLinear<number>({ domain: [0, 1], range: [0, 45], clamp: true });

function monthWords(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(undefined, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function HeatTriangle({ cohorts, measure, span }: { cohorts: Cohort[]; measure: Measure; span: number }) {
  return (
    // Scrolls sideways when the months do not fit: focusable, so the keyboard can scroll it too (axe scrollable-region-focusable).
    <div className="an-cohort-scroll" tabIndex={0} role="region" aria-label="Cohort table (scrolls sideways)">
      {/* Kept raw: a heat map, each cell tinted by its own value and the empty corner hidden from screen readers. */}
      <table
        className="an-cohort-table"
        aria-label={`${MEASURE_LABEL[measure]} by month since joining, per month joined`}
      >
        <thead>
          <tr>
            <th scope="col">Joined</th>
            <th scope="col">Contacts</th>
            {Array.from({ length: span }, (_, k) => (
              <th key={k} scope="col">
                {k === 0 ? 'Month 0' : `+${k}`}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cohorts.map((c) => (
            <tr key={c.month}>
              <th scope="row">{monthWords(c.month)}</th>
              <td>{c.size.toLocaleString()}</td>
              {Array.from({ length: span }, (_, k) => {
                const v = c[measure][k];
                if (v === undefined) return <td key={k} className="empty" aria-hidden="true" />;
                return (
                  <td
                    key={k}
                    style={
                      v === null
                        ? undefined
                        : { background: `color-mix(in srgb, var(--an-1) ${tint(v).toFixed(1)}%, var(--panel))` }
                    }
                    title={v === null ? 'Nobody joined that month' : undefined}
                  >
                    {v === null ? '—' : formatPercent(v, 0)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Do the people who joined stay and answer? Contacts by month joined, month by month since. */
export function CohortsSection() {
  const [months, setMonths] = useState(12);
  const [measure, setMeasure] = useState<Measure>('subscribed');
  const q = useQuery(() => api.engagement.cohorts({ months }), [months], ['contacts', 'campaigns', 'inbox']);
  const t = q.data;
  if (!t) return q.error ? <ErrorBanner message={q.error} /> : <Loading />;
  const span = Math.max(0, ...t.cohorts.map((c) => c.subscribed.length));
  const both = (c: Cohort, k: number) =>
    c.subscribed[k] === undefined
      ? ''
      : c.size
        ? `${formatPercent(c.subscribed[k], 0)} · ${formatPercent(c.engaged[k], 0)}`
        : '—';
  return (
    <ChartFrame
      className="an-cohorts"
      title="Cohorts"
      table={{
        columns: ['Joined', 'Contacts', ...Array.from({ length: span }, (_, k) => `Month ${k}: subscribed · engaged`)],
        rows: t.cohorts.map((c) => [
          monthWords(c.month),
          c.size.toLocaleString(),
          ...Array.from({ length: span }, (_, k) => both(c, k)),
        ]),
      }}
      actions={
        <div className="an-section-controls">
          <div className="an-segmented" role="group" aria-label="What the cells show">
            {(['subscribed', 'engaged'] as const).map((m) => (
              <Button
                key={m}
                className={measure === m ? 'on' : ''}
                aria-pressed={measure === m}
                onClick={() => setMeasure(m)}
              >
                {MEASURE_LABEL[m]}
              </Button>
            ))}
          </div>
          <Select aria-label="Months shown" value={months} onChange={(e) => setMonths(Number(e.target.value))}>
            <option value={6}>6 months</option>
            <option value={12}>12 months</option>
            <option value={24}>24 months</option>
          </Select>
        </div>
      }
      note={
        <>
          Contacts grouped by the month they were added (import, by hand, or texting in). Each later month shows the
          share {measure === 'subscribed' ? 'still subscribed at its end' : 'who replied, clicked or bought in it'}.{' '}
          <span className="an-heat-scale">
            0% <span className="bar" aria-hidden="true" /> 100%
          </span>
        </>
      }
    >
      <HeatTriangle cohorts={t.cohorts} measure={measure} span={span} />
    </ChartFrame>
  );
}
