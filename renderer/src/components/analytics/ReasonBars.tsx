import type { ReasonCount } from '../../../../shared/ipc/channels/analytics';
import { TableCard } from './TableCard';

/** Counts by reason as a small table with a bar in each row: readable as text, and the bars show the proportions. */
export function ReasonBars({
  title,
  rows,
  empty,
  id,
}: {
  title: string;
  rows: ReasonCount[];
  empty: string;
  id: string;
}) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  const head = (
    <>
      <th scope="col">Reason</th>
      <th scope="col" className="num">
        Recipients
      </th>
    </>
  );
  return (
    <TableCard id={id} title={title} empty={empty} isEmpty={rows.length === 0} className="an-reasons" head={head}>
      {rows.map((r) => (
        <tr key={r.code}>
          <BarLabel label={r.label} share={r.count / max} />
          <td className="num">{r.count.toLocaleString()}</td>
        </tr>
      ))}
    </TableCard>
  );
}

/** A row's label with a bar of its share of the largest row (the figures are in the row's own cells). */
export function BarLabel({ label, share }: { label: string; share: number }) {
  return (
    <th scope="row">
      <span className="an-reason-label">{label}</span>
      <span className="an-reason-track" aria-hidden="true">
        <span className="an-reason-fill" style={{ width: `${Math.max(2, share * 100)}%` }} />
      </span>
    </th>
  );
}
