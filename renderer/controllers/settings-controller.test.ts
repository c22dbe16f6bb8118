// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { AppSettings, SettingsUpdate } from '../../common/model';
import { DEFAULT_APP_SETTINGS } from '../../common/reading';
import { SettingsController, withUpdate } from './settings-controller';

const host = () => ({ addController: vi.fn(), requestUpdate: vi.fn(), removeController: vi.fn(), updateComplete: Promise.resolve(true) });
const singleKeysOff: AppSettings = { ...DEFAULT_APP_SETTINGS, singleKeyShortcuts: false };
const neverUpdates = () => Promise.reject(new Error('not in this test'));

describe('SettingsController', () => {
  it('starts with the defaults, takes main’s answer, then follows changes (reporting only those, with the settings before)', async () => {
    let push: (settings: AppSettings) => void = () => {};
    const unsubscribe = vi.fn();
    const bridge = {
      getSettings: vi.fn(async () => singleKeysOff),
      onSettingsChanged: vi.fn((listener: (settings: AppSettings) => void) => ((push = listener), unsubscribe)),
      updateSettings: neverUpdates,
    };
    const changed = vi.fn();
    const h = host();
    const controller = new SettingsController(h, changed, bridge);
    expect(controller.settings).toEqual(DEFAULT_APP_SETTINGS);
    controller.hostConnected();
    await vi.waitFor(() => expect(controller.settings).toEqual(singleKeysOff));
    expect(changed).not.toHaveBeenCalled();
    push(DEFAULT_APP_SETTINGS);
    expect(controller.settings).toEqual(DEFAULT_APP_SETTINGS);
    expect(changed).toHaveBeenCalledExactlyOnceWith(DEFAULT_APP_SETTINGS, singleKeysOff);
    expect(h.requestUpdate).toHaveBeenCalledTimes(2);
    controller.hostDisconnected();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });

  it('keeps the defaults when main cannot answer or there is no bridge', async () => {
    const failing = new SettingsController(host(), undefined, {
      getSettings: () => Promise.reject(new Error('no')),
      onSettingsChanged: () => () => {},
      updateSettings: neverUpdates,
    });
    failing.hostConnected();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(failing.settings).toEqual(DEFAULT_APP_SETTINGS);
    const missing = new SettingsController(host(), undefined, {
      getSettings: () => {
        throw new Error('window.lectern is missing');
      },
      onSettingsChanged: () => {
        throw new Error('window.lectern is missing');
      },
      updateSettings: neverUpdates,
    });
    expect(() => missing.hostConnected()).not.toThrow();
    expect(missing.settings).toEqual(DEFAULT_APP_SETTINGS);
  });

  it('shows an update at once, keeps main’s answer, and goes back to what main had when it is refused', async () => {
    const answers: { resolve(s: AppSettings): void; reject(e: Error): void }[] = [];
    const updateSettings = vi.fn(
      (_update: SettingsUpdate) => new Promise<AppSettings>((resolve, reject) => answers.push({ resolve, reject })),
    );
    const controller = new SettingsController(host(), undefined, {
      getSettings: async () => DEFAULT_APP_SETTINGS,
      onSettingsChanged: () => () => {},
      updateSettings,
    });
    const sepia = controller.update({ reading: { theme: 'sepia' } });
    expect(controller.settings.reading.theme).toBe('sepia');
    answers[0]!.resolve(withUpdate(DEFAULT_APP_SETTINGS, { reading: { theme: 'sepia' } }));
    await sepia;
    expect(controller.settings.reading.theme).toBe('sepia');

    const bigger = controller.update({ reading: { textSize: 24 } });
    expect(controller.settings.reading).toMatchObject({ theme: 'sepia', textSize: 24 });
    answers[1]!.reject(new Error('The disk is full.'));
    await expect(bigger).rejects.toThrow('The disk is full.');
    expect(controller.settings.reading).toMatchObject({ theme: 'sepia', textSize: DEFAULT_APP_SETTINGS.reading.textSize });
  });

  it('applies only the newest update’s answer', async () => {
    const answers: ((s: AppSettings) => void)[] = [];
    const controller = new SettingsController(host(), undefined, {
      getSettings: async () => DEFAULT_APP_SETTINGS,
      onSettingsChanged: () => () => {},
      updateSettings: () => new Promise<AppSettings>((resolve) => answers.push(resolve)),
    });
    const first = controller.update({ reading: { textSize: 20 } });
    const second = controller.update({ reading: { textSize: 22 } });
    answers[0]!(withUpdate(DEFAULT_APP_SETTINGS, { reading: { textSize: 20 } }));
    await first;
    expect(controller.settings.reading.textSize).toBe(22);
    answers[1]!(withUpdate(DEFAULT_APP_SETTINGS, { reading: { textSize: 22 } }));
    await second;
    expect(controller.settings.reading.textSize).toBe(22);
  });
});
