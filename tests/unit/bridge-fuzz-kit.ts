/**
 * The bridge fuzzer's parts, shared by tests/unit/bridge-fuzz.test.ts (in `npm test`) and
 * tests/stress/bridge-fuzz.stress.test.ts (`npm run stress`): fast-check arbitraries
 * derived from a channel's valibot input schema (valid and near-valid values), hostile
 * shapes (huge arrays, deep nesting, prototype keys, wrong types, lone surrogates, huge
 * strings, NaN/±Infinity/-0), and the run that dispatches each payload to the real
 * dispatcher over real services, checking the invariants (ARCHITECTURE.md §5, §7).
 */
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import * as v from 'valibot';
import { CHANNEL_NAMES, channels, type ChannelName } from '../../common/ipc';
import { ERROR_CODES } from '../../common/result';
import { checkBounds, channelBudget } from '../../main/bridge-bounds';
import type { Dispatch } from '../../main/handlers';

type AnySchema = v.GenericSchema & {
  type: string;
  pipe?: readonly { kind: string; type: string; requirement?: unknown }[];
  wrapped?: AnySchema;
  item?: AnySchema;
  entries?: Record<string, AnySchema>;
  options?: readonly unknown[];
  literal?: unknown;
};

/** Plausible strings for fields whose rules a generator cannot read (a `v.check`): each is used only where the schema accepts it. */
export interface Corpus {
  strings: string[];
}

const validation = (schema: AnySchema, type: string) =>
  (schema.pipe ?? []).find((step) => step.kind === 'validation' && step.type === type)?.requirement;

