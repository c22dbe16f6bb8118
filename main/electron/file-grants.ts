/**
 * The main side of dropped-file grants (ARCHITECTURE.md §5): the preload sends the paths
 * of files the reader really dropped on the window; main keeps them for that window
 * (main/saving/file-grants.ts) so `library:add-files` reads those and nothing else.
 * Registered by main/electron/ipc.ts (the only ipcMain site) after its sender check.
 */
import * as v from 'valibot';
import { err, ok, describeIssues, type Result } from '../../common/result';
import { GRANT_DROPPED_FILES_CHANNEL, GrantDroppedFilesInputSchema } from '../../common/ipc';
import { checkBounds, deriveBudget } from '../bridge-bounds';
import type { FileGrants } from '../saving/file-grants';

const budget = deriveBudget(GrantDroppedFilesInputSchema).budget;

/** Checks a grant payload (bounds first, then the contract) and records it for `owner` (the sender's web contents id). */
export function grantHandler(grants: FileGrants) {
  return {
    channel: GRANT_DROPPED_FILES_CHANNEL,
    handle(owner: number, payload: unknown): Result<null> {
      const channel = GRANT_DROPPED_FILES_CHANNEL;
      const tooBig = checkBounds(payload, budget);
      if (tooBig) return err('invalid-input', `${channel}: ${tooBig}`);
      const parsed = v.safeParse(GrantDroppedFilesInputSchema, payload);
      if (!parsed.success) return err('invalid-input', `${channel}: ${describeIssues(parsed.issues)}`);
      grants.grant(owner, parsed.output.paths);
      return ok(null);
    },
  };
}
