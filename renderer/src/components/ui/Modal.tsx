import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from './Button';
import './ui.css';

const FIELD = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])';

/**
 * The first field of the body gets the focus, unless something inside already took it on purpose (an autofocus
 * attribute, a safe answer); showing the dialog alone would put it on the close button.
 */
function focusFirstField(dialog: HTMLDialogElement): void {
  const active = document.activeElement;
  const closeButton = dialog.querySelector('.ct-close');
  if (active && active !== closeButton && active !== dialog && dialog.contains(active)) return;
  dialog.querySelector<HTMLElement>(`.ct-modal-body :is(${FIELD})`)?.focus();
}

/**
 * A modal window on the native <dialog>: its first field has the focus, focus stays inside, Escape closes it (unless `locked`, e.g. while an
 * import is writing). The caller decides whether it is open; closing only asks through `onClose`, and gives the focus back to the opener.
 */
export function Modal({
  title,
  subtitle,
  size = 'medium',
  locked = false,
  onClose,
  children,
  footer,
  'data-testid': testId,
}: {
  title: string;
  subtitle?: ReactNode;
  size?: 'small' | 'medium' | 'large';
  locked?: boolean;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  'data-testid'?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    if (dialog) focusFirstField(dialog);
    return () => {
      dialog?.close();
      // Back where the owner was (the button that opened it), if it is still there.
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`ct-modal ${size}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        if (!locked) onClose();
      }}
    >
      <header className="ct-modal-head">
        <div>
          <h2 id={titleId}>{title}</h2>
          {subtitle && <p className="muted small">{subtitle}</p>}
        </div>
        <button type="button" className="ct-close" aria-label="Close" disabled={locked} onClick={onClose}>
          ×
        </button>
      </header>
      <div className="ct-modal-body">{children}</div>
      {footer && <footer className="ct-modal-foot">{footer}</footer>}
    </dialog>
  );
}

/**
 * A yes/no question on top of everything else. The safe answer has the focus, so a stray Enter never does the
 * irreversible thing; Escape answers "no", and the focus goes back to what asked.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  danger = false,
  busy = false,
  busyLabel = 'Working…',
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  busy?: boolean;
  busyLabel?: string;
  onConfirm(): void;
  onClose(): void;
}) {
  const safe = useRef<HTMLButtonElement>(null);
  useEffect(() => safe.current?.focus(), []);
  return (
    <Modal
      title={title}
      size="small"
      locked={busy}
      onClose={onClose}
      footer={
        <>
          <Button ref={safe} variant="secondary" onClick={onClose} disabled={busy}>
            {cancelLabel}
          </Button>
          <Button variant={danger ? 'danger' : 'primary'} onClick={onConfirm} disabled={busy}>
            {busy ? busyLabel : confirmLabel}
          </Button>
        </>
      }
    >
      <div className="ct-confirm-text">{children}</div>
    </Modal>
  );
}
