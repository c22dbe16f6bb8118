/**
 * Article HTML on the way into the library: sanitized with DOMPurify on a jsdom
 * window (DESIGN.md §6; never linkedom), and turned into the plain text used for
 * search and snippets. jsdom is imported and its window created lazily, once per
 * process, so start-up does not pay for it unless something is sanitized.
 */
import type { DOMPurify, WindowLike } from 'dompurify';

const FORBID_TAGS = [
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'form', 'input',
  'button', 'textarea', 'select', 'meta', 'base', 'link',
];

/** Hrefs may be http(s), mailto, or relative (`#note-1`, `/a`, `page.html`); nothing else. */
const ALLOWED_URI = /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

let dom: Promise<{ window: Window; purify: DOMPurify }> | undefined;

function getDom(): Promise<{ window: Window; purify: DOMPurify }> {
  dom ??= createDom();
  return dom;
}

async function createDom(): Promise<{ window: Window; purify: DOMPurify }> {
  const [{ JSDOM }, { default: createDOMPurify }] = await Promise.all([import('jsdom'), import('dompurify')]);
  const window = new JSDOM('<!doctype html><html><body></body></html>').window as unknown as Window;
  const purify = createDOMPurify(window as unknown as WindowLike);
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    if (/^on/i.test(data.attrName) || data.attrName.toLowerCase() === 'style') data.keepAttr = false;
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
  return { window, purify };
}

/** Sanitize untrusted article HTML to the subset the reader renders. */
export async function sanitizeArticleHtml(html: string): Promise<string> {
  return (await getDom()).purify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS,
    FORBID_ATTR: ['style'],
    ALLOWED_URI_REGEXP: ALLOWED_URI,
    ALLOW_DATA_ATTR: false,
    WHOLE_DOCUMENT: false,
    RETURN_TRUSTED_TYPE: false,
  });
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
  const { window } = await getDom();
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
  let count = 0;
  for (const token of text.split(/\s+/)) {
    if (/[\p{L}\p{N}]/u.test(token)) count++;
  }
  return count;
}
