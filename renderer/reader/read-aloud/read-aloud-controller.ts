/**
 * Read aloud for the article view: the article's text cut into sentences
 * (`sentences.ts`), spoken one utterance at a time by the system's own voices
 * (`speech-engine.ts`), the sentence being read marked with the CSS Custom Highlight
 * `lectern-speaking` (drawn like highlights, ARCHITECTURE.md §4) and kept in view.
 *
 * It starts from the selection, else from where it was stopped, else from the first
 * sentence at the top of the view. Pausing or stopping keeps the place: playing again
 * starts that sentence over (the engines' own pause is unreliable, and a sentence is
 * short). Speed and voice apply from the next sentence and are saved as settings; at
 * the end the article can be marked read. Speech stops when the article changes, the
 * view goes away or the window unloads. No voice, or an engine error, is said in
 * words in the bar's alert (`<listen-bar>`); it never fails silently. Other changes
 * (reading, paused, stopped, the end) are announced politely.
 *
 * One idea, though over 400 lines: the state of reading one article aloud — where to
 * start, the place, the mark, the voices — whose parts all read and write that place;
 * the pure parts live beside it (`sentences.ts`, `speech-engine.ts`, `voice-groups.ts`).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ListeningSettings } from '../../../common/model';
import type { TextIndex } from '../../anchoring/text-index';
import { fire } from '../../events';
import { selectionIn } from '../article-view/selection';
import { splitSentences, type Sentence } from './sentences';
import { chooseVoice, waitForVoices, type SpeechEngine, type Voice } from './speech-engine';

export const SPEAKING_HIGHLIGHT = 'lectern-speaking';

export type ReadAloudStatus = 'idle' | 'playing' | 'paused' | 'unavailable' | 'error';

/** What the controller reads from its view. */
export interface ReadAloudDeps {
  /** The speech engine (created when first needed), or null where the page has none. */
  engine(): SpeechEngine | null;
  /** The shown article: its id and language (null: nothing shown). */
  article(): { id: string; language: string | null } | null;
  /** The article body's text index (null: nothing shown). */
  index(): TextIndex | null;
  /** The view's shadow root (for the selection). */
  root(): ShadowRoot | null;
  settings(): ListeningSettings;
  /** Pixels at the bottom of the window covered by the bar. */
  bottomInset?(): number;
}

/** Block elements: a sentence never runs from one into the next. */
const BLOCKS = 'p, li, dt, dd, h1, h2, h3, h4, h5, h6, blockquote, pre, figcaption, td, th, caption, div, section, aside, hr, br';

/** The first words when no voice is found. */
export const NO_VOICE = 'Read aloud needs a voice installed on this computer, and none was found.';

/** How to get a voice on this system (every system's way when it is not known). */
export function noVoiceHelp(platform: string): string[] {
  const linux = 'On Linux, install speech-dispatcher and a voice (for example: sudo apt install speech-dispatcher espeak-ng), then restart Lectern.';
  const windows = 'On Windows, open Settings ▸ Time & language ▸ Speech ▸ Add voices.';
  const mac = 'On macOS, open System Settings ▸ Accessibility ▸ Spoken Content ▸ System voice.';
  if (/Mac|iPhone|iPad/iu.test(platform)) return [mac];
  if (/Win/iu.test(platform)) return [windows];
  if (/Linux|X11|BSD/iu.test(platform)) return [linux];
  return [linux, windows, mac];
}

/** A range's box, or null where there is no layout. */
const boxOf = (range: Range): DOMRect | null =>
  typeof range.getBoundingClientRect === 'function' ? range.getBoundingClientRect() : null;

