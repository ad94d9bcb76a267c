import type { ReactNode } from 'react';
import { Button } from '../ui';

/**
 * ‹ and › around whoever a preview is for, stepping through the sample contacts (and round from the last to the
 * first); both are off while there is only one contact to show.
 */
export function ContactStepper({
  count,
  index,
  onIndex,
  className,
  children,
}: {
  count: number;
  index: number;
  onIndex: (i: number) => void;
  className: string;
  /** Who the preview is for, between the two buttons. */
  children: ReactNode;
}) {
  const step = (by: number) => onIndex((index + by + count) % count);
  return (
    <div className={className}>
      <Button className="icon-button" aria-label="Previous contact" disabled={count < 2} onClick={() => step(-1)}>
        ‹
      </Button>
      {children}
      <Button className="icon-button" aria-label="Next contact" disabled={count < 2} onClick={() => step(1)}>
        ›
      </Button>
    </div>
  );
}
