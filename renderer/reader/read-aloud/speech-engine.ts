/**
 * A small interface over the Web Speech API's `speechSynthesis`: the system's voices
 * and one utterance at a time. Read aloud works offline, so only voices that run on
 * this computer (`localService === true`) are ever listed or used; a network voice is
 * refused even when the system names it as its default. {@link WebSpeechEngine} is the
 * only code that touches `window.speechSynthesis`; tests hand the controller another
 * {@link SpeechEngine}.
 */

/** A voice on this computer. */
export interface Voice {
  /** `SpeechSynthesisVoice.voiceURI`: what `listening.voice` keeps. */
  id: string;
  name: string;
  /** BCP 47, as the system reports it ("en-GB", "ko_KR" is normalised to "ko-KR"). */
  lang: string;
  /** The system's default voice (for its language). */
  isDefault: boolean;
}

export interface SpeakOptions {
  /** The voice's id; must be one of {@link SpeechEngine.voices}. */
  voice: string;
  rate: number;
  lang: string | null;
}

/** What happens to one utterance. Exactly one of `onEnd` or `onError` is called, unless it is cancelled. */
export interface SpeakHandlers {
  onStart?(): void;
  onEnd(): void;
  /** The engine failed, in words a person can read. */
  onError(message: string): void;
  /** A word (or sentence) boundary at `charIndex` into the utterance's text. */
  onBoundary?(charIndex: number): void;
}

export interface SpeechEngine {
  /** The voices on this computer (network voices left out). */
  voices(): Voice[];
  /** Call `listener` when the system's voice list changes; returns the unsubscribe. */
  onVoicesChanged(listener: () => void): () => void;
  /** Speak `text`, cancelling whatever was being spoken (its handlers are not called again). */
  speak(text: string, options: SpeakOptions, handlers: SpeakHandlers): void;
  pause(): void;
  resume(): void;
  /** Stop speaking and drop the queue; the cancelled utterance's handlers are not called. */
  cancel(): void;
}

/** `localService` false: the voice sends the text to a server; read aloud never uses it. */
const isLocal = (voice: SpeechSynthesisVoice): boolean => voice.localService === true;

const normaliseLang = (lang: string): string => lang.replace(/_/gu, '-');

/** Why an utterance failed, in words (`SpeechSynthesisErrorEvent.error`). */
export function describeSpeechError(code: string): string {
  switch (code) {
    case 'audio-busy':
      return 'The sound device is busy with something else.';
    case 'audio-hardware':
      return 'No sound device could be used.';
    case 'synthesis-unavailable':
    case 'synthesis-failed':
      return 'The system\'s speech engine could not speak this text.';
    case 'language-unavailable':
    case 'voice-unavailable':
      return 'The chosen voice is not available any more.';
    case 'text-too-long':
      return 'The speech engine refused a sentence as too long.';
    case 'invalid-argument':
      return 'The speech engine refused the speed or the voice.';
    case 'not-allowed':
      return 'The system did not allow speech.';
    default:
      return `The speech engine failed (${code || 'no reason given'}).`;
  }
}

/** The real engine: `window.speechSynthesis`. */
export class WebSpeechEngine implements SpeechEngine {
  readonly #synth: SpeechSynthesis;
  /**
   * The utterance being spoken. Kept referenced: Chromium may drop an utterance that
   * nothing references before its `end` fires.
   */
  #current: SpeechSynthesisUtterance | null = null;

  constructor(synth: SpeechSynthesis) {
    this.#synth = synth;
  }

  /** The engine of this window, or null where the page has no `speechSynthesis`. */
  static fromWindow(): WebSpeechEngine | null {
    if (typeof window === 'undefined' || !('speechSynthesis' in window) || typeof SpeechSynthesisUtterance !== 'function') {
      return null;
    }
    return new WebSpeechEngine(window.speechSynthesis);
  }

  voices(): Voice[] {
    return this.#synth
      .getVoices()
      .filter(isLocal)
      .map((voice) => ({ id: voice.voiceURI, name: voice.name, lang: normaliseLang(voice.lang), isDefault: voice.default }));
  }

  onVoicesChanged(listener: () => void): () => void {
    this.#synth.addEventListener('voiceschanged', listener);
    return () => this.#synth.removeEventListener('voiceschanged', listener);
  }

  speak(text: string, options: SpeakOptions, handlers: SpeakHandlers): void {
    this.cancel();
    const voice = this.#synth.getVoices().find((v) => v.voiceURI === options.voice && isLocal(v));
    if (!voice) {
      handlers.onError(describeSpeechError('voice-unavailable'));
      return;
    }
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang || options.lang || '';
    utterance.rate = options.rate;
    const live = () => this.#current === utterance;
    utterance.addEventListener('start', () => {
      if (live()) handlers.onStart?.();
    });
    utterance.addEventListener('boundary', (event) => {
      if (live()) handlers.onBoundary?.(event.charIndex);
    });
    utterance.addEventListener('end', () => {
      if (!live()) return;
      this.#current = null;
      handlers.onEnd();
    });
    utterance.addEventListener('error', (event) => {
      if (!live()) return;
      this.#current = null;
      // Cancelling (ours, or another page's speech taking over) is not a failure.
      if (event.error === 'canceled' || event.error === 'interrupted') return;
      handlers.onError(describeSpeechError(event.error));
    });
    this.#current = utterance;
    this.#synth.speak(utterance);
  }

  pause(): void {
    this.#synth.pause();
  }

  resume(): void {
    this.#synth.resume();
  }

  cancel(): void {
    this.#current = null;
    this.#synth.cancel();
  }
}

/**
 * The local voices, waiting up to `timeoutMs` for `voiceschanged` when there are none
 * yet (Chromium loads the list after the page starts). Empty: there is no voice.
 */
export function waitForVoices(engine: SpeechEngine, timeoutMs = 1500): Promise<Voice[]> {
  const now = engine.voices();
  if (now.length > 0) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop();
      resolve(engine.voices());
    };
    const stop = engine.onVoicesChanged(() => {
      if (engine.voices().length > 0) done();
    });
    const timer = setTimeout(done, timeoutMs);
  });
}

/**
 * The voice to read with: the saved one if it is still here, else the system's
 * default for the article's language, any voice of that language, the system's
 * default, the first. Null: no voice.
 */
export function chooseVoice(voices: readonly Voice[], saved: string | null, lang: string | null): Voice | null {
  const kept = saved ? voices.find((v) => v.id === saved) : undefined;
  if (kept) return kept;
  const base = lang ? primaryLanguage(lang) : null;
  const ofLang = base ? voices.filter((v) => primaryLanguage(v.lang) === base) : [];
  return ofLang.find((v) => v.isDefault) ?? ofLang[0] ?? voices.find((v) => v.isDefault) ?? voices[0] ?? null;
}

/** "en" of "en-GB". */
export const primaryLanguage = (lang: string): string => normaliseLang(lang).split('-')[0]!.toLowerCase();
