/**
 * `<library>/settings.json`: the library's own settings, travelling with its folder.
 *
 * ```json
 * { "format": 1, "colorNames": { "yellow": "Key point", "green": "Evidence", … }, "singleKeyShortcuts": false,
 *   "reading": { "theme": "sepia", "textSize": 20, … }, "listening": { "rate": 1.25, … } }
 * ```
 *
 * Missing names (or a missing file) are the defaults of the contract; single-key
 * shortcuts are on unless turned off; a reading or listening setting not written is
 * its default. Keys a later version writes are kept. A file that does not parse is
 * quarantined and reported, and the defaults are used; renaming then writes a fresh
 * file. A reading or listening value that is not one of the contract's (a text size
 * of 99, a theme this version does not know) is set aside on its own: written to
 * `.quarantine/` with the reason, removed from the file, reported, and its default
 * used — the other settings stay (ARCHITECTURE.md §3).
 */
import { resolve } from 'node:path';
import * as v from 'valibot';
import {
  ColorNamesSchema,
  DEFAULT_LISTENING_SETTINGS,
  DEFAULT_READING_SETTINGS,
  ListeningSettingsSchema,
  ReadingSettingsSchema,
  type AppSettings,
  type ColorNames,
  type SettingsUpdate,
} from '../../common/model';
import { DEFAULT_COLOR_NAMES, HIGHLIGHT_COLORS, type HighlightColor } from '../../common/colors';
import type { ColorService, SettingsService } from './services';
import { LibraryError } from './errors';
import { judgeJson, readJsonFile, updateJsonFile, type JsonFileKind, type JsonFileSpec } from './json-file';
import { readOnlyReason } from './opens';
import { quarantineValues } from './quarantine';

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
  // Judged value by value (valuesOf): one bad value must not cost the color names.
  reading: v.optional(v.unknown()),
  listening: v.optional(v.unknown()),
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

/** The groups of settings judged value by value, with their schemas and defaults. */
const GROUPS = {
  reading: { schema: ReadingSettingsSchema, defaults: DEFAULT_READING_SETTINGS },
  listening: { schema: ListeningSettingsSchema, defaults: DEFAULT_LISTENING_SETTINGS },
} as const;
type Group = keyof typeof GROUPS;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A group's values: each one the file holds and the contract accepts, else its default; and the unusable ones by path. */
function valuesOf<G extends Group>(file: SettingsFile, group: G): { values: AppSettings[G]; bad: Record<string, unknown> } {
  const { schema, defaults } = GROUPS[group];
  const raw = file[group];
  const values: Record<string, unknown> = { ...defaults };
  const bad: Record<string, unknown> = {};
  if (raw === undefined) return { values: values as AppSettings[G], bad };
  if (!isRecord(raw)) return { values: values as AppSettings[G], bad: { [group]: raw } };
  for (const [key, entry] of Object.entries(schema.entries)) {
    if (!Object.hasOwn(raw, key)) continue;
    const parsed = v.safeParse(entry as v.GenericSchema, raw[key]);
    if (parsed.success) values[key] = parsed.output;
    else bad[`${group}.${key}`] = raw[key];
  }
  return { values: values as AppSettings[G], bad };
}

function appSettingsOf(file: SettingsFile): AppSettings {
  return {
    singleKeyShortcuts: file.singleKeyShortcuts ?? true,
    reading: valuesOf(file, 'reading').values,
    listening: valuesOf(file, 'listening').values,
  };
}

const badValuesOf = (file: SettingsFile): Record<string, unknown> => ({
  ...valuesOf(file, 'reading').bad,
  ...valuesOf(file, 'listening').bad,
});

/** The file without the values at `paths` (`reading.textSize`, or a whole group `reading`). */
function without(file: SettingsFile, paths: readonly string[]): SettingsFile {
  const next: SettingsFile = { ...file };
  for (const group of Object.keys(GROUPS) as Group[]) {
    if (paths.includes(group)) {
      next[group] = undefined;
      continue;
    }
    const raw = next[group];
    if (!isRecord(raw)) continue;
    next[group] = Object.fromEntries(Object.entries(raw).filter(([key]) => !paths.includes(`${group}.${key}`)));
  }
  return next;
}

/** Every setting the app keeps (color names and preferences), in the library's settings.json. */
export class SettingsStore implements ColorService, SettingsService {
  /** The library folder, absolute. */
  readonly dir: string;
  readonly #spec: JsonFileSpec<SettingsFile>;
  /** The unusable values already reported in a read-only library (by their paths). */
  readonly #reported = new Set<string>();

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

  /** The app's preferences: the user's, or the defaults; unusable values are set aside first (see the header). */
  async settings(): Promise<AppSettings> {
    const file = await readJsonFile(this.#spec);
    const bad = badValuesOf(file);
    if (Object.keys(bad).length > 0) await this.#setAside(bad);
    return appSettingsOf(file);
  }

  /**
   * Change reading and listening settings (values parsed by the dispatcher); the others
   * stay. Answers every setting. Unusable values still in the file are set aside first.
   */
  async update(update: SettingsUpdate): Promise<AppSettings> {
    const bad = badValuesOf(await readJsonFile(this.#spec));
    if (Object.keys(bad).length > 0) await this.#setAside(bad);
    return updateJsonFile(this.#spec, (file) => {
      const current = appSettingsOf(file);
      const next: SettingsFile = { ...file };
      let changed = false;
      for (const group of Object.keys(GROUPS) as Group[]) {
        const patch = update[group];
        if (!patch) continue;
        const kept = isRecord(file[group]) ? { ...file[group] } : {};
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined) continue;
          if ((current[group] as Record<string, unknown>)[key] === value && Object.hasOwn(kept, key)) continue;
          kept[key] = value;
          changed = true;
        }
        next[group] = kept;
      }
      return changed ? { result: appSettingsOf(next), next } : { result: current };
    });
  }

  /** Write the unusable values to `.quarantine/`, then remove them from the file (if they are still there). */
  async #setAside(bad: Record<string, unknown>): Promise<void> {
    const paths = Object.keys(bad);
    const readOnly = readOnlyReason(this.dir) !== undefined;
    // A read-only library keeps them in the file: report them once, not on every read.
    if (readOnly && this.#reported.has(paths.join())) return;
    this.#reported.add(paths.join());
    const reason = `settings.json had values this version cannot use (${paths.join(', ')}); their defaults are used`;
    await quarantineValues(this.dir, SETTINGS_FILE, 'settings-values.json', bad, reason, this.#spec.now());
    if (readOnly) return;
    await updateJsonFile(this.#spec, (file) => {
      const still = Object.keys(badValuesOf(file)).filter((path) => paths.includes(path));
      return still.length > 0 ? { result: null, next: without(file, still) } : { result: null };
    });
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
