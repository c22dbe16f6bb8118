/**
 * PDF export: Electron prints the self-contained HTML export (main/notes/html.ts)
 * with `webContents.printToPDF` in a hidden window that is sandboxed, has no preload,
 * runs no JavaScript at all, and lives in its own in-memory session. The HTML is
 * written to a temp file first (a data: URL has size limits, and inlined images are
 * big) and removed afterwards, whatever happens.
 */
import { BrowserWindow, type WebPreferences } from 'electron';
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LOCKED_DOWN_PREFERENCES } from './window';

/** The print window's webPreferences: the main window's lock-down, and no JavaScript, no preload. */
export function printWebPreferences(): WebPreferences {
  // In memory (no "persist:"): nothing of a print outlives it.
  return { ...LOCKED_DOWN_PREFERENCES, javascript: false, partition: 'lectern-print' };
}

/** Print `html` to a PDF (A4, backgrounds kept so highlight colors show, with a document outline). */
export async function printHtmlToPdf(html: string, tempDir: string): Promise<Uint8Array> {
  const file = join(tempDir, `lectern-print-${randomBytes(6).toString('hex')}.html`);
  await writeFile(file, html, 'utf8');
  const window = new BrowserWindow({ show: false, width: 900, height: 1200, webPreferences: printWebPreferences() });
  try {
    await window.loadFile(file);
    return await window.webContents.printToPDF({
      printBackground: true,
      pageSize: 'A4',
      generateDocumentOutline: true,
      generateTaggedPDF: true,
    });
  } finally {
    window.destroy();
    await rm(file, { force: true });
  }
}
