import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { CHANNEL_NAMES, channels } from '../../common/ipc';
import { MAX_FILES_PER_ADD } from '../../common/model';
import { boundsError, channelBudget, checkBounds, deriveBudget, regexMaxLength } from '../../main/bridge-bounds';
import { createDispatcher, type Services } from '../../main/handlers';

describe('bridge bounds: budgets derived from the contract', () => {
  it.each(CHANNEL_NAMES)('%s has a budget derived entirely from its schema', (channel) => {
    const { unbounded } = deriveBudget(channels[channel].input);
    // A channel whose schema leaves a string, array or object unbounded fails here:
    // give it a maxLength (or use v.strictObject) in common/ipc.ts / common/model.ts.
    expect(unbounded).toEqual([]);
  });

  it('reports what a schema leaves unbounded', () => {
    const loose = v.object({ names: v.array(v.string()), any: v.unknown() });
    expect(deriveBudget(loose).unbounded).toEqual([
      '$.names[]: a string with no maxLength',
      '$.names: an array with no maxLength',
      '$.any: a unknown schema (no bound derived)',
      '$: a object (unknown keys are not bounded; use v.strictObject)',
    ]);
  });

  it('derives the largest valid value: depth, array length, keys, values, characters', () => {
    const schema = v.strictObject({
      id: v.pipe(v.string(), v.maxLength(10)),
      tags: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(5))), v.maxLength(3))),
      kind: v.picklist(['short', 'longest']),
    });
    expect(deriveBudget(schema)).toEqual({
      budget: { maxDepth: 2, maxNodes: 1 + 1 + (1 + 3) + 1, maxArrayLength: 3, maxKeys: 3, maxStringChars: 2 + 10 + 4 + 15 + 4 + 7 },
      unbounded: [],
    });
  });

  it('bounds anchored regexes and refuses to guess the others', () => {
    expect(regexMaxLength(/^[a-z0-9][a-z0-9-]{0,63}$/)).toBe(64);
    expect(regexMaxLength(/^[\da-f]{8}(?:-[\da-f]{4}){3}-[\da-f]{12}$/i)).toBe(36);
    expect(regexMaxLength(/^[\da-f]{8}(?:-[\da-f]{4}){3}-[\da-f]{12}$/iu)).toBe(72);
    expect(regexMaxLength(/^(?:ab|cde)?x$/)).toBe(4);
    expect(regexMaxLength(/^a+$/)).toBe(Infinity);
    expect(regexMaxLength(/^a{2,}$/)).toBe(Infinity);
    expect(regexMaxLength(/abc/)).toBe(Infinity);
    expect(regexMaxLength(/^(a)\1$/)).toBe(Infinity);
  });

  it('every value the contract accepts fits its budget (largest arrays and strings)', () => {
    const tags = Array.from({ length: 50 }, (_, i) => `${'t'.repeat(60)}${String(i).padStart(2, '0')}`);
    const payload = { id: 'a'.repeat(64), tags };
    expect(v.safeParse(channels['article:set-tags'].input, payload).success).toBe(true);
    expect(checkBounds(payload, channelBudget('article:set-tags'))).toBeNull();
    const paths = Array.from({ length: MAX_FILES_PER_ADD }, (_, i) => `/home/reader/${i}.md`);
    expect(v.safeParse(channels['library:add-files'].input, { paths }).success).toBe(true);
    expect(checkBounds({ paths }, channelBudget('library:add-files'))).toBeNull();
  });
});

