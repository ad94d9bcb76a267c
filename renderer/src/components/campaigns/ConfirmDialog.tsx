import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal question (native <dialog>: focus stays inside, Escape answers "no"). The safe answer has the focus,
 * so a stray Enter never does the irreversible thing; when it closes, the focus returns to what opened it.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Go back',
  danger = false,
  busy = false,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm(): void;
  onClose(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const safe = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      safe.current?.focus();
    }
    if (!open) {
      if (dialog.open) dialog.close();
      // Back to the button that asked the question, if it is still on screen.
      if (opener.current?.isConnected) opener.current.focus();
      opener.current = null;
    }
  }, [open]);
  return (
    <dialog ref={ref} className="cw-dialog" aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      <h2 id={titleId}>{title}</h2>
      <div className="cw-dialog-body">{children}</div>
      <div className="cw-dialog-actions">
        <button ref={safe} type="button" className="secondary" onClick={onClose}>
          {cancelLabel}
        </button>
        <button type="button" className={danger ? 'danger' : ''} disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
