import { useEffect } from 'react';
import { create } from 'zustand';

/**
 * Actions the command palette can ask of a page ("New campaign" while on Contacts): the palette opens the page and
 * leaves the request here; the page runs it once it is showing. Pages that offer nothing simply never take one.
 */
export type PageActionId = 'campaigns.new' | 'abtests.new' | 'templates.new' | 'contacts.add' | 'contacts.import';

interface PendingAction {
  pending: PageActionId | null;
  request(id: PageActionId): void;
}

export const usePendingAction = create<PendingAction>((set) => ({
  pending: null,
  request: (id) => set({ pending: id }),
}));

/** Runs `run` when the palette asks for `id` (now, or as soon as this page is showing). */
export function usePageAction(id: PageActionId, run: () => void): void {
  const pending = usePendingAction((s) => s.pending);
  useEffect(() => {
    if (pending !== id) return;
    usePendingAction.setState({ pending: null });
    run();
  }, [pending, id, run]);
}
