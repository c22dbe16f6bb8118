/**
 * The app's preferences as main keeps them (settings:get at start, settings:changed
 * when View ▸ Single-Key Shortcuts is toggled). Until main answers, the defaults hold.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AppSettings } from '../../common/model';
import { bridge as defaultBridge, type Bridge } from '../bridge';

export class SettingsController implements ReactiveController {
  settings: AppSettings = { singleKeyShortcuts: true };
  #unsubscribe: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Called when main changes a preference (not for the first answer). */
    private readonly onChanged: (settings: AppSettings) => void = () => {},
    private readonly bridge: Pick<Bridge, 'getSettings' | 'onSettingsChanged'> = defaultBridge,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    try {
      this.#unsubscribe = this.bridge.onSettingsChanged((settings) => {
        this.settings = settings;
        this.host.requestUpdate();
        this.onChanged(settings);
      });
      this.bridge.getSettings().then(
        (settings) => {
          this.settings = settings;
          this.host.requestUpdate();
        },
        () => undefined, // keep the defaults; the library controller reports a missing bridge
      );
    } catch {
      // No bridge: the defaults hold.
    }
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }
}
