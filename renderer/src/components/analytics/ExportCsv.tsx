import { useState } from 'react';
import { api } from '../../api/client';
import { EXPORT_KINDS, type ExportKind } from '../../../../shared/ipc/channels/analytics';
import { downloadText } from '../abtests/format';
import { Select } from '../ui';

const LABEL: Record<ExportKind, string> = {
  results: 'Results (one row per campaign)',
  messages: 'Every text, with state, outcome and cost',
  conversions: 'Conversions',
  inbox: 'Replies (the inbox)',
};

/**
 * "Export CSV": the spreadsheet-safe exports (formula characters escaped) of one campaign, or of everything when no
 * campaign is given, saved through the browser's download.
 */
export function ExportCsv({ campaignId }: { campaignId?: number }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(kind: ExportKind) {
    setBusy(true);
    setError(null);
    try {
      const file = await api.export[kind](campaignId === undefined ? {} : { campaignId });
      downloadText(file.fileName, file.csv);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="an-export">
      <Select
        aria-label="Export CSV"
        value=""
        disabled={busy}
        onChange={(e) => {
          const kind = EXPORT_KINDS.find((k) => k === e.target.value);
          if (kind) void run(kind);
        }}
      >
        <option value="">{busy ? 'Exporting…' : 'Export CSV…'}</option>
        {EXPORT_KINDS.map((k) => (
          <option key={k} value={k}>
            {LABEL[k]}
          </option>
        ))}
      </Select>
      {error && (
        <span className="small bad" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
