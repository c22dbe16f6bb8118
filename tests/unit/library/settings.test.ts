import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsStore, Library } from '../../../main/library';
import { DEFAULT_COLOR_NAMES } from '../../../common/colors';
import { DEFAULT_APP_SETTINGS, DEFAULT_READING_SETTINGS } from '../../../common/reading';
import { problemsFor } from '../../../main/library/quarantine';
import { registerOpen } from '../../../main/library/opens';
import { clock, freshDir } from './helpers';
import { storeDispatcher } from './dispatcher';

async function setup() {
  const dir = await freshDir();
  const library = await Library.open(dir, { bundled: [] });
  const colors = new SettingsStore(dir, { now: clock('2024-06-01T00:00:00.000Z') });
  return { dir, library, colors, file: join(dir, 'settings.json') };
}

const readSettings = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;

describe('SettingsStore.get', () => {
  it('answers the default names when there is no settings.json, and writes nothing', async () => {
    const { dir, colors } = await setup();
    expect(await colors.get()).toEqual({
      yellow: 'Key point',
      green: 'Evidence',
      blue: 'Question',
      pink: 'Disagree',
      purple: 'Follow up',
    });
    expect(await readdir(dir)).not.toContain('settings.json');
  });

  it('fills names the file lacks with the defaults, and answers only the five colors', async () => {
    const { colors, file } = await setup();
    await writeFile(file, JSON.stringify({ format: 1, colorNames: { blue: 'Ask', orange: 'From the future' } }));
    expect(await colors.get()).toEqual({ ...DEFAULT_COLOR_NAMES, blue: 'Ask' });
  });

  it.each([
    ['not json', /^settings\.json is not valid JSON: /],
    ['"a string"', /^settings\.json holds a string, not an object$/],
    ['{"format":1,"colorNames":{"blue":""}}', /^settings\.json does not match the settings schema: colorNames\.blue: Invalid length: Expected >=1 but received 0$/],
  ])('quarantines %s with the same bytes, reports it, and answers the defaults', async (bad, reason) => {
    const { dir, library, colors, file } = await setup();
    await writeFile(file, bad);
    expect(await colors.get()).toEqual(DEFAULT_COLOR_NAMES);
    const movedTo = '.quarantine/2024-06-01T00-00-00-000Z-settings.json';
    expect((await library.list()).problems).toEqual([{ file: 'settings.json', movedTo, reason: expect.stringMatching(reason) }]);
    expect(await readFile(join(dir, movedTo), 'utf8')).toBe(bad);
    expect(await readdir(dir)).not.toContain('settings.json');
  });

  it('refuses a newer format as corrupt and leaves the file alone', async () => {
    const { dir, colors, file } = await setup();
    await writeFile(file, '{"format":2}');
    await expect(colors.get()).rejects.toMatchObject({
      code: 'corrupt',
      message: `${file} has format 2, but this version of Lectern only reads format 1. Update Lectern to use these settings.`,
    });
    expect(await readFile(file, 'utf8')).toBe('{"format":2}');
    expect(await readdir(dir)).not.toContain('.quarantine');
  });
});

