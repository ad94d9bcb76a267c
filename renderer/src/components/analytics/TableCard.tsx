import type { ReactNode } from 'react';

/**
 * A titled card holding one small table, or a sentence when there is nothing to list: the frame the dashboard's
 * top campaigns and the results page's reasons share (their columns differ).
 */
export function TableCard({
  id,
  title,
  empty,
  isEmpty,
  className,
  head,
  children,
}: {
  id: string;
  title: string;
  empty: string;
  isEmpty: boolean;
  className: string;
  head: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="an-card" aria-labelledby={id}>
      <div className="an-card-head">
        <h2 id={id}>{title}</h2>
      </div>
      {isEmpty ? (
        <p className="muted small">{empty}</p>
      ) : (
        <table className={`table an-data-table ${className}`}>
          <thead>
            <tr>{head}</tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      )}
    </section>
  );
}
