// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  anchorAt,
  candidateBlocks,
  collectBlocks,
  readingFraction,
  restoreTarget,
  type Box,
  type BlockSpan,
} from './reading-position';

/** Blocks laid out top to bottom: each `[start, end, top, height]`, with a 20px gap after. */
const layout = (rows: [number, number, number, number][]) => ({
  spans: rows.map(([start, end]): BlockSpan => ({ start, end })),
  boxes: rows.map(([, , top, height]): Box => ({ top, bottom: top + height })),
});

describe('collectBlocks', () => {
  it('gives leaf blocks in document order with offsets into textContent', () => {
    const root = document.createElement('div');
    root.append(
      Object.assign(document.createElement('p'), { textContent: 'One.' }),
      document.createTextNode('\n'),
      Object.assign(document.createElement('blockquote'), {}),
    );
    const quote = root.querySelector('blockquote')!;
    quote.append(Object.assign(document.createElement('p'), { textContent: 'Two, quoted.' }));
    const list = document.createElement('ul');
    list.append(Object.assign(document.createElement('li'), { textContent: 'Three' }));
    root.append(list, Object.assign(document.createElement('figure'), {}));

    const blocks = collectBlocks(root);
    expect(blocks.map((b) => [b.element.tagName, b.start, b.end])).toEqual([
      ['P', 0, 4],
      ['P', 5, 17],
      ['LI', 17, 22],
      ['FIGURE', 22, 22],
    ]);
    const text = root.textContent!;
    expect(text.slice(blocks[1]!.start, blocks[1]!.end)).toBe('Two, quoted.');
  });
});

describe('anchorAt', () => {
  const { spans, boxes } = layout([
    [0, 100, -300, 200],
    [100, 250, -80, 160],
    [250, 300, 100, 60],
  ]);
  const boxOf = (i: number) => boxes[i]!;

  it('anchors on the first block whose bottom is below the line, with how far its top has passed it', () => {
    expect(anchorAt(spans, boxOf, 0)).toEqual({ position: 100, within: 0.5 });
  });

  it('gives within 0 when the line falls in the gap above a block', () => {
    expect(anchorAt(spans, (i) => ({ top: boxes[i]!.top - 100, bottom: boxes[i]!.bottom - 100 }), 0)).toEqual({
      position: 250,
      within: 0,
    });
  });

  it('anchors at the end of the last block when everything is above the line', () => {
    expect(anchorAt(spans, boxOf, 1000)).toEqual({ position: 250, within: 1 });
  });

  it('has no anchor without blocks', () => {
    expect(anchorAt([], boxOf, 0)).toBeNull();
  });
});

describe('candidateBlocks', () => {
  const spans: BlockSpan[] = [
    { start: 0, end: 10 },
    { start: 10, end: 10 }, // an image-only figure
    { start: 10, end: 30 },
    { start: 40, end: 50 },
  ];

  it('lists every block holding or starting at the position', () => {
    expect(candidateBlocks(spans, 10)).toEqual([1, 2]);
    expect(candidateBlocks(spans, 5)).toEqual([0]);
  });

  it('falls back to the last block starting before it, then to the first', () => {
    expect(candidateBlocks(spans, 35)).toEqual([2]);
    expect(candidateBlocks(spans, 999)).toEqual([3]);
    expect(candidateBlocks([{ start: 5, end: 9 }], 0)).toEqual([0]);
  });
});

describe('readingFraction', () => {
  it('is the scrolled share of the scrollable height', () => {
    expect(readingFraction({ scrollY: 500, scrollHeight: 2000, viewportHeight: 1000, endBottom: 1500 })).toBe(0.5);
  });

  it('is 1 when the page does not scroll or the end is in view', () => {
    expect(readingFraction({ scrollY: 0, scrollHeight: 800, viewportHeight: 800, endBottom: 700 })).toBe(1);
    expect(readingFraction({ scrollY: 100, scrollHeight: 2000, viewportHeight: 1000, endBottom: 990 })).toBe(1);
  });
});

describe('restoreTarget', () => {
  // Document coordinates this time.
  const { spans, boxes } = layout([
    [0, 100, 300, 200],
    [100, 100, 520, 300],
    [100, 250, 840, 160],
    [250, 300, 1020, 600],
  ]);
  const boxOf = (i: number) => boxes[i]!;
  const page = { line: 0, maxScroll: 1000 };

  it('puts the saved point of the block on the reading line', () => {
    expect(restoreTarget(spans, boxOf, { position: 200, within: 0.25, fraction: 0.88 }, page)).toBe(880);
  });

  it('round-trips with anchorAt, also from the gaps between blocks and above the first', () => {
    for (const scrollY of [0, 120, 310, 505, 600, 900, 1000]) {
      const anchor = anchorAt(spans, (i) => ({ top: boxes[i]!.top - scrollY, bottom: boxes[i]!.bottom - scrollY }), 0)!;
      const restored = restoreTarget(spans, boxOf, { ...anchor, fraction: scrollY / 1000 }, page);
      expect(restored).toBe(Math.min(scrollY, 1000));
    }
  });

  it('picks among blocks sharing an offset by the saved fraction', () => {
    // Offset 100 starts both the figure (520) and the paragraph after it (840).
    expect(restoreTarget(spans, boxOf, { position: 100, within: 0, fraction: 0.52 }, page)).toBe(520);
    expect(restoreTarget(spans, boxOf, { position: 100, within: 0, fraction: 0.84 }, page)).toBe(840);
  });

  it('keeps a position in a gap inside that gap when the layout changed', () => {
    // Saved in the gap above block 3 (1000–1020) in another layout, where it was at 40%.
    expect(restoreTarget(spans, boxOf, { position: 250, within: 0, fraction: 0.4 }, page)).toBe(1000);
    expect(restoreTarget(spans, boxOf, { position: 0, within: 0, fraction: 0.9 }, page)).toBe(300);
    expect(restoreTarget(spans, boxOf, { position: 0, within: 0, fraction: 0 }, page)).toBe(0);
  });

  it('stays within the scrollable range, and falls back to the fraction without blocks', () => {
    expect(restoreTarget(spans, boxOf, { position: 299, within: 1, fraction: 1 }, page)).toBe(1000);
    expect(restoreTarget([], boxOf, { position: 0, within: 0, fraction: 0.5 }, page)).toBe(500);
  });
});
