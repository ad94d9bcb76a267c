import { useState } from 'react';
import { api } from '../../api/client';
import type { AudienceFilterInput } from '../../../../shared/audience';
import { saveText } from './files';
import { formatBytes, plural } from './format';

/**
 * Exports the contacts the filters show. Main always writes the file into the data folder's exports; a small
 * one also comes back as text and is offered as a download, a large one is pointed to where it was written.
 */
export function useExportCsv(filter: AudienceFilterInput) {
  const [state, setState] = useState<{ busy: boolean; message: string | null; error: string | null }>({
    busy: false,
    message: null,
    error: null,
  });
  const run = async () => {
    setState({ busy: true, message: null, error: null });
    try {
      const out = await api.contacts.export({ filter });
      if (out.csv !== null) {
        saveText(out.csv, out.fileName);
        setState({ busy: false, message: `Exported ${plural(out.rows, 'contact')} to ${out.fileName}.`, error: null });
      } else {
        setState({
          busy: false,
          message: `Exported ${plural(out.rows, 'contact')} (${formatBytes(out.bytes)}) to ${out.path}`,
          error: null,
        });
      }
    } catch (e) {
      setState({ busy: false, message: null, error: (e as Error).message });
    }
  };
  const dismiss = () => setState((s) => ({ ...s, message: null, error: null }));
  return { ...state, run, dismiss };
}
