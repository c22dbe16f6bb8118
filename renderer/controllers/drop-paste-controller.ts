/**
 * What reaches the window from outside: files dragged over and dropped on it, and a
 * web address pasted outside a text field. `dropping` is true while files are held
 * over the window (for the drop hint); the host decides what a paste may do.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { normalizeUrl } from '../normalize-url';
import { isTextField } from '../text-field';

export interface DropPasteHandlers {
  /** Files dropped on the window (never opened by the browser as a page). */
  onFiles(files: File[]): void;
  /** Whether a pasted address should be offered now (the library is shown, no dialog is open). */
  acceptsPaste(): boolean;
  /** A pasted http(s) address, normalized. */
  onUrl(url: string): void;
}

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

export class DropPasteController implements ReactiveController {
  /** Files are being dragged over the window. */
  dropping = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly handlers: DropPasteHandlers,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('paste', this.#onPaste);
    window.addEventListener('dragover', this.#onDragOver);
    window.addEventListener('dragleave', this.#onDragLeave);
    window.addEventListener('drop', this.#onDrop);
  }

  hostDisconnected(): void {
    window.removeEventListener('paste', this.#onPaste);
    window.removeEventListener('dragover', this.#onDragOver);
    window.removeEventListener('dragleave', this.#onDragLeave);
    window.removeEventListener('drop', this.#onDrop);
  }

  #setDropping(dropping: boolean): void {
    if (this.dropping === dropping) return;
    this.dropping = dropping;
    this.host.requestUpdate();
  }

  #onPaste = (event: ClipboardEvent) => {
    if (!this.handlers.acceptsPaste() || isTextField(event.composedPath()[0])) return;
    const text = event.clipboardData?.getData('text/plain').trim() ?? '';
    if (!/^https?:\/\//iu.test(text) || /\s/u.test(text)) return;
    const result = normalizeUrl(text);
    if ('error' in result) return;
    event.preventDefault();
    this.handlers.onUrl(result.url);
  };

  #onDragOver = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    this.#setDropping(true);
  };

  #onDragLeave = (event: DragEvent) => {
    // Leaving the window (not just moving between elements).
    if (event.relatedTarget === null) this.#setDropping(false);
  };

  #onDrop = (event: DragEvent) => {
    this.#setDropping(false);
    // Never let the browser open a dropped file as a page.
    event.preventDefault();
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length > 0) this.handlers.onFiles(files);
  };
}
