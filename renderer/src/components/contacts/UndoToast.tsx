import { useEffect } from 'react';
import { Button } from '../ui';

/** How long Undo is offered after a bulk action. */
export const UNDO_MS = 10_000;

/** A note at the bottom of the window saying what was done, with Undo for a few seconds. */
export function UndoToast({ text, onUndo, onDismiss }: { text: string; onUndo?: () => void; onDismiss(): void }) {
  useEffect(() => {
    const timer = setTimeout(onDismiss, UNDO_MS);
    return () => clearTimeout(timer);
  }, [text, onDismiss]);
  return (
    <div className="ct-toast" role="status">
      <span>{text}</span>
      {onUndo && (
        <Button className="ct-toast-undo" onClick={onUndo}>
          Undo
        </Button>
      )}
      <Button className="ct-toast-close" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </Button>
    </div>
  );
}
