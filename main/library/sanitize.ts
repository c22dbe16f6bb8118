/**
 * Article HTML on the way into the library: sanitized with DOMPurify on a jsdom
 * window (ARCHITECTURE.md §6; never linkedom), and turned into the plain text used for
 * search and snippets. jsdom is imported and its window created lazily, once per
 * process, so start-up does not pay for it unless something is sanitized.
 */
import type { DOMPurify, WindowLike } from 'dompurify';

const FORBID_TAGS = [
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'form', 'input',
  'button', 'textarea', 'select', 'option', 'meta', 'base', 'link', 'template', 'slot',
  'noscript', 'applet', 'portal', 'dialog', 'audio', 'video', 'source', 'track', 'picture', 'marquee',
];

/**
 * Attributes that load something (`background`, `poster`), submit or ping somewhere
 * (`formaction`, `action`, `ping`), or carry CSS (`style`): none are kept. Nor is
 * `crossorigin`: a saved image is served by `lectern-asset:`, and an image asked for in
 * CORS mode from that scheme is refused by Electron before our handler runs
 * (ARCHITECTURE.md §6), so a page's `crossorigin` would leave its images blank.
 */
const FORBID_ATTR = ['style', 'background', 'poster', 'formaction', 'action', 'ping', 'srcdoc', 'xlink:href', 'crossorigin'];

/** The library's own image protocol (see main/electron/asset-protocol.ts). */
export const ASSET_SCHEME = 'lectern-asset';

/**
 * Hrefs may be http(s), mailto, or relative (`#note-1`, `/a`, `page.html`); image
 * sources may also be `lectern-asset:` (the hook below keeps that scheme on images only).
 */
const ALLOWED_URI = /^(?:(?:https?|mailto|lectern-asset):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

const ASSET_URL = /^lectern-asset:\/\/[a-z0-9][a-z0-9-]{0,63}\/[0-9a-f]{64}\.[a-z0-9]{2,5}$/;

/** Whether `value` is exactly a saved image's URL (`lectern-asset://<id>/<sha256>.<ext>`). */
export function isAssetUrl(value: string): boolean {
  return ASSET_URL.test(value);
}

/**
 * The candidates of a `srcset` ("a.jpg 1x, b.jpg 480w"), parsed as the HTML standard
 * does: a URL runs to the next whitespace (it may contain commas); a comma ends a
 * candidate only after its URL or in its descriptors.
 */
export function srcsetCandidates(srcset: string): { url: string; descriptor: string }[] {
  const out: { url: string; descriptor: string }[] = [];
  let i = 0;
  while (i < srcset.length) {
    while (i < srcset.length && /[\s,]/.test(srcset[i]!)) i++;
    if (i >= srcset.length) break;
    const start = i;
    while (i < srcset.length && !/\s/.test(srcset[i]!)) i++;
    let url = srcset.slice(start, i);
    let descriptor = '';
    if (/,$/.test(url)) {
      url = url.replace(/,+$/, '');
    } else {
      const from = i;
      let depth = 0;
      for (; i < srcset.length; i++) {
        const c = srcset[i];
        if (c === '(') depth++;
        else if (c === ')') depth--;
        else if (c === ',' && depth <= 0) break;
      }
      descriptor = srcset.slice(from, i).trim();
    }
    if (url) out.push({ url, descriptor });
  }
  return out;
}

/** Each URL of a `srcset`, in order. */
export function srcsetUrls(srcset: string): string[] {
  return srcsetCandidates(srcset).map((candidate) => candidate.url);
}

export interface SanitizeOptions {
  /**
   * `'assets'`: images must come from the library (every `src` and `srcset` URL a
   * `lectern-asset:` URL); any other image is removed. Use it for HTML about to be
   * stored, after its images were saved. `'any'` (default): image URLs are checked
   * only as other URLs are (http(s), relative, or `data:` on `<img>`).
   */
  images?: 'any' | 'assets';
  /**
   * Keep `file:` URLs in image `src`/`srcset` (a local file's images, before they are
   * saved; the importer only reads those inside the file's folder). Off by default.
   */
  fileImages?: boolean;
}

/** The options of the sanitize call in progress (DOMPurify is synchronous, hooks read them). */
let imagesMode: 'any' | 'assets' = 'any';
let fileImages = false;

type Modules = { JSDOM: typeof import('jsdom').JSDOM; createDOMPurify: (window: WindowLike) => DOMPurify };

let modules: Promise<Modules> | undefined;
let current: { window: Window; purify: DOMPurify; uses: number } | undefined;

/**
 * Uses of one jsdom window before it is replaced. jsdom's selector engine keeps every
 * document ever queried in a window alive until that window is closed (its listeners
 * hang on the window), so a long-lived window grows by the size of each document
 * sanitized; a fresh window every few dozen documents bounds that.
 */
const USES_PER_WINDOW = 32;

function loadModules(): Promise<Modules> {
  modules ??= Promise.all([import('jsdom'), import('dompurify')]).then(([{ JSDOM }, { default: createDOMPurify }]) => ({
    JSDOM,
    createDOMPurify: createDOMPurify as unknown as Modules['createDOMPurify'],
  }));
  return modules;
}

/**
 * The window and DOMPurify to use now: `currentDom(await loadModules())`. Synchronous,
 * and each caller uses what it gets synchronously (no await in between), so replacing
 * (and closing) the old window here can never pull it from under a caller.
 */
function currentDom(loaded: Modules): { window: Window; purify: DOMPurify } {
  if (!current || current.uses >= USES_PER_WINDOW) {
    const old = current;
    current = { ...createDom(loaded), uses: 0 };
    (old?.window as { close?: () => void } | undefined)?.close?.();
  }
  current.uses++;
  return current;
}

function createDom({ JSDOM, createDOMPurify }: Modules): { window: Window; purify: DOMPurify } {
  const window = new JSDOM('<!doctype html><html><body></body></html>').window as unknown as Window;
  const purify = createDOMPurify(window as unknown as WindowLike);
  purify.addHook('uponSanitizeAttribute', (node, data) => {
    const name = data.attrName.toLowerCase();
    if (/^on/.test(name) || name === 'style') {
      data.keepAttr = false;
      return;
    }
    const isImage = node.nodeName === 'IMG' && (name === 'src' || name === 'srcset');
    if (!isImage) {
      // `lectern-asset:` is for images only.
      if (/^\s*lectern-asset:/i.test(data.attrValue)) data.keepAttr = false;
      return;
    }
    if (fileImages && imagesMode === 'any' && /^file:/i.test(data.attrValue.trim())) {
      const urls = name === 'src' ? [data.attrValue.trim()] : srcsetUrls(data.attrValue);
      if (urls.every((url) => /^file:\/\/[^\s]*$/i.test(url))) data.forceKeepAttr = true;
      return;
    }
    if (imagesMode === 'assets') {
      const urls = name === 'src' ? [data.attrValue.trim()] : srcsetUrls(data.attrValue);
      if (urls.length === 0 || !urls.every(isAssetUrl)) data.keepAttr = false;
    } else if (name === 'srcset' && srcsetUrls(data.attrValue).some((url) => /^\s*(?:javascript|vbscript|data):/i.test(url))) {
      data.keepAttr = false;
    }
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('rel', 'noopener noreferrer');
    }
    if (imagesMode === 'assets' && node.nodeName === 'IMG' && !node.hasAttribute('src')) node.remove();
  });
  return { window, purify };
}

