/**
 * Article HTML, sanitized again in the renderer (ARCHITECTURE.md §6): main sanitizes when
 * it saves, this is the second wall. The result is a DOM fragment — never a string
 * handed to innerHTML — so nothing here is a Trusted Types sink except DOMPurify's
 * own parser, which runs under its "dompurify" policy.
 */
import DOMPurify from 'dompurify';

/** Elements an article never needs: active content, forms, embedded browsing contexts, media. */
const FORBID_TAGS = [
  'script',
  'style',
  'link',
  'meta',
  'base',
  'template',
  'slot',
  'noscript',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'portal',
  'form',
  'input',
  'button',
  'select',
  'option',
  'textarea',
  'dialog',
  'audio',
  'video',
  'source',
  'track',
];

/**
 * `style` would need a CSP exception; `class` could collide with the reader's own
 * styles; `srcset` and `background` would fetch from anywhere. `crossorigin` would make
 * the image a CORS request to `lectern-asset:`, which Electron refuses before main's
 * handler runs (ARCHITECTURE.md §6); main strips it when saving, and this drops it from
 * articles saved before that. Event handlers are DOMPurify's default business.
 */
const FORBID_ATTR = ['style', 'class', 'srcset', 'background', 'crossorigin'];

/** DOMPurify's default URI rule, plus the library's image protocol (`lectern-asset:`). */
const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto|tel|lectern-asset):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

/** Images come from the library's asset protocol or are inline data; nothing else can load offline under the CSP. */
const LOADABLE_IMAGE = /^\s*(?:lectern-asset|data):/i;

/** What {@link defuse} renames `<style>` to: removed with its contents by DOMPurify. */
const DEFUSED_STYLE = 'lectern-defused-style';
const DEFUSED_ATTRIBUTE = 'data-lectern-defused-';

export function sanitizeArticle(html: string): DocumentFragment {
  const fragment = DOMPurify.sanitize(defuse(html), {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOWED_URI_REGEXP,
    // Also drops the attributes defuse() renamed.
    ALLOW_DATA_ATTR: false,
    ADD_FORBID_CONTENTS: [DEFUSED_STYLE],
  });

  for (const img of fragment.querySelectorAll('img')) {
    if (!LOADABLE_IMAGE.test(img.getAttribute('src') ?? '')) img.removeAttribute('src');
    // An image the page gave no text for would be read out as its file name. Treat
    // it as decorative: the caption or the prose around it carries its meaning.
    if (!img.hasAttribute('alt')) img.setAttribute('alt', '');
  }
  for (const image of fragment.querySelectorAll('image, feImage')) {
    for (const name of ['href', 'xlink:href']) {
      if (image.hasAttribute(name) && !LOADABLE_IMAGE.test(image.getAttribute(name) ?? '')) image.removeAttribute(name);
    }
  }
  return fragment;
}

const START_TAG = /<[a-zA-Z][^\t\n\f\r />]*/g;
const ATTRIBUTE = /([\t\n\f\r /]*)([^\t\n\f\r />][^\t\n\f\r /=>]*)(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"[^"]*"?|'[^']*'?|[^\t\n\f\r >]*))?/y;
const STYLE_TAG = /<(\/?)style(?=[\t\n\f\r />]|$)/gi;
const DEFUSED_ATTRIBUTE_NAME = /^(?:on|style$)/i;

/**
 * Take the sting out of markup before any parser sees it. Under the page's CSP, the
 * mere parsing of an `on…=` or `style=` attribute or a `<style>` element — even in
 * DOMPurify's inert document — is reported as a violation (and blocked). So those
 * are renamed first: the attributes to `data-lectern-defused-…` (dropped by
 * `ALLOW_DATA_ATTR: false`), `<style>` to an element DOMPurify removes with its
 * contents. This is noise control, not the sanitizer: where this scan reads markup
 * differently from the HTML parser, DOMPurify still removes what it must.
 */
export function defuse(html: string): string {
  const styled = html.replace(STYLE_TAG, `<$1${DEFUSED_STYLE}`);
  let out = '';
  let copied = 0;
  START_TAG.lastIndex = 0;
  for (let tag = START_TAG.exec(styled); tag; tag = START_TAG.exec(styled)) {
    let at = START_TAG.lastIndex;
    for (;;) {
      ATTRIBUTE.lastIndex = at;
      const attribute = ATTRIBUTE.exec(styled);
      if (!attribute || attribute[0].length === 0) break;
      const nameAt = at + attribute[1]!.length;
      if (DEFUSED_ATTRIBUTE_NAME.test(attribute[2]!)) {
        out += styled.slice(copied, nameAt) + DEFUSED_ATTRIBUTE;
        copied = nameAt;
      }
      at += attribute[0].length;
    }
    START_TAG.lastIndex = at;
  }
  return out + styled.slice(copied);
}

/**
 * What a click on an article link may do: open an http(s) URL in the system browser
 * (main's window-open handler sends it there), jump to an anchor inside the article,
 * or nothing at all.
 */
export type LinkAction = { kind: 'external'; url: string } | { kind: 'fragment'; id: string } | { kind: 'none' };

export function linkAction(href: string | null, base: string): LinkAction {
  if (!href) return { kind: 'none' };
  const trimmed = href.trim();
  if (trimmed.startsWith('#') && trimmed.length > 1) {
    try {
      return { kind: 'fragment', id: decodeURIComponent(trimmed.slice(1)) };
    } catch {
      return { kind: 'none' };
    }
  }
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    return { kind: 'none' };
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? { kind: 'external', url: url.href } : { kind: 'none' };
}
