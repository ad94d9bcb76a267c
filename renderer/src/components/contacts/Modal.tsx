import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal window on the native <dialog>: focus stays inside and Escape closes it (unless `locked`, e.g. while an
 * import is writing). The caller decides whether it is open; closing only asks through `onClose`.
 */
export function Modal({
  title,
  subtitle,
  size = 'medium',
  locked = false,
  onClose,
  children,
  footer,
}: {
  title: string;
  subtitle?: ReactNode;
  size?: 'small' | 'medium' | 'large';
  locked?: boolean;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`ct-modal ${size}`}
      aria-labelledby={titleId}
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

/** A yes/no question on top of everything else; the safe answer has the focus. */
export function Confirm({
  title,
  children,
  confirmLabel,
  danger = false,
  busy = false,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
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
          <button ref={safe} type="button" className="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" className={danger ? 'danger' : ''} onClick={onConfirm} disabled={busy}>
            {busy ? 'Working…' : confirmLabel}
          </button>
        </>
      }
    >
      <div className="ct-confirm-text">{children}</div>
    </Modal>
  );
}
