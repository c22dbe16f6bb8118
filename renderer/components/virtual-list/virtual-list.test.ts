// @vitest-environment jsdom
import { LitElement, html } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VirtualListController, findByTitle } from './virtual-list';

// jsdom lays nothing out and has no scrollIntoView: the rows are all there, so scrolling is a no-op here.
Element.prototype.scrollIntoView ??= function scrollIntoView() {};

const TITLES = ['Alpha', 'Beta', 'Bravo', 'Charlie', 'Échelle', 'Delta'];

class TestList extends LitElement {
  items: (string | null)[] = TITLES;
  left = vi.fn();
  list = new VirtualListController(this, {
    focusable: 'button',
    onLeaveTop: () => this.left(),
    find: (prefix, from) => findByTitle(this.items, prefix, from),
  });
  protected override render() {
    return this.list.render<string>({
      items: this.items,
      className: 'list',
      key: (item, index) => item ?? index,
      row: (item, index) =>
        html`<li data-index=${index} aria-posinset=${index + 1} aria-setsize=${this.items.length}>${item ? html`<button>${item}</button>` : 'Loading…'}</li>`,
    });
  }
}
customElements.define('test-virtual-list', TestList);

async function mounted() {
  const element = document.createElement('test-virtual-list') as TestList;
  document.body.append(element);
  await element.updateComplete;
  const root = element.shadowRoot!;
  const focused = () => root.activeElement?.textContent ?? null;
  const press = async (key: string) => {
    (root.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
    await vi.advanceTimersByTimeAsync(200);
  };
  return { element, root, focused, press };
}

afterEach(() => {
  document.body.replaceChildren();
  vi.useRealTimers();
});

describe('findByTitle', () => {
  it('finds the first title starting with the prefix at or after `from`, wrapping, ignoring case and accents', () => {
    expect(findByTitle(TITLES, 'b', 0)).toBe(1);
    expect(findByTitle(TITLES, 'b', 2)).toBe(2);
    expect(findByTitle(TITLES, 'b', 3)).toBe(1);
    expect(findByTitle(TITLES, 'ECH', 0)).toBe(4);
    expect(findByTitle(TITLES, 'zulu', 0)).toBeNull();
    expect(findByTitle([null, 'Beta'], 'b', 0)).toBe(1);
  });
});

describe('VirtualListController (a short list: every row in the DOM)', () => {
  it('renders every row with its place, and moves with the arrows, Home/End, leaving at the top', async () => {
    const { element, root, focused, press } = await mounted();
    vi.useFakeTimers();
    const rows = root.querySelectorAll('li');
    expect(rows).toHaveLength(6);
    expect(rows[5]!.getAttribute('aria-posinset')).toBe('6');
    expect(rows[5]!.getAttribute('aria-setsize')).toBe('6');
    await element.list.focusRow(0);
    expect(focused()).toBe('Alpha');
    await press('ArrowDown');
    expect(focused()).toBe('Beta');
    await press('End');
    expect(focused()).toBe('Delta');
    expect(element.list.focused).toBe(5);
    await press('Home');
    expect(focused()).toBe('Alpha');
    await press('ArrowUp');
    expect(element.left).toHaveBeenCalledTimes(1);
  });

  it('type-to-find: keys typed together form a prefix; a pause starts a new one after the focused row', async () => {
    vi.useFakeTimers();
    const { element, focused, press } = await mounted();
    await element.list.focusRow(0);
    await press('b');
    expect(focused()).toBe('Beta');
    await press('r');
    expect(focused()).toBe('Bravo');
    await vi.advanceTimersByTimeAsync(1500);
    await press('b');
    // A new "b" looks after Bravo and wraps around to Beta.
    expect(focused()).toBe('Beta');
    await vi.advanceTimersByTimeAsync(1500);
    await press('é');
    expect(focused()).toBe('Échelle');
  });
});