/** Values the schema accepts (mostly) — a converter for the schema kinds the contract uses. */
export function arbitraryFor(schema: v.GenericSchema, corpus: Corpus): fc.Arbitrary<unknown> {
  const s = schema as AnySchema;
  switch (s.type) {
    case 'string': {
      const max = (validation(s, 'max_length') as number | undefined) ?? 200;
      const min = (validation(s, 'min_length') as number | undefined) ?? 0;
      const regex = (s.pipe ?? []).find((step) => step.requirement instanceof RegExp)?.requirement as RegExp | undefined;
      const known = corpus.strings.filter((text) => v.is(schema, text));
      const generated = (s.pipe ?? []).some((step) => step.type === 'uuid')
        ? fc.uuid()
        : regex
        ? fc.stringMatching(new RegExp(regex.source, regex.flags.replace(/[iu]/g, ''))).filter((text) => text.length <= max)
        : fc.oneof(
            fc.string({ minLength: min, maxLength: Math.max(min, Math.min(max, 80)) }),
            fc.string({ minLength: min, maxLength: Math.max(min, Math.min(max, 80)), unit: 'grapheme' }),
            fc.string({ minLength: min, maxLength: Math.max(min, Math.min(max, 80)), unit: 'binary' }),
          );
      return known.length > 0 ? fc.oneof(generated, fc.constantFrom(...known)) : generated;
    }
    case 'number': {
      const min = validation(s, 'min_value') as number | undefined;
      const max = validation(s, 'max_value') as number | undefined;
      if (validation(s, 'integer') !== undefined || (s.pipe ?? []).some((step) => step.type === 'integer')) {
        return fc.integer({ min: min ?? -1e6, max: max ?? 1e6 });
      }
      return fc.double({ min: min ?? -1e6, max: max ?? 1e6, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'undefined':
      return fc.constant(undefined);
    case 'literal':
      return fc.constant(s.literal);
    case 'picklist':
      return fc.constantFrom(...(s.options as unknown[]));
    case 'optional':
      return fc.option(arbitraryFor(s.wrapped!, corpus), { nil: undefined });
    case 'nullable':
      return fc.option(arbitraryFor(s.wrapped!, corpus), { nil: null });
    case 'nullish':
      return fc.oneof(fc.constant(null), fc.constant(undefined), arbitraryFor(s.wrapped!, corpus));
    case 'array': {
      const max = (validation(s, 'max_length') as number | undefined) ?? 8;
      const min = (validation(s, 'min_length') as number | undefined) ?? 0;
      return fc.array(arbitraryFor(s.item!, corpus), { minLength: min, maxLength: Math.max(min, Math.min(max, 8)) });
    }
    case 'strict_object':
    case 'object':
    case 'loose_object': {
      const entries = Object.entries(s.entries ?? {});
      const required = entries.filter(([, e]) => !['optional', 'exact_optional', 'nullish'].includes((e as AnySchema).type)).map(([k]) => k);
      return fc.record(Object.fromEntries(entries.map(([key, entry]) => [key, arbitraryFor(entry, corpus)])), {
        requiredKeys: required,
      });
    }
    case 'union':
    case 'variant':
      return fc.oneof(...(s.options as v.GenericSchema[]).map((option) => arbitraryFor(option, corpus)));
    default:
      throw new Error(`bridge fuzz: no arbitrary for a "${s.type}" schema — add one to tests/unit/bridge-fuzz-kit.ts`);
  }
}

// ------------------------------------------------------------------ hostile shapes

/** Big hostile values are built once and shared (building a million items per payload would time the generator, not main). */
function buildPool() {
  let deep: unknown = 'bottom';
  for (let i = 0; i < 100_000; i++) deep = [deep];
  let deepObject: unknown = {};
  for (let i = 0; i < 10_000; i++) deepObject = { id: deepObject };
  const wide: Record<string, number> = {};
  for (let i = 0; i < 10_000; i++) wide[`key${i}`] = i;
  const withProto = JSON.parse('{"__proto__": {"polluted": true}, "id": "a"}') as unknown;
  return {
    'a million tags': new Array<string>(1_000_000).fill('tag'),
    'a million paths': new Array<string>(1_000_000).fill('/home/reader/a.md'),
    'a sparse array of length 2^32-1': new Array<unknown>(2 ** 32 - 1),
    '100,000 objects': Array.from({ length: 100_000 }, () => ({ id: 'a' })),
    'a 10 MB string': 'x'.repeat(10 * 1024 * 1024),
    'a 2 MB string of lone surrogates': '\uD800'.repeat(2 * 1024 * 1024),
    '100,000 nested arrays': deep,
    '10,000 nested objects': deepObject,
    'an object with 10,000 keys': wide,
    'an own __proto__ key': withProto,
  } as const;
}
let pool: ReturnType<typeof buildPool> | undefined;
export const hostilePool = () => (pool ??= buildPool());

/** A small value of the wrong kind, or an odd one of the right kind. */
export const oddLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53 + 1, -1, 0, 1e21),
  fc.constantFrom('\uD800', 'a\uDFFFb', '\uDBFF\uDBFF', '\u0000', '\u202Etxt.exe', ' ', '', '../../etc/passwd', '/etc/passwd', 'C:\\Windows\\win.ini', '\\\\server\\share\\x.md'),
  fc.constantFrom(null, undefined, true, false, [], {}, [[]], { constructor: { prototype: { polluted: true } } }, { prototype: 1 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
  fc.double(),
);

/** A whole payload that is hostile in itself. */
export const hostilePayload: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true, withBigInt: true, withObjectString: true, maxDepth: 4 }) },
  { weight: 2, arbitrary: oddLeaf },
  { weight: 2, arbitrary: fc.constantFrom(...(Object.keys(hostilePool()) as (keyof ReturnType<typeof buildPool>)[])).map((name) => hostilePool()[name]) },
);

/** Paths of every value inside `value` (objects and arrays walked; at most depth 6). */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (prefix.length >= 6 || typeof value !== 'object' || value === null) return out;
  for (const key of Object.keys(value)) paths((value as Record<string, unknown>)[key], [...prefix, Array.isArray(value) ? Number(key) : key], out);
  return out;
}

function replaceAt(value: unknown, path: (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head!] = replaceAt((value as Record<string | number, unknown>)[head!], rest, leaf);
  return copy;
}

/** A valid value with one thing wrong: a field replaced (odd leaf or pool giant), an extra (or prototype) key added, a key removed. */
export function nearValid(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const poolNames = Object.keys(hostilePool()) as (keyof ReturnType<typeof buildPool>)[];
  const leaf = fc.oneof({ weight: 4, arbitrary: oddLeaf }, { weight: 1, arbitrary: fc.constantFrom(...poolNames).map((n) => hostilePool()[n]) });
  return fc.oneof(
    fc.tuple(valid, leaf, fc.nat()).map(([value, replacement, pick]) => {
      const all = paths(value);
      return replaceAt(value, all[pick % all.length]!, replacement);
    }),
    fc.tuple(valid, fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'toString'), oddLeaf).map(([value, key, extra]) => {
      if (typeof value !== 'object' || value === null) return { [key]: extra };
      const copy = Array.isArray(value) ? [...value] : { ...value };
      // defineProperty, so "__proto__" is an own key (as JSON.parse or a structured clone makes it), not the prototype.
      Object.defineProperty(copy, key, { value: extra, enumerable: true, writable: true, configurable: true });
      return copy;
    }),
    fc.tuple(valid, fc.nat()).map(([value, pick]) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
      const keys = Object.keys(value);
      if (keys.length === 0) return value;
      const drop = keys[pick % keys.length];
      const copy = Object.fromEntries(Object.entries(value).filter(([key]) => key !== drop));
      return copy;
    }),
  );
}