describe('SettingsStore.rename', () => {
  it('names a color (trimmed by the dispatcher), answers every name, and persists', async () => {
    const { dir, library, file } = await setup();
    const dispatch = storeDispatcher(dir, library);
    expect(await dispatch('colors:rename', { color: 'pink', name: '  Push back ' })).toEqual({
      ok: true,
      value: { ...DEFAULT_COLOR_NAMES, pink: 'Push back' },
    });
    expect(await readSettings(file)).toEqual({ format: 1, colorNames: { pink: 'Push back' } });
    expect(await new SettingsStore(dir).get()).toEqual({ ...DEFAULT_COLOR_NAMES, pink: 'Push back' });
  });

  it('keeps every rename when five run at once from two instances', async () => {
    const { dir, colors } = await setup();
    const other = new SettingsStore(dir);
    await Promise.all([
      colors.rename('yellow', 'Y'),
      other.rename('green', 'G'),
      colors.rename('blue', 'B'),
      other.rename('pink', 'P'),
      colors.rename('purple', 'U'),
    ]);
    expect(await colors.get()).toEqual({ yellow: 'Y', green: 'G', blue: 'B', pink: 'P', purple: 'U' });
  });

  it.each([
    ['   ', 'colors:rename: name: Invalid length: Expected >=1 but received 0'],
    ['n'.repeat(41), 'colors:rename: name: Invalid length: Expected <=40 but received 41'],
  ])('refuses the name %j as invalid-input (parsed by the dispatcher)', async (name, message) => {
    const { dir, library } = await setup();
    const dispatch = storeDispatcher(dir, library);
    expect(await dispatch('colors:rename', { color: 'yellow', name })).toEqual({ ok: false, error: { code: 'invalid-input', message } });
    expect(await readdir(dir)).not.toContain('settings.json');
  });

  it('keeps keys written by a later version', async () => {
    const { colors, file } = await setup();
    await writeFile(file, JSON.stringify({ format: 1, theme: 'dark', colorNames: { orange: 'O' } }));
    await colors.rename('blue', 'Ask');
    expect(await readSettings(file)).toEqual({ format: 1, theme: 'dark', colorNames: { orange: 'O', blue: 'Ask' } });
  });

  it('writes a fresh file after quarantining a corrupt one, whose bytes stay safe', async () => {
    const { dir, colors, file } = await setup();
    await writeFile(file, '{{{');
    await colors.rename('green', 'Proof');
    expect(await readSettings(file)).toEqual({ format: 1, colorNames: { green: 'Proof' } });
    expect(await readFile(join(dir, '.quarantine', '2024-06-01T00-00-00-000Z-settings.json'), 'utf8')).toBe('{{{');
  });
});

describe('SettingsStore: the single-key shortcuts preference', () => {
  it('is on by default, without writing a file; turning it off is kept beside the color names', async () => {
    const { dir, colors, file } = await setup();
    expect(await colors.settings()).toEqual(DEFAULT_APP_SETTINGS);
    expect(await readdir(dir)).not.toContain('settings.json');
    await colors.rename('blue', 'Ask');
    expect(await colors.setSingleKeyShortcuts(false)).toEqual({ ...DEFAULT_APP_SETTINGS, singleKeyShortcuts: false });
    expect(await readSettings(file)).toEqual({ format: 1, colorNames: { blue: 'Ask' }, singleKeyShortcuts: false });
    expect(await new SettingsStore(dir).settings()).toEqual({ ...DEFAULT_APP_SETTINGS, singleKeyShortcuts: false });
    expect(await colors.get()).toMatchObject({ blue: 'Ask' });
    expect(await colors.setSingleKeyShortcuts(true)).toEqual(DEFAULT_APP_SETTINGS);
    expect(await readSettings(file)).toMatchObject({ singleKeyShortcuts: true });
  });

  it('a value of another type makes the file unreadable: quarantined, the defaults answer', async () => {
    const { dir, colors, file } = await setup();
    await writeFile(file, JSON.stringify({ format: 1, singleKeyShortcuts: 'no' }));
    expect(await colors.settings()).toEqual(DEFAULT_APP_SETTINGS);
    expect(await readdir(join(dir, '.quarantine'))).toEqual(['2024-06-01T00-00-00-000Z-settings.json']);
  });

  it('refuses a value that is not true or false', async () => {
    const { colors } = await setup();
    await expect(colors.setSingleKeyShortcuts('off' as unknown as boolean)).rejects.toMatchObject({ code: 'invalid-input' });
  });
});

