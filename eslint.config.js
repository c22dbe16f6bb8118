// @ts-check
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty-pattern': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['renderer/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['renderer/**/*.ts'],
    plugins: { 'lit-a11y': litA11y },
    rules: {
      ...litA11y.configs.recommended.rules,
      // Components never touch the bridge; only renderer/bridge.ts may (DESIGN.md §1).
      'no-restricted-properties': ['error', { object: 'window', property: 'lectern', message: 'Use renderer/bridge.ts.' }],
    },
  },
  {
    files: ['renderer/bridge.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The layers only import downward (DESIGN.md §8): the store knows nothing of Electron.
    files: ['main/library/**/*.ts', 'main/handlers.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'] }] },
  },
  {
    files: ['renderer/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/main/**', 'electron', 'node:*'], message: 'The renderer is DOM only.' }] },
      ],
    },
  },
);