/** Payloads for one channel: valid-ish, near-valid and hostile, in about equal parts. */
export function payloadsFor(channel: ChannelName, corpus: Corpus): fc.Arbitrary<unknown> {
  const valid = arbitraryFor(channels[channel].input, corpus);
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 4, arbitrary: nearValid(valid) }, { weight: 3, arbitrary: hostilePayload });
}

// ------------------------------------------------------------------ the run

/**
 * SHA-256 of every file under `dir` (path and bytes), except `.index/`: the search
 * index is a cache its worker rewrites in the background after earlier valid calls
 * (ARCHITECTURE.md §3), so it is not "the library's bytes".
 */
export async function hashTree(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (folder: string, rel: string): Promise<void> => {
    const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      const relative = rel ? `${rel}/${entry.name}` : entry.name;
      if (relative === '.index') continue;
      if (entry.isDirectory()) {
        hash.update(`d:${relative}\n`);
        await walk(path, relative);
      } else {
        hash.update(`f:${relative}\n`);
        hash.update(await readFile(path));
      }
    }
  };
  await walk(dir, '');
  return hash.digest('hex');
}

export interface FuzzReport {
  channels: number;
  payloads: number;
  valid: number;
  invalid: number;
  /** Answers by error code ('ok' for successes). */
  answers: Record<string, number>;
  /** The longest synchronous stretch of one dispatch call, ms, and its channel. */
  slowest: { ms: number; channel: string; what: string };
  /** The longest wall time of a synchronous stretch (includes time the OS gave other processes). */
  slowestWallMs: number;
  /** Calls over the limit once, measured again (the least of three kept). */
  remeasured: number;
  /** Wall time per channel, ms (generation, dispatch and hashing). */
  perChannelMs: Record<string, number>;
  problems: string[];
}

/** Is `payload` one the contract accepts? (Over the budget is never valid; otherwise valibot says.) */
function isValid(channel: ChannelName, payload: unknown): boolean {
  if (checkBounds(payload, channelBudget(channel)) !== null) return false;
  return v.safeParse(channels[channel].input, payload).success;
}

const describe = (payload: unknown): string => {
  for (const [name, giant] of Object.entries(hostilePool())) if (payload === giant) return name;
  try {
    const text = JSON.stringify(payload, (_k, value: unknown) =>
      typeof value === 'bigint' ? `${value}n` : typeof value === 'string' && value.length > 60 ? `${value.slice(0, 60)}…(${value.length})` : value,
    );
    return text === undefined ? String(payload) : text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return Object.prototype.toString.call(payload);
  }
};

/**
 * Dispatches `perChannel` generated payloads on every contract channel and checks:
 * every call answers a Result (never throws, never rejects, a known error code, words);
 * invalid payloads leave the library's bytes unchanged (the tree is hashed before and
 * after each run of up to `chunk` invalid payloads; a channel's invalid payloads run
 * before its valid ones); no call holds the thread longer than `maxSyncMs` — measured over
 * the synchronous part of the dispatch call (everything up to its first `await`, which for
 * an invalid payload is all of its work: bounds, parse and answer), as the lesser of wall
 * and process CPU time; a call over the limit is measured twice more and the least kept.
 */