describe('SettingsStore: reading and listening settings', () => {
  it('are the defaults without a file; an update writes only what changed, keeps the rest, and a new store reads it', async () => {
    const { dir, colors, file } = await setup();
    expect((await colors.settings()).reading).toEqual(DEFAULT_READING_SETTINGS);
    await colors.rename('blue', 'Ask');
    const answer = await colors.update({ reading: { theme: 'sepia', textSize: 24 }, listening: { rate: 1.5 } });
    expect(answer.reading).toEqual({ ...DEFAULT_READING_SETTINGS, theme: 'sepia', textSize: 24 });
    expect(answer.listening.rate).toBe(1.5);
    expect(await readSettings(file)).toEqual({
      format: 1,
      colorNames: { blue: 'Ask' },
      reading: { theme: 'sepia', textSize: 24 },
      listening: { rate: 1.5 },
    });
    await colors.update({ reading: { justify: true } });
    expect((await new SettingsStore(dir).settings()).reading).toEqual({
      ...DEFAULT_READING_SETTINGS,
      theme: 'sepia',
      textSize: 24,
      justify: true,
    });
  });

  it('keeps reading keys a later version wrote', async () => {
    const { colors, file } = await setup();
    await writeFile(file, JSON.stringify({ format: 1, reading: { theme: 'dark', ligatures: 'on' } }));
    await colors.update({ reading: { textSize: 16 } });
    expect(await readSettings(file)).toEqual({ format: 1, colorNames: {}, reading: { theme: 'dark', ligatures: 'on', textSize: 16 } });
  });

  it('sets a bad value aside on its own: quarantined with its reason, removed from the file, its default used, the rest kept', async () => {
    const { dir, colors, file } = await setup();
    await writeFile(
      file,
      JSON.stringify({
        format: 1,
        colorNames: { green: 'Proof' },
        reading: { theme: 'neon', textSize: 99, lineHeight: 1.9 },
        listening: { rate: 1.25, voice: 7 },
      }),
    );
    const settings = await colors.settings();
    expect(settings.reading).toEqual({ ...DEFAULT_READING_SETTINGS, lineHeight: 1.9 });
    expect(settings.listening).toEqual({ ...DEFAULT_APP_SETTINGS.listening, rate: 1.25 });
    expect(await colors.get()).toMatchObject({ green: 'Proof' });
    expect(await readSettings(file)).toEqual({
      format: 1,
      colorNames: { green: 'Proof' },
      reading: { lineHeight: 1.9 },
      listening: { rate: 1.25 },
    });
    const aside = JSON.parse(await readFile(join(dir, '.quarantine', '2024-06-01T00-00-00-000Z-settings-values.json'), 'utf8'));
    expect(aside).toEqual({
      file: 'settings.json',
      reason: 'settings.json had values this version cannot use (reading.theme, reading.textSize, listening.voice); their defaults are used',
      values: { 'reading.theme': 'neon', 'reading.textSize': 99, 'listening.voice': 7 },
    });
    expect(problemsFor(dir).at(-1)).toMatchObject({ file: 'settings.json', movedTo: '.quarantine/2024-06-01T00-00-00-000Z-settings-values.json' });
  });

  it('sets aside a group that is not an object, and an update after it writes a clean one', async () => {
    const { dir, colors, file } = await setup();
    await writeFile(file, JSON.stringify({ format: 1, reading: 'large' }));
    expect((await colors.update({ reading: { width: 'wide' } })).reading).toEqual({ ...DEFAULT_READING_SETTINGS, width: 'wide' });
    expect(await readSettings(file)).toEqual({ format: 1, colorNames: {}, reading: { width: 'wide' } });
    expect(await readdir(join(dir, '.quarantine'))).toEqual(['2024-06-01T00-00-00-000Z-settings-values.json']);
  });

  it('in a read-only library reports a bad value once and leaves the file as it is', async () => {
    const { dir, library, colors, file } = await setup();
    const text = JSON.stringify({ format: 1, reading: { textSize: 99 } });
    await writeFile(file, text);
    await library.close();
    const release = registerOpen(dir, 'another Lectern has it open');
    try {
      const before = problemsFor(dir).length;
      expect((await colors.settings()).reading.textSize).toBe(DEFAULT_READING_SETTINGS.textSize);
      await colors.settings();
      expect(problemsFor(dir).length).toBe(before + 1);
      expect(await readFile(file, 'utf8')).toBe(text);
    } finally {
      release();
    }
  });

  it('through the dispatcher: a value outside the lists is refused before anything is written', async () => {
    const { dir, library, file } = await setup();
    const dispatch = storeDispatcher(dir, library);
    expect(await dispatch('settings:update', { reading: { textSize: 13 } })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatch('settings:update', { reading: { theme: 'neon' } })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    await expect(readFile(file, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await dispatch('settings:update', { reading: { theme: 'black' } })).toMatchObject({ ok: true, value: { reading: { theme: 'black' } } });
  });
});
