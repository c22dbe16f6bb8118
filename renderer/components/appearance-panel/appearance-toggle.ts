/**
 * Whether the Text and Layout panel is shown, and focus around it: opening moves
 * focus into the panel; closing puts it back where it was, if it was in the panel
 * (the "Aa" button that toggled it keeps its focus). Its host renders the panel while
 * {@link AppearanceToggle.open} is true.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { deepActiveElement, focusWithin } from '../../dom';
import type { AppearancePanelElement } from './appearance-panel';

export class AppearanceToggle implements ReactiveController {
  open = false;
  /** Where focus was when the panel opened. */
  #return: HTMLElement | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The panel, while it is rendered. */
    private readonly panel: () => AppearancePanelElement | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Open it with focus in it, or close it. */
  async toggle(): Promise<void> {
    if (this.open) {
      this.close();
      return;
    }
    this.#return = deepActiveElement();
    this.open = true;
    this.host.requestUpdate();
    await this.host.updateComplete;
    await this.panel()?.updateComplete;
    this.panel()?.focusFirst();
  }

  close(): void {
    if (!this.open) return;
    const focused = deepActiveElement();
    const focusInPanel = !focused || focused === document.body || focusWithin(this.panel());
    this.open = false;
    this.host.requestUpdate();
    const back = this.#return;
    this.#return = null;
    if (focusInPanel && back?.isConnected) back.focus({ preventScroll: true });
  }
}
