/**
 * The window is closing (or the app quitting): main asks the page to save what it
 * holds (`app:flush`) and waits, at most a couple of seconds, for the answer
 * (`app:flushed`) before the window goes (ARCHITECTURE.md §3). The host's `flush`
 * saves notes, drafts and the reading position; the answer is sent whether it
 * succeeded or not (what failed stays in main's drafts and in localStorage).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { bridge as defaultBridge, type Bridge } from '../bridge';

export class CloseFlushController implements ReactiveController {
  #unsubscribe: (() => void) | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly flush: () => Promise<unknown>,
    private readonly bridge: Pick<Bridge, 'onFlushRequest' | 'flushed'> = defaultBridge,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    try {
      this.#unsubscribe = this.bridge.onFlushRequest((request) => void this.#answer(request));
    } catch {
      // No bridge: nothing to save to. The library controller reports the missing bridge.
    }
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  async #answer(request: number): Promise<void> {
    try {
      await this.flush();
    } catch {
      // Kept as drafts; main closes the window after writing them.
    }
    await this.bridge.flushed(request).catch(() => undefined);
  }
}
