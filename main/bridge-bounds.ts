/**
 * Bridge work is bounded before parsing (ARCHITECTURE.md §5): valibot checks every
 * element of an array before its `maxLength`, so a payload of a million tags would cost
 * main a million element checks before it is refused. Here each payload is walked once,
 * with a budget, before `v.safeParse`: the walk stops at the first limit it passes, so a
 * refusal costs at most the budget, never the payload's size.
 *
 * Each channel's budget is derived from its input schema in the contract (common/ipc.ts):
 * the largest value the schema can accept — its deepest nesting, its longest array, its
 * most keys in one object, its most values and its most string characters in all. A
 * payload over any of them cannot be valid; one far over them ({@link allowed}) is
 * refused here, unread, so refusing early changes no answer but its words. A
 * schema piece with no bound of its own (a string with no `maxLength`, a `v.record`) gets
 * a default and is listed in `unbounded`; a test fails while any channel has one.
 *
 * The walk also refuses what plain data never has (payloads arrive structured-cloned,
 * the test harness's as JSON): getters and setters, symbol keys, a `__proto__` key, and
 * objects that are not plain objects or arrays. Plain Node, no valibot import needed at
 * run time beyond reading the schema objects.
 */
import type * as v from 'valibot';
import { err, type Result } from '../common/result';
import { channels } from '../common/ipc';

export interface Budget {
  /** Most levels of objects/arrays inside one another (a flat value is 0). */
  maxDepth: number;
  /** Most values in all: every object, array, string, number… counts one. */
  maxNodes: number;
  /** Longest array. */
  maxArrayLength: number;
  /** Most keys in one object. */
  maxKeys: number;
  /** Most string characters (UTF-16 code units) in all, object keys included. */
  maxStringChars: number;
}

export interface DerivedBudget {
  budget: Budget;
  /** Where the schema gave no bound and a default was used: `path: why`. Empty when fully derived. */
  unbounded: string[];
}

/** Used only where a schema gives no bound (and then listed in `unbounded`). */
export const DEFAULT_LIMITS = { string: 1 << 20, array: 10_000, keys: 64, depth: 32 } as const;

interface Shape {
  depth: number;
  nodes: number;
  array: number;
  keys: number;
  chars: number;
}

const LEAF: Shape = { depth: 0, nodes: 1, array: 0, keys: 0, chars: 0 };

type AnySchema = v.GenericSchema & {
  type: string;
  pipe?: readonly { kind: string; type: string; requirement?: unknown }[];
  wrapped?: AnySchema;
  item?: AnySchema;
  items?: readonly AnySchema[];
  entries?: Record<string, AnySchema>;
  options?: readonly unknown[];
  literal?: unknown;
};

/** The largest value `schema` accepts, as a budget; pieces it leaves unbounded are listed. */
export function deriveBudget(schema: v.GenericSchema): DerivedBudget {
  const unbounded: string[] = [];
  const shape = shapeOf(schema as AnySchema, '$', unbounded, 0);
  return {
    budget: {
      maxDepth: shape.depth,
      maxNodes: shape.nodes,
      maxArrayLength: shape.array,
      maxKeys: shape.keys,
      maxStringChars: shape.chars,
    },
    unbounded,
  };
}

function actions(schema: AnySchema) {
  return (schema.pipe ?? []).filter((step) => step.kind === 'validation');
}

/** The smallest length bound among the schema's pipe actions (`max_length`, `length`, `max_bytes`, anchored regexes). */
function lengthBound(schema: AnySchema, allowRegex: boolean): number {
  let bound = Infinity;
  for (const step of actions(schema)) {
    if ((step.type === 'max_length' || step.type === 'length' || step.type === 'max_bytes') && typeof step.requirement === 'number') {
      // UTF-8 bytes ≥ UTF-16 code units, so max_bytes bounds the length too.
      bound = Math.min(bound, step.requirement);
    } else if (allowRegex && step.requirement instanceof RegExp) {
      bound = Math.min(bound, regexMaxLength(step.requirement));
    }
  }
  return bound;
}

