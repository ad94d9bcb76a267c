import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import type { TemplateDetail } from '../../../../shared/ipc/channels/templates';
import type { TemplateRow } from '../../../../shared/types/domain';

export type Notice = { tone: 'good' | 'warn'; text: string };

/**
 * One template's life in the library, shared by the text and e-mail editors: which saved template is open, whether
 * it is archived, what just happened (notice, error), and save, archive, duplicate and delete through the
 * templates:* handlers.
 */
export function useTemplateRecord(
  template: TemplateRow | null,
  handlers: { onClosed: () => void; onDuplicated: (t: TemplateDetail) => void },
) {
  const [id, setId] = useState<number | null>(template?.id ?? null);
  const [archived, setArchived] = useState(template?.archived ?? false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const detail = useQuery(() => (id === null ? Promise.resolve(null) : api.templates.get({ id })), [id], ['templates']);

  useEffect(() => {
    if (notice?.tone !== 'good') return;
    const timer = setTimeout(() => setNotice(null), 4000);
    return () => clearTimeout(timer);
  }, [notice]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return {
    id,
    archived,
    notice,
    setNotice,
    error,
    busy,
    confirmDelete,
    cancelDelete: () => setConfirmDelete(false),
    campaignCount: detail.data?.campaignCount ?? 0,
    run,
    /** Creates the template the first time, updates it afterwards; returns the stored row. */
    save: (
      create: Parameters<typeof api.templates.create>[0],
      update: Omit<Parameters<typeof api.templates.update>[0], 'id'>,
      onSaved: (row: TemplateDetail) => void,
    ) =>
      run(async () => {
        const row = id === null ? await api.templates.create(create) : await api.templates.update({ id, ...update });
        setId(row.id);
        setNotice({ tone: 'good', text: id === null ? 'Template saved.' : 'Changes saved.' });
        onSaved(row);
      }),
    toggleArchive: () =>
      run(async () => {
        if (id === null) return;
        const row = archived ? await api.templates.unarchive({ id }) : await api.templates.archive({ id });
        setArchived(row.archived);
        setNotice({
          tone: 'good',
          text: row.archived
            ? 'Archived: hidden from the library unless you show archived templates.'
            : 'Back in the library.',
        });
      }),
    remove: () => {
      if (id === null) return handlers.onClosed();
      // Two clicks: the first only turns the button into the question.
      if (!confirmDelete) return setConfirmDelete(true);
      setConfirmDelete(false);
      void run(async () => {
        const result = await api.templates.delete({ id });
        if (result.outcome === 'deleted') return handlers.onClosed();
        setArchived(true);
        setNotice({ tone: 'warn', text: result.message });
      });
    },
    duplicate: () =>
      run(async () => {
        if (id !== null) handlers.onDuplicated(await api.templates.duplicate({ id }));
      }),
  };
}

export type TemplateRecord = ReturnType<typeof useTemplateRecord>;
