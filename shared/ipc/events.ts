import { event } from './define';
import type { OutboxState } from '../types/domain';
import type { ImportReportView } from './channels/contacts';
import type { ReportFilesView } from './channels/reports';

/** Events main pushes to the renderer. */
export const events = {
  'app:dataChanged': event<{ area: 'contacts' | 'templates' | 'campaigns' | 'inbox' | 'optouts' | 'settings' }>(),
  'campaign:progress': event<{ campaignId: number; counts: Partial<Record<OutboxState, number>>; total: number }>(),
  'inbox:message': event<{ contactId: number; phone: string; body: string; at: string }>(),
  /** Something the owner should hear about even when the window is hidden (desktop notification). */
  'app:notify': event<{ title: string; body: string; level: 'info' | 'warning' | 'error' }>(),
  'import:progress': event<{ importId: string; rowsRead: number; bytesRead: number; totalBytes: number }>(),
  /** An import started with contacts:importRun ended; `report` when done, `error` when it failed or was cancelled. */
  'import:finished': event<{
    importId: string;
    state: 'done' | 'failed' | 'cancelled';
    dryRun: boolean;
    report: ImportReportView | null;
    error: { code: string; message: string } | null;
  }>(),
  /** NumVerify checks of a contacts:verify run: numbers answered so far out of those selected. */
  'verify:progress': event<{ checked: number; total: number }>(),
  /** A scheduled report was written (the Electron shell also shows app:notify; the browser shows this in the app). */
  'reports:ready': event<ReportFilesView>(),
};
