/**
 * Set inline style properties through the CSSOM only. Lit's `styleMap` writes its
 * first value as a `style="…"` attribute, which the page's CSP (`style-src 'self'`,
 * no 'unsafe-inline') blocks; `element.style.setProperty` is not affected by it.
 * Used as an element binding: `<x-y ${cssomStyle({ top: '4px' })}>`.
 */
import { noChange } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

class CssomStyleDirective extends Directive {
  #previous = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssomStyle() is an element binding');
  }

  render(_styles: Readonly<Record<string, string>>): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [styles]: [Readonly<Record<string, string>>]): typeof noChange {
    const { style } = part.element as HTMLElement;
    for (const name of this.#previous) if (!(name in styles)) style.removeProperty(name);
    for (const [name, value] of Object.entries(styles)) style.setProperty(name, value);
    this.#previous = new Set(Object.keys(styles));
    return noChange;
  }
}

export const cssomStyle = directive(CssomStyleDirective);
