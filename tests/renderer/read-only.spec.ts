/**
 * A library another Lectern holds (ARCHITECTURE.md §3, the library lock): the window
 * says why it is read-only, reading works, a change is refused in words, and not one
 * byte of the library changes.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AnnotationStore, Library, bundledSource } from '../../main/library';
import { expect, test as base } from './fixtures';
import { seriousViolations } from './page-helpers';
import { CONTENT_DIR } from './paths';
import { STORY } from './story';

/** Another computer's Lectern has the library open (a fresh lock in its name). */
const test = base.extend({
  library: async ({ libraryDir }, use) => {
    const now = new Date().toISOString();
    const lock = { host: 'reading-room-pc', pid: 4242, startedAt: now, heartbeatAt: now, appVersion: '0.1.0', token: 'c'.repeat(32) };
    await writeFile(join(libraryDir, '.lock'), `${JSON.stringify(lock)}\n`);
    const library = await Library.open(libraryDir, { bundled: await bundledSource(CONTENT_DIR) });
    await use(library);
    await library.close();
  },
  annotations: async ({ library }, use) => {
    await use(new AnnotationStore(library.dir));
  },
});

async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[path.slice(dir.length + 1)] = (await readFile(path)).toString('base64');
  }
  return files;
}

test('a library open in another Lectern: the window says so, reading works, a change is refused in words and nothing is written', async ({ app, library, libraryDir }, testInfo) => {
  expect(library.readOnly?.reason).toMatch(/reading-room-pc/);
  const before = await snapshot(libraryDir);
  const banner = app.locator('read-only-banner').getByRole('status');
  await expect(banner).toContainText('Read-only.');
  await expect(banner).toContainText('reading-room-pc');
  await app.screenshot({ path: testInfo.outputPath('read-only.png') });
  expect(await seriousViolations(app)).toEqual([]);

  // Marking read is refused, and the message says why.
  const storyRow = app.getByRole('listitem').filter({ has: app.getByRole('button', { name: STORY.title, exact: true }) });
  await storyRow.getByRole('button', { name: 'Mark as read' }).click();
  await expect(app.getByText(/Not saved\. .*reading-room-pc/).first()).toBeVisible();
  await expect(storyRow).toContainText('Not started');

  // Reading still works.
  await app.getByRole('button', { name: STORY.title, exact: true }).click();
  await expect(app.getByRole('heading', { level: 1, name: STORY.title })).toBeVisible();
  await expect(app.locator('read-only-banner').getByRole('status')).toContainText('reading-room-pc');
  // Scrolling saves no position, and says nothing about it: the read-only line already has.
  await app.mouse.move(640, 500);
  for (let i = 0; i < 6; i++) {
    await app.mouse.wheel(0, 300);
    await app.waitForTimeout(150);
  }
  await app.waitForTimeout(600);
  await expect(app.getByText(/reading position could not be saved/)).toHaveCount(0);
  expect(await snapshot(libraryDir)).toEqual(before);
});
