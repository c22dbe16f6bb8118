/**
 * The text offsets of a DOM subtree (the article body), both ways: offsets → a DOM
 * `Range` (to draw a highlight) and a DOM boundary point / `Range` → offsets (to
 * store a selection). Offsets are UTF-16 code units into `root.textContent`: text
 * nodes counted in document order, which is the offset space of the selectors
 * (main's too). Built once in O(n) over the text nodes; each lookup is a binary
 * search. The index describes the DOM as it was when built: the article body is
 * not changed by highlighting (the CSS Custom Highlight API draws over it), so
 * rebuild only when the article itself is re-rendered.
 */

const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const SHOW_TEXT = 0x4;
const SHOW_CDATA_SECTION = 0x8;
const DOCUMENT_POSITION_DISCONNECTED = 0x01;
const DOCUMENT_POSITION_PRECEDING = 0x02;
const DOCUMENT_POSITION_FOLLOWING = 0x04;
const DOCUMENT_POSITION_CONTAINS = 0x08;
const DOCUMENT_POSITION_CONTAINED_BY = 0x10;

const isText = (node: Node): node is CharacterData =>
  node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE;

/** A DOM boundary point. */
export interface BoundaryPoint {
  node: Node;
  offset: number;
}

/** Anything with start and end boundary points: a `Range`, a `StaticRange`. */
export interface RangeLike {
  readonly startContainer: Node;
  readonly startOffset: number;
  readonly endContainer: Node;
  readonly endOffset: number;
}

export class TextIndex {
  /** The text content of the root: the offset space. */
  readonly text: string;
  /** Non-empty text nodes in document order, and the offset each starts at. */
  private readonly nodes: CharacterData[] = [];
  private readonly starts: number[] = [];
  /** Every text node under the root (empty ones too) → its start offset. */
  private readonly startOf = new Map<Node, number>();

