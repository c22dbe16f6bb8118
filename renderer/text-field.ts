/**
 * Whether a key pressed on `target` is typing: text inputs, text areas, selects and
 * editable content. Single-key shortcuts (N, P, H, /) and window-level keys (Undo,
 * paste of an address) leave those alone.
 */
export const isTextField = (target: EventTarget | undefined): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type)));
