// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { readdirSync, statSync } from 'node:fs';

const onlyMainImportsElectron = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };

// Domains import each other only through the other domain's index.ts (electron/<domain>/index.ts, kept by the
// boundaries codemod). Platform folders every domain uses are imported by path; main and preload are the Electron
// shell (nobody imports them; they have their own rules below). Keep these lists in step with the codemod.
const platform = ['db', 'events', 'http', 'ipc', 'security', 'settings'];
const electronShell = ['main', 'preload'];
const electronDir = new URL('./electron/', import.meta.url);
const electronFolders = readdirSync(electronDir).filter((name) => statSync(new URL(name, electronDir)).isDirectory());
const domains = electronFolders.filter((name) => !platform.includes(name) && !electronShell.includes(name));
const throughIndexOnly = domains.map((own) => ({
  files: [`electron/${own}/**/*.{ts,tsx,mts}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [onlyMainImportsElectron],
        patterns: [
          {
            regex: `^(\\.\\./)+(${domains.filter((d) => d !== own).join('|')})/`,
            message: 'Import another domain through its index.ts (e.g. "../contacts"), never its inner modules.',
          },
        ],
      },
    ],
  },
}));

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'worker_threads', 'url', 'util', 'stream'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.electron-native/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-empty-pattern': 'off',
      // Only electron/main and electron/preload may touch Electron: everything else runs under plain Node.
      'no-restricted-imports': ['error', { paths: [onlyMainImportsElectron] }],
    },
  },
  ...throughIndexOnly,
  {
    files: ['electron/main/**', 'electron/preload/**', 'tests/e2e/electron.spec.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The renderer and shared code run in the browser: no Node built-ins, no Electron.
    files: ['renderer/src/**', 'shared/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to main only through the typed API client.' }, ...nodeBuiltins.map((name) => ({ name, message: 'No Node built-ins in the renderer or shared code.' }))],
          patterns: [{ group: ['node:*'], message: 'No Node built-ins in the renderer or shared code.' }, { group: ['**/electron/**'], message: 'The renderer must not import main-process code.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/src/**/*.tsx', 'renderer/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, 'react-hooks/set-state-in-effect': 'off' },
  },
);
