import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { fire, type ContentsHeading } from '../../events';
import { outlineDepths } from '../article-view/headings';
import { contentsPanelStyles } from './contents-panel.styles';

/** A heading with the ones nested under it. */
interface OutlineNode {
  heading: ContentsHeading;
  depth: number;
  children: OutlineNode[];
}

/** The flat list of headings as a tree (a heading one deeper than the last nests under it). */
export function outlineTree(headings: readonly ContentsHeading[]): OutlineNode[] {
  const depths = outlineDepths(headings.map((h) => h.level));
  const roots: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  headings.forEach((heading, i) => {
    const node: OutlineNode = { heading, depth: depths[i]!, children: [] };
    while (stack.length > node.depth) stack.pop();
    (stack.at(-1)?.children ?? roots).push(node);
    stack.push(node);
  });
  return roots;
}

/**
 * The Contents panel: the article's headings as a nested list (a `nav` landmark named
 * by its "Contents" heading), the section being read marked (`aria-current="location"`
 * and a bar at its start) and kept in view in the panel; a click or Enter on one asks
 * the reader to go there. An article without headings says so.
 *
 * @fires heading-reveal - `{ index }`: go to this heading (bubbles, composed).
 * @fires toggle-contents - "Close contents" (bubbles, composed).
 */
export class ContentsPanelElement extends LitElement {
  static override styles = contentsPanelStyles;

  static override properties = {
    headings: { attribute: false },
    current: { type: Number },
  };

  /** The article's headings; null until the article is shown. */
  declare headings: readonly ContentsHeading[] | null;
  /** The index of the section being read, -1 for none. */
  declare current: number;

  constructor() {
    super();
    this.headings = null;
    this.current = -1;
  }

  /** Move focus to the panel's heading. */
  override focus(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  protected override render() {
    return html`
      <nav aria-labelledby="contents-heading">
        <header class="head">
          <h2 id="contents-heading" tabindex="-1">Contents</h2>
          <button type="button" class="close" aria-label="Close contents" @click=${this.#close}>
            <span aria-hidden="true">×</span>
          </button>
        </header>
        ${this.#renderList()}
      </nav>
    `;
  }

  #renderList() {
    const headings = this.headings;
    if (headings === null) return nothing;
    if (headings.length === 0) return html`<p class="empty">This article has no headings.</p>`;
    return this.#renderNodes(outlineTree(headings));
  }

  #renderNodes(nodes: readonly OutlineNode[]): TemplateResult {
    return html`<ol>
      ${nodes.map(
        (node) => html`<li class="depth-${Math.min(node.depth, 5)}">
          <button
            type="button"
            class="item"
            data-index=${node.heading.index}
            aria-current=${node.heading.index === this.current ? 'location' : nothing}
            @click=${() => fire(this, 'heading-reveal', { index: node.heading.index })}
          >
            ${node.heading.text}
          </button>
          ${node.children.length > 0 ? this.#renderNodes(node.children) : nothing}
        </li>`,
      )}
    </ol>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('current')) this.#keepCurrentInView();
  }

  /** Scroll the panel's own scroller (not the page) so the current item shows. */
  #keepCurrentInView(): void {
    const item = this.renderRoot.querySelector<HTMLElement>('.item[aria-current]');
    if (!item) return;
    const scroller = this.#scroller();
    if (!scroller) return;
    const box = item.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    if (box.top < view.top) scroller.scrollTop -= view.top - box.top + 8;
    else if (box.bottom > view.bottom) scroller.scrollTop += box.bottom - view.bottom + 8;
  }

  /** The nearest ancestor that scrolls on its own (the side column), if any. */
  #scroller(): HTMLElement | null {
    const scrolls = (element: HTMLElement) => {
      const overflow = getComputedStyle(element).overflowY;
      return (overflow === 'auto' || overflow === 'scroll') && element.scrollHeight > element.clientHeight;
    };
    if (scrolls(this)) return this;
    let node: Node | null = this.parentNode;
    while (node && node !== document.body && node !== document.documentElement) {
      if (node instanceof HTMLElement && scrolls(node)) return node;
      node = node instanceof ShadowRoot ? node.host : node.parentNode;
    }
    return null;
  }

  #close = () => {
    fire(this, 'toggle-contents', { focus: false });
  };
}

customElements.define('contents-panel', ContentsPanelElement);

declare global {
  interface HTMLElementTagNameMap {
    'contents-panel': ContentsPanelElement;
  }
}