export class ReadAloudController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #deps: ReadAloudDeps;

  /** The bar is shown. */
  open = false;
  status: ReadAloudStatus = 'idle';
  /** What the bar says (the place, the end, the error, how to get a voice). */
  message = '';
  /** More words under the message: how to get a voice. */
  help: string[] = [];
  /** The voices on this computer (local ones only). */
  voices: Voice[] = [];
  sentences: Sentence[] = [];
  /** The sentence being read, or where reading stopped; null: start at the top of the view. */
  current: number | null = null;

  #sentencesOf: TextIndex | null = null;
  #articleId: string | null = null;
  /** Each utterance's token: handlers of an older one do nothing. */
  #token = 0;
  /** The selection read from last (so playing again continues rather than going back to it). */
  #usedSelection: string | null = null;
  #stopVoices: (() => void) | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement, deps: ReadAloudDeps) {
    this.#host = host;
    this.#deps = deps;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.#onPageHide);
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.#onPageHide);
    this.reset();
  }

  /** The voice sentences are read in (the saved one if it is here), or null. */
  get voice(): Voice | null {
    return chooseVoice(this.voices, this.#deps.settings().voice, this.#deps.article()?.language ?? null);
  }

  /** Listen: show the bar and read (from the selection, the kept place or the top of the view). */
  async start(): Promise<void> {
    const article = this.#deps.article();
    if (!article) return;
    this.#ensureSentences();
    this.open = true;
    if (this.status === 'playing') {
      this.#host.requestUpdate();
      return;
    }
    this.message = 'Looking for a voice…';
    this.help = [];
    this.#host.requestUpdate();
    const engine = this.#deps.engine();
    this.voices = engine ? await waitForVoices(engine) : [];
    if (this.#deps.article()?.id !== article.id || !this.open) return;
    this.#watchVoices(engine);
    if (!engine || this.voices.length === 0) {
      this.status = 'unavailable';
      this.message = NO_VOICE;
      this.help = noVoiceHelp(navigator.platform || navigator.userAgent);
      // Said by the bar's alert (not announced twice).
      this.#host.requestUpdate();
      return;
    }
    if (this.sentences.length === 0) {
      this.status = 'idle';
      this.message = 'This article has no text to read.';
      this.#announce(this.message);
      this.#host.requestUpdate();
      return;
    }
    this.current = this.#startingSentence();
    this.#play('Reading aloud.');
  }

  /** The shortcut: start, pause, or play again. */
  async toggle(): Promise<void> {
    if (this.status === 'playing') this.pause();
    else if (this.open && this.status === 'paused') this.#play('Reading aloud.');
    else await this.start();
  }

  /** Stop speaking; the place is kept. */
  pause(): void {
    if (this.status !== 'playing') return;
    this.#silence();
    this.status = 'paused';
    this.message = this.#placeWords('Paused at');
    this.#announce('Paused.');
    this.#host.requestUpdate();
  }

  /** Play again from the kept place (the sentence is started over). */
  play(): void {
    if (this.status === 'playing') return;
    if (this.status === 'paused' || this.status === 'error') this.#play('Reading aloud.');
    else void this.start();
  }

  /** Stop: close the bar, keep the place. */
  stop(): void {
    this.#silence();
    if (this.status === 'playing' || this.status === 'error') this.status = 'paused';
    this.open = false;
    this.#unwatchVoices();
    this.#announce('Stopped reading aloud.');
    this.#host.requestUpdate();
  }

  /** The next (1) or previous (-1) sentence: read from there if reading, else mark it. */
  step(direction: 1 | -1): void {
    if (this.sentences.length === 0 || this.status === 'unavailable') return;
    const from = this.current ?? this.#topOfView();
    const to = Math.min(this.sentences.length - 1, Math.max(0, from + direction));
    this.current = to;
    if (this.status === 'playing') {
      this.#speakCurrent();
    } else {
      if (this.status !== 'paused') this.status = 'paused';
      this.#mark();
      this.message = this.#placeWords('At');
      this.#announce(this.sentences[to]!.text);
    }
    this.#host.requestUpdate();
  }

  setRate(rate: ListeningSettings['rate']): void {
    fire(this.#host, 'settings-change', { listening: { rate } });
    this.#announce(`Speed ${rate}×, from the next sentence.`);
  }

  setVoice(voice: string): void {
    if (!this.voices.some((v) => v.id === voice)) return; // only a voice on this computer
    fire(this.#host, 'settings-change', { listening: { voice } });
  }

  setMarkReadAtEnd(markReadAtEnd: boolean): void {
    fire(this.#host, 'settings-change', { listening: { markReadAtEnd } });
  }

  /** The article changed or went away: stop, forget the place, close the bar. */
  reset(): void {
    this.#silence();
    this.#unmark();
    this.#unwatchVoices();
    this.open = false;
    this.status = 'idle';
    this.message = '';
    this.help = [];
    this.current = null;
    this.sentences = [];
    this.#sentencesOf = null;
    this.#articleId = null;
    this.#usedSelection = null;
    this.#host.requestUpdate();
  }

  // ---------------------------------------------------------------- reading

  #play(announcement: string): void {
    this.current = this.#startingSentence();
    this.status = 'playing';
    this.help = [];
    this.#announce(announcement);
    this.#speakCurrent();
  }

  #speakCurrent(): void {
    const engine = this.#deps.engine();
    const voice = this.voice;
    const index = this.current;
    if (!engine || !voice || index === null) return;
    const sentence = this.sentences[index]!;
    const token = ++this.#token;
    this.message = this.#placeWords('Reading');
    this.#mark();
    this.#host.requestUpdate();
    const settings = this.#deps.settings();
    engine.speak(
      sentence.text,
      { voice: voice.id, rate: settings.rate, lang: this.#deps.article()?.language ?? null },
      {
        onEnd: () => {
          if (token !== this.#token) return;
          if (index + 1 < this.sentences.length) {
            this.current = index + 1;
            this.#speakCurrent();
          } else {
            this.#finish();
          }
        },
        onError: (reason) => {
          if (token !== this.#token) return;
          this.#token++;
          this.status = 'error';
          // Said by the bar's alert.
          this.message = `Read aloud stopped: ${reason} Press Play to try this sentence again.`;
          this.#host.requestUpdate();
        },
      },
    );
  }

  #finish(): void {
    this.#token++;
    this.#unmark();
    this.status = 'idle';
    this.current = null;
    const article = this.#deps.article();
    if (article && this.#deps.settings().markReadAtEnd) {
      fire(this.#host, 'article-set-read', { id: article.id, read: true });
      this.message = 'Finished reading the article; it is marked as read.';
    } else {
      this.message = 'Finished reading the article.';
    }
    this.#announce(this.message);
    this.#host.requestUpdate();
  }

  #silence(): void {
    this.#token++;
    this.#deps.engine()?.cancel();
  }

  #placeWords(prefix: string): string {
    return this.current === null ? '' : `${prefix} sentence ${this.current + 1} of ${this.sentences.length}.`;
  }

  // ---------------------------------------------------------------- where to start

  #ensureSentences(): void {
    const index = this.#deps.index();
    const article = this.#deps.article();
    if (!index || !article) return;
    if (this.#sentencesOf === index && this.#articleId === article.id) return;
    const root = index.root;
    const breaks =
      root instanceof Element ? [...root.querySelectorAll(BLOCKS)].map((element) => index.offsetOf(element, 0)) : [];
    this.sentences = splitSentences(index.text, { lang: article.language, breaks });
    this.#sentencesOf = index;
    this.#articleId = article.id;
    this.current = null;
  }

  /** The selected sentence (a new selection), the kept place, or the top of the view. */
  #startingSentence(): number {
    const fromSelection = this.#selectedSentence();
    if (fromSelection !== null) return fromSelection;
    if (this.current !== null && this.current < this.sentences.length) return this.current;
    return this.#topOfView();
  }

  #selectedSentence(): number | null {
    const root = this.#deps.root();
    const index = this.#deps.index();
    const range = root ? selectionIn(root) : null;
    const offsets = range && index ? index.rangeToOffsets(range) : null;
    if (!offsets || offsets.start === offsets.end) return null;
    const key = `${offsets.start}:${offsets.end}`;
    if (key === this.#usedSelection) return null;
    this.#usedSelection = key;
    const found = this.sentences.findIndex((s) => s.end > offsets.start);
    return found === -1 ? null : found;
  }

  /** The first sentence whose text shows below the top of the window. */
  #topOfView(): number {
    const index = this.#deps.index();
    if (!index || this.sentences.length === 0) return 0;
    let lo = 0;
    let hi = this.sentences.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const { start, end } = this.sentences[mid]!;
      const bottom = boxOf(index.rangeFor(start, end))?.bottom ?? 1;
      if (bottom <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.sentences.length ? lo : 0;
  }

  // ---------------------------------------------------------------- the mark

  #mark(): void {
    const index = this.#deps.index();
    const sentence = this.current === null ? undefined : this.sentences[this.current];
    if (!index || !sentence) return;
    const range = index.rangeFor(sentence.start, sentence.end);
    if (typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function') {
      const highlight = new Highlight(range);
      highlight.priority = 4;
      CSS.highlights.set(SPEAKING_HIGHLIGHT, highlight);
    }
    this.#keepInView(range);
  }

  #unmark(): void {
    if (typeof CSS !== 'undefined' && 'highlights' in CSS) CSS.highlights.delete(SPEAKING_HIGHLIGHT);
  }

  /** Scroll only when the sentence leaves the comfortable band (instant under reduced motion). */
  #keepInView(range: Range): void {
    const rect = boxOf(range);
    if (!rect || (rect.width === 0 && rect.height === 0)) return; // not laid out (hidden, or no layout)
    const height = window.innerHeight;
    const margin = Math.min(96, height / 6);
    const bottom = height - (this.#deps.bottomInset?.() ?? 0) - margin;
    if (rect.top >= margin && rect.bottom <= bottom) return;
    const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    window.scrollBy({ top: rect.top - height / 3, left: 0, behavior: reduced ? 'instant' : 'smooth' });
  }

  // ---------------------------------------------------------------- the voices

  #watchVoices(engine: SpeechEngine | null): void {
    if (!engine || this.#stopVoices) return;
    this.#stopVoices = engine.onVoicesChanged(() => {
      this.voices = engine.voices();
      if (this.voices.length === 0 && this.status === 'playing') {
        this.#silence();
        this.status = 'unavailable';
        this.message = NO_VOICE;
        this.help = noVoiceHelp(navigator.platform || navigator.userAgent);
      } else if (this.voices.length > 0 && this.status === 'unavailable') {
        this.status = 'paused';
        this.message = 'A voice is now available. Press Play.';
        this.help = [];
      }
      this.#host.requestUpdate();
    });
  }

  #unwatchVoices(): void {
    this.#stopVoices?.();
    this.#stopVoices = null;
  }

  #announce(message: string): void {
    fire(this.#host, 'announce', { message });
  }

  #onPageHide = () => {
    this.#silence();
  };
}
