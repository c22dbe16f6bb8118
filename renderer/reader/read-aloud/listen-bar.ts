import { LitElement, html, nothing } from 'lit';
import { SPEECH_RATES } from '../../../common/reading';
import type { ListeningSettings } from '../../../common/model';
import { fire } from '../../events';
import type { ReadAloudStatus } from './read-aloud-controller';
import type { Voice } from './speech-engine';
import { groupVoices } from './voice-groups';
import { listenBarStyles } from './listen-bar.styles';

/**
 * Read aloud's bar, sticky at the bottom of the window: Play/Pause, Previous and Next
 * sentence, Speed, Voice (grouped by language, the article's first), "Mark as read at
 * the end" and Stop, with what is being read in words. No voice, or an engine error,
 * is an alert in the bar, with how to get a voice.
 *
 * @fires listen-play-pause - Play or Pause pressed (bubbles, composed).
 * @fires listen-step - `{ direction }`: Previous (-1) or Next (1) sentence (bubbles, composed).
 * @fires listen-rate - `{ rate }`: a speed chosen (bubbles, composed).
 * @fires listen-voice - `{ voice }`: a voice chosen (its voiceURI) (bubbles, composed).
 * @fires listen-mark-read - `{ markReadAtEnd }`: the checkbox changed (bubbles, composed).
 * @fires listen-stop - Stop pressed: close the bar, keep the place (bubbles, composed).
 */
export class ListenBarElement extends LitElement {
  static override styles = listenBarStyles;

  static override properties = {
    status: { attribute: false },
    message: { attribute: false },
    help: { attribute: false },
    voices: { attribute: false },
    voice: { attribute: false },
    articleLang: { attribute: false },
    listening: { attribute: false },
  };

  declare status: ReadAloudStatus;
  /** The place, the end or what went wrong, in words. */
  declare message: string;
  /** How to get a voice (when there is none). */
  declare help: readonly string[];
  declare voices: readonly Voice[];
  /** The voice reading (its id), or null. */
  declare voice: string | null;
  /** The article's language (its voices are listed first). */
  declare articleLang: string | null;
  declare listening: ListeningSettings;

  constructor() {
    super();
    this.status = 'idle';
    this.message = '';
    this.help = [];
    this.voices = [];
    this.voice = null;
    this.articleLang = null;
    this.listening = { rate: 1, voice: null, markReadAtEnd: true };
  }

  /** Focus Play/Pause (the bar was opened with the Listen button). */
  focusPlay(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('.play')?.focus();
  }

  protected override render() {
    const playing = this.status === 'playing';
    const noVoice = this.status === 'unavailable';
    const problem = noVoice || this.status === 'error';
    return html`
      <div class="bar" role="toolbar" aria-label="Read aloud">
        <div class="controls">
          <button type="button" class="play" ?disabled=${noVoice} @click=${this.#playPause}>
            <span aria-hidden="true">${playing ? '❚❚' : '▶'}</span> ${playing ? 'Pause' : 'Play'}
          </button>
          <button type="button" aria-label="Previous sentence" ?disabled=${noVoice} @click=${this.#previous}>
            Previous
          </button>
          <button type="button" aria-label="Next sentence" ?disabled=${noVoice} @click=${this.#next}>
            Next
          </button>
          <label class="field">
            Speed
            <select ?disabled=${noVoice} @change=${this.#onRate}>
              ${SPEECH_RATES.map(
                (rate) => html`<option value=${String(rate)} ?selected=${rate === this.listening.rate}>${rate}×</option>`,
              )}
            </select>
          </label>
          ${this.voices.length > 0 ? this.#renderVoices() : nothing}
          <label class="check">
            <input type="checkbox" .checked=${this.listening.markReadAtEnd} @change=${this.#onMarkRead} />
            Mark as read at the end
          </label>
          <button type="button" class="stop" @click=${this.#stop}>Stop</button>
        </div>
        ${problem
          ? html`<div class="problem" role="alert">
              <p>${this.message}</p>
              ${this.help.map((line) => html`<p class="help">${line}</p>`)}
            </div>`
          : html`<p class="place">${this.message || nothing}</p>`}
      </div>
    `;
  }

  #renderVoices() {
    return html`<label class="field">
      Voice
      <select class="voice" ?disabled=${this.status === 'unavailable'} @change=${this.#onVoice}>
        ${groupVoices(this.voices, this.articleLang).map(
          (group) => html`<optgroup label=${group.label}>
            ${group.voices.map(
              (voice) => html`<option value=${voice.id} ?selected=${voice.id === this.voice}>${voice.name}</option>`,
            )}
          </optgroup>`,
        )}
      </select>
    </label>`;
  }

  #playPause = () => fire(this, 'listen-play-pause');
  #previous = () => fire(this, 'listen-step', { direction: -1 });
  #next = () => fire(this, 'listen-step', { direction: 1 });
  #stop = () => fire(this, 'listen-stop');

  #onRate = (event: Event) => {
    const rate = Number((event.target as HTMLSelectElement).value);
    const known = SPEECH_RATES.find((r) => r === rate);
    if (known !== undefined) fire(this, 'listen-rate', { rate: known });
  };

  #onVoice = (event: Event) => {
    fire(this, 'listen-voice', { voice: (event.target as HTMLSelectElement).value });
  };

  #onMarkRead = (event: Event) => {
    fire(this, 'listen-mark-read', { markReadAtEnd: (event.target as HTMLInputElement).checked });
  };
}

customElements.define('listen-bar', ListenBarElement);

declare global {
  interface HTMLElementTagNameMap {
    'listen-bar': ListenBarElement;
  }
}
