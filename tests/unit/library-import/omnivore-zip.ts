/**
 * Omnivore's tests build their zips with the shared fixture writer (zip-fixture.ts),
 * stored (as Omnivore's exporter's archives can be), with an optional Unix mode.
 */
import { buildZip } from './zip-fixture';

export interface ZipEntryInput {
  name: string;
  data: string | Buffer;
  /** Unix mode in the external attributes (e.g. 0o120777 for a symlink). */
  mode?: number;
}

export function makeZip(entries: readonly ZipEntryInput[]): Buffer {
  return buildZip(entries.map(({ name, data, mode }) => ({ name, data, method: 'store', ...(mode === undefined ? {} : { unixMode: mode }) })));
}
