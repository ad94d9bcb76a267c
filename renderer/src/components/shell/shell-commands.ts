import { useEffect } from 'react';
import { api } from '../../api/client';
import type { PageId } from '../../store/app';
import { usePendingAction, type PageActionId } from '../../store/actions';
import type { Command } from './CommandPalette';
import { ALT, MOD, isTyping, pageNumber } from './keys';

export interface ShellPage {
  id: PageId;
  label: string;
}

/** After a jump, the page itself has the focus, so Tab goes on from its top. */
export function focusMain(): void {
  requestAnimationFrame(() => document.getElementById('main')?.focus());
}

const PAGE_ACTIONS: Array<{ id: PageActionId; page: PageId; label: string; keywords: string }> = [
  { id: 'campaigns.new', page: 'campaigns', label: 'New campaign', keywords: 'create send text blast' },
  { id: 'abtests.new', page: 'abtests', label: 'New A/B test', keywords: 'create variant split experiment' },
  { id: 'templates.new', page: 'templates', label: 'New template', keywords: 'create message write' },
  { id: 'contacts.add', page: 'contacts', label: 'Add a contact', keywords: 'new person phone customer' },
  { id: 'contacts.import', page: 'contacts', label: 'Import contacts', keywords: 'csv upload file vcard' },
];

/** The palette's list: every page of the nav (in its order), the main actions, the theme, the shortcuts. */
export function shellCommands(
  pages: ShellPage[],
  go: (page: PageId) => void,
  showShortcuts: () => void,
  onError: (message: string) => void,
): Command[] {
  const known = new Set(pages.map((p) => p.id));
  const setTheme = (theme: 'system' | 'light' | 'dark') =>
    api.settings.set({ key: 'ui.theme', value: theme }).catch((e: Error) => onError(e.message));
  return [
    ...pages.map((p, i): Command => ({
      id: `go.${p.id}`,
      label: p.label,
      section: 'Pages',
      keywords: 'go open page',
      keys: i < 9 ? `${ALT} ${i + 1}` : undefined,
      run: () => {
        go(p.id);
        focusMain();
      },
    })),
    ...PAGE_ACTIONS.filter((a) => known.has(a.page)).map((a): Command => ({
      id: a.id,
      label: a.label,
      section: 'Actions',
      keywords: a.keywords,
      run: () => {
        go(a.page);
        usePendingAction.getState().request(a.id);
      },
    })),
    {
      id: 'health.check',
      label: 'Check webhooks now',
      section: 'Actions',
      keywords: 'monitoring health relay tunnel',
      run: () => {
        go('monitoring');
        api.health.check({}).catch((e: Error) => onError(e.message));
      },
    },
    {
      id: 'theme.dark',
      label: 'Dark theme',
      section: 'Appearance',
      keywords: 'colour color scheme night mode',
      run: () => void setTheme('dark'),
    },
    {
      id: 'theme.light',
      label: 'Light theme',
      section: 'Appearance',
      keywords: 'colour color scheme day mode',
      run: () => void setTheme('light'),
    },
    {
      id: 'theme.system',
      label: 'Theme like my computer',
      section: 'Appearance',
      keywords: 'colour color scheme system auto',
      run: () => void setTheme('system'),
    },
    {
      id: 'help.shortcuts',
      label: 'Keyboard shortcuts',
      section: 'Help',
      keywords: 'keys help ?',
      keys: '?',
      run: showShortcuts,
    },
  ];
}

/** Ctrl/Cmd+K (palette), "?" (shortcuts, not while typing), Alt+1…9 (the nav's pages in order). */
export function useShellShortcuts(
  pages: ShellPage[],
  go: (page: PageId) => void,
  togglePalette: () => void,
  showShortcuts: () => void,
): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        togglePalette();
        return;
      }
      if (
        e.key === '?' &&
        !e.ctrlKey &&
        !e.metaKey &&
        !e.altKey &&
        !isTyping(e.target) &&
        !document.querySelector('dialog[open]')
      ) {
        e.preventDefault();
        showShortcuts();
        return;
      }
      const n = pageNumber(e);
      const page = n === null ? undefined : pages[n - 1];
      if (page && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        go(page.id);
        focusMain();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pages, go, togglePalette, showShortcuts]);
}

export const PALETTE_KEYS = `${MOD} K`;
