import { describe, expect, it } from 'vitest';
import { jsonDepth, jsonTooDeep } from '../../../main/library-import/json-depth';
import { IMPORT_LIMITS } from '../../../main/library-import/model';

describe('jsonDepth', () => {
  it.each([
    ['42', 0],
    ['"text"', 0],
    ['[]', 1],
    ['{}', 1],
    ['{"a":[1,{"b":[]}]}', 4],
    ['[[1],[2],[3]]', 2],
    ['[{},{},{}]', 2],
  ])('%s nests %i deep', (text, depth) => {
    expect(jsonDepth(text)).toBe(depth);
  });

  it('skips brackets inside strings, escaped quotes and backslashes included', () => {
    expect(jsonDepth('{"a":"[[[{{{"}')).toBe(1);
    expect(jsonDepth('{"a":"he said \\"[[[\\" then"}')).toBe(1);
    expect(jsonDepth('{"a":"ends in a backslash \\\\","b":[[]]}')).toBe(3);
    expect(jsonDepth('["\\u005b"]')).toBe(1);
  });

  it('stops at the limit on a hostile file instead of scanning it all', () => {
    const hostile = '['.repeat(1_000_000);
    expect(jsonDepth(hostile, 64)).toBe(65);
    expect(jsonTooDeep(hostile, IMPORT_LIMITS.jsonDepth)).toBe(true);
  });

  it('takes exactly the limit and refuses one more', () => {
    const at = '['.repeat(64) + ']'.repeat(64);
    const past = '['.repeat(65) + ']'.repeat(65);
    expect(jsonTooDeep(at, 64)).toBe(false);
    expect(jsonTooDeep(past, 64)).toBe(true);
  });

  it('does not go negative on stray closing brackets', () => {
    expect(jsonDepth(']]]][')).toBe(1);
  });
});
