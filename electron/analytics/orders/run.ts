import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { OrderColumnView, OrderImportPreview, OrderImportReport } from '../../../shared/ipc/channels/analytics';
import type { ImportRejectView } from '../../../shared/contacts/imports';
import type { SqliteDb } from '../../db/connection';
import { firstRow, qb, runQuery } from '../../db/sync-query';
import { toCsvLine } from '../../contacts';
import { attribute } from '../attribution';
import { insertConversion } from '../record';
import type { AnalyticsSettings } from '../settings';
import { checkOrderRow } from './check';
import { detectLayout, mapOrderColumns, mappingProblem } from './mapping';
import type { OrdersFile } from './read';
import { transaction } from '../../db/transaction';

export interface OrderImportContext {
  db: SqliteDb;
  settings: AnalyticsSettings;
  zone: string;
  country: string;
  now: Date;
}

function contactFor(db: SqliteDb, phone: string | null, email: string | null): number | null {
  if (phone) {
    const r = firstRow(db, qb.selectFrom('contacts').select('id').where('phone', '=', phone));
    if (r) return r.id;
  }
  if (email) {
    const r = firstRow(
      db,
      qb
        .selectFrom('contacts')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
        .orderBy('id')
        .limit(1),
    );
    if (r) return r.id;
  }
  return null;
}

/**
 * Checks every row, then (unless a dry run) records every matched order as a conversion in one transaction —
 * all of the file or nothing. Rejects carry their row number and reason and are kept for the rejects CSV.
 */
export function importOrders(
  ctx: OrderImportContext,
  file: OrdersFile,
  columns: OrderColumnView[],
  dryRun: boolean,
): OrderImportReport {
  const problem = mappingProblem(columns);
  if (problem) throw new AppError('invalid_input', problem);
  const importId = `ord_${randomBytes(8).toString('hex')}`;
  const { db, settings: s } = ctx;
  const rejects: Array<ImportRejectView & { raw: string }> = file.broken.map((b) => ({
    row: b.row,
    reason: 'broken quoting',
    raw: b.raw,
  }));
  const report: OrderImportReport = {
    importId,
    dryRun,
    fileName: file.fileName,
    currency: s.currency,
    detected: file.detected,
    rows: file.rows.length + file.broken.length,
    matched: 0,
    unmatched: 0,
    duplicates: 0,
    invalid: file.broken.length,
    lineItems: 0,
    attributed: 0,
    revenueMinor: 0,
    rejects: [],
  };
  const seen = new Set<string>();
  const continues = lineItemRows(file, columns);
  const write = () => {
    for (const { row, fields } of file.rows) {
      if (continues.has(row)) {
        report.lineItems++;
        continue;
      }
      const check = checkOrderRow(row, fields, columns, {
        currency: s.currency,
        zone: ctx.zone,
        country: ctx.country,
        now: ctx.now,
      });
      if (!check.ok) {
        report.invalid++;
        rejects.push({ row, reason: check.reason, raw: toCsvLine(fields) });
        continue;
      }
      const o = check.order;
      if (
        seen.has(o.orderId) ||
        firstRow(
          db,
          qb.selectFrom('conversions').select('id').where('source', '=', 'order').where('source_id', '=', o.orderId),
        )
      ) {
        report.duplicates++;
        continue;
      }
      seen.add(o.orderId);
      const contactId = contactFor(db, o.phone, o.email);
      if (contactId === null) {
        report.unmatched++;
        rejects.push({ row, reason: `${o.phone ?? o.email} matches no contact`, raw: toCsvLine(fields) });
        continue;
      }
      const attribution = attribute(db, contactId, o.at, s.windows);
      report.matched++;
      report.revenueMinor += o.amountMinor;
      if (attribution) report.attributed++;
      if (dryRun) continue;
      insertConversion(db, {
        contactId,
        source: 'order',
        sourceId: o.orderId,
        amountMinor: o.amountMinor,
        currency: s.currency,
        at: o.at,
        actor: `import:${importId}`,
        attribution,
        windows: s.windows,
        createdAt: ctx.now.toISOString(),
        orderId: o.orderId,
        importId,
      });
    }
    rejects.sort((a, b) => a.row - b.row);
    if (dryRun) return;
    const {
      rejects: _shown,
      importId: _id,
      dryRun: _d,
      fileName: _f,
      currency: _c,
      detected: _det,
      ...counts
    } = report;
    runQuery(
      db,
      qb.insertInto('order_imports').values({
        id: importId,
        file_name: file.fileName,
        status: 'completed',
        counts_json: JSON.stringify(counts),
        revenue_minor: report.revenueMinor,
        at: ctx.now.toISOString(),
        undone_at: null,
      }),
    );
    for (const r of rejects)
      runQuery(
        db,
        qb.insertInto('order_import_rejects').values({ import_id: importId, row: r.row, reason: r.reason, raw: r.raw }),
      );
  };
  transaction(db, write, { immediate: true });
  report.rejects = rejects.slice(0, 100).map(({ row, reason }) => ({ row, reason }));
  return report;
}

