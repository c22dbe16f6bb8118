/**
 * Every custom event the renderer's elements fire, declared once: the detail types,
 * the `HTMLElementEventMap` entries (so `addEventListener` and `@event` handlers are
 * typed) and {@link fire}, which builds them. Events go up, properties come down, and
 * every event bubbles and is composed, so it crosses shadow roots (ARCHITECTURE.md §8).
 *
 * Types only from elsewhere: no element imports another element's types.
 */
import type { HighlightColor } from '../common/colors';
import type { ColorNames, HighlightTarget, ListeningSettings, ReadingProgress, SettingsUpdate } from '../common/model';
import type { SearchFilters } from '../common/search';
import type { ExportChoices } from './controllers/export-controller';
import type { LibraryViewOptions } from './controllers/library-controller';
import type { Landing } from './landing';

// ------------------------------------------------------------------ the library

export interface OpenArticleDetail {
  id: string;
  /** Where to land instead of the saved reading position (a search hit). */
  landing?: Landing;
}

export interface SearchChangeDetail {
  query: string;
  filters: SearchFilters;
}

export interface TrashIdDetail {
  id: string;
}

export interface AddUrlDetail {
  url: string;
}

// ------------------------------------------------------------------ an article

export interface ArticleIdDetail {
  id: string;
}

export interface ArticleReadDetail {
  id: string;
  read: boolean;
}

export interface ArticleTagsDetail {
  id: string;
  tags: string[];
}

export interface ReadingProgressDetail {
  id: string;
  progress: ReadingProgress;
}

export interface ArticleTextDetail {
  id: string;
  /** The article body's text content: the offset space of highlights. */
  text: string;
}

export interface ToggleNotesDetail {
  /** Move focus into the panel when it opens (the keyboard shortcut). */
  focus: boolean;
}

export interface ToggleContentsDetail {
  /** Move focus into the panel when it opens (the keyboard shortcut). */
  focus: boolean;
}

/** A heading of the article's body, as the Contents panel lists it. */
export interface ContentsHeading {
  /** Its place among the body's headings (what a jump names). */
  index: number;
  /** 1–6. */
  level: number;
  text: string;
}

export interface ArticleHeadingsDetail {
  id: string;
  headings: ContentsHeading[];
}

export interface HeadingIndexDetail {
  /** A heading's index in the article's headings; -1 for none (above the first). */
  index: number;
}

export interface FindQueryDetail {
  query: string;
  matchCase: boolean;
  wholeWord: boolean;
}

export interface FindStepDetail {
  direction: 1 | -1;
}

// ------------------------------------------------------------------ highlights and notes

export interface HighlightSelectionDetail {
  color: HighlightColor;
  /** The reader asked for a note: open it once the highlight exists. */
  withNote: boolean;
  /** The button was pressed from the keyboard (not clicked). */
  viaKeyboard: boolean;
}

export interface HighlightCreateDetail {
  target: HighlightTarget;
  color: HighlightColor;
  start: number;
  end: number;
  /** Open the note once it exists ("Add note"). */
  withNote: boolean;
}

export interface HighlightIdDetail {
  id: string;
}

export interface HighlightColorDetail extends HighlightIdDetail {
  color: HighlightColor;
}

export interface NoteInputDetail extends HighlightIdDetail {
  note: string;
}

export interface TagsChangeDetail extends HighlightIdDetail {
  tags: string[];
}

export interface PopoverClosedDetail {
  ids: string[];
}

export interface ArticleNoteInputDetail {
  note: string;
}

export interface ColorRenameDetail {
  color: HighlightColor;
  name: string;
}

export interface ListenStepDetail {
  direction: 1 | -1;
}

export interface ListenRateDetail {
  rate: ListeningSettings['rate'];
}

export interface ListenVoiceDetail {
  /** The voice's `voiceURI`. */
  voice: string;
}

export interface ListenMarkReadDetail {
  markReadAtEnd: boolean;
}

export interface AnnounceDetail {
  message: string;
}

/** A deletion that can still be undone: the Undo toast shows `message`; `undo` brings it back. */
export interface UndoOfferDetail {
  message: string;
  undo(): Promise<void>;
}

export interface ShowLibraryDetail {
  /** Put focus back on the row of the article last read (false: it was deleted). */
  focusRow: boolean;
}

