/**
 * What a saved article's content.html must never contain (the hostile corpus):
 * checked on the markup and on the DOM it parses into.
 */
import { JSDOM } from 'jsdom';
import { isAssetUrl } from '../../../main/library/sanitize';

const FORBIDDEN_TAGS =
  /<\/?(script|style|iframe|frame|frameset|object|embed|applet|param|base|meta|link|form|input|button|textarea|select|option|svg|math|template|noscript|video|audio|source|track|picture|portal|slot|dialog|xmp|noembed|noframes|marquee|bgsound|layer|xml|isindex|keygen|plaintext|title|head|body|html)\b/i;

const FORBIDDEN_ATTRIBUTES = new Set([
  'style', 'srcset', 'background', 'poster', 'formaction', 'action', 'ping', 'srcdoc', 'xlink:href', 'is',
  'target', 'sandbox', 'http-equiv', 'content', 'autofocus', 'contenteditable', 'draggable', 'tabindex', 'form',
]);

/** Every problem with `html` as saved for article `id`; [] when it is clean. */
export function problemsIn(html: string, id: string): string[] {
  const problems: string[] = [];
  const tag = FORBIDDEN_TAGS.exec(html);
  if (tag) problems.push(`markup has <${tag[1]}>`);
  if (/@import|url\s*\(|expression\s*\(/i.test(html.replace(/>[^<]*</g, '><'))) problems.push('markup has CSS in an attribute');
  const fragment = JSDOM.fragment(html);
  for (const element of fragment.querySelectorAll('*')) {
    const name = element.localName;
    if (element.namespaceURI !== 'http://www.w3.org/1999/xhtml') problems.push(`<${name}> is not HTML`);
    if (/^(script|style|iframe|object|embed|base|meta|link|form|svg|math|template|noscript)$/.test(name)) {
      problems.push(`DOM has <${name}>`);
    }
    for (const attribute of element.attributes) {
      const attr = attribute.name.toLowerCase();
      // eslint-disable-next-line no-control-regex
      const value = attribute.value.replace(/[\u0000-\u0020\u007f-\u00a0\u200b-\u200f\u2028\u2029\ufeff]/g, '');
      const where = `<${name} ${attr}="${attribute.value.slice(0, 60)}">`;
      if (attr.startsWith('on')) problems.push(`event handler ${where}`);
      if (FORBIDDEN_ATTRIBUTES.has(attr)) problems.push(`attribute ${where}`);
      if (/^(?:javascript|vbscript|data|ｊａｖａｓｃｒｉｐｔ):/i.test(value) || /^javascript&colon;/i.test(value)) {
        problems.push(`script or data URL ${where}`);
      }
      if ((attr === 'id' || attr === 'name') && !attribute.value.startsWith('user-content-')) problems.push(`clobbering ${where}`);
      if (value.toLowerCase().includes('lectern-asset:') && !(name === 'img' && attr === 'src')) problems.push(`asset URL outside an image ${where}`);
      if (attr === 'src') {
        if (name !== 'img') problems.push(`src on <${name}>`);
        else if (!isAssetUrl(attribute.value) || !attribute.value.startsWith(`lectern-asset://${id}/`)) {
          problems.push(`image not saved by the library ${where}`);
        }
      }
    }
  }
  return problems;
}
