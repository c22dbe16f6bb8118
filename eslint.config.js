// @ts-check
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import tseslint from 'typescript-eslint';

const LAYER_MESSAGES = {
  main: 'Only main/ imports main/: share it through common/ instead.',
  renderer: 'Only renderer/ imports renderer/: share it through common/ instead.',
  preload: 'preload/ is the bridge only: import the contract from common/ipc.ts.',
  tests: 'Source never imports tests/.',
};

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
      // Components never touch the bridge; only renderer/bridge.ts may (ARCHITECTURE.md §1).
      'no-restricted-properties': ['error', { object: 'window', property: 'lectern', message: 'Use renderer/bridge.ts.' }],
    },
  },
  {
    files: ['renderer/bridge.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  // The layers (ARCHITECTURE.md §1): each folder lists what it may not import. ESLint keeps
  // only the last `no-restricted-imports` that matches a file, so every folder's list is whole
  // here and the blocks below never overlap; tests/unit/layers.test.ts proves each one bites.
  ...layerRules(),
);

/** One `no-restricted-imports` block per layer. */
function layerRules() {
  const ours = (...folders) =>
    folders.map((folder) => ({
      group: [`**/${folder}`, `**/${folder}/**`],
      message: LAYER_MESSAGES[folder],
    }));
  const electron = { name: 'electron', message: '`electron` is imported only under main/electron/ and preload/.' };
  const ipcMain = {
    name: 'electron',
    importNames: ['ipcMain'],
    message: 'ipcMain is used only in main/electron/ipc.ts: every channel is registered there.',
  };
  const node = { group: ['node:*'], message: 'common/ and renderer/ run in both processes or the page: no Node modules.' };
  const block = (files, paths, patterns, ignores = []) => ({
    files,
    ignores,
    rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
  });
  return [
    block(['common/**/*.ts'], [electron], [...ours('main', 'renderer', 'preload', 'tests'), node]),
    block(['renderer/**/*.ts'], [electron], [...ours('main', 'preload', 'tests'), node]),
    block(['preload/**/*.ts'], [], ours('main', 'renderer', 'tests')),
    block(['main/**/*.ts'], [electron], ours('renderer', 'preload', 'tests'), ['main/electron/**']),
    block(['main/electron/**/*.ts'], [ipcMain], ours('renderer', 'preload', 'tests'), ['main/electron/ipc.ts']),
    block(['main/electron/ipc.ts'], [], ours('renderer', 'preload', 'tests')),
  ];
}
