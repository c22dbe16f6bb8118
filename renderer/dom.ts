/** Small DOM rules the elements share: where focus is, looking into shadow roots. */

/** The focused element, looking into shadow roots (null when it is not an HTML element). */
export function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/** Whether focus is on `element` or inside its shadow root (at any depth). */
export function focusWithin(element: HTMLElement | undefined): boolean {
  if (!element) return false;
  let active: Element | null = document.activeElement;
  while (active) {
    if (active === element) return true;
    active = active.shadowRoot?.activeElement ?? null;
  }
  return false;
}
