/** Checking what the export service is called with (the bridge checks too; the service trusts no caller). */
import { LibraryError } from '../library/errors';
import type { ExportOptions } from '../../common/notes';
import { DEFAULT_EXPORT_OPTIONS, EXPORT_FORMATS, type ExportFormat } from './types';

export function checkFormat(format: unknown): ExportFormat {
  if (typeof format === 'string' && (EXPORT_FORMATS as readonly string[]).includes(format)) return format as ExportFormat;
  throw new LibraryError(
    'invalid-input',
    `Unknown export format ${JSON.stringify(format)}; the formats are ${EXPORT_FORMATS.join(', ')}`,
  );
}

/** The options with defaults filled in; anything but booleans for the known keys is refused. */
export function checkOptions(options: unknown): ExportOptions {
  if (options === undefined || options === null) return { ...DEFAULT_EXPORT_OPTIONS };
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new LibraryError('invalid-input', 'Export options must be an object');
  }
  const out: ExportOptions = { ...DEFAULT_EXPORT_OPTIONS };
  for (const [key, value] of Object.entries(options)) {
    if (!(key in DEFAULT_EXPORT_OPTIONS)) {
      throw new LibraryError('invalid-input', `Unknown export option "${key}"`);
    }
    if (value === undefined) continue;
    if (typeof value !== 'boolean') throw new LibraryError('invalid-input', `The export option "${key}" must be true or false`);
    out[key as keyof ExportOptions] = value;
  }
  return out;
}
