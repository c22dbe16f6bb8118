/**
 * The few walks over a parse5 tree the HTML export readers need (ARCHITECTURE.md §3):
 * parsed as a browser would (never with patterns over the text), walked without
 * recursion so a deeply nested file cannot overflow the stack.
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';

export type HtmlNode = DefaultTreeAdapterMap['node'];
export type HtmlElement = DefaultTreeAdapterMap['element'];
export type HtmlDocument = DefaultTreeAdapterMap['document'];

/** The document, with source lines kept for problems. */
export function parseHtml(text: string): HtmlDocument {
  return parse(text, { sourceCodeLocationInfo: true });
}

export function isElement(node: HtmlNode): node is HtmlElement {
  return 'tagName' in node;
}

/** Child nodes of a node that has them. */
export function childrenOf(node: HtmlNode): HtmlNode[] {
  return 'childNodes' in node ? (node.childNodes as HtmlNode[]) : [];
}

/** The attribute's value (names are lower case after parsing), or undefined. */
export function attr(element: HtmlElement, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

/** Every element under `root` in document order (pre-order), iteratively. */
export function* elementsIn(root: HtmlNode): Generator<HtmlElement> {
  const stack: HtmlNode[] = [...childrenOf(root)].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isElement(node)) yield node;
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]!);
  }
}

/** The text of a node and its descendants in order, whitespace runs made one space, trimmed. */
export function textOf(node: HtmlNode): string {
  const parts: string[] = [];
  const stack: HtmlNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.nodeName === '#text') parts.push((current as DefaultTreeAdapterMap['textNode']).value);
    const children = childrenOf(current);
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]!);
  }
  return parts.join('').replace(/\s+/gu, ' ').trim();
}

/** The 1-based source line an element starts on, when known. */
export function lineOf(element: HtmlElement): number | undefined {
  return element.sourceCodeLocation?.startLine;
}
