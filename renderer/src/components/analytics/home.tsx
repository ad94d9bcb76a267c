import './analytics.css';
import { useEffect, useState } from 'react';
import { api, onEvent } from '../../api/client';
import { useApp } from '../../store/app';
import type { ReportFilesView } from '../../../../shared/ipc/channels/reports';
import { Button } from '../ui';

/**
 * The dashboard is the app's home once anything was sent; before that the contacts page stays the home. Only when
 * the app opens without a page in its address, so a link or a reload keeps its page.
 */
export function useHomePage(): void {
  const go = useApp((s) => s.go);
  useEffect(() => {
    if (window.location.hash.replace(/^#\/?/, '') !== '') return;
    let live = true;
    api.analytics
      .summary({})
      .then((s) => {
        if (live && s.anythingSent && window.location.hash.replace(/^#\/?/, '') === '') go('dashboard');
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [go]);
}

/** A report written in the background, told in the app (the desktop shell shows a notification as well). */
export function ReportNotices() {
  const [ready, setReady] = useState<ReportFilesView | null>(null);
  useEffect(() => onEvent('reports:ready', setReady), []);
  useEffect(() => {
    if (!ready) return;
    const timer = setTimeout(() => setReady(null), 12_000);
    return () => clearTimeout(timer);
  }, [ready]);
  if (!ready) return null;
  return (
    <div className="an-toast" role="status">
      <strong>{ready.kind === 'week' ? 'Weekly' : 'Monthly'} report ready</strong>
      <span className="small">{ready.label}</span>
      <span className="small mono an-toast-path">{ready.pdf}</span>
      <Button variant="secondary" size="small" onClick={() => setReady(null)}>
        Dismiss
      </Button>
    </div>
  );
}