/** Each event's name and its detail (`undefined`: the event carries none). */
export interface LecternEventDetails {
  // The library (`<library-view>`, `<library-toolbar>`, `<search-field>`, `<search-results>`, `<trash-view>`).
  'open-article': OpenArticleDetail;
  'retry-load': undefined;
  'search-change': SearchChangeDetail;
  'search-leave': undefined;
  'results-leave': undefined;
  'show-more': undefined;
  'add-url-open': undefined;
  'add-files': undefined;
  'show-trash': undefined;
  'library-view-change': LibraryViewOptions;
  'trash-restore': TrashIdDetail;
  'trash-empty': undefined;
  // Saving an article from an address (`<add-url-dialog>`).
  'add-url-submit': AddUrlDetail;
  'add-url-cancel': undefined;
  'add-url-close': undefined;
  // The reader (`<article-view>`, `<article-actions>`, `<find-bar>`).
  'back-to-library': undefined;
  'reading-progress': ReadingProgressDetail;
  'article-text': ArticleTextDetail;
  'toggle-notes': ToggleNotesDetail;
  // Contents (`<article-view>`, `<contents-panel>`).
  'toggle-contents': ToggleContentsDetail;
  'article-headings': ArticleHeadingsDetail;
  'reading-section': HeadingIndexDetail;
  'heading-reveal': HeadingIndexDetail;
  /** Show or hide the Text and Layout panel (the reader's "Aa" button); the shell owns the panel. */
  'appearance-toggle': undefined;
  /** The Text and Layout panel asks to close (Escape, its Close button). */
  'appearance-close': undefined;
  'article-set-read': ArticleReadDetail;
  'article-delete': ArticleIdDetail;
  'article-set-tags': ArticleTagsDetail;
  'find-query': FindQueryDetail;
  'find-step': FindStepDetail;
  'find-close': undefined;
  // Read aloud (`<listen-bar>`).
  'listen-play-pause': undefined;
  'listen-step': ListenStepDetail;
  'listen-rate': ListenRateDetail;
  'listen-voice': ListenVoiceDetail;
  'listen-mark-read': ListenMarkReadDetail;
  'listen-stop': undefined;
  // Highlights and notes (`<highlight-toolbar>`, `<highlight-popover>`, the Notes panel).
  'highlight-selection': HighlightSelectionDetail;
  'toolbar-dismiss': undefined;
  'highlight-create': HighlightCreateDetail;
  'highlight-color': HighlightColorDetail;
  'note-input': NoteInputDetail;
  'note-commit': HighlightIdDetail;
  'tags-change': TagsChangeDetail;
  'highlight-delete': HighlightIdDetail;
  'highlight-reveal': HighlightIdDetail;
  'popover-close': undefined;
  'popover-closed': PopoverClosedDetail;
  'article-note-input': ArticleNoteInputDetail;
  'article-note-commit': undefined;
  'color-rename': ColorRenameDetail;
  // Exporting notes (`<export-dialog>`, the Notes panel).
  'export-notes': undefined;
  'export-change': ExportChoices;
  'export-copy': undefined;
  'export-save': undefined;
  'export-cancel': undefined;
  'export-close': undefined;
  // The wings to the shell (`<library-page>`, `<reader-page>` to `<lectern-app>`).
  'show-library': ShowLibraryDetail;
  'color-names': ColorNames;
  'undo-offer': UndoOfferDetail;
  /** An error to show (and announce) until dismissed. */
  'status-alert': AnnounceDetail;
  // Anywhere.
  /** Change reading or listening settings (the Aa panel, text size keys, read aloud); the shell saves them. */
  'settings-change': SettingsUpdate;
  announce: AnnounceDetail;
  undo: undefined;
  'toast-expire': undefined;
}

export type LecternEventName = keyof LecternEventDetails;

/** The events as the DOM sees them. */
export type LecternEvents = { [K in LecternEventName]: CustomEvent<LecternEventDetails[K]> };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends LecternEvents {}
}

/**
 * Fire one of the app's events from `target`: bubbling and composed, with `detail`
 * (none for the events that carry none). Returns what `dispatchEvent` returns.
 */
export function fire<K extends LecternEventName>(
  target: EventTarget,
  type: K,
  ...[detail]: LecternEventDetails[K] extends undefined ? [] : [LecternEventDetails[K]]
): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
