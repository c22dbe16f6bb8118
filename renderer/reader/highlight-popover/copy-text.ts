/**
 * Copy text to the clipboard: the async Clipboard API, or — where it is refused
 * (Electron denies permission checks, ARCHITECTURE.md §6) — a hidden text field and the
 * copy command, restoring focus afterwards. Resolves to whether it worked.
 */
export async function copyText(text: string, root: ShadowRoot): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Fall through to the copy command.
  }
  const focused = root.activeElement as HTMLElement | null;
  const field = document.createElement('textarea');
  field.value = text;
  field.readOnly = true;
  field.setAttribute('aria-hidden', 'true');
  field.tabIndex = -1;
  field.className = 'copy-buffer';
  root.appendChild(field);
  field.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  field.remove();
  focused?.focus();
  return copied;
}