export async function fuzzBridge(options: {
  dispatch: Dispatch;
  dir: string;
  corpus: Corpus;
  perChannel: number;
  seed: number;
  maxSyncMs: number;
  chunk?: number;
  only?: readonly ChannelName[];
  /** Waits for writes earlier valid calls started in the background (coalesced drafts), before each snapshot. */
  settle?: () => Promise<void>;
}): Promise<FuzzReport> {
  const { dispatch, dir, corpus, perChannel, seed, maxSyncMs } = options;
  const chunk = options.chunk ?? 100;
  const report: FuzzReport = { channels: 0, payloads: 0, valid: 0, invalid: 0, answers: {}, slowest: { ms: 0, channel: '', what: '' }, perChannelMs: {}, slowestWallMs: 0, remeasured: 0, problems: [] };
  const run = async (channel: ChannelName, payload: unknown, invalid: boolean) => {
    report.payloads++;
    let answer: unknown;
    // The main thread's busy time during the synchronous part of the call is at most
    // the wall time and at most the process's CPU time (main + workers + GC threads), so
    // the lesser of the two bounds it from above without counting the time the OS ran
    // other processes on these 2 shared cores (wall time alone would).
    const measure = (): { pending: Promise<unknown>; ms: number; wallMs: number } => {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const pending = dispatch(channel, payload);
      const wallMs = performance.now() - started;
      const used = process.cpuUsage(cpu);
      return { pending, wallMs, ms: Math.min(wallMs, (used.user + used.system) / 1000) };
    };
    let first: ReturnType<typeof measure>;
    try {
      first = measure();
    } catch (error) {
      report.problems.push(`${channel}: dispatch threw ${String(error)} for ${describe(payload)}`);
      return;
    }
    const pending = first.pending;
    let syncMs = first.ms;
    report.slowestWallMs = Math.max(report.slowestWallMs, first.wallMs);
    if (syncMs > maxSyncMs) {
      // Over the limit: measure the same payload twice more and keep the least. A cost of
      // the payload shows every time; a GC pause does not. Counted in `remeasured`.
      report.remeasured++;
      for (let again = 0; again < 2 && syncMs > maxSyncMs; again++) {
        const repeat = measure();
        syncMs = Math.min(syncMs, repeat.ms);
        await repeat.pending.catch(() => undefined);
      }
    }
    if (syncMs > report.slowest.ms) report.slowest = { ms: syncMs, channel, what: describe(payload) };
    if (syncMs > maxSyncMs) report.problems.push(`${channel}: held the thread ${syncMs.toFixed(1)} ms for ${describe(payload)}`);
    try {
      answer = await pending;
    } catch (error) {
      report.problems.push(`${channel}: dispatch rejected ${String(error)} for ${describe(payload)}`);
      return;
    }
    const result = answer as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
    if (typeof answer !== 'object' || answer === null || typeof result.ok !== 'boolean') {
      report.problems.push(`${channel}: answered ${describe(answer)} (not a Result) for ${describe(payload)}`);
      return;
    }
    if (invalid && (result.ok || result.error?.code !== 'invalid-input')) {
      report.problems.push(`${channel}: answered ${describe(answer)} to an invalid payload ${describe(payload)}`);
    }
    if (result.ok) {
      report.answers['ok'] = (report.answers['ok'] ?? 0) + 1;
      const output = v.safeParse(channels[channel].output, result.value);
      if (!output.success) report.problems.push(`${channel}: answered off the contract for ${describe(payload)}`);
      return;
    }
    const code = result.error?.code;
    const message = result.error?.message;
    report.answers[String(code)] = (report.answers[String(code)] ?? 0) + 1;
    if (!(ERROR_CODES as readonly unknown[]).includes(code) || typeof message !== 'string' || message.length === 0) {
      report.problems.push(`${channel}: answered ${describe(answer)} for ${describe(payload)}`);
    }
    if (code === 'internal') report.problems.push(`${channel}: internal error "${String(message)}" for ${describe(payload)}`);
  };

  const names = options.only ?? CHANNEL_NAMES;
  for (const [index, channel] of names.entries()) {
    report.channels++;
    const channelStarted = performance.now();
    const payloads = fc.sample(payloadsFor(channel, corpus), { numRuns: perChannel, seed: seed + index });
    const invalid = payloads.filter((payload) => !isValid(channel, payload));
    const valid = payloads.filter((payload) => isValid(channel, payload));
    report.invalid += invalid.length;
    report.valid += valid.length;
    for (let start = 0; start < invalid.length; start += chunk) {
      await options.settle?.();
      const before = await hashTree(dir);
      for (const payload of invalid.slice(start, start + chunk)) await run(channel, payload, true);
      const after = await hashTree(dir);
      if (after !== before) report.problems.push(`${channel}: invalid payloads changed the library's bytes (payloads ${start}–${start + chunk})`);
    }
    for (const payload of valid) await run(channel, payload, false);
    report.perChannelMs[channel] = Math.round(performance.now() - channelStarted);
  }
  return report;
}