describe('bridge bounds: the walk', () => {
  // Refused beyond twice a limit + 16 (depth: + 4): 26 items, 20 keys, 7 levels, 76 characters, 56 values.
  const budget = { maxDepth: 3, maxNodes: 20, maxArrayLength: 5, maxKeys: 2, maxStringChars: 30 };
  const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [String.fromCharCode(97 + i), i]));
  const nest = (levels: number): unknown => (levels === 0 ? 1 : [nest(levels - 1)]);

  it('refuses a payload far over a limit in words, quoting the contract', () => {
    expect(checkBounds({ a: new Array(27).fill(1) }, budget)).toBe('the payload is too large (27 items; at most 5)');
    expect(checkBounds({ a: new Array(26).fill(1) }, budget)).toBeNull();
    expect(checkBounds(keys(21), budget)).toBe('the payload is too large (an object with 21 keys; at most 2)');
    expect(checkBounds(keys(20), budget)).toBeNull();
    expect(checkBounds(nest(7), budget)).toBeNull();
    expect(checkBounds(nest(8), budget)).toBe('the payload is nested too deeply (more than 7 levels; at most 3)');
    expect(checkBounds({ a: 'x'.repeat(80) }, budget)).toBe('the payload is too large (a text of 80 characters; at most 30)');
    expect(checkBounds({ a: ['x'.repeat(30), 'y'.repeat(30), 'z'.repeat(30)] }, budget)).toBe(
      'the payload is too large (more than 76 characters of text; at most 30)',
    );
    expect(checkBounds({ a: [new Array(20).fill(1), new Array(20).fill(1), new Array(20).fill(1)] }, budget)).toBe(
      'the payload is too large (more than 56 values; at most 20)',
    );
  });

  it('leaves a payload just over a limit to valibot, whose answer names the field', async () => {
    const dispatch = createDispatcher({} as Services);
    const tags = Array.from({ length: 51 }, (_, i) => `t${i}`);
    expect(checkBounds({ id: 'abc', tags }, channelBudget('article:set-tags'))).toBeNull();
    expect(await dispatch('article:set-tags', { id: 'abc', tags })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('Expected <=50 but received 51') },
    });
  });

  it('refuses what plain data never has: getters, symbol keys, __proto__, other prototypes, throwing proxies', () => {
    let read = 0;
    const getter = Object.defineProperty({}, 'a', { enumerable: true, get: () => ++read });
    expect(checkBounds(getter, budget)).toBe('the payload is not plain data (it has a getter)');
    expect(read).toBe(0);
    const arrayGetter = [1];
    Object.defineProperty(arrayGetter, 0, { get: () => ++read });
    expect(checkBounds(arrayGetter, budget)).toBe('the payload is not plain data (it has a getter)');
    expect(read).toBe(0);
    expect(checkBounds({ [Symbol('s')]: 1 }, budget)).toBe('the payload is not plain data (a symbol key)');
    expect(checkBounds(JSON.parse('{"__proto__": {"polluted": true}}'), budget)).toBe(
      'the payload is not plain data (a key named "__proto__")',
    );
    expect(checkBounds(new Date(), budget)).toMatch(/not a plain object/);
    expect(checkBounds(new Map(), budget)).toMatch(/not a plain object/);
    class Tagged extends Array {}
    expect(checkBounds(Tagged.from([1]), budget)).toMatch(/another prototype/);
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    expect(checkBounds(hostile, budget)).toBe('the payload is not plain data (it could not be read)');
    expect(checkBounds(Object.create(null), budget)).toBeNull();
  });

  it('stops at the limit: a million items costs no more than the budget', () => {
    const huge = new Array<string>(1_000_000).fill('tag');
    const start = performance.now();
    expect(checkBounds({ id: 'a', tags: huge }, channelBudget('article:set-tags'))).toBe(
      'the payload is too large (1,000,000 items; at most 50)',
    );
    expect(performance.now() - start).toBeLessThan(5);
    // Deep nesting is refused at the budget's depth, not walked to the bottom (no stack overflow).
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(checkBounds(deep, channelBudget('article:set-tags'))).toMatch(/nested too deeply/);
  });
});

describe('bridge bounds: in the dispatcher', () => {
  // No services at all: a refused payload never reaches one (if it did, the answer would be 'internal').
  const dispatch = createDispatcher({} as Services);

  it('answers invalid-input in words before any element is parsed', async () => {
    const tags = new Array<string>(1_000_000).fill('tag');
    expect(await dispatch('article:set-tags', { id: 'abc', tags })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'article:set-tags: the payload is too large (1,000,000 items; at most 50)' },
    });
    const paths = new Array<string>(1_000_000).fill('/home/reader/a.md');
    expect(await dispatch('library:add-files', { paths })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'library:add-files: the payload is too large (1,000,000 items; at most 10,000)' },
    });
    expect(boundsError('article:get', { id: 'abc' })).toBeNull();
  });
});