/**
 * Rows that only continue the order above them: a Shopify order with three products is three rows with the same
 * Name, the total, dates and customer on the first only. They are part of that order, neither an order nor a reject.
 */
function lineItemRows(file: OrdersFile, columns: OrderColumnView[]): Set<number> {
  const at = (target: OrderColumnView['target']) => columns.find((c) => c.target === target)?.index;
  const orderAt = at('order_id');
  const amountAt = at('amount');
  const rows = new Set<number>();
  if (orderAt === undefined || amountAt === undefined) return rows;
  let previous: string | null = null;
  for (const { row, fields } of file.rows) {
    const order = (fields[orderAt] ?? '').trim();
    if (order && order === previous && !(fields[amountAt] ?? '').trim()) rows.add(row);
    else previous = order;
  }
  return rows;
}

export function previewOrders(
  ctx: OrderImportContext,
  file: OrdersFile,
  mapping?: Record<string, OrderColumnView['target']>,
): OrderImportPreview {
  const columns = mapOrderColumns(file.headers, mapping);
  const problem = mappingProblem(columns);
  const continues = lineItemRows(file, columns);
  const sampleRows = file.rows
    .filter(({ row }) => !continues.has(row))
    .slice(0, 10)
    .flatMap(({ row, fields }) => {
      const c = checkOrderRow(row, fields, columns, {
        currency: ctx.settings.currency,
        zone: ctx.zone,
        country: ctx.country,
        now: ctx.now,
      });
      return c.ok
        ? [
            {
              row,
              orderId: c.order.orderId,
              phone: c.order.phone,
              email: c.order.email,
              at: c.order.at,
              amountMinor: c.order.amountMinor,
              contactId: contactFor(ctx.db, c.order.phone, c.order.email),
            },
          ]
        : [];
    });
  return {
    fileName: file.fileName,
    fileSize: file.fileSize,
    headers: file.headers,
    detected: file.detected,
    layout: detectLayout(file.headers),
    mapping: columns,
    sampleRows,
    problem,
    dryRun: problem ? null : importOrders(ctx, file, columns, true),
  };
}

/** Removes an import's conversions (the roll-ups follow by trigger). */
export function undoOrderImport(db: SqliteDb, importId: string, now: Date): { importId: string; removed: number } {
  return transaction(
    db,
    () => {
      const imp = firstRow(db, qb.selectFrom('order_imports').select(['id', 'status']).where('id', '=', importId));
      if (!imp) throw new AppError('not_found', `There is no orders import ${importId}.`);
      if (imp.status === 'undone') throw new AppError('conflict', `Orders import ${importId} was already undone.`);
      const removed = runQuery(db, qb.deleteFrom('conversions').where('import_id', '=', importId)).changes;
      runQuery(
        db,
        qb
          .updateTable('order_imports')
          .set({ status: 'undone', undone_at: now.toISOString() })
          .where('id', '=', importId),
      );
      return { importId, removed };
    },
    { immediate: true },
  );
}
