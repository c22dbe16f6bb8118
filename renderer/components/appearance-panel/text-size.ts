/**
 * Stepping the article's text size through TEXT_SIZES (the Aa panel's Smaller and
 * Larger, Ctrl/⌘ + = / - / 0 and their menu commands), with the words to announce.
 */
import { DEFAULT_READING_SETTINGS, TEXT_SIZES } from '../../../common/reading';

type TextSize = (typeof TEXT_SIZES)[number];

export interface TextSizeStep {
  /** The size after the step (the same at either end). */
  size: TextSize;
  /** What to tell a screen reader: the new size, or that it is already at an end. */
  message: string;
}

/** The index of `size` in TEXT_SIZES, or of the nearest step (a size from elsewhere). */
function indexOf(size: number): number {
  let best = 0;
  TEXT_SIZES.forEach((step, i) => {
    if (Math.abs(step - size) < Math.abs(TEXT_SIZES[best]! - size)) best = i;
  });
  return best;
}

/** One step larger (1), smaller (-1), or back to the default (0). */
export function stepTextSize(size: number, direction: 1 | -1 | 0): TextSizeStep {
  if (direction === 0) {
    const reset = DEFAULT_READING_SETTINGS.textSize;
    return { size: reset, message: `Text size ${reset} px.` };
  }
  const next = indexOf(size) + direction;
  if (next < 0 || next >= TEXT_SIZES.length) {
    const end = direction > 0 ? 'largest' : 'smallest';
    const here = TEXT_SIZES[next - direction]!;
    return { size: here, message: `Text size is already the ${end}, ${here} px.` };
  }
  const stepped = TEXT_SIZES[next]!;
  return { size: stepped, message: `Text size ${stepped} px.` };
}

/** Whether there is no step further that way. */
export function atTextSizeEnd(size: number, direction: 1 | -1): boolean {
  const i = indexOf(size);
  return direction > 0 ? i === TEXT_SIZES.length - 1 : i === 0;
}
