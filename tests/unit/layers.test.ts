/**
 * The layer rules of ARCHITECTURE.md §1, as lint enforces them: each deliberate
 * violation below must be reported by `eslint.config.js`, and each allowed import
 * must not be. Linted as text at a path inside the folder, so nothing is written.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const cases: [string, string, string, RegExp][] = [
  ['common imports main', 'common/probe.ts', "import { x } from '../main/library';", /Only main\/ imports main\//],
  ['common imports the renderer', 'common/anchoring/probe.ts', "import { x } from '../../renderer/format';", /Only renderer\//],
  ['common imports the preload', 'common/probe.ts', "import { x } from '../preload/api';", /bridge only/],
  ['common imports Node', 'common/probe.ts', "import { x } from 'node:fs';", /no Node modules/],
  ['common imports electron', 'common/probe.ts', "import { x } from 'electron';", /only under main\/electron/],
  ['the renderer imports main', 'renderer/probe.ts', "import { x } from '../main/search/fold';", /Only main\//],
  ['the renderer imports the preload', 'renderer/reader/probe.ts', "import { x } from '../../preload/api';", /bridge only/],
  ['the renderer imports Node', 'renderer/probe.ts', "import { x } from 'node:path';", /no Node modules/],
  ['main imports the renderer', 'main/library/probe.ts', "import { x } from '../../renderer/format';", /Only renderer\//],
  ['main/electron imports the renderer', 'main/electron/probe.ts', "import { x } from '../../renderer/format';", /Only renderer\//],
  ['main imports the preload', 'main/probe.ts', "import { x } from '../preload/api';", /bridge only/],
  ['a main service imports electron', 'main/search/probe.ts', "import { x } from 'electron';", /only under main\/electron/],
  ['main/electron imports ipcMain outside ipc.ts', 'main/electron/probe.ts', "import { ipcMain as x } from 'electron';", /only in main\/electron\/ipc\.ts/],
  ['the preload imports main', 'preload/probe.ts', "import { x } from '../main/handlers';", /Only main\//],
  ['the preload imports the renderer', 'preload/probe.ts', "import { x } from '../renderer/bridge';", /Only renderer\//],
  ['source imports tests', 'main/probe.ts', "import { x } from '../tests/chromium';", /never imports tests/],
];

const allowed: [string, string, string][] = [
  ['common imports common', 'common/anchoring/probe.ts', "import { x } from '../model';"],
  ['main imports common', 'main/library/probe.ts', "import { x } from '../../common/model';"],
  ['main imports main', 'main/notes/probe.ts', "import { x } from '../library';"],
  ['the renderer imports common', 'renderer/probe.ts', "import { x } from '../common/colors';"],
  ['main/electron imports electron', 'main/electron/probe.ts', "import { app as x } from 'electron';"],
  ['main/electron/ipc.ts imports ipcMain', 'main/electron/ipc.ts', "import { ipcMain as x } from 'electron';"],
  ['the preload imports electron and common', 'preload/probe.ts', "import { contextBridge as x } from 'electron';\nimport { y } from '../common/ipc';\nexport const z = y;"],
  ['tests import anything', 'tests/unit/probe.test.ts', "import { x } from '../../main/library';\nimport { y } from '../../renderer/format';\nexport const z = y;"],
];

describe('layer rules', () => {
  it.each(cases)('refuses: %s', async (_name, filePath, code, message) => {
    const messages = await restricted(filePath, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(message);
  });

  it.each(allowed)('allows: %s', async (_name, filePath, code) => {
    expect(await restricted(filePath, code)).toEqual([]);
  });
});
