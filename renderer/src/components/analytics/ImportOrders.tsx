import { useState } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { formatMoney } from '../../../../shared/analytics';
import {
  ORDER_FIELDS,
  type OrderField,
  type OrderImportPreview,
  type OrderImportReport,
} from '../../../../shared/ipc/channels/analytics';
import { refuseFile, uploadFile } from '../contacts/upload';
import { downloadText } from '../abtests/format';
import { Button, ErrorBanner, Modal, Select, Table, TextInput } from '../ui';

const FIELD_LABEL: Record<OrderField, string> = {
  order_id: 'Order id',
  phone: 'Phone',
  email: 'E-mail',
  date: 'Date',
  time: 'Time of day',
  time_zone: 'Time zone',
  amount: 'Amount',
  currency: 'Currency',
  drop: 'Not imported',
};
const LAYOUT: Record<string, string> = { shopify: 'Shopify orders export', square: 'Square transactions export' };

const orders = (n: number) => `${n} order${n === 1 ? '' : 's'}`;

function counts(r: OrderImportReport): string {
  const parts = [
    `${orders(r.matched)} (${formatMoney(r.revenueMinor, r.currency)}, ${r.attributed} credited to a campaign)`,
    `${r.unmatched} matched no contact`,
    `${r.duplicates} already recorded`,
    `${r.invalid} invalid`,
  ];
  if (r.lineItems) parts.push(`${r.lineItems} further line items of multi-item orders`);
  return parts.join(' · ');
}

/** "Import orders": an orders CSV (Shopify, Square, any sheet) checked whole before anything is written, then undoable. */
export function ImportOrdersButton({ currency }: { currency: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Import orders…
      </Button>
      {open && <ImportOrdersDialog currency={currency} onClose={() => setOpen(false)} />}
    </>
  );
}

function ImportOrdersDialog({ currency, onClose }: { currency: string; onClose(): void }) {
  const [fileId, setFileId] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Record<string, OrderField>>({});
  const [preview, setPreview] = useState<OrderImportPreview | null>(null);
  const [done, setDone] = useState<OrderImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const history = useQuery(() => api.orders.importList({ limit: 5 }), [version], ['campaigns']);

  async function act(fn: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  const look = (id: string, map: Record<string, OrderField>) =>
    act(async () => setPreview(await api.orders.importPreview({ fileId: id, options: { mapping: map } })));

  return (
    <Modal
      title="Import orders"
      subtitle="A CSV of sales (Shopify, Square or any spreadsheet): each order found for a contact counts as a conversion."
      locked={busy}
      onClose={onClose}
    >
      <ErrorBanner message={error} />
      <TextInput
        label="Orders file (CSV)"
        type="file"
        accept=".csv,.txt,text/csv"
        disabled={busy}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          const refused = refuseFile(file);
          if (refused) return setError(refused);
          setDone(null);
          setMapping({});
          void act(async () => {
            const up = await uploadFile(
              file,
              () => undefined,
              (i) => api.orders.importUpload(i),
            );
            setFileId(up.fileId);
            setPreview(await api.orders.importPreview({ fileId: up.fileId, options: {} }));
          });
        }}
      />
      {preview && fileId && !done && (
        <>
          <p className="small" data-testid="orders-layout">
            {preview.layout ? `Recognised: ${LAYOUT[preview.layout] ?? preview.layout}.` : 'A spreadsheet of orders.'}{' '}
            {preview.detected.delimiter === ';' ? 'Columns split by semicolons.' : ''}
          </p>
          <Table
            label="Columns of the orders file"
            className="an-data-table"
            rows={preview.mapping}
            rowKey={(c) => c.index}
            columns={[
              { header: 'Column in the file', rowHeader: true, cell: (c) => c.header },
              {
                header: 'Imported as',
                cell: (c) => (
                  <Select
                    aria-label={`Import "${c.header}" as`}
                    value={c.target}
                    disabled={busy}
                    onChange={(e) => {
                      const target = ORDER_FIELDS.find((f) => f === e.target.value) ?? 'drop';
                      const next = { ...mapping, [c.header]: target };
                      setMapping(next);
                      void look(fileId, next);
                    }}
                  >
                    {ORDER_FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {FIELD_LABEL[f]}
                      </option>
                    ))}
                  </Select>
                ),
              },
            ]}
          />
          {preview.problem ? (
            <p className="bad" role="alert">
              {preview.problem}
            </p>
          ) : (
            preview.dryRun && (
              <>
                <p data-testid="orders-check">
                  Checked {preview.dryRun.rows} rows: {counts(preview.dryRun)}.
                </p>
                {preview.dryRun.rejects.length > 0 && (
                  <ul className="small">
                    {preview.dryRun.rejects.slice(0, 8).map((r) => (
                      <li key={r.row}>
                        Row {r.row}: {r.reason}
                      </li>
                    ))}
                  </ul>
                )}
                <Button
                  disabled={busy || preview.dryRun.matched === 0}
                  onClick={() =>
                    void act(async () => {
                      setDone(await api.orders.importRun({ fileId, options: { mapping }, dryRun: false }));
                      setVersion((v) => v + 1);
                    })
                  }
                >
                  Import {orders(preview.dryRun.matched)}
                </Button>
              </>
            )
          )}
        </>
      )}
      {done && (
        <p className="good" role="status">
          Imported: {counts(done)}.{' '}
          {done.rejects.length > 0 && (
            <Button
              className="cw-link"
              onClick={() =>
                void act(async () => {
                  const rejects = await api.orders.rejectsCsv({ importId: done.importId });
                  downloadText(rejects.fileName, rejects.csv);
                })
              }
            >
              Download the rejected rows
            </Button>
          )}
        </p>
      )}
      {(history.data ?? []).length > 0 && (
        <section aria-label="Recent order imports">
          <h3>Recent imports</h3>
          <ul className="small">
            {(history.data ?? []).map((h) => (
              <li key={h.id}>
                {h.fileName}, {new Date(h.at).toLocaleString()}: {orders(h.counts.matched)},{' '}
                {formatMoney(h.revenueMinor, currency)}
                {h.status === 'undone' ? (
                  ' (undone)'
                ) : (
                  <>
                    {' '}
                    <Button
                      variant="secondary"
                      size="small"
                      disabled={busy}
                      onClick={() =>
                        void act(async () => {
                          await api.orders.importUndo({ importId: h.id });
                          setVersion((v) => v + 1);
                          setDone(null);
                        })
                      }
                    >
                      Undo
                    </Button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Modal>
  );
}
