import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
import { BAND_LABEL, ENGAGEMENT_BANDS, type EngagementBand } from '../../../../shared/analytics/engagement';
import { formatPercent } from './format';
import { useWidth } from './useWidth';

const LABEL = 84;
const VALUE = 130;
const ROW = 34;

/** Contacts per engagement band as horizontal bars on one scale, each with its count and share of all contacts. */
export function BandChart({ bands, total }: { bands: Record<EngagementBand, number>; total: number }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const height = ENGAGEMENT_BANDS.length * ROW + 8;
  const plot = Math.max(60, width - LABEL - VALUE);
  const y = scaleBand<EngagementBand>({ domain: [...ENGAGEMENT_BANDS], range: [4, height - 4], padding: 0.24 });
  const x = scaleLinear<number>({
    domain: [0, Math.max(1, ...ENGAGEMENT_BANDS.map((b) => bands[b]))],
    range: [0, plot],
  });
  const words = ENGAGEMENT_BANDS.map((b) => `${BAND_LABEL[b]} ${bands[b]}`).join(', ');
  return (
    <div className="an-plot" ref={ref}>
      <svg width={width} height={height} role="img" aria-label={`Contacts by engagement band: ${words}`}>
        {ENGAGEMENT_BANDS.map((b) => {
          const top = y(b) ?? 0;
          const mid = top + y.bandwidth() / 2;
          return (
            <Group key={b}>
              <text className="an-bar-label" x={LABEL - 10} y={mid + 4} textAnchor="end">
                {BAND_LABEL[b]}
              </text>
              <rect className="an-track" x={LABEL} y={top} width={plot} height={y.bandwidth()} rx={4} />
              {bands[b] > 0 && (
                <Bar
                  className={`an-band-${b}`}
                  x={LABEL}
                  y={top}
                  width={Math.max(2, x(bands[b]))}
                  height={y.bandwidth()}
                  rx={4}
                />
              )}
              <text className="an-bar-value" x={LABEL + plot + 10} y={mid + 4}>
                <tspan>{bands[b].toLocaleString()}</tspan>
                <tspan className="share">{`  ${formatPercent(total ? bands[b] / total : null)}`}</tspan>
              </text>
            </Group>
          );
        })}
      </svg>
    </div>
  );
}
