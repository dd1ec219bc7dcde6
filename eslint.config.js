// Folder boundaries are enforced here, not remembered (see ../shared/ARCHITECTURE.md):
//   shared/          plain TypeScript: no node:, DOM-only or electron imports
//   electron/core/   the engine: plain Node, never 'electron'
//   renderer/        DOM only: no Node built-ins, no electron, no engine code
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'dgram',
  'net',
  'http',
  'https',
  'crypto',
  'stream',
  'events',
  'url',
  'util',
  'dns',
  'tls',
  'zlib',
  'readline',
  'perf_hooks',
];

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'release', 'bench-results', 'e2e/output', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ is plain TypeScript: no Node built-ins.' },
            { group: ['electron', 'electron/*'], message: 'shared/ must not import electron.' },
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ must not depend on the engine or the UI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*'],
              message: 'electron/core runs without Electron: never import it.',
            },
            {
              group: ['**/renderer/**', '**/main/**', '**/preload/**'],
              message: 'electron/core must not depend on the shell or the UI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'renderer/ is DOM only: no Node built-ins.' },
            {
              group: ['electron', 'electron/*'],
              message: 'renderer/ talks to the engine only through the contract.',
            },
            {
              group: ['**/electron/**'],
              message: 'renderer/ must not import engine code: use the contract in shared/.',
            },
          ],
        },
      ],
    },
  },
);