function max(a: Shape, b: Shape): Shape {
  return {
    depth: Math.max(a.depth, b.depth),
    nodes: Math.max(a.nodes, b.nodes),
    array: Math.max(a.array, b.array),
    keys: Math.max(a.keys, b.keys),
    chars: Math.max(a.chars, b.chars),
  };
}

function shapeOf(schema: AnySchema, path: string, unbounded: string[], level: number): Shape {
  if (level > 64) {
    unbounded.push(`${path}: nested schemas deeper than 64`);
    return { depth: DEFAULT_LIMITS.depth, nodes: 1, array: 0, keys: 0, chars: 0 };
  }
  switch (schema.type) {
    case 'string': {
      let length = lengthBound(schema, true);
      if (!Number.isFinite(length)) {
        unbounded.push(`${path}: a string with no maxLength`);
        length = DEFAULT_LIMITS.string;
      }
      return { ...LEAF, chars: length };
    }
    case 'number':
    case 'boolean':
    case 'null':
    case 'undefined':
    case 'void':
    case 'nan':
    case 'bigint':
    case 'never':
      return LEAF;
    case 'literal':
      return { ...LEAF, chars: typeof schema.literal === 'string' ? schema.literal.length : 0 };
    case 'picklist':
    case 'enum':
      return {
        ...LEAF,
        chars: Math.max(0, ...(schema.options ?? []).map((option) => (typeof option === 'string' ? option.length : 0))),
      };
    case 'optional':
    case 'exact_optional':
    case 'undefinedable':
    case 'nullable':
    case 'nullish':
    case 'non_optional':
    case 'non_nullable':
    case 'non_nullish':
      return shapeOf(schema.wrapped as AnySchema, path, unbounded, level + 1);
    case 'array': {
      const item = shapeOf(schema.item as AnySchema, `${path}[]`, unbounded, level + 1);
      let length = lengthBound(schema, false);
      if (!Number.isFinite(length)) {
        unbounded.push(`${path}: an array with no maxLength`);
        length = DEFAULT_LIMITS.array;
      }
      return {
        depth: item.depth + 1,
        nodes: 1 + length * item.nodes,
        array: Math.max(length, item.array),
        keys: item.keys,
        chars: length * item.chars,
      };
    }
    case 'tuple':
    case 'strict_tuple': {
      const items = (schema.items ?? []).map((item, i) => shapeOf(item, `${path}[${i}]`, unbounded, level + 1));
      return sum(items, items.length, 0);
    }
    case 'strict_object':
    case 'object':
    case 'loose_object': {
      const entries = Object.entries(schema.entries ?? {});
      const shapes = entries.map(([key, entry]) => shapeOf(entry, `${path}.${key}`, unbounded, level + 1));
      const keyChars = entries.reduce((total, [key]) => total + key.length, 0);
      if (schema.type !== 'strict_object') {
        // Unknown keys are accepted (and dropped) here: their number has no bound.
        unbounded.push(`${path}: a ${schema.type} (unknown keys are not bounded; use v.strictObject)`);
        const loose = sum(shapes, DEFAULT_LIMITS.keys, keyChars);
        return { ...loose, nodes: loose.nodes + DEFAULT_LIMITS.keys, chars: loose.chars + DEFAULT_LIMITS.keys * 64 };
      }
      return sum(shapes, entries.length, keyChars);
    }
    case 'union':
    case 'variant': {
      const options = (schema.options ?? []) as AnySchema[];
      return options
        .map((option, i) => shapeOf(option, `${path}|${i}`, unbounded, level + 1))
        .reduce(max, { depth: 0, nodes: 1, array: 0, keys: 0, chars: 0 });
    }
    default:
      unbounded.push(`${path}: a ${schema.type} schema (no bound derived)`);
      return { depth: DEFAULT_LIMITS.depth, nodes: DEFAULT_LIMITS.array, array: DEFAULT_LIMITS.array, keys: DEFAULT_LIMITS.keys, chars: DEFAULT_LIMITS.string };
  }
}

