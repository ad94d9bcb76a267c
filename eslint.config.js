// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

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
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron.' }] }],
    },
  },
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
          patterns: [{ group: ['node:*'], message: 'No Node built-ins in the renderer or shared code.' }, { group: ['**/electron/**'], message: 'The renderer must not import main-process code.' }, { group: ['./*Page', '../pages/*', '../../pages/*', '../../../pages/*'], message: 'Pages do not import each other: move the shared part to components/<area>/.' }],
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
