/** Menu commands from main (`go-library`, `go-back`), handed to the host's handler. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MenuCommand } from '../../common/ipc';
import { bridge as defaultBridge, type Bridge } from '../bridge';

export class CommandController implements ReactiveController {
  #unsubscribe: (() => void) | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly onCommand: (command: MenuCommand) => void,
    private readonly bridge: Pick<Bridge, 'onMenuCommand'> = defaultBridge,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    try {
      this.#unsubscribe = this.bridge.onMenuCommand(this.onCommand);
    } catch {
      // No bridge: no menu. The library controller reports the missing bridge.
    }
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }
}