/** A container of `shapes` (an object or a tuple). */
function sum(shapes: Shape[], keys: number, keyChars: number): Shape {
  return {
    depth: 1 + Math.max(0, ...shapes.map((s) => s.depth)),
    nodes: 1 + shapes.reduce((total, s) => total + s.nodes, 0),
    array: Math.max(0, ...shapes.map((s) => s.array)),
    keys: Math.max(keys, ...shapes.map((s) => s.keys)),
    chars: keyChars + shapes.reduce((total, s) => total + s.chars, 0),
  };
}

/**
 * The longest string an anchored regex (`^…$`, no top-level `|`) can match, in UTF-16
 * code units; Infinity when it cannot tell (`*`, `+`, `{n,}`, back-references, no anchors).
 * With the `u`/`v` flag every character class may match an astral character (2 units).
 */
export function regexMaxLength(regex: RegExp): number {
  const source = regex.source;
  if (!source.startsWith('^') || !source.endsWith('$') || source.endsWith('\\$')) return Infinity;
  const unit = regex.unicode || regex.flags.includes('v') ? 2 : 1;
  let i = 0;
  const alternation = (): number => {
    let best = sequence();
    while (source[i] === '|') {
      i++;
      best = Math.max(best, sequence());
    }
    return best;
  };
  const sequence = (): number => {
    let total = 0;
    while (i < source.length && source[i] !== '|' && source[i] !== ')') total += quantified(atom());
    return total;
  };
  const atom = (): number => {
    const c = source[i++];
    if (c === '^' || c === '$') return 0;
    if (c === '(') {
      if (source[i] === '?') {
        if (source[i + 1] === ':') i += 2;
        else if (source[i + 1] === '=' || source[i + 1] === '!') {
          i += 2;
          alternation();
          i++;
          return 0;
        } else return Infinity;
      }
      const inner = alternation();
      if (source[i] !== ')') return Infinity;
      i++;
      return inner;
    }
    if (c === '[') {
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
      return unit;
    }
    if (c === '\\') {
      const e = source[i++] ?? '';
      if (e === 'b' || e === 'B') return 0;
      if (/[1-9k]/.test(e)) return Infinity;
      if (e === 'u' && source[i] === '{') {
        while (i < source.length && source[i] !== '}') i++;
        i++;
        return 2;
      }
      if (e === 'u') i += 4;
      else if (e === 'x') i += 2;
      else if (e === 'p' || e === 'P') {
        while (i < source.length && source[i] !== '}') i++;
        i++;
      }
      return unit;
    }
    return c === '.' ? unit : c !== undefined && c.codePointAt(0)! > 0xffff ? 2 : unit;
  };
  const quantified = (length: number): number => {
    const q = source[i];
    let times = 1;
    if (q === '*' || q === '+') {
      i++;
      times = Infinity;
    } else if (q === '?') {
      i++;
    } else if (q === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (match) {
        i += match[0].length;
        times = match[2] === undefined ? Number(match[1]) : match[3] === '' ? Infinity : Number(match[3]);
      }
    }
    if (source[i] === '?' && times !== 1) i++;
    if (length === 0) return 0;
    return length * times;
  };
  const total = alternation();
  return i === source.length ? total : Infinity;
}

/**
 * Room above the contract's own limits before the walk refuses: a payload a little over
 * a limit reaches valibot, whose answer names the field ("name: Invalid length: Expected
 * <=40 but received 41"); only a payload far over it (twice the limit and more, or 4 levels
 * deeper) is refused here, unread. The work either way stays within a constant of the limit.
 */
export const allowed = (limit: number): number => limit * 2 + 16;
export const allowedDepth = (limit: number): number => limit + 4;

