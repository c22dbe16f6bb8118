// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { AppSettings } from '../../common/model';
import { SettingsController } from './settings-controller';

const host = () => ({ addController: vi.fn(), requestUpdate: vi.fn(), removeController: vi.fn(), updateComplete: Promise.resolve(true) });

describe('SettingsController', () => {
  it('starts with single keys on, takes main’s answer, then follows changes (reporting only those)', async () => {
    let push: (settings: AppSettings) => void = () => {};
    const unsubscribe = vi.fn();
    const bridge = {
      getSettings: vi.fn(async () => ({ singleKeyShortcuts: false })),
      onSettingsChanged: vi.fn((listener: (settings: AppSettings) => void) => ((push = listener), unsubscribe)),
    };
    const changed = vi.fn();
    const h = host();
    const controller = new SettingsController(h, changed, bridge);
    expect(controller.settings).toEqual({ singleKeyShortcuts: true });
    controller.hostConnected();
    await vi.waitFor(() => expect(controller.settings).toEqual({ singleKeyShortcuts: false }));
    expect(changed).not.toHaveBeenCalled();
    push({ singleKeyShortcuts: true });
    expect(controller.settings).toEqual({ singleKeyShortcuts: true });
    expect(changed).toHaveBeenCalledExactlyOnceWith({ singleKeyShortcuts: true });
    expect(h.requestUpdate).toHaveBeenCalledTimes(2);
    controller.hostDisconnected();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });

  it('keeps the defaults when main cannot answer or there is no bridge', async () => {
    const failing = new SettingsController(host(), undefined, {
      getSettings: () => Promise.reject(new Error('no')),
      onSettingsChanged: () => () => {},
    });
    failing.hostConnected();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(failing.settings).toEqual({ singleKeyShortcuts: true });
    const missing = new SettingsController(host(), undefined, {
      getSettings: () => {
        throw new Error('window.lectern is missing');
      },
      onSettingsChanged: () => {
        throw new Error('window.lectern is missing');
      },
    });
    expect(() => missing.hostConnected()).not.toThrow();
    expect(missing.settings).toEqual({ singleKeyShortcuts: true });
  });
});
