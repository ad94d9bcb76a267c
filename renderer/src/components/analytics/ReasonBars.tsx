import type { ReasonCount } from '../../../../shared/ipc/channels/analytics';

/** Counts by reason as a small table with a bar in each row: readable as text, and the bars show the proportions. */
export function ReasonBars({ title, rows, empty, id }: { title: string; rows: ReasonCount[]; empty: string; id: string }) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <section className="an-card" aria-labelledby={id}>
      <div className="an-card-head">
        <h2 id={id}>{title}</h2>
      </div>
      {rows.length === 0 ? (
        <p className="muted small">{empty}</p>
      ) : (
        <table className="table an-data-table an-reasons">
          <thead>
            <tr>
              <th scope="col">Reason</th>
              <th scope="col" className="num">
                Recipients
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code}>
                <BarLabel label={r.label} share={r.count / max} />
                <td className="num">{r.count.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
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
