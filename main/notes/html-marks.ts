/**
 * Marking highlights in article HTML: every text node is cut at each highlight's
 * start and end (offsets into the root's text content, the space of
 * TextPositionSelector), and each piece inside a highlight is wrapped in one
 * `<mark>` per highlight covering it (the one that starts first outermost). So
 * overlapping highlights nest, a highlight across paragraphs is a run of marks
 * (the whitespace between the paragraphs is not marked), and the text content stays
 * exactly as it was.
 */

/** A range to mark: `[start, end)` in the root's text content. */
export interface MarkRange {
  start: number;
  end: number;
  /** Classes of its marks. */
  className: string;
  /** Tooltip (the color's name). */
  title: string;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** Every text node under `root`, in document order, with its start offset. */
function textNodes(root: Node): { node: Text; start: number }[] {
  const out: { node: Text; start: number }[] = [];
  let offset = 0;
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE) {
        out.push({ node: child as Text, start: offset });
        offset += (child as Text).data.length;
      } else if (child.nodeType === ELEMENT_NODE || child.nodeType === 11) {
        walk(child);
      }
    }
  };
  walk(root);
  return out;
}

/**
 * Whitespace between blocks (the "\n" between two `<p>`s): counted in the offsets,
 * but not marked — a mark there would be an empty inline box between paragraphs.
 * Recognised as whitespace whose parent holds no other text of its own.
 */
function betweenBlocks(node: Text): boolean {
  if (node.data.trim() !== '') return false;
  for (let sibling = node.parentNode?.firstChild; sibling; sibling = sibling.nextSibling) {
    if (sibling.nodeType === TEXT_NODE && (sibling as Text).data.trim() !== '') return false;
  }
  return true;
}

/**
 * Wrap `ranges` in `<mark>`s under `root`. Returns, per range, its last mark (where
 * a footnote reference goes), or null when the range covered no text.
 */
export function markRanges(root: Node, ranges: readonly MarkRange[]): (Element | null)[] {
  const document = root.ownerDocument ?? (root as Document);
  const cuts = new Set<number>();
  for (const r of ranges) {
    cuts.add(r.start);
    cuts.add(r.end);
  }
  // Cut text nodes at every boundary.
  const pieces: { node: Text; start: number }[] = [];
  for (const { node, start } of textNodes(root)) {
    let current = node;
    let at = start;
    const end = start + node.data.length;
    const inside = [...cuts].filter((c) => c > start && c < end).sort((a, b) => a - b);
    for (const cut of inside) {
      const rest = current.splitText(cut - at);
      pieces.push({ node: current, start: at });
      current = rest;
      at = cut;
    }
    pieces.push({ node: current, start: at });
  }
  const order = ranges.map((_, i) => i).sort((a, b) => ranges[a]!.start - ranges[b]!.start || ranges[b]!.end - ranges[a]!.end);
  const last: (Element | null)[] = ranges.map(() => null);
  for (const { node, start } of pieces) {
    const end = start + node.data.length;
    if (end === start) continue;
    const covering = order.filter((i) => ranges[i]!.start <= start && ranges[i]!.end >= end);
    if (covering.length === 0 || betweenBlocks(node)) continue;
    // Innermost first: wrap the text, then wrap that, outward.
    let inner: Node = node;
    const parent = node.parentNode!;
    const next = node.nextSibling;
    for (const i of [...covering].reverse()) {
      const mark = document.createElement('mark');
      mark.className = ranges[i]!.className;
      mark.title = ranges[i]!.title;
      mark.appendChild(inner);
      inner = mark;
      last[i] = mark;
    }
    parent.insertBefore(inner, next);
  }
  return last;
}