/**
 * Sanitize untrusted article HTML to the subset the reader renders: HTML only (no
 * SVG or MathML), no script, handlers, styles, frames, plugins, forms or media; links
 * http(s)/mailto/relative; `id` and `name` prefixed with `user-content-` so an article
 * cannot clobber `window`/`document` names (an in-article `#x` link is left as written:
 * whoever follows it looks for `user-content-x`, as GitHub does).
 */
export async function sanitizeArticleHtml(html: string, options: SanitizeOptions = {}): Promise<string> {
  const { purify } = currentDom(await loadModules());
  imagesMode = options.images ?? 'any';
  fileImages = options.fileImages ?? false;
  try {
    return purify.sanitize(html, {
      USE_PROFILES: { html: true },
      FORBID_TAGS,
      FORBID_ATTR,
      ALLOWED_URI_REGEXP: ALLOWED_URI,
      ALLOW_DATA_ATTR: false,
      SANITIZE_DOM: true,
      SANITIZE_NAMED_PROPS: true,
      WHOLE_DOCUMENT: false,
      RETURN_TRUSTED_TYPE: false,
    });
  } finally {
    imagesMode = 'any';
    fileImages = false;
  }
}

// ------------------------------------------------------------------ text

const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'DD', 'DETAILS', 'DIV', 'DL',
  'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE',
  'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);

/**
 * The text a reader sees: each block element's text with runs of whitespace
 * collapsed to one space, blocks separated by a blank line ("\n\n").
 * `<br>` counts as a space within its block.
 */
export async function htmlToText(html: string): Promise<string> {
  const { window } = currentDom(await loadModules());
  const template = window.document.createElement('template');
  template.innerHTML = html;

  const blocks: string[] = [];
  let current = '';
  const flush = () => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text) blocks.push(text);
    current = '';
  };
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3 /* TEXT_NODE */) {
        current += child.nodeValue ?? '';
      } else if (child.nodeType === 1 /* ELEMENT_NODE */) {
        const name = child.nodeName;
        if (SKIP.has(name)) continue;
        if (name === 'BR') {
          current += ' ';
          continue;
        }
        const block = BLOCKS.has(name);
        if (block) flush();
        walk(child);
        if (block) flush();
      }
    }
  };
  walk(template.content);
  flush();
  return blocks.join('\n\n');
}

/** Words in plain text: whitespace-separated runs that contain a letter or a digit. */
export function countWords(text: string): number {
  // One pass: each match is one whitespace-free run holding a letter or digit (4× faster
  // than splitting and testing each run: 60 ms instead of 240 ms on 1.5 MB of text).
  return text.match(/\S*[\p{L}\p{N}]\S*/gu)?.length ?? 0;
}
