/**
 * `<library>/settings.json`: the library's own settings, travelling with its folder.
 *
 * ```json
 * { "format": 1, "colorNames": { "yellow": "Key point", "green": "Evidence", … }, "singleKeyShortcuts": false }
 * ```
 *
 * Missing names (or a missing file) are the defaults of the contract; single-key
 * shortcuts are on unless turned off. Keys a later
 * version writes are kept. A file that does not parse is quarantined and reported,
 * and the defaults are used; renaming then writes a fresh file.
 */
import { resolve } from 'node:path';
import * as v from 'valibot';
import { ColorNamesSchema, type AppSettings, type ColorNames } from '../../common/model';
import { DEFAULT_COLOR_NAMES, HIGHLIGHT_COLORS, type HighlightColor } from '../../common/colors';
import type { ColorService, SettingsService } from './services';
import { LibraryError } from './errors';
import { judgeJson, readJsonFile, updateJsonFile, type JsonFileKind, type JsonFileSpec } from './json-file';

export const SETTINGS_FILE = 'settings.json';
export const SETTINGS_FORMAT = 1;

const Name = ColorNamesSchema.entries.yellow;

export const SettingsFileSchema = v.looseObject({
  format: v.literal(SETTINGS_FORMAT),
  colorNames: v.optional(
    v.looseObject({
      yellow: v.optional(Name),
      green: v.optional(Name),
      blue: v.optional(Name),
      pink: v.optional(Name),
      purple: v.optional(Name),
    }),
    {},
  ),
  singleKeyShortcuts: v.optional(v.boolean()),
});
export type SettingsFile = v.InferOutput<typeof SettingsFileSchema>;

const SETTINGS_JSON: JsonFileKind<typeof SettingsFileSchema> = {
  name: SETTINGS_FILE,
  schema: SettingsFileSchema,
  schemaName: 'settings',
  format: { newest: SETTINGS_FORMAT, update: 'Update Lectern to use these settings.' },
};

/** Exactly the contract's five names (a later version's extra colors stay in the file only). */
function namesOf(file: SettingsFile): ColorNames {
  const names = { ...DEFAULT_COLOR_NAMES };
  for (const color of HIGHLIGHT_COLORS) names[color] = file.colorNames[color] ?? DEFAULT_COLOR_NAMES[color];
  return names;
}

const appSettingsOf = (file: SettingsFile): AppSettings => ({ singleKeyShortcuts: file.singleKeyShortcuts ?? true });

/** Every setting the app keeps (color names and preferences), in the library's settings.json. */
export class SettingsStore implements ColorService, SettingsService {
  /** The library folder, absolute. */
  readonly dir: string;
  readonly #spec: JsonFileSpec<SettingsFile>;

  constructor(dir: string, options: { now?: () => Date } = {}) {
    this.dir = resolve(dir);
    this.#spec = {
      dir: this.dir,
      file: SETTINGS_FILE,
      quarantineName: SETTINGS_FILE,
      judge: (raw) => judgeJson(SETTINGS_JSON, resolve(this.dir, SETTINGS_FILE), raw),
      empty: () => ({ format: SETTINGS_FORMAT, colorNames: {} }),
      now: options.now ?? (() => new Date()),
    };
  }

  /** Every color's name: the user's, or the default. */
  async get(): Promise<ColorNames> {
    return namesOf(await readJsonFile(this.#spec));
  }

  /** Name one color; the name was parsed (trimmed, 1–40 characters) by the dispatcher. Answers every name. */
  async rename(color: HighlightColor, name: string): Promise<ColorNames> {
    const input = { color, name };
    return updateJsonFile(this.#spec, (file) => {
      if (namesOf(file)[input.color] === input.name && file.colorNames[input.color] !== undefined) {
        return { result: namesOf(file) };
      }
      const next: SettingsFile = { ...file, colorNames: { ...file.colorNames, [input.color]: input.name } };
      return { result: namesOf(next), next };
    });
  }

  /** The app's preferences: the user's, or the defaults. */
  async settings(): Promise<AppSettings> {
    return appSettingsOf(await readJsonFile(this.#spec));
  }

  /** Turn the reader's single-key shortcuts (N, P, H, /) on or off. */
  async setSingleKeyShortcuts(on: boolean): Promise<AppSettings> {
    if (typeof on !== 'boolean') throw new LibraryError('invalid-input', 'singleKeyShortcuts must be true or false');
    return updateJsonFile(this.#spec, (file) => {
      if (file.singleKeyShortcuts === on) return { result: appSettingsOf(file) };
      const next: SettingsFile = { ...file, singleKeyShortcuts: on };
      return { result: appSettingsOf(next), next };
    });
  }
}
