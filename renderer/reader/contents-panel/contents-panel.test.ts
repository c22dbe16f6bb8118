// @vitest-environment jsdom
import './contents-panel';
import { describe, expect, it } from 'vitest';
import { outlineTree } from './contents-panel';
import type { ContentsHeading } from '../../events';

const h = (index: number, level: number): ContentsHeading => ({ index, level, text: `H${index}` });

describe('<contents-panel>', () => {
  it('nests headings by level (one deeper at a time), as a tree', () => {
    const tree = outlineTree([h(0, 2), h(1, 3), h(2, 3), h(3, 2), h(4, 4), h(5, 2)]);
    const shape = (nodes: ReturnType<typeof outlineTree>): unknown =>
      nodes.map((n) => (n.children.length ? [n.heading.index, shape(n.children)] : n.heading.index));
    expect(shape(tree)).toEqual([[0, [1, 2]], [3, [4]], 5]);
  });

  it('lists the headings as buttons in nested lists, marks the current one, and says when there are none', async () => {
    const panel = document.createElement('contents-panel');
    document.body.append(panel);
    panel.headings = [h(0, 2), h(1, 3), h(2, 2)];
    panel.current = 1;
    await panel.updateComplete;
    const root = panel.shadowRoot!;
    expect(root.querySelector('nav')!.getAttribute('aria-labelledby')).toBe('contents-heading');
    const items = [...root.querySelectorAll('button.item')];
    expect(items.map((b) => b.textContent!.trim())).toEqual(['H0', 'H1', 'H2']);
    expect(items.map((b) => b.getAttribute('aria-current'))).toEqual([null, 'location', null]);
    expect(root.querySelectorAll('ol ol button.item')).toHaveLength(1);

    const asked: number[] = [];
    panel.addEventListener('heading-reveal', (e) => asked.push(e.detail.index));
    (items[2] as HTMLButtonElement).click();
    expect(asked).toEqual([2]);

    panel.headings = [];
    await panel.updateComplete;
    expect(root.textContent).toContain('This article has no headings.');
    expect(root.querySelectorAll('button.item')).toHaveLength(0);
    panel.remove();
  });
});
