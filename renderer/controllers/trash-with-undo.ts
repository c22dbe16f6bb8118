/**
 * Deleting an article, as both pages do it: move it to the trash, then offer Undo
 * (restore) through the shell's toast; failures are said in words in the status region.
 */
import { fire } from '../events';
import { shortQuote } from '../format';
import { errorMessage } from './errors';
import type { LibraryController } from './library-controller';

export async function trashWithUndo(host: HTMLElement, library: LibraryController, id: string, title: string): Promise<void> {
  try {
    await library.deleteArticle(id);
  } catch (cause) {
    fire(host, 'status-alert', { message: `“${title}” could not be deleted. ${errorMessage(cause)}` });
    return;
  }
  fire(host, 'undo-offer', {
    message: `Moved “${shortQuote(title, 60)}” to the trash.`,
    undo: async () => {
      try {
        await library.restoreArticle(id);
        fire(host, 'announce', { message: 'Article restored.' });
      } catch (cause) {
        fire(host, 'status-alert', { message: `The article could not be restored. ${errorMessage(cause)}` });
      }
    },
  });
}
