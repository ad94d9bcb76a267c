import { useCallback, useEffect, useMemo, useState } from 'react';
import { useApp, type PageId } from './store/app';
import { onEvent } from './api/client';
import { Icon } from './components/icons';
import { ContactsPage } from './pages/ContactsPage';
import { TemplatesPage } from './pages/TemplatesPage';
import { CampaignsPage } from './pages/CampaignsPage';
import { AbTestsPage } from './pages/AbTestsPage';
import { InboxPage } from './pages/InboxPage';
import { OptOutsPage } from './pages/OptOutsPage';
import { MonitoringPage } from './pages/MonitoringPage';
import { SettingsPage } from './pages/SettingsPage';
import { ErrorBanner } from './components/ui';
import { CommandPalette } from './components/shell/CommandPalette';
import { ShortcutsDialog } from './components/shell/ShortcutsDialog';
import { PALETTE_KEYS, focusMain, shellCommands, useShellShortcuts } from './components/shell/shell-commands';
import { CalendarPage } from './pages/CalendarPage';
import { DashboardPage } from './pages/DashboardPage';
import { AnalyticsPage } from './pages/AnalyticsPage';
import { CampaignResultsPage } from './pages/CampaignResultsPage';
import { DesignSystemPage } from './pages/DesignSystemPage';
import { ReportNotices, useHomePage } from './components/analytics/home';
import { InboxNavBadge } from './components/inbox/InboxNavBadge';

const PAGES: Array<{ id: PageId; label: string; icon: string; Component: () => React.JSX.Element; hidden?: boolean }> =
  [
    { id: 'dashboard', label: 'Dashboard', icon: 'dashboard', Component: DashboardPage },
    { id: 'analytics', label: 'Analytics', icon: 'analytics', Component: AnalyticsPage },
    { id: 'contacts', label: 'Contacts', icon: 'contacts', Component: ContactsPage },
    { id: 'templates', label: 'Templates', icon: 'templates', Component: TemplatesPage },
    { id: 'campaigns', label: 'Campaigns', icon: 'campaigns', Component: CampaignsPage },
    { id: 'calendar', label: 'Calendar', icon: 'calendar', Component: CalendarPage },
    { id: 'abtests', label: 'A/B tests', icon: 'abtests', Component: AbTestsPage },
    { id: 'inbox', label: 'Inbox', icon: 'inbox', Component: InboxPage },
    { id: 'optouts', label: 'Opt-outs', icon: 'optouts', Component: OptOutsPage },
    { id: 'monitoring', label: 'Monitoring', icon: 'monitoring', Component: MonitoringPage },
    { id: 'settings', label: 'Settings', icon: 'settings', Component: SettingsPage },
    { id: 'results', label: 'Campaign results', icon: 'campaigns', Component: CampaignResultsPage, hidden: true },
    { id: 'ui', label: 'Design system', icon: 'settings', Component: DesignSystemPage, hidden: true },
  ];
/** The pages of the sidebar, the palette and Alt+1…9 (a hidden page, such as one campaign's results, is reached from another). */
const NAV_PAGES = PAGES.filter((p) => !p.hidden);

const PROVIDER_LABEL = { sandbox: 'Sandbox (simulated)', quo: 'Quo', twilio: 'Twilio' } as const;

function StatusBar() {
  const { info, health, statusError } = useApp();
  return (
    <footer className="statusbar" role="contentinfo">
      <span data-testid="provider-mode">
        Provider: <strong>{info ? PROVIDER_LABEL[info.provider] : '…'}</strong>
      </span>
      <span data-testid="db-health" className={health && !health.ok ? 'bad' : ''}>
        Database:{' '}
        {statusError ? (
          <strong className="bad">unreachable</strong>
        ) : health ? (
          health.ok ? (
            <strong className="good">healthy</strong>
          ) : (
            <strong className="bad">{health.integrity}</strong>
          )
        ) : (
          '…'
        )}
        {info && <span className="muted"> · schema v{info.schemaVersion}</span>}
      </span>
      <span className="muted">{info ? `v${info.version}` : ''}</span>
    </footer>
  );
}

export function App() {
  const { page, go, refreshStatus, theme } = useApp();
  useHomePage();
  useEffect(() => {
    void refreshStatus();
    const timer = setInterval(() => void refreshStatus(), 30_000);
    const off = onEvent('app:dataChanged', (p) => p.area === 'settings' && void refreshStatus());
    return () => {
      clearInterval(timer);
      off();
    };
  }, [refreshStatus]);
  useEffect(() => {
    // "system" follows the OS, live; the stylesheet only knows light and dark.
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () =>
      (document.documentElement.dataset.theme = theme === 'system' ? (media.matches ? 'dark' : 'light') : theme);
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
  const current = PAGES.find((p) => p.id === page) ?? PAGES[0];
  useEffect(() => {
    document.title = `${current.label} · SMS Campaign Desk`;
  }, [current.label]);
  const [palette, setPalette] = useState(false);
  const [shortcuts, setShortcuts] = useState(false);
  const [shellError, setShellError] = useState<string | null>(null);
  const togglePalette = useCallback(() => setPalette((open) => !open), []);
  const showShortcuts = useCallback(() => setShortcuts(true), []);
  useShellShortcuts(NAV_PAGES, go, togglePalette, showShortcuts);
  const commands = useMemo(() => shellCommands(NAV_PAGES, go, showShortcuts, setShellError), [go, showShortcuts]);
  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          // The hash is the router: move the focus without changing it.
          e.preventDefault();
          focusMain();
        }}
      >
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="logo">
            <Icon name="phone" size={16} />
          </span>
          SMS Campaign Desk
        </div>
        <ul>
          {NAV_PAGES.map((p) => (
            <li key={p.id}>
              <button
                className={p.id === page ? 'nav active' : 'nav'}
                aria-current={p.id === page ? 'page' : undefined}
                onClick={() => go(p.id)}
              >
                <span className="nav-icon">
                  <Icon name={p.icon} />
                </span>
                {p.label}
              </button>
              {p.id === 'inbox' && <InboxNavBadge />}
            </li>
          ))}
        </ul>
        <div className="sidebar-keys">
          <button type="button" className="nav" onClick={togglePalette} aria-keyshortcuts="Control+K Meta+K">
            <span className="nav-icon" aria-hidden="true">
              ⌕
            </span>
            Go to… <kbd>{PALETTE_KEYS}</kbd>
          </button>
          <button type="button" className="nav" onClick={showShortcuts} aria-keyshortcuts="?">
            <span className="nav-icon" aria-hidden="true">
              ?
            </span>
            Keyboard shortcuts
          </button>
        </div>
      </nav>
      <main className="content" id="main" tabIndex={-1} aria-label={current.label}>
        <ErrorBanner message={shellError} />
        <current.Component />
      </main>
      {palette && <CommandPalette commands={commands} onClose={() => setPalette(false)} />}
      {shortcuts && <ShortcutsDialog pages={NAV_PAGES} onClose={() => setShortcuts(false)} />}
      <StatusBar />
      <ReportNotices />
    </div>
  );
}
