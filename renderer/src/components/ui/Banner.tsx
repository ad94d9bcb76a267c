import type { ReactNode } from 'react';
import './ui.css';

export type BannerTone = 'info' | 'warn' | 'error' | 'success';

/**
 * A line across the page that says how things stand. An error is announced at once (role alert), a success or an
 * info politely (role status); a warning is read in its place unless `role` says otherwise. `role="none"` keeps
 * a banner out of the live regions (a standing note, not news).
 */
export function Banner({
  tone,
  role,
  className,
  children,
  ...rest
}: {
  tone: BannerTone;
  role?: 'alert' | 'status' | 'alertdialog' | 'none';
  className?: string;
  children: ReactNode;
  'aria-label'?: string;
  'data-testid'?: string;
}) {
  const fallback = tone === 'error' ? 'alert' : tone === 'warn' ? undefined : 'status';
  const chosen = role === 'none' ? undefined : (role ?? fallback);
  return (
    <div className={['banner', tone, className].filter(Boolean).join(' ')} role={chosen} {...rest}>
      {children}
    </div>
  );
}

/** An error banner when there is a message, nothing otherwise. */
export function ErrorBanner({ message }: { message: string | null }) {
  if (!message) return null;
  return <Banner tone="error">{message}</Banner>;
}
