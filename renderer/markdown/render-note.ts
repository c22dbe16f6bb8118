/**
 * A note's Markdown, rendered for reading (ARCHITECTURE.md §6): markdown-it with raw
 * HTML off (every `<tag>` a note holds is shown as text), then DOMPurify with an
 * allow-list of the tags markdown-it makes and one attribute, `href`, kept only for
 * http:, https: and mailto: addresses. Images are never loaded: `![alt](https://…)`
 * becomes a link to the address, named by its alt text. The result is a DOM fragment,
 * built by DOMPurify's own parser under its "dompurify" Trusted Types policy, as the
 * article's HTML is (article-html.ts) — never a string handed to innerHTML.
 *
 * A note Lectern saves is at most MAX_NOTE_BYTES; a longer one can only come from a
 * file written outside Lectern. Such a note is rendered up to {@link RENDER_LIMIT}
 * characters (and says so), so it cannot hold the page up.
 */
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

/**
 * The most characters rendered: common/model.ts MAX_NOTE_BYTES (not imported, so the
 * page does not bundle the schemas; render-note.test.ts keeps them equal). Every note
 * within that limit fits (a UTF-8 byte count is never below the UTF-16 length), so only
 * notes from outside Lectern are shortened.
 */
export const RENDER_LIMIT = 100_000;

/** What a note's Markdown may become: what markdown-it makes, minus images and raw HTML. */
export const NOTE_TAGS = [
  'p',
  'em',
  'strong',
  'a',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'br',
  's',
  'del',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];

/** Addresses a note's link may point at: the web and email. Nothing relative. */
const SAFE_URL = /^(?:https?:\/\/|mailto:)/i;

/**
 * A note too long to render in full (it can only come from outside Lectern). Its field
 * is given the text only while it is being edited: a textarea holding a megabyte takes
 * seconds to lay out, and would hold the page up every time the note is shown.
 */
export function isOversizedNote(text: string): boolean {
  return text.length > RENDER_LIMIT;
}

export function isSafeNoteUrl(url: string): boolean {
  return SAFE_URL.test(url);
}

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });
// Links and images to anything but the web and email stay as their source text.
markdown.validateLink = isSafeNoteUrl;
// Table alignment would be a `style` attribute: under the page's CSP even parsing one
// reports a violation (article-html.ts `defuse`), so it is never written.
markdown.core.ruler.push('lectern_no_style', (state) => {
  for (const token of state.tokens) {
    if (token.attrs) token.attrs = token.attrs.filter(([name]) => name !== 'style');
  }
});
// An image is a link to its address, named by its alt text: nothing is fetched.
markdown.renderer.rules.image = (tokens, index, options, env) => {
  const token = tokens[index]!;
  const src = String(token.attrGet('src') ?? '');
  const alt = markdown.renderer.renderInlineAsText(token.children ?? [], options, env).trim();
  const label = markdown.utils.escapeHtml(alt ? `${alt} (image)` : 'Image');
  return `<a href="${markdown.utils.escapeHtml(src)}">${label}</a>`;
};

export interface RenderedNote {
  /** A fresh copy, the caller's to insert. */
  fragment: DocumentFragment;
  /** Only the first {@link RENDER_LIMIT} characters were rendered. */
  shortened: boolean;
}

/** Notes rendered lately, by their text (a note re-renders on every keystroke elsewhere in the panel). */
const cache = new Map<string, { fragment: DocumentFragment; shortened: boolean }>();
const CACHE_SIZE = 64;

/** The note `text` rendered from its Markdown, sanitized. */
export function renderNote(text: string): RenderedNote {
  let entry = cache.get(text);
  if (entry) {
    // Most recently used last.
    cache.delete(text);
  } else {
    entry = render(text);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  cache.set(text, entry);
  return { fragment: entry.fragment.cloneNode(true) as DocumentFragment, shortened: entry.shortened };
}

function render(text: string): { fragment: DocumentFragment; shortened: boolean } {
  const shortened = text.length > RENDER_LIMIT;
  const source = shortened ? text.slice(0, RENDER_LIMIT) : text;
  const fragment = sanitizeNoteHtml(markdown.render(source));
  return { fragment, shortened };
}

/** DOMPurify over markdown-it's HTML: only {@link NOTE_TAGS}, only a safe `href`. */
export function sanitizeNoteHtml(html: string): DocumentFragment {
  const fragment = DOMPurify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    ALLOWED_TAGS: NOTE_TAGS,
    ALLOWED_ATTR: ['href'],
    ALLOWED_URI_REGEXP: SAFE_URL,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
  });
  // A link left without a safe address is its text.
  for (const a of fragment.querySelectorAll('a')) {
    if (!isSafeNoteUrl(a.getAttribute('href') ?? '')) a.replaceWith(...a.childNodes);
  }
  return fragment;
}
