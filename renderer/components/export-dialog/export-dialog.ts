import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { createRef, ref } from 'lit/directives/ref.js';
import type { ExportFormat, ExportOptions, ExportPreview } from '../../../common/notes';
import type { ExportChoices, ExportScopeKind } from '../../controllers/export-controller';
import { DEFAULT_CHOICES } from '../../controllers/export-controller';
import { exportDialogStyles } from './export-dialog.styles';
import { fire } from '../../events';

const FORMATS: { value: ExportFormat; label: string; hint: string }[] = [
  { value: 'markdown', label: 'Markdown', hint: 'Obsidian, Logseq and other notes apps' },
  { value: 'json', label: 'JSON', hint: 'W3C Web Annotation; Lectern imports it back' },
  { value: 'csv', label: 'CSV', hint: 'Readwise import, spreadsheets' },
  { value: 'html', label: 'HTML', hint: 'the article with your highlights and notes' },
  { value: 'pdf', label: 'PDF', hint: 'the HTML, printed' },
];

const OPTIONS: { key: keyof ExportOptions; label: string }[] = [
  { key: 'includeArticleNote', label: 'Article note' },
  { key: 'includeTags', label: 'Tags' },
  { key: 'includeOrphans', label: 'Highlights whose text is no longer in the article' },
];

/**
 * The export dialog (a modal `<dialog>`: focus stays inside, Escape closes): format,
 * scope, what to include, a live preview of the chosen format for one article,
 * Copy, and Save… (main's save dialog). While a whole-library export runs it shows
 * the progress and a Cancel button.
 *
 * @fires export-change - `ExportChoices` (bubbles, composed).
 * @fires export-copy - copy the previewed export (bubbles, composed).
 * @fires export-save - save with the current choices (bubbles, composed).
 * @fires export-cancel - stop the export that is running (bubbles, composed).
 * @fires export-close - the dialog was closed (bubbles, composed).
 */
export class ExportDialogElement extends LitElement {
  static override styles = exportDialogStyles;

  static override properties = {
    open: { type: Boolean },
    articleTitle: { attribute: false },
    choices: { attribute: false },
    preview: { attribute: false },
    previewing: { type: Boolean },
    saving: { type: Boolean },
    progress: { attribute: false },
    message: { attribute: false },
    errorMessage: { attribute: false },
  };

  declare open: boolean;
  /** The article previewed and exported for "This article"; null offers the library only. */
  declare articleTitle: string | null;
  declare choices: ExportChoices;
  declare preview: ExportPreview | null;
  declare previewing: boolean;
  declare saving: boolean;
  declare progress: { done: number; total: number } | null;
  declare message: string | null;
  declare errorMessage: string | null;

  #dialog = createRef<HTMLDialogElement>();

  constructor() {
    super();
    this.open = false;
    this.articleTitle = null;
    this.choices = DEFAULT_CHOICES;
    this.preview = null;
    this.previewing = false;
    this.saving = false;
    this.progress = null;
    this.message = null;
    this.errorMessage = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const dialog = this.#dialog.value;
    if (!changed.has('open') || !dialog) return;
    if (this.open && !dialog.open) {
      this.#told = false;
      dialog.showModal();
    } else if (!this.open && dialog.open) dialog.close();
  }

