// @vitest-environment jsdom
/**
 * Read aloud's controller against a stand-in speech engine (a fake that records each
 * utterance and ends it when the test says), and the real engine's wrapper against a
 * stand-in `speechSynthesis`: network voices are never listed nor used.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ListeningSettings } from '../../../common/model';
import { TextIndex } from '../../anchoring/text-index';
import { NO_VOICE, ReadAloudController, noVoiceHelp } from './read-aloud-controller';
import { WebSpeechEngine, chooseVoice, type SpeakHandlers, type SpeakOptions, type SpeechEngine, type Voice } from './speech-engine';
import { groupVoices } from './voice-groups';

/** A stand-in speech engine: records utterances; the test ends or fails them. */
class StandInEngine implements SpeechEngine {
  spoken: { text: string; options: SpeakOptions; handlers: SpeakHandlers }[] = [];
  cancels = 0;
  #listeners = new Set<() => void>();
  constructor(public list: Voice[]) {}
  voices(): Voice[] {
    return this.list;
  }
  onVoicesChanged(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  changeVoices(list: Voice[]): void {
    this.list = list;
    for (const listener of this.#listeners) listener();
  }
  speak(text: string, options: SpeakOptions, handlers: SpeakHandlers): void {
    this.spoken.push({ text, options, handlers });
  }
  pause(): void {}
  resume(): void {}
  cancel(): void {
    this.cancels++;
  }
  get last() {
    return this.spoken.at(-1)!;
  }
  end(): void {
    this.last.handlers.onEnd();
  }
}

const GB: Voice = { id: 'en-gb-local', name: 'Stand-in English', lang: 'en-GB', isDefault: true };
const KO: Voice = { id: 'ko-kr-local', name: 'Stand-in Korean', lang: 'ko-KR', isDefault: false };

function setup({ voices = [GB, KO], settings = {} as Partial<ListeningSettings> } = {}) {
  const host = Object.assign(document.createElement('div'), {
    addController: vi.fn(),
    removeController: vi.fn(),
    requestUpdate: vi.fn(),
    updateComplete: Promise.resolve(true),
  });
  document.body.append(host);
  const body = document.createElement('div');
  body.innerHTML = '<p>First one here.</p><p>Dr. Who came second. Third is last.</p>';
  const index = new TextIndex(body);
  const engine = new StandInEngine(voices);
  let listening: ListeningSettings = { rate: 1, voice: null, markReadAtEnd: true, ...settings };
  const events: { type: string; detail: unknown }[] = [];
  for (const type of ['settings-change', 'article-set-read', 'announce'] as const) {
    host.addEventListener(type, (event) => {
      events.push({ type, detail: event.detail });
      if (type === 'settings-change') {
        listening = { ...listening, ...(event.detail as { listening: Partial<ListeningSettings> }).listening };
      }
    });
  }
  const controller = new ReadAloudController(host, {
    engine: () => engine,
    article: () => ({ id: 'story', language: 'en' }),
    index: () => index,
    root: () => null,
    settings: () => listening,
  });
  return { controller, engine, events, texts: () => engine.spoken.map((s) => s.text) };
}

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('ReadAloudController', () => {
  it('reads sentence by sentence from the top, in the article language\'s voice, and marks the article read at the end', async () => {
    const { controller, engine, events, texts } = setup();
    await controller.start();
    expect(controller.open).toBe(true);
    expect(controller.status).toBe('playing');
    expect(texts()).toEqual(['First one here.']);
    expect(engine.last.options).toEqual({ voice: 'en-gb-local', rate: 1, lang: 'en' });
    expect(controller.message).toBe('Reading sentence 1 of 3.');
    engine.end();
    engine.end();
    expect(texts()).toEqual(['First one here.', 'Dr. Who came second.', 'Third is last.']);
    engine.end();
    expect(controller.status).toBe('idle');
    expect(controller.message).toBe('Finished reading the article; it is marked as read.');
    expect(events.filter((e) => e.type === 'article-set-read').map((e) => e.detail)).toEqual([{ id: 'story', read: true }]);
  });

  it('does not mark the article read at the end when the setting is off', async () => {
    const { controller, engine, events } = setup({ settings: { markReadAtEnd: false } });
    await controller.start();
    engine.end();
    engine.end();
    engine.end();
    expect(controller.message).toBe('Finished reading the article.');
    expect(events.some((e) => e.type === 'article-set-read')).toBe(false);
  });

  it('keeps the place when paused or stopped, and plays that sentence again', async () => {
    const { controller, engine, texts } = setup();
    await controller.start();
    engine.end();
    controller.pause();
    expect(controller.status).toBe('paused');
    expect(controller.message).toBe('Paused at sentence 2 of 3.');
    const cancels = engine.cancels;
    expect(cancels).toBeGreaterThan(0);
    // The cancelled utterance's end does nothing.
    engine.end();
    expect(texts()).toEqual(['First one here.', 'Dr. Who came second.']);
    await controller.toggle();
    expect(texts().at(-1)).toBe('Dr. Who came second.');
    controller.stop();
    expect(controller.open).toBe(false);
    await controller.start();
    expect(controller.open).toBe(true);
    expect(texts().at(-1)).toBe('Dr. Who came second.');
  });

  it('moves to the next and previous sentence', async () => {
    const { controller, texts } = setup();
    await controller.start();
    controller.step(1);
    controller.step(1);
    controller.step(1); // stays on the last
    controller.step(-1);
    expect(texts()).toEqual(['First one here.', 'Dr. Who came second.', 'Third is last.', 'Third is last.', 'Dr. Who came second.']);
  });

  it('applies a new speed and voice from the next sentence, and saves them as settings', async () => {
    const { controller, engine, events } = setup();
    await controller.start();
    controller.setRate(1.5);
    controller.setVoice('ko-kr-local');
    controller.setVoice('no-such-voice');
    expect(engine.spoken).toHaveLength(1);
    engine.end();
    expect(engine.last.options).toEqual({ voice: 'ko-kr-local', rate: 1.5, lang: 'en' });
    expect(events.filter((e) => e.type === 'settings-change').map((e) => e.detail)).toEqual([
      { listening: { rate: 1.5 } },
      { listening: { voice: 'ko-kr-local' } },
    ]);
  });

  it('says in words that there is no voice, and how to get one, after waiting for the list', async () => {
    vi.useFakeTimers();
    const { controller, engine } = setup({ voices: [] });
    const starting = controller.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(controller.status).toBe('idle');
    await vi.advanceTimersByTimeAsync(600);
    await starting;
    expect(controller.status).toBe('unavailable');
    expect(controller.message).toBe(NO_VOICE);
    expect(controller.help.join(' ')).toMatch(/speech-dispatcher|Add voices|Spoken Content/u);
    expect(engine.spoken).toEqual([]);
  });

  it('uses a voice that arrives while it waits', async () => {
    vi.useFakeTimers();
    const { controller, engine } = setup({ voices: [] });
    const starting = controller.start();
    await vi.advanceTimersByTimeAsync(300);
    engine.changeVoices([KO]);
    await starting;
    expect(controller.status).toBe('playing');
    expect(engine.last.options.voice).toBe('ko-kr-local');
  });

  it('shows an engine error in words and plays the sentence again on Play', async () => {
    const { controller, engine, texts } = setup();
    await controller.start();
    engine.last.handlers.onError('The sound device is busy with something else.');
    expect(controller.status).toBe('error');
    expect(controller.message).toBe(
      'Read aloud stopped: The sound device is busy with something else. Press Play to try this sentence again.',
    );
    controller.play();
    expect(controller.status).toBe('playing');
    expect(texts()).toEqual(['First one here.', 'First one here.']);
  });

  it('stops speaking and forgets the place when the article changes, and when the window goes', async () => {
    const { controller, engine } = setup();
    await controller.start();
    const before = engine.cancels;
    controller.reset();
    expect(engine.cancels).toBe(before + 1);
    expect(controller.open).toBe(false);
    expect(controller.current).toBe(null);
    await controller.start();
    controller.hostConnected();
    window.dispatchEvent(new Event('pagehide'));
    expect(engine.cancels).toBe(before + 2);
    controller.hostDisconnected();
  });

  it('stops and says so when the last voice goes away while reading', async () => {
    const { controller, engine } = setup();
    await controller.start();
    engine.changeVoices([]);
    expect(controller.status).toBe('unavailable');
    expect(controller.message).toBe(NO_VOICE);
  });
});

describe('the voices', () => {
  it('gives each system its own way to get a voice', () => {
    expect(noVoiceHelp('Linux x86_64')).toEqual([
      'On Linux, install speech-dispatcher and a voice (for example: sudo apt install speech-dispatcher espeak-ng), then restart Lectern.',
    ]);
    expect(noVoiceHelp('Win32')[0]).toBe('On Windows, open Settings ▸ Time & language ▸ Speech ▸ Add voices.');
    expect(noVoiceHelp('MacIntel')[0]).toBe('On macOS, open System Settings ▸ Accessibility ▸ Spoken Content ▸ System voice.');
    expect(noVoiceHelp('')).toHaveLength(3);
  });

  it('chooses the saved voice, else the article language\'s, else the default', () => {
    expect(chooseVoice([GB, KO], 'ko-kr-local', 'en')).toBe(KO);
    expect(chooseVoice([GB, KO], 'gone', 'ko')).toBe(KO);
    expect(chooseVoice([GB, KO], null, 'fr')).toBe(GB);
    expect(chooseVoice([], null, 'en')).toBe(null);
  });

  it('groups voices with the article\'s language first, then by language name', () => {
    const FR: Voice = { id: 'fr', name: 'Amélie', lang: 'fr-FR', isDefault: false };
    const US: Voice = { id: 'us', name: 'Alex', lang: 'en_US', isDefault: false };
    expect(groupVoices([GB, FR, KO, US], 'ko').map((g) => [g.label, g.voices.map((v) => v.id)])).toEqual([
      ['Korean', ['ko-kr-local']],
      ['English', ['us', 'en-gb-local']],
      ['French', ['fr']],
    ]);
  });
});

describe('WebSpeechEngine', () => {
  /** A stand-in `speechSynthesis` with one local and one network voice. */
  function standInSynth() {
    const voices = [
      { voiceURI: 'local-en', name: 'Local English', lang: 'en-GB', localService: true, default: false },
      { voiceURI: 'net-en', name: 'Network English', lang: 'en-US', localService: false, default: true },
    ] as SpeechSynthesisVoice[];
    const spoken: SpeechSynthesisUtterance[] = [];
    const synth = Object.assign(new EventTarget(), {
      getVoices: () => voices,
      speak: (utterance: SpeechSynthesisUtterance) => spoken.push(utterance),
      cancel: vi.fn(),
      pause: vi.fn(),
      resume: vi.fn(),
    }) as unknown as SpeechSynthesis;
    class Utterance extends EventTarget {
      voice: SpeechSynthesisVoice | null = null;
      lang = '';
      rate = 1;
      constructor(public text: string) {
        super();
      }
    }
    vi.stubGlobal('SpeechSynthesisUtterance', Utterance);
    return { synth, spoken };
  }

  afterEach(() => vi.unstubAllGlobals());

  it('lists only the voices on this computer and never speaks with a network voice', () => {
    const { synth, spoken } = standInSynth();
    const engine = new WebSpeechEngine(synth);
    expect(engine.voices()).toEqual([{ id: 'local-en', name: 'Local English', lang: 'en-GB', isDefault: false }]);
    const onError = vi.fn();
    engine.speak('Hello.', { voice: 'net-en', rate: 1, lang: 'en' }, { onEnd: vi.fn(), onError });
    expect(onError).toHaveBeenCalledWith('The chosen voice is not available any more.');
    expect(spoken).toEqual([]);
  });

  it('speaks with the chosen local voice and rate, and ignores a cancelled utterance\'s events', () => {
    const { synth, spoken } = standInSynth();
    const engine = new WebSpeechEngine(synth);
    const onEnd = vi.fn();
    const onError = vi.fn();
    engine.speak('Hello.', { voice: 'local-en', rate: 1.25, lang: 'en' }, { onEnd, onError });
    expect(spoken).toHaveLength(1);
    expect(spoken[0]!.voice?.voiceURI).toBe('local-en');
    expect(spoken[0]!.rate).toBe(1.25);
    spoken[0]!.dispatchEvent(new Event('end'));
    expect(onEnd).toHaveBeenCalledTimes(1);
    engine.speak('Again.', { voice: 'local-en', rate: 1, lang: 'en' }, { onEnd, onError });
    engine.cancel();
    spoken[1]!.dispatchEvent(Object.assign(new Event('error'), { error: 'interrupted' }));
    spoken[1]!.dispatchEvent(new Event('end'));
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(onError).not.toHaveBeenCalled();
  });

  it('reports an engine failure in words', () => {
    const { synth, spoken } = standInSynth();
    const engine = new WebSpeechEngine(synth);
    const onError = vi.fn();
    engine.speak('Hello.', { voice: 'local-en', rate: 1, lang: 'en' }, { onEnd: vi.fn(), onError });
    spoken[0]!.dispatchEvent(Object.assign(new Event('error'), { error: 'audio-busy' }));
    expect(onError).toHaveBeenCalledWith('The sound device is busy with something else.');
  });
});
