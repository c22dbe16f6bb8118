/**
 * The hostile corpus (tests/fixtures/hostile, at least 40 documents) saved through the
 * URL path and the file path: the saved content.html keeps nothing that could run,
 * load, navigate, submit or clobber. See tests/fixtures/hostile/README.md.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportService } from '../../../main/saving';
import { sanitizeArticleHtml } from '../../../main/library/sanitize';
import { problemsIn } from './hostile-checks';
import { freshLibrary, saved } from './helpers';
import { HOSTILE, startServer, type TestServer } from './server';

const documents = (await readdir(HOSTILE)).filter((name) => name.endsWith('.html')).sort();

let server: TestServer;
const requested: string[] = [];

/** Real fetch for the loopback server; every other host is "not found" (and logged). */
const fetchLoopbackOnly = async (input: string, init: RequestInit): Promise<Response> => {
  requested.push(input);
  if (new URL(input).hostname === '127.0.0.1') return fetch(input, init);
  throw new TypeError('fetch failed', { cause: Object.assign(new Error(`getaddrinfo ENOTFOUND`), { code: 'ENOTFOUND' }) });
};

/**
 * Every name is "public" (an address nothing here connects to: the fetch above answers
 * only the loopback server), so hostile images reach the fetch and are logged rather
 * than stopped by the address check (main/saving/addresses.ts, tested on its own).
 */
const resolvePublic = async () => ['93.184.216.34'];

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

async function expectClean(dir: string, id: string): Promise<void> {
  const { html, text } = await saved(dir, id);
  expect(problemsIn(html, id)).toStrictEqual([]);
  // Nothing changes when it is sanitized again: no markup that mutates on re-parsing.
  expect(await sanitizeArticleHtml(html, { images: 'assets' })).toBe(html);
  // The article itself survived (where a payload swallows the rest of the page, as
  // unclosed raw-text elements do in every HTML parser, only its first paragraph).
  expect(text).toContain('The city council met on Monday evening');
}

describe('the hostile corpus', () => {
  it('has at least 40 documents, each listed in the README', async () => {
    expect(documents.length).toBeGreaterThanOrEqual(40);
    const readme = await readFile(join(HOSTILE, 'README.md'), 'utf8');
    for (const name of documents) expect(readme).toContain(`| \`${name}\` |`);
  });

  it.each(documents)('the checks catch the attack in %s as written', async (name) => {
    const raw = await readFile(join(HOSTILE, name), 'utf8');
    const body = raw.slice(raw.indexOf('<article>') + '<article>'.length, raw.lastIndexOf('</article>'));
    expect(problemsIn(body, 'any-article').length).toBeGreaterThan(0);
  });

  it.each(documents)('saved from a URL, %s keeps nothing hostile', async (name) => {
    const { dir } = await freshLibrary();
    const service = new ImportService(dir, { fetch: fetchLoopbackOnly, resolveHost: resolvePublic, limits: { imageTimeoutMs: 2000 } });
    const { id } = await service.addUrl(`${server.origin}/hostile/${name}`);
    await expectClean(dir, id);
  });

  it('saved from files, every document keeps nothing hostile', async () => {
    const { dir } = await freshLibrary();
    const result = await new ImportService(dir, { fetch: fetchLoopbackOnly }).addFiles(
      documents.map((name) => join(HOSTILE, name)),
    );
    expect(result.refused).toStrictEqual([]);
    expect(result.added).toHaveLength(documents.length);
    for (const { id } of result.added) await expectClean(dir, id);
  });

  it('never fetched anything but images: no script, style, frame, form, refresh or base target', () => {
    const foreign = requested.filter((url) => !url.startsWith(server.origin));
    expect(foreign.filter((url) => url.includes('NOFETCH'))).toStrictEqual([]);
    expect(foreign.every((url) => /^https:\/\/attacker\.invalid\/img-[a-z-]+\.png$/.test(url))).toBe(true);
    // Every loopback request was a hostile document itself: nothing else on the server was asked for.
    expect(requested.filter((url) => url.startsWith(server.origin)).every((url) => url.includes('/hostile/'))).toBe(true);
  });
});
