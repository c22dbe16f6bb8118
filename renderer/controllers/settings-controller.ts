/**
 * The app's preferences as main keeps them in settings.json: settings:get at start,
 * settings:changed when main changes one (View ▸ Single-Key Shortcuts), and
 * {@link SettingsController.update} for the reading and listening settings the page
 * changes (the Aa panel, text size keys, read aloud). Until main answers, the defaults hold.
 *
 * An update shows at once (the page re-renders with it) and is then saved; if main
 * refuses it, the settings go back to what main last had and the update rejects.
 * Only the newest update's answer is applied, so quick changes never flicker back.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AppSettings, SettingsUpdate } from '../../common/model';
import { DEFAULT_APP_SETTINGS } from '../../common/reading';
import { bridge as defaultBridge, type Bridge } from '../bridge';

/** `settings` with `update` applied (keys not named stay). */
export function withUpdate(settings: AppSettings, update: SettingsUpdate): AppSettings {
  return {
    ...settings,
    reading: { ...settings.reading, ...update.reading },
    listening: { ...settings.listening, ...update.listening },
  };
}

export class SettingsController implements ReactiveController {
  settings: AppSettings = DEFAULT_APP_SETTINGS;
  /** What main last answered (an update that fails goes back to it). */
  #saved: AppSettings = DEFAULT_APP_SETTINGS;
  #latest = 0;
  #unsubscribe: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Called when main changes a preference (not for the first answer), with the settings before. */
    private readonly onChanged: (settings: AppSettings, previous: AppSettings) => void = () => {},
    private readonly bridge: Pick<Bridge, 'getSettings' | 'onSettingsChanged' | 'updateSettings'> = defaultBridge,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    try {
      this.#unsubscribe = this.bridge.onSettingsChanged((settings) => {
        const previous = this.settings;
        this.#apply(settings);
        this.onChanged(settings, previous);
      });
      this.bridge.getSettings().then(
        (settings) => this.#apply(settings),
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

  /** Change reading or listening settings: shown at once, then saved (see the header). */
  async update(update: SettingsUpdate): Promise<AppSettings> {
    const request = ++this.#latest;
    this.settings = withUpdate(this.settings, update);
    this.host.requestUpdate();
    try {
      const answer = await this.bridge.updateSettings(update);
      if (request === this.#latest) this.#apply(answer);
      else this.#saved = answer;
      return answer;
    } catch (cause) {
      if (request === this.#latest) {
        this.settings = this.#saved;
        this.host.requestUpdate();
      }
      throw cause;
    }
  }

  #apply(settings: AppSettings): void {
    this.settings = settings;
    this.#saved = settings;
    this.host.requestUpdate();
  }
}