/** Why `payload` is far over `budget` (words for the reader, quoting the contract's limits), or null. */
export function checkBounds(payload: unknown, budget: Budget): string | null {
  const fmt = (n: number) => n.toLocaleString('en-US');
  const maxNodes = allowed(budget.maxNodes);
  const maxChars = allowed(budget.maxStringChars);
  const maxDepth = allowedDepth(budget.maxDepth);
  const tooManyValues = `the payload is too large (more than ${fmt(maxNodes)} values; at most ${fmt(budget.maxNodes)})`;
  const tooMuchText = `the payload is too large (more than ${fmt(maxChars)} characters of text; at most ${fmt(budget.maxStringChars)})`;
  let nodes = 0;
  let chars = 0;
  const walk = (value: unknown, depth: number): string | null => {
    if (++nodes > maxNodes) return tooManyValues;
    if (typeof value === 'string') {
      chars += value.length;
      if (chars > maxChars) {
        return value.length > maxChars
          ? `the payload is too large (a text of ${fmt(value.length)} characters; at most ${fmt(budget.maxStringChars)})`
          : tooMuchText;
      }
      return null;
    }
    if (typeof value !== 'object' || value === null) return null;
    if (depth + 1 > maxDepth) return `the payload is nested too deeply (more than ${fmt(maxDepth)} levels; at most ${fmt(budget.maxDepth)})`;
    const proto: unknown = Object.getPrototypeOf(value);
    if (Array.isArray(value)) {
      if (proto !== Array.prototype) return 'the payload is not plain data (an array with another prototype)';
      const length = value.length;
      if (length > allowed(budget.maxArrayLength)) {
        return `the payload is too large (${fmt(length)} items; at most ${fmt(budget.maxArrayLength)})`;
      }
      if (nodes + length > maxNodes) return tooManyValues;
      for (let index = 0; index < length; index++) {
        const descriptor = Object.getOwnPropertyDescriptor(value, index);
        if (descriptor && !('value' in descriptor)) return 'the payload is not plain data (it has a getter)';
        const problem = walk(descriptor?.value, depth + 1);
        if (problem) return problem;
      }
      return null;
    }
    if (proto !== Object.prototype && proto !== null) return 'the payload is not plain data (an object that is not a plain object)';
    const keys = Reflect.ownKeys(value);
    if (keys.length > allowed(budget.maxKeys)) {
      return `the payload is too large (an object with ${fmt(keys.length)} keys; at most ${fmt(budget.maxKeys)})`;
    }
    for (const key of keys) {
      if (typeof key !== 'string') return 'the payload is not plain data (a symbol key)';
      if (key === '__proto__') return 'the payload is not plain data (a key named "__proto__")';
      chars += key.length;
      if (chars > maxChars) return tooMuchText;
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (!descriptor || !('value' in descriptor)) return 'the payload is not plain data (it has a getter)';
      const problem = walk(descriptor.value, depth + 1);
      if (problem) return problem;
    }
    return null;
  };
  try {
    return walk(payload, 0);
  } catch {
    // A Proxy whose traps throw, or anything else that cannot be read as plain data.
    return 'the payload is not plain data (it could not be read)';
  }
}

const budgets = new Map<string, Budget>();

/** The budget of a contract channel (derived once, then cached). */
export function channelBudget(channel: keyof typeof channels): Budget {
  let budget = budgets.get(channel);
  if (!budget) {
    budget = deriveBudget(channels[channel].input).budget;
    budgets.set(channel, budget);
  }
  return budget;
}

/** The dispatcher's check before parsing: an `invalid-input` answer in words, or null. */
export function boundsError(channel: keyof typeof channels, payload: unknown): Result<never> | null {
  const problem = checkBounds(payload, channelBudget(channel));
  return problem === null ? null : err('invalid-input', `${channel}: ${problem}`);
}
