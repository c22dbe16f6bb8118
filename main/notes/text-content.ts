/**
 * The article's text content (the offset space of highlights, ARCHITECTURE.md §4)
 * from HTML already read: what `JSDOM.fragment(html).textContent` gives
 * (main/library/article-text.ts), by the same parser (parse5, which jsdom parses
 * with) without building jsdom's DOM — several times faster, which a whole-library
 * export needs once per article. As jsdom's fragments: a `<template>` context,
 * scripting on, a `<template>`'s content and comments not counted. HTML with a table
 * (jsdom's tree places text fostered out of a table elsewhere than parse5's own tree)
 * or a `<noscript>` is given to jsdom itself.
 */
import { parseFragment, type DefaultTreeAdapterTypes } from 'parse5';
import { textContentOf as jsdomTextContentOf } from '../library/article-text';

/** Markup whose text jsdom's tree and parse5's own tree may order differently. */
const JSDOM_ONLY = /<\s*\/?\s*(?:table|noscript)\b/i;

/** The text content of `html` parsed as a fragment, exactly as jsdom gives it. */
export function articleTextOf(html: string): Promise<string> | string {
  return JSDOM_ONLY.test(html) ? jsdomTextContentOf(html) : textContentOf(html);
}

type ParentNode = DefaultTreeAdapterTypes.ParentNode;

/** The text content of `html` parsed as a fragment by parse5 (its own tree). */
export function textContentOf(html: string): string {
  const parts: string[] = [];
  const stack: { node: ParentNode; next: number }[] = [{ node: parseFragment(html), next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const child = top.node.childNodes[top.next++];
    if (!child) {
      stack.pop();
      continue;
    }
    if (child.nodeName === '#text') parts.push((child as DefaultTreeAdapterTypes.TextNode).value);
    else if ('childNodes' in child) stack.push({ node: child, next: 0 });
  }
  return parts.join('');
}
