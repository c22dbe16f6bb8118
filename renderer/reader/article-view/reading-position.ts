/**
 * Reading position: where in an article the reader is, as numbers that survive a
 * re-layout (another window size, another font) — a text offset and a fraction.
 *
 * - `position` is the text offset, in the article body's `textContent` (text nodes
 *   counted in document order), of the first block whose bottom is below the
 *   reading line (the top of the viewport, below any sticky header).
 * - `within` is how far (0–1) that block's top has scrolled past the line.
 * - `fraction` is how far down the page is scrolled, 1 when the end is in view.
 *
 * The geometry functions are pure: they take boxes as numbers (or a callback that
 * measures block `i`), so they can be tested without a layout engine. Only
 * {@link collectBlocks} walks a DOM, and it uses nothing a jsdom window lacks.
 */

/** Elements that anchor a position. Only leaves count: a block holding no other block. */
export const BLOCK_SELECTOR = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figure, tr';

/** A block's text range: `[start, end)` offsets in the body's text content. */
export interface BlockSpan {
  start: number;
  end: number;
}

/** A block found in the DOM. */
export interface Block extends BlockSpan {
  element: Element;
}

/** A vertical extent in CSS pixels. */
export interface Box {
  top: number;
  bottom: number;
}

export interface Anchor {
  position: number;
  within: number;
}

const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;
const TEXT_NODE = 3;

const clamp01 = (n: number): number => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);

/**
 * The leaf blocks under `root`, in document order, with their text ranges.
 * Offsets count every text node under `root`, in or out of a block, so they
 * agree with `root.textContent`.
 */
export function collectBlocks(root: Node): Block[] {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT);
  const blocks: Block[] = [];
  let offset = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === TEXT_NODE) {
      offset += (node as Text).data.length;
    } else {
      const element = node as Element;
      if (element.matches(BLOCK_SELECTOR) && !element.querySelector(BLOCK_SELECTOR)) {
        blocks.push({ element, start: offset, end: offset + (element.textContent?.length ?? 0) });
      }
    }
  }
  return blocks;
}

/**
 * The anchor at the reading line: the first block (by index) whose bottom is below
 * `line`, and how far (0–1) its top has gone past it. `boxOf(i)` gives block `i`'s
 * box in the same coordinates as `line` (viewport coordinates, in the app). Blocks
 * are in document order, so their bottoms rise with the index: a binary search
 * measures only a handful. Past the last block, the anchor is the end of the last one.
 */
export function anchorAt(
  blocks: readonly BlockSpan[],
  boxOf: (index: number) => Box,
  line: number,
): Anchor | null {
  if (blocks.length === 0) return null;
  let lo = 0;
  let hi = blocks.length; // first index whose bottom > line lies in [lo, hi]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (boxOf(mid).bottom > line) hi = mid;
    else lo = mid + 1;
  }
  if (lo === blocks.length) return { position: blocks[lo - 1]!.start, within: 1 };
  const box = boxOf(lo);
  const height = box.bottom - box.top;
  return {
    position: blocks[lo]!.start,
    within: height > 0 ? clamp01((line - box.top) / height) : 0,
  };
}

/**
 * Indexes of the blocks that may hold `position`: those whose range contains it,
 * and those that start exactly there (an image-only figure has an empty range and
 * shares its start with the next block). If none does, the last block starting
 * before it (the text changed, or the offset fell between blocks); failing that,
 * the first block.
 */
export function candidateBlocks(blocks: readonly BlockSpan[], position: number): number[] {
  const found: number[] = [];
  blocks.forEach((block, index) => {
    if (block.start === position || (block.start <= position && position < block.end)) found.push(index);
  });
  if (found.length > 0) return found;
  for (let index = blocks.length - 1; index >= 0; index--) {
    if (blocks[index]!.start <= position) return [index];
  }
  return blocks.length > 0 ? [0] : [];
}

/** How far down the page is: 1 when nothing scrolls or the end of the article is in view. */
export function readingFraction(page: {
  scrollY: number;
  scrollHeight: number;
  viewportHeight: number;
  /** Bottom of the article's end, in viewport coordinates. */
  endBottom: number;
}): number {
  const scrollable = page.scrollHeight - page.viewportHeight;
  if (scrollable <= 1 || page.endBottom <= page.viewportHeight + 1) return 1;
  return clamp01(page.scrollY / scrollable);
}

/**
 * Where to scroll (document `scrollY`) to bring a saved anchor back: the saved
 * point of the block (`within` of its height) on the reading line. `boxOf(i)` gives
 * block `i`'s box in document coordinates.
 *
 * `within` 0 means the line was at or above the block's top: somewhere in the gap
 * after the previous block (or above the first one, where the title is). There the
 * saved `fraction` says where exactly, kept inside that gap — exact in the same
 * layout, close in another. When several blocks could hold the position, the one
 * whose result is nearest the saved `fraction` wins.
 */
export function restoreTarget(
  blocks: readonly BlockSpan[],
  boxOf: (index: number) => Box,
  saved: { position: number; within: number; fraction: number },
  page: { line: number; maxScroll: number },
): number {
  const maxScroll = Math.max(0, page.maxScroll);
  const clampScroll = (y: number) => Math.min(maxScroll, Math.max(0, Math.round(y)));
  const byFraction = clamp01(saved.fraction) * maxScroll;
  const candidates = candidateBlocks(blocks, saved.position);
  if (candidates.length === 0) return clampScroll(byFraction);

  const within = clamp01(saved.within);
  let best = Number.NaN;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const index of candidates) {
    const box = boxOf(index);
    let target: number;
    if (within > 0) {
      target = box.top + within * (box.bottom - box.top) - page.line;
    } else {
      const gapEnd = box.top - page.line;
      const gapStart = Math.min(gapEnd, index > 0 ? boxOf(index - 1).bottom - page.line : 0);
      target = Math.min(gapEnd, Math.max(gapStart, byFraction));
    }
    target = clampScroll(target);
    const distance = Math.abs((maxScroll > 0 ? target / maxScroll : 1) - saved.fraction);
    if (distance < bestDistance) {
      best = target;
      bestDistance = distance;
    }
  }
  return best;
}
