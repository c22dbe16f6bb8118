/**
 * The last pass over an exported HTML body, whatever went into it: elements that
 * run, load or embed anything are removed with their content, every attribute not
 * on a short list is dropped (so no `on*` handler and no `style`), links keep only
 * http(s), mailto and in-page targets, and images only `data:image/` sources. The
 * content was sanitized when it was saved; this makes the export safe on its own.
 */

const REMOVE = new Set([
  'SCRIPT', 'STYLE', 'IFRAME', 'FRAME', 'FRAMESET', 'OBJECT', 'EMBED', 'APPLET', 'FORM', 'INPUT',
  'BUTTON', 'TEXTAREA', 'SELECT', 'OPTION', 'META', 'BASE', 'LINK', 'TEMPLATE', 'NOSCRIPT', 'SLOT',
  'PORTAL', 'DIALOG', 'AUDIO', 'VIDEO', 'SOURCE', 'TRACK', 'PICTURE', 'SVG', 'MATH', 'CANVAS',
]);

const ATTRIBUTES = new Set([
  'href', 'src', 'alt', 'title', 'id', 'class', 'lang', 'dir', 'colspan', 'rowspan', 'headers',
  'scope', 'start', 'reversed', 'datetime', 'cite', 'width', 'height', 'rel', 'abbr', 'aria-label',
]);

const SAFE_HREF = /^(?:https?:|mailto:|#)/i;
const SAFE_SRC = /^data:image\/(?:png|jpeg|gif|webp|avif|bmp);base64,[A-Za-z0-9+/=]*$/;

/** Scrub `root` in place. */
export function scrub(root: ParentNode): void {
  for (const element of [...root.querySelectorAll('*')]) {
    if (REMOVE.has(element.nodeName.toUpperCase())) {
      element.remove();
      continue;
    }
    if (!element.hasAttributes()) continue;
    for (const { name, value } of [...element.attributes]) {
      const lower = name.toLowerCase();
      const keep =
        ATTRIBUTES.has(lower) &&
        (lower !== 'href' || SAFE_HREF.test(value.trim())) &&
        (lower !== 'src' || SAFE_SRC.test(value)) &&
        (lower !== 'cite' || /^https?:/i.test(value.trim()));
      if (!keep) element.removeAttribute(name);
    }
    if (element.nodeName === 'A' && element.getAttribute('href')?.match(/^https?:/i)) {
      element.setAttribute('rel', 'noopener noreferrer');
    }
  }
}
