import { describe, expect, it } from 'vitest';
import { LatestRequest } from './latest-request';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (cause: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('LatestRequest', () => {
  it('hands on only the answer asked for last, whatever order they come back in', async () => {
    const latest = new LatestRequest();
    const seen: string[] = [];
    const first = deferred<string>();
    const second = deferred<string>();
    const on = { value: (v: string) => seen.push(v), error: () => seen.push('error'), settled: () => seen.push('settled') };
    const a = latest.run(() => first.promise, on);
    const b = latest.run(() => second.promise, on);
    second.resolve('second');
    await b;
    first.resolve('first');
    await a;
    expect(seen).toEqual(['second', 'settled']);
  });

  it('drops an answer (or a failure) asked for before cancel', async () => {
    const latest = new LatestRequest();
    const seen: string[] = [];
    const pending = deferred<string>();
    const run = latest.run(() => pending.promise, { value: (v) => seen.push(v), error: () => seen.push('error'), settled: () => seen.push('settled') });
    latest.cancel();
    pending.reject(new Error('late'));
    await run;
    expect(seen).toEqual([]);
  });

  it('reports a failure of the latest request, then settles', async () => {
    const latest = new LatestRequest();
    const seen: string[] = [];
    await latest.run(() => Promise.reject(new Error('no')), {
      value: () => seen.push('value'),
      error: (cause) => seen.push((cause as Error).message),
      settled: () => seen.push('settled'),
    });
    expect(seen).toEqual(['no', 'settled']);
  });
});
