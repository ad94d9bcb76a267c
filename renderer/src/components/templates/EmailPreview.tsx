import { useEffect, useRef, useState } from 'react';
import { emailPreviewUrl, type EmailPreviewRequest } from '../../../../shared/email-templates';
import type { SampleContact } from '../../../../shared/ipc/channels/templates';
import { transport } from '../../api/transport';
import { useDebounced } from '../contacts/useDebounced';
import { Radio } from '../ui';
import { ContactStepper } from './ContactStepper';

/** The widths a mail app shows an e-mail at: a desktop reading pane and a phone. */
const WIDTHS = { desktop: 640, phone: 375 } as const;
type Width = keyof typeof WIDTHS;
const HEIGHT = 640;
/** In the desktop app the preview document comes from the app's own protocol (also while the dev server runs). */
const ORIGIN = transport.kind === 'electron' ? 'app://desk' : '';

/**
 * The e-mail as renderEmail makes it for one contact, in a sandboxed frame (no script, its own origin) at a desktop
 * or a phone's width, scaled down to fit the column when it is narrower. The document is served with its own
 * Content-Security-Policy allowing inline styles (EMAIL_PREVIEW_POLICY), because the app's page forbids them and a
 * srcdoc frame would inherit that.
 */
export function EmailPreview({
  request,
  subjectLine,
  sender,
  contacts,
  index,
  onIndex,
}: {
  request: EmailPreviewRequest;
  /** The subject with the contact's values filled in. */
  subjectLine: string;
  sender: string;
  contacts: readonly SampleContact[];
  index: number;
  onIndex: (i: number) => void;
}) {
  const [width, setWidth] = useState<Width>('desktop');
  const stage = useRef<HTMLDivElement>(null);
  const [room, setRoom] = useState<number>(WIDTHS.desktop);
  // The typing settles before the frame loads the document again (it is rendered by the app, not in the page).
  const src = useDebounced(emailPreviewUrl(ORIGIN, request), 300);
  useEffect(() => {
    const el = stage.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setRoom(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const frameWidth = WIDTHS[width];
  const scale = Math.min(1, room / frameWidth);
  const current = contacts[index] ?? null;

  return (
    <section className="tpl-card email-preview" aria-label="E-mail preview">
      <div className="email-preview-bar">
        <div className="email-preview-widths" role="radiogroup" aria-label="Preview width">
          {(['desktop', 'phone'] as const).map((w) => (
            <Radio
              key={w}
              className={w === width ? 'selected' : undefined}
              name="email-width"
              checked={w === width}
              onChange={() => setWidth(w)}
              label={w === 'desktop' ? `Desktop (${WIDTHS.desktop} px)` : `Phone (${WIDTHS.phone} px)`}
            />
          ))}
        </div>
        <ContactStepper className="email-preview-who" count={contacts.length} index={index} onIndex={onIndex}>
          <span data-testid="email-preview-contact">
            {current ? `For ${current.label}` : 'For a contact with no name'}
          </span>
        </ContactStepper>
      </div>
      <dl className="email-preview-head">
        <dt>From</dt>
        <dd>{sender || 'Your sender address (Settings → E-mail)'}</dd>
        <dt>Subject</dt>
        <dd data-testid="email-preview-subject">{subjectLine || '(no subject)'}</dd>
      </dl>
      <div className="email-preview-stage" ref={stage} style={{ height: HEIGHT * scale }}>
        <iframe
          title="E-mail preview"
          sandbox=""
          referrerPolicy="no-referrer"
          src={src}
          data-width={width}
          width={frameWidth}
          height={HEIGHT}
          style={{ transform: `scale(${scale})` }}
        />
      </div>
    </section>
  );
}
