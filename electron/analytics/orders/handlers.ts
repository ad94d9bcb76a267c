import type { DeskCore } from '../../core';
import type { Handlers } from '../../ipc/dispatch';
import { findUpload, storeUpload, toCsvLine } from '../../contacts';
import { allRows, qb } from '../../db/sync-query';
import { analyticsSettings } from '../settings';
import { mapOrderColumns } from './mapping';
import { readOrdersFile } from './read';
import { importOrders, previewOrders, undoOrderImport, type OrderImportContext } from './run';
import type { OrderImportCounts } from '../../../shared/ipc/channels/analytics';

type OrderHandlers = Pick<
  Handlers,
  `orders:${'importUpload' | 'importPreview' | 'importRun' | 'importList' | 'importUndo' | 'rejectsCsv'}`
>;

export function orderImportContext(
  core: Pick<DeskCore, 'db' | 'settings' | 'now'>,
  country?: string,
): OrderImportContext {
  return {
    db: core.db,
    settings: analyticsSettings(core.settings),
    zone: core.settings.get('business.timezone'),
    country: (country ?? core.settings.get('contacts.defaultCountry')).toUpperCase(),
    now: core.now(),
  };
}

export function createOrderImportHandlers(core: DeskCore): OrderHandlers {
  const dataDir = core.paths.dataDir;
  return {
    'orders:importUpload': (input) => {
      const { fileId, size, name } = storeUpload(dataDir, input, core.now());
      return { fileId, size, name };
    },
    'orders:importPreview': async ({ fileId, options }) => {
      const upload = findUpload(dataDir, fileId);
      const file = await readOrdersFile(upload.path, upload.name, options);
      return previewOrders(orderImportContext(core, options.defaultCountry), file, options.mapping);
    },
    'orders:importRun': async ({ fileId, options, dryRun }) => {
      const upload = findUpload(dataDir, fileId);
      const file = await readOrdersFile(upload.path, upload.name, options);
      const report = importOrders(
        orderImportContext(core, options.defaultCountry),
        file,
        mapOrderColumns(file.headers, options.mapping),
        dryRun,
      );
      if (!dryRun) {
        core.audit('orders.import', report.importId, { matched: report.matched, revenueMinor: report.revenueMinor });
        core.events.emit('app:dataChanged', { area: 'campaigns' });
      }
      return report;
    },
    'orders:importList': ({ limit }) =>
      allRows(core.db, qb.selectFrom('order_imports').selectAll().orderBy('at', 'desc').limit(limit)).map((r) => ({
        id: r.id,
        fileName: r.file_name,
        status: r.status,
        at: r.at,
        undoneAt: r.undone_at,
        counts: JSON.parse(r.counts_json) as OrderImportCounts,
        revenueMinor: r.revenue_minor,
      })),
    'orders:importUndo': ({ importId }) => {
      const r = undoOrderImport(core.db, importId, core.now());
      core.audit('orders.undo', importId, { removed: r.removed });
      core.events.emit('app:dataChanged', { area: 'campaigns' });
      return r;
    },
    'orders:rejectsCsv': ({ importId }) => {
      const rows = allRows(
        core.db,
        qb
          .selectFrom('order_import_rejects')
          .select(['row', 'reason', 'raw'])
          .where('import_id', '=', importId)
          .orderBy('row'),
      );
      const lines = [
        toCsvLine(['row', 'reason', 'original']),
        ...rows.map((r) => toCsvLine([String(r.row), r.reason, r.raw])),
      ];
      return { csv: `${lines.join('\r\n')}\r\n`, fileName: `orders-rejects-${importId}.csv`, rows: rows.length };
    },
  };
}