  constructor(readonly root: Node) {
    const parts: string[] = [];
    let offset = 0;
    const add = (node: CharacterData): void => {
      this.startOf.set(node, offset);
      if (node.data.length === 0) return;
      this.nodes.push(node);
      this.starts.push(offset);
      parts.push(node.data);
      offset += node.data.length;
    };
    if (isText(root)) {
      add(root);
    } else {
      const doc = root.ownerDocument ?? (root as Document);
      const walker = doc.createTreeWalker(root, SHOW_TEXT | SHOW_CDATA_SECTION);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) add(node as CharacterData);
    }
    this.text = parts.join('');
  }

  get length(): number {
    return this.text.length;
  }

  /**
   * A live `Range` over `[start, end)`, crossing elements and paragraphs as needed.
   * It starts in the text node holding the character at `start` and ends in the one
   * holding the character before `end`, so it never begins at the very end of the
   * previous paragraph nor ends at the start of the next. An empty text gives a
   * range collapsed at the start of the root.
   *
   * @throws RangeError unless `0 <= start <= end <= length`.
   */
  rangeFor(start: number, end: number): Range {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > this.text.length) {
      throw new RangeError(`TextIndex.rangeFor: [${start}, ${end}) is outside 0–${this.text.length}`);
    }
    const doc = this.root.ownerDocument ?? (this.root as Document);
    const range = doc.createRange();
    if (this.nodes.length === 0) {
      range.setStart(this.root, 0);
      range.collapse(true);
      return range;
    }
    const first = this.pointAt(start, true);
    range.setStart(first.node, first.offset);
    if (end === start) {
      range.collapse(true);
    } else {
      const last = this.pointAt(end, false);
      range.setEnd(last.node, last.offset);
    }
    return range;
  }

  /**
   * The boundary point in a text node for `offset`. At the seam between two text
   * nodes, `forward` picks the start of the later node (for a range start), else
   * the end of the earlier one (for a range end).
   */
  pointAt(offset: number, forward: boolean): BoundaryPoint {
    const { nodes, starts } = this;
    // The last node starting at or before `offset` (forward), or before it (backward).
    let lo = 0;
    let hi = nodes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (forward ? starts[mid]! <= offset : starts[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    const index = Math.max(0, lo - 1);
    let node = nodes[index]!;
    let within = offset - starts[index]!;
    if (forward && within >= node.data.length && index + 1 < nodes.length) {
      node = nodes[index + 1]!; // only at the very end of the text does forward stay put
      within = 0;
    }
    return { node, offset: Math.min(Math.max(0, within), node.data.length) };
  }

  /**
   * The text offset of the DOM boundary point `(node, offsetInNode)` under the root.
   * In a text node, the offset within it; in an element (or the root, or a
   * comment), the number of characters before that point: `(p, 0)` is where `p`'s
   * text starts, `(p, p.childNodes.length)` where it ends.
   *
   * @throws RangeError when the node is not the root or under it.
   */
  offsetOf(node: Node, offsetInNode: number): number {
    const known = this.startOf.get(node);
    if (known !== undefined) {
      return known + Math.min(Math.max(0, offsetInNode), (node as CharacterData).data.length);
    }
    if (node !== this.root && !this.root.contains(node)) {
      throw new RangeError('TextIndex.offsetOf: the node is not inside the indexed root');
    }
    // The first text node at or after the point: inside or after child `offsetInNode`,
    // or (past the last child, or in a comment) after the whole node.
    const children = node.childNodes;
    const child = !isCharacterData(node) && offsetInNode < children.length ? children[Math.max(0, offsetInNode)]! : null;
    const isAfter = child
      ? (text: Node): boolean =>
          text === child || (child.compareDocumentPosition(text) & (DOCUMENT_POSITION_FOLLOWING | DOCUMENT_POSITION_CONTAINED_BY)) !== 0
      : (text: Node): boolean => {
          const relation = node.compareDocumentPosition(text);
          return (relation & DOCUMENT_POSITION_FOLLOWING) !== 0 && (relation & DOCUMENT_POSITION_CONTAINED_BY) === 0;
        };
    let lo = 0;
    let hi = this.nodes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (isAfter(this.nodes[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    return lo < this.nodes.length ? this.starts[lo]! : this.text.length;
  }

  /**
   * The offsets `{start, end}` of a range (a selection's `getRangeAt(0)`). A range
   * reaching outside the root is clipped to it; one entirely outside it (or in
   * another document or a detached tree) gives `null`.
   */
  rangeToOffsets(range: RangeLike): { start: number; end: number } | null {
    const start = this.clip(range.startContainer, range.startOffset);
    const end = this.clip(range.endContainer, range.endOffset);
    if (start === null || end === null) return null;
    if (start === 'before' && end === 'before') return null;
    if (start === 'after' && end === 'after') return null;
    const s = start === 'before' ? 0 : start === 'after' ? this.text.length : start;
    const e = end === 'before' ? 0 : end === 'after' ? this.text.length : end;
    return s <= e ? { start: s, end: e } : { start: e, end: s };
  }

  /** The offset of a point under the root, or where the point lies relative to the root. */
  private clip(node: Node, offset: number): number | 'before' | 'after' | null {
    if (node === this.root || this.root.contains(node)) return this.offsetOf(node, offset);
    const relation = this.root.compareDocumentPosition(node);
    if (relation & DOCUMENT_POSITION_DISCONNECTED) return null;
    if (relation & DOCUMENT_POSITION_CONTAINS) {
      // `node` is an ancestor of the root: compare `offset` with the child holding the root.
      let child: Node = this.root;
      while (child.parentNode && child.parentNode !== node) child = child.parentNode;
      const index = Array.prototype.indexOf.call(node.childNodes, child) as number;
      return offset <= index ? 'before' : 'after';
    }
    return relation & DOCUMENT_POSITION_PRECEDING ? 'before' : 'after';
  }
}

/** Text, CDATA, processing instruction or comment: offsets inside count characters, not children. */
const isCharacterData = (node: Node): boolean =>
  node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE || node.nodeType === 7 || node.nodeType === 8;
