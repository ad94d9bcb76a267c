// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { readdirSync, statSync } from 'node:fs';

const onlyMainImportsElectron = {
  name: 'electron',
  message: 'Only electron/main and electron/preload may import electron.',
};

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

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'worker_threads',
  'url',
  'util',
  'stream',
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.electron-native/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    // Type-aware rules read the TypeScript projects (tsconfig.node/web/e2e through the solution tsconfig.json).
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // An async function without await is how this code meets a Promise-returning interface (the sandbox provider,
      // in-thread stand-ins for worker pools, Electron's API in tests) while a throw still becomes a rejection;
      // Promise.resolve(f()) would throw synchronously instead.
      '@typescript-eslint/require-await': 'off',
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
          paths: [
            { name: 'electron', message: 'The renderer talks to main only through the typed API client.' },
            ...nodeBuiltins.map((name) => ({ name, message: 'No Node built-ins in the renderer or shared code.' })),
          ],
          patterns: [
            { group: ['node:*'], message: 'No Node built-ins in the renderer or shared code.' },
            { group: ['**/electron/**'], message: 'The renderer must not import main-process code.' },
            {
              group: ['./*Page', '../pages/*', '../../pages/*', '../../../pages/*'],
              message: 'Pages do not import each other: move the shared part to components/<area>/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/src/**/*.tsx', 'renderer/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, 'react-hooks/set-state-in-effect': 'off' },
  },
  {
    // Zustand actions (renderer/src/store) never use `this`: state comes through set/get, so destructuring them from
    // the hook is safe; the rule cannot see that through the method shorthand the store interfaces use.
    files: ['renderer/src/**'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // parseArgs types every value as string | boolean | (string | boolean)[]; each CLI option is declared with
    // type 'string' and no `multiple`, so String(value) meets a string (or true for a bare flag), never an array.
    files: ['electron/cli/**'],
    rules: { '@typescript-eslint/no-base-to-string': 'off' },
  },
  {
    files: ['tests/**'],
    rules: {
      // Vitest's asymmetric matchers (expect.stringContaining, expect.any, …) are typed `any`, and tests parse the
      // CLI's --json output and HTTP bodies to assert on them with expect: the assertion is the type check there.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Test helpers hand back closures ({ close }, { quit }) that never use `this`.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Plain JavaScript (boot shims, scripts, this file) and renderer/vite.config.ts are in no TypeScript project:
    // syntax rules only.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs', 'renderer/vite.config.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
);
