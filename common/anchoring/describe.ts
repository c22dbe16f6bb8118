/**
 * Describing a range of the article text as W3C selectors (ARCHITECTURE.md §4): the quote
 * with up to {@link CONTEXT_LENGTH} characters of context either side, and the
 * offsets. Pure: no DOM. Offsets are UTF-16 code units into the article's text
 * content (the space `TextIndex.text` and main use).
 */
import type { HighlightTarget } from '../model';

/** Characters of prefix and suffix kept beside the quote (the contract allows at most 32). */
export const CONTEXT_LENGTH = 32;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * The selectors for `text.slice(start, end)`. The context never cuts a surrogate pair
 * in half at its outer edge (it is one code unit shorter instead), so it stays valid
 * UTF-16 when stored. The quote is exactly the slice, whatever it cuts.
 *
 * @throws RangeError unless `0 <= start < end <= text.length` (integers).
 */
export function describeRange(text: string, start: number, end: number): HighlightTarget {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new RangeError(`describeRange: [${start}, ${end}) is not a non-empty range of a ${text.length}-character text`);
  }
  let prefixStart = Math.max(0, start - CONTEXT_LENGTH);
  if (prefixStart > 0 && prefixStart < start && isLowSurrogate(text.charCodeAt(prefixStart))) prefixStart += 1;
  let suffixEnd = Math.min(text.length, end + CONTEXT_LENGTH);
  if (suffixEnd < text.length && suffixEnd > end && isHighSurrogate(text.charCodeAt(suffixEnd - 1))) suffixEnd -= 1;
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(prefixStart, start),
      suffix: text.slice(end, suffixEnd),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}
