/**
 * Runs in Chromium (bundled by library-open.bench.ts): the "every row" baseline — the
 * library as it was before the list was virtualized: the whole listing asked of main
 * at once (`__benchAllRows`, main's full `Library.list()`), then the app's own
 * `<library-view>` rendering one row element per article with the same row template.
 */
import type { ArticleSummary } from '../../common/model';
import '../../renderer/library/library-view/library-view';

const bench = window as unknown as { __benchAllRows(): Promise<ArticleSummary[]> };

void (async () => {
  const rows = await bench.__benchAllRows();
  const view = document.createElement('library-view');
  view.virtualize = false;
  view.rows = rows;
  document.body.append(view);
})();
