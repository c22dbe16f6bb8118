/**
 * `<listen-bar>` as the reader shows it: bound to its {@link ReadAloudController}, whose
 * state goes down as properties and to which the bar's events go (each stopped here,
 * ARCHITECTURE.md §8: the view owns read aloud, nothing above it needs these events).
 */
import { html, nothing } from 'lit';
import { ref, type Ref } from 'lit/directives/ref.js';
import type { ListeningSettings } from '../../../common/model';
import type { ListenMarkReadDetail, ListenRateDetail, ListenStepDetail, ListenVoiceDetail } from '../../events';
import './listen-bar';
import type { ListenBarElement } from './listen-bar';
import type { ReadAloudController } from './read-aloud-controller';

export interface ListenBarBinding {
  controller: ReadAloudController;
  /** The bar element, once rendered (the controller keeps the sentence above it). */
  bar: Ref<ListenBarElement>;
  articleLang: string | null;
  listening: ListeningSettings;
  /** Stop was pressed and the bar is gone: put focus back (on Listen). */
  stopped(): void;
}

const stop = (event: Event) => event.stopPropagation();

/** The bar while read aloud is open, else nothing. */
export function renderListenBar(binding: ListenBarBinding) {
  const reading = binding.controller;
  if (!reading.open) return nothing;
  return html`<listen-bar
    ${ref(binding.bar)}
    class="listen"
    .status=${reading.status}
    .message=${reading.message}
    .help=${reading.help}
    .voices=${reading.voices}
    .voice=${reading.voice?.id ?? null}
    .articleLang=${binding.articleLang}
    .listening=${binding.listening}
    @listen-play-pause=${(event: Event) => {
      stop(event);
      if (reading.status === 'playing') reading.pause();
      else reading.play();
    }}
    @listen-step=${(event: CustomEvent<ListenStepDetail>) => {
      stop(event);
      reading.step(event.detail.direction);
    }}
    @listen-rate=${(event: CustomEvent<ListenRateDetail>) => {
      stop(event);
      reading.setRate(event.detail.rate);
    }}
    @listen-voice=${(event: CustomEvent<ListenVoiceDetail>) => {
      stop(event);
      reading.setVoice(event.detail.voice);
    }}
    @listen-mark-read=${(event: CustomEvent<ListenMarkReadDetail>) => {
      stop(event);
      reading.setMarkReadAtEnd(event.detail.markReadAtEnd);
    }}
    @listen-stop=${(event: Event) => {
      stop(event);
      reading.stop();
      binding.stopped();
    }}
  ></listen-bar>`;
}