  protected override render() {
    const { format, scope, options } = this.choices;
    return html`
      <dialog
        ${ref(this.#dialog)}
        aria-labelledby="export-title"
        @cancel=${this.#onCancel}
        @close=${this.#onClosed}
        @keydown=${this.#keepKeysInside}
      >
        <header class="head">
          <h2 id="export-title">Export notes</h2>
          <button type="button" class="close" aria-label="Close export" @click=${this.#close}>
            <span aria-hidden="true">×</span>
          </button>
        </header>
        <div class="choices">
          <fieldset>
            <legend>Format</legend>
            ${FORMATS.map(
              (f) => html`<label class="choice">
                <input type="radio" name="format" .checked=${format === f.value} ?disabled=${this.saving} @change=${() => this.#set({ format: f.value })} />
                <span><span class="choice-label">${f.label}</span> <span class="choice-hint">${f.hint}</span></span>
              </label>`,
            )}
          </fieldset>
          <div class="side">
            <fieldset>
              <legend>Notes of</legend>
              <label class="choice">
                <input
                  type="radio"
                  name="scope"
                  .checked=${scope === 'article'}
                  ?disabled=${this.saving || !this.articleTitle}
                  @change=${() => this.#set({ scope: 'article' as ExportScopeKind })}
                />
                <span>This article${this.articleTitle ? html` <span class="choice-hint">${this.articleTitle}</span>` : nothing}</span>
              </label>
              <label class="choice">
                <input type="radio" name="scope" .checked=${scope === 'library'} ?disabled=${this.saving} @change=${() => this.#set({ scope: 'library' as ExportScopeKind })} />
                <span>The whole library <span class="choice-hint">${format === 'markdown' || format === 'html' || format === 'pdf' ? 'one file per article, in a folder' : 'one file'}</span></span>
              </label>
            </fieldset>
            <fieldset>
              <legend>Include</legend>
              ${OPTIONS.map(
                (o) => html`<label class="choice">
                  <input type="checkbox" .checked=${options[o.key]} ?disabled=${this.saving} @change=${(e: Event) => this.#setOption(o.key, (e.target as HTMLInputElement).checked)} />
                  <span>${o.label}</span>
                </label>`,
              )}
            </fieldset>
          </div>
        </div>
        ${this.#renderPreview()}
        <div class="outcome">
          ${this.saving && this.progress
            ? html`<progress max=${this.progress.total} .value=${this.progress.done} aria-label="Export progress"></progress>`
            : nothing}
          <p class="message" role="status">${this.#statusText()}</p>
          ${this.errorMessage ? html`<p class="error" role="alert">${this.errorMessage}</p>` : nothing}
        </div>
        <footer class="actions">
          <button type="button" ?disabled=${!this.preview || this.saving || format === 'pdf'} @click=${this.#copy}>Copy</button>
          ${this.saving ? html`<button type="button" @click=${this.#cancelExport}>Cancel export</button>` : nothing}
          <button
            type="button"
            class="primary"
            aria-disabled=${this.saving ? 'true' : 'false'}
            ?disabled=${scope === 'article' && !this.articleTitle}
            @click=${this.#save}
          >
            Save…
          </button>
        </footer>
      </dialog>
    `;
  }

  #renderPreview() {
    const title = this.choices.format === 'pdf' ? 'Preview (the HTML the PDF is printed from)' : 'Preview';
    const forWhat = this.articleTitle ? ` — ${this.articleTitle}` : '';
    return html`
      <section class="preview" aria-labelledby="preview-title" aria-busy=${this.previewing ? 'true' : 'false'}>
        <h3 id="preview-title">${title}${this.choices.scope === 'library' && this.articleTitle ? html`<span class="choice-hint">, one article${forWhat}</span>` : nothing}</h3>
        ${this.preview
          ? html`<pre tabindex="0" aria-labelledby="preview-title">${this.preview.text}</pre>
              ${this.preview.truncated ? html`<p class="choice-hint">The preview shows the beginning only; Save… writes all of it.</p>` : nothing}`
          : html`<p class="choice-hint">${this.previewing ? 'Preparing the preview…' : this.articleTitle ? '' : 'Open an article to preview its notes.'}</p>`}
      </section>
    `;
  }

  #statusText(): string {
    if (this.saving) {
      return this.progress ? `Exporting… ${this.progress.done.toLocaleString()} of ${this.progress.total.toLocaleString()} articles` : 'Exporting…';
    }
    return this.message ?? '';
  }

  #set(patch: Partial<ExportChoices>): void {
    fire(this, 'export-change', { ...this.choices, ...patch });
  }

  #setOption(key: keyof ExportOptions, value: boolean): void {
    this.#set({ options: { ...this.choices.options, [key]: value } });
  }

  #copy = () => fire(this, 'export-copy');
  // Stays in place (and focused) while saving: aria-disabled, not removed or disabled.
  #save = () => {
    if (!this.saving) fire(this, 'export-save');
  };
  #cancelExport = () => fire(this, 'export-cancel');
  /**
   * Close and say so at once: the dialog's own `close` event comes a task later, and a
   * key pressed in between (Ctrl+L, a paste) must already find the dialog gone.
   */
  #close = () => {
    this.#dialog.value?.close();
    this.#onClosed();
  };

  /** While the dialog is open the page's shortcuts (Escape = back, Ctrl+K…) must not act behind it. */
  #keepKeysInside = (event: KeyboardEvent) => {
    event.stopPropagation();
  };

  #onCancel = (event: Event) => {
    // Escape: close like the × button (the dialog's own close event reports it).
    event.preventDefault();
    this.#close();
  };

  /** Told the page once per opening (by {@link #close}, or by the `close` event of a close from elsewhere). */
  #told = false;

  #onClosed = () => {
    if (!this.open || this.#told) return;
    this.#told = true;
    fire(this, 'export-close');
  };
}

customElements.define('export-dialog', ExportDialogElement);

declare global {
  interface HTMLElementTagNameMap {
    'export-dialog': ExportDialogElement;
  }
}
