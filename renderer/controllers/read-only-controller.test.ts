// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { AppInfo } from '../../common/model';
import { ReadOnlyController } from './read-only-controller';

const host = () => ({ addController: vi.fn(), requestUpdate: vi.fn(), removeController: vi.fn(), updateComplete: Promise.resolve(true) });
const info = (readOnly?: { reason: string }): AppInfo => ({
  name: 'Lectern',
  version: '1',
  platform: 'linux',
  libraryPath: '/l',
  ...(readOnly ? { readOnly } : {}),
});

describe('ReadOnlyController', () => {
  it('takes the reason from app:info at start', async () => {
    const h = host();
    const controller = new ReadOnlyController(h, {
      getAppInfo: async () => info({ reason: 'This library is open in Lectern on this computer (process 7, since 13:02).' }),
      onLibraryReadOnly: () => () => {},
    });
    expect(controller.reason).toBeNull();
    controller.hostConnected();
    await vi.waitFor(() => expect(controller.reason).toBe('This library is open in Lectern on this computer (process 7, since 13:02).'));
    expect(h.requestUpdate).toHaveBeenCalledOnce();
  });

  it('stays writable when app:info has no readOnly, then follows library:read-only', async () => {
    let push: (reason: string) => void = () => {};
    const unsubscribe = vi.fn();
    const controller = new ReadOnlyController(host(), {
      getAppInfo: async () => info(),
      onLibraryReadOnly: (listener) => ((push = listener), unsubscribe),
    });
    controller.hostConnected();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(controller.reason).toBeNull();
    push('Another Lectern on this computer (process 9) took over this library.');
    expect(controller.reason).toBe('Another Lectern on this computer (process 9) took over this library.');
    controller.hostDisconnected();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });

  it('shows nothing when there is no bridge', () => {
    const controller = new ReadOnlyController(host(), {
      getAppInfo: () => {
        throw new Error('window.lectern is missing');
      },
      onLibraryReadOnly: () => {
        throw new Error('window.lectern is missing');
      },
    });
    expect(() => controller.hostConnected()).not.toThrow();
    expect(controller.reason).toBeNull();
  });
});
