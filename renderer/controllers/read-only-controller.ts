/**
 * Whether the library is read-only, and why (ARCHITECTURE.md §3, the library lock): from
 * `app:info` at start (another Lectern already held it), then from `library:read-only`
 * when the lock is lost while open.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { bridge as defaultBridge, type Bridge } from '../bridge';

export class ReadOnlyController implements ReactiveController {
  /** Why changes are not saved, in main's words; null while the library is writable. */
  reason: string | null = null;
  #unsubscribe: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly bridge: Pick<Bridge, 'getAppInfo' | 'onLibraryReadOnly'> = defaultBridge,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    try {
      this.#unsubscribe = this.bridge.onLibraryReadOnly((reason) => this.#set(reason));
      this.bridge.getAppInfo().then(
        (info) => {
          if (info.readOnly && this.reason === null) this.#set(info.readOnly.reason);
        },
        () => undefined, // no answer: nothing to show; the library controller reports a missing bridge
      );
    } catch {
      // No bridge: nothing to show.
    }
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  #set(reason: string): void {
    this.reason = reason;
    this.host.requestUpdate();
  }
}
