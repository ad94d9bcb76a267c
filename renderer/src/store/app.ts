import { create } from 'zustand';
import type { AppInfo, DatabaseHealth } from '../../../shared/ipc/channels/app';
import { api } from '../api/client';

export type PageId =
  | 'dashboard'
  | 'analytics'
  | 'results'
  | 'contacts'
  | 'templates'
  | 'campaigns'
  | 'calendar'
  | 'abtests'
  | 'inbox'
  | 'optouts'
  | 'monitoring'
  | 'settings'
  | 'ui';

interface AppState {
  page: PageId;
  info: AppInfo | null;
  health: DatabaseHealth | null;
  theme: 'system' | 'light' | 'dark';
  statusError: string | null;
  go(page: PageId): void;
  /** A campaign another page asked the Campaigns page to open (the calendar's click). */
  campaignToOpen: number | null;
  openCampaign(id: number): void;
  refreshStatus(): Promise<void>;
  setTheme(theme: 'system' | 'light' | 'dark'): void;
}

function pageFromHash(): PageId {
  // "#/results/12": the page is the first part, what it shows the rest.
  const id = window.location.hash.replace(/^#\/?/, '').split('/')[0] as PageId;
  return [
    'dashboard',
    'analytics',
    'results',
    'contacts',
    'templates',
    'campaigns',
    'calendar',
    'abtests',
    'inbox',
    'optouts',
    'monitoring',
    'settings',
    'ui',
  ].includes(id)
    ? id
    : 'contacts';
}

export const useApp = create<AppState>((set) => ({
  page: pageFromHash(),
  info: null,
  health: null,
  theme: 'system',
  statusError: null,
  campaignToOpen: null,
  openCampaign(id) {
    window.location.hash = '/campaigns';
    set({ page: 'campaigns', campaignToOpen: id });
  },
  go(page) {
    window.location.hash = `/${page}`;
    set({ page });
  },
  async refreshStatus() {
    try {
      const [info, health, theme] = await Promise.all([
        api.app.info({}),
        api.app.dbHealth({ full: false }),
        api.settings.get({ key: 'ui.theme' }),
      ]);
      set({ info, health, theme: theme.value as AppState['theme'], statusError: null });
    } catch (e) {
      set({ statusError: (e as Error).message });
    }
  },
  setTheme(theme) {
    set({ theme });
  },
}));

window.addEventListener('hashchange', () => useApp.setState({ page: pageFromHash() }));
