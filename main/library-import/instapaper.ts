/**
 * Instapaper's CSV export (ARCHITECTURE.md §3): `URL,Title,Selection,Folder,Timestamp,Tags`,
 * older files only `URL,Title,Selection,Folder` (or with Timestamp and no Tags).
 *
 * - Folder: `Unread` → unread, `Archive` → archived, `Starred` → starred (and unread);
 *   any other folder name → unread, with the folder as a tag.
 * - Timestamp: Unix seconds, when saved. Tags: a JSON array of names (`["a","b"]`).
 * - Selection: text selected when the link was saved → one highlight.
 * - A row whose URL is not http(s) is reported by line and skipped; a bad Timestamp or
 *   Tags cell is reported and the row kept without it.
 *
 * Input: the file's text, or `{ path }` (streamed).
 */
import * as v from 'valibot';
import { byLine, headerIs, readCsvHead, readCsvRecords, type CsvInput, type CsvLimits } from './csv';
import { fromUnixSeconds, httpUrl, toTag, toTags, urlProblem } from './values';
import { IMPORT_LIMITS, ImportFileError, type ImportedItem, type ImportProblem, type ParsedLibrary } from './model';

const COLUMNS = ['URL', 'Title', 'Selection', 'Folder'] as const;
const LATER_COLUMNS = ['Timestamp', 'Tags'] as const;

/** True when the file's first line is Instapaper's header (new or old form). */
export const looksLikeInstapaper = (head: string) => headerIs(head, COLUMNS, LATER_COLUMNS);

const TagsCell = v.array(v.string());

function parseTags(cell: string): string[] | null {
  try {
    const parsed = v.safeParse(TagsCell, JSON.parse(cell));
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}

export async function readInstapaper(input: CsvInput, limits: CsvLimits = IMPORT_LIMITS): Promise<ParsedLibrary> {
  if (!looksLikeInstapaper(await readCsvHead(input))) {
    throw new ImportFileError('This is not an Instapaper export: its first line is not "URL,Title,Selection,Folder,…".');
  }
  const items: ImportedItem[] = [];
  const problems: ImportProblem[] = [];
  for await (const { line, cells } of readCsvRecords(input, problems, limits)) {
    const url = httpUrl(cells.URL);
    if (url === null) {
      problems.push({ line, reason: urlProblem(cells.URL) });
      continue;
    }
    const folder = (cells.Folder ?? '').trim();
    const tags: string[] = [];
    if (!['', 'Unread', 'Archive', 'Starred'].includes(folder)) {
      const tag = toTag(folder);
      if (tag !== null) tags.push(tag);
    }
    const tagsCell = (cells.Tags ?? '').trim();
    if (tagsCell !== '') {
      const names = parseTags(tagsCell);
      if (names === null) problems.push({ line, reason: `the Tags cell is not a list of names: "${tagsCell.slice(0, 200)}"` });
      else tags.push(...names);
    }
    const item: ImportedItem = {
      kind: 'article',
      url,
      title: (cells.Title ?? '').trim() || url,
      tags: toTags(tags),
      state: folder === 'Archive' ? 'archived' : 'unread',
      highlights: [],
    };
    if (folder === 'Starred') item.starred = true;
    const stamp = (cells.Timestamp ?? '').trim();
    if (stamp !== '') {
      const savedAt = fromUnixSeconds(stamp);
      if (savedAt === undefined) problems.push({ line, reason: `the Timestamp is not a Unix time: "${stamp.slice(0, 100)}"` });
      else item.savedAt = savedAt;
    }
    const selection = cells.Selection ?? '';
    if (selection.trim() !== '') item.highlights.push({ quote: selection, tags: [] });
    items.push(item);
  }
  return { source: 'instapaper', items, problems: byLine(problems) };
}
