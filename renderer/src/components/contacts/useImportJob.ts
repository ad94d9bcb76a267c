import { useCallback, useEffect, useRef, useState } from 'react';
import { api, onEvent } from '../../api/client';
import type {
  ImportOptionsInput,
  ImportProgressView,
  ImportReportView,
} from '../../../../shared/ipc/channels/contacts';

/** How often the job's status is asked for as well: events can arrive before we know the id, or not at all. */
const POLL_MS = 1000;

export type ImportJob =
  | { state: 'idle' }
  | { state: 'starting' }
  | { state: 'running'; importId: string; progress: ImportProgressView | null; cancelling: boolean }
  | { state: 'done'; importId: string; report: ImportReportView }
  | { state: 'cancelled'; importId: string | null }
  | { state: 'failed'; importId: string | null; message: string };

type Ending = {
  state: 'done' | 'failed' | 'cancelled' | 'running';
  report: ImportReportView | null;
  error: { message: string } | null;
  progress?: ImportProgressView | null;
};

/** Runs an import in main and follows it: progress from `import:progress`, the end from `import:finished` or a poll. */
export function useImportJob() {
  const [job, setJob] = useState<ImportJob>({ state: 'idle' });
  const idRef = useRef<string | null>(null);
  const stop = useRef<() => void>(() => undefined);

  useEffect(() => () => stop.current(), []);

  const follow = useCallback((importId: string, update: Ending) => {
    if (importId !== idRef.current) return;
    if (update.state === 'running') {
      const progress = update.progress;
      if (progress) setJob((j) => (j.state === 'running' && j.importId === importId ? { ...j, progress } : j));
      return;
    }
    stop.current();
    idRef.current = null;
    if (update.state === 'done' && update.report) setJob({ state: 'done', importId, report: update.report });
    else if (update.state === 'cancelled') setJob({ state: 'cancelled', importId });
    else
      setJob({ state: 'failed', importId, message: update.error?.message ?? 'The import stopped without saying why.' });
  }, []);

  const start = useCallback(
    async (fileId: string, options: ImportOptionsInput) => {
      stop.current();
      setJob({ state: 'starting' });
      const offProgress = onEvent('import:progress', (p) =>
        follow(p.importId, { state: 'running', report: null, error: null, progress: p }),
      );
      const offFinished = onEvent('import:finished', (p) => !p.dryRun && follow(p.importId, p));
      let timer: ReturnType<typeof setInterval> | null = null;
      stop.current = () => {
        offProgress();
        offFinished();
        if (timer) clearInterval(timer);
      };
      try {
        const { importId } = await api.contacts.importRun({ fileId, options });
        idRef.current = importId;
        setJob({ state: 'running', importId, progress: null, cancelling: false });
        timer = setInterval(() => {
          api.contacts
            .importStatus({ importId })
            .then((s) => follow(importId, s))
            .catch(() => undefined);
        }, POLL_MS);
      } catch (e) {
        stop.current();
        setJob({ state: 'failed', importId: null, message: (e as Error).message });
      }
    },
    [follow],
  );

  const cancel = useCallback(async () => {
    const importId = idRef.current;
    if (!importId) return;
    setJob((j) => (j.state === 'running' ? { ...j, cancelling: true } : j));
    try {
      await api.contacts.importCancel({ importId });
    } catch (e) {
      setJob((j) => (j.state === 'running' ? { ...j, cancelling: false } : j));
      throw e;
    }
  }, []);

  const reset = useCallback(() => {
    stop.current();
    idRef.current = null;
    setJob({ state: 'idle' });
  }, []);

  return { job, start, cancel, reset };
}
