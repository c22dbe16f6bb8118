/** The article id check every library operation makes first (ARCHITECTURE.md §3). */
import * as v from 'valibot';
import { ArticleIdSchema } from '../../common/model';
import { describeIssues } from '../../common/result';
import { LibraryError } from './errors';

/** Ids name folders: anything else (`..`, `a/b`) is refused before it reaches a path. */
export function checkId(id: string): void {
  const parsed = v.safeParse(ArticleIdSchema, id);
  if (!parsed.success) {
    throw new LibraryError('invalid-input', `Invalid article id ${JSON.stringify(id)}: ${describeIssues(parsed.issues)}`);
  }
}
