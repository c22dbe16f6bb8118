/**
 * The article's outline: the headings of its body (h1–h6 inside the body container,
 * never the article's own title), and which one the reader is in. Pure but for
 * {@link collectHeadings}, which walks a DOM and uses nothing a jsdom window lacks.
 */

/** A heading as the Contents panel shows it. */
export interface HeadingInfo {
  /** Its place among the body's non-empty headings (what a jump names). */
  index: number;
  /** 1–6, from the tag. */
  level: number;
  /** Its text, white space collapsed. */
  text: string;
}

/** A heading found in the body, with its element (to measure and to jump to). */
export interface FoundHeading extends HeadingInfo {
  element: HTMLElement;
}

const HEADING_SELECTOR = 'h1, h2, h3, h4, h5, h6';

/** The text a heading shows, white space collapsed (an image's alt counts when it is all there is). */
function headingText(element: Element): string {
  const text = (element.textContent ?? '').replace(/\s+/gu, ' ').trim();
  if (text) return text;
  const alts = [...element.querySelectorAll('img[alt]')].map((img) => img.getAttribute('alt') ?? '');
  return alts.join(' ').replace(/\s+/gu, ' ').trim();
}

/** The headings under `body`, in document order; empty ones (no text, no alt) are skipped. */
export function collectHeadings(body: ParentNode): FoundHeading[] {
  const found: FoundHeading[] = [];
  for (const element of body.querySelectorAll<HTMLElement>(HEADING_SELECTOR)) {
    const text = headingText(element);
    if (!text) continue;
    found.push({ index: found.length, level: Number(element.tagName.slice(1)), text, element });
  }
  return found;
}

/** The headings without their elements (what crosses to the panel). */
export const headingInfos = (found: readonly FoundHeading[]): HeadingInfo[] =>
  found.map(({ index, level, text }) => ({ index, level, text }));

/**
 * Levels as the panel indents them: the shallowest level used is depth 0, and a
 * heading is never more than one deeper than the one before it (an h2 straight
 * after the title, then h4, indents once, not twice).
 */
export function outlineDepths(levels: readonly number[]): number[] {
  if (levels.length === 0) return [];
  const top = Math.min(...levels);
  const depths: number[] = [];
  let previous = -1;
  for (const level of levels) {
    const depth = Math.min(level - top, previous + 1);
    depths.push(depth);
    previous = depth;
  }
  return depths;
}

/**
 * The section the reader is in: the last heading whose top is at or above `line`
 * (viewport coordinates, ascending by index), or -1 before the first one. At the end
 * of the article (`atEnd`), a short last section could never reach the line: the
 * last heading whose top is in view (`viewportHeight`) counts then.
 */
export function currentHeading(
  tops: (index: number) => number,
  count: number,
  line: number,
  atEnd = false,
  viewportHeight = Number.POSITIVE_INFINITY,
): number {
  let lo = 0;
  let hi = count; // first index whose top is below the line lies in [lo, hi]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tops(mid) <= line) lo = mid + 1;
    else hi = mid;
  }
  let current = lo - 1;
  if (atEnd) {
    for (let index = count - 1; index > current; index--) {
      if (tops(index) < viewportHeight) {
        current = index;
        break;
      }
    }
  }
  return current;
}
