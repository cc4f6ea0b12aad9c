// Lint, with the process layering enforced (VS Code's code-layering idea, as import rules):
// - the renderer never imports main-process code, electron or node:* (it runs sandboxed in a browser);
// - the contract imports only zod (both processes load it);
// - domain code (pure rules) imports nothing with I/O.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net', 'url', 'util', 'stream'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.mjs', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/src-main/**', '**/src-main'], message: 'The renderer never imports main-process code: call it through lib/api.ts.' },
            { group: ['electron', 'electron/*'], message: 'The renderer is sandboxed: no electron imports; use lib/api.ts.' },
            { group: NODE_BUILTINS, message: 'The renderer runs in a browser: no Node built-ins.' },
            { group: ['**/src-preload/index*'], message: 'Import the contract only (src-preload/contract), not the preload.' },
          ],
        },
      ],
    },
  },
  {
    // Issue 13 point 15: register() gives no `checked`, so a Mantine Switch/Checkbox bound with it shows OFF whatever the form holds.
    files: ['src-renderer/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXOpeningElement[name.name=/^(Switch|Checkbox|Chip)$/] > JSXSpreadAttribute > CallExpression[callee.property.name='register']",
          message: 'A Switch/Checkbox bound with register() never shows the form value: use SwitchField (lib/SwitchField.tsx) or useController with checked.',
        },
      ],
    },
  },
  {
    files: ['src-preload/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!zod$|\\./)', message: 'The contract imports only zod (and its own files).' }] },
      ],
    },
  },
  {
    files: ['src-main/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...NODE_BUILTINS, 'electron', 'better-sqlite3', '**/db/**', '**/services/**', '**/ipc/**', '**/http/**'], message: 'Domain code is pure: no I/O.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
