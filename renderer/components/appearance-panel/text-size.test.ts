import { describe, expect, it } from 'vitest';
import { TEXT_SIZES } from '../../../common/reading';
import { atTextSizeEnd, stepTextSize } from './text-size';

describe('stepTextSize', () => {
  it('walks every step up from the smallest to the largest, and down again', () => {
    const up = [TEXT_SIZES[0] as number];
    while (up.length < 20) up.push(stepTextSize(up.at(-1)!, 1).size);
    expect([...new Set(up)]).toEqual([...TEXT_SIZES]);
    const down = [32];
    while (down.length < 20) down.push(stepTextSize(down.at(-1)!, -1).size);
    expect([...new Set(down)]).toEqual([...TEXT_SIZES].reverse());
  });

  it('says the new size, or that it is already at an end', () => {
    expect(stepTextSize(19, 1)).toEqual({ size: 20, message: 'Text size 20 px.' });
    expect(stepTextSize(19, -1)).toEqual({ size: 18, message: 'Text size 18 px.' });
    expect(stepTextSize(32, 1)).toEqual({ size: 32, message: 'Text size is already the largest, 32 px.' });
    expect(stepTextSize(14, -1)).toEqual({ size: 14, message: 'Text size is already the smallest, 14 px.' });
  });

  it('resets to the default 19 px', () => {
    expect(stepTextSize(28, 0)).toEqual({ size: 19, message: 'Text size 19 px.' });
  });

  it('steps from the nearest step when the size is not one of them', () => {
    expect(stepTextSize(21, 1).size).toBe(22);
    expect(stepTextSize(23, -1).size).toBe(20);
  });

  it('knows the ends', () => {
    expect([atTextSizeEnd(32, 1), atTextSizeEnd(32, -1), atTextSizeEnd(14, -1), atTextSizeEnd(19, 1)]).toEqual([true, false, true, false]);
  });
});
