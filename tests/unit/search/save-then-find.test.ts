/**
 * An article is found as soon as its save is reported: the save channels index it
 * before they answer (SearchService.indexNow), and while a coalesced refresh (an
 * annotation change) is not applied yet the answer says `indexing`, never `ready`.
 * Each check runs many times in a row, asking at once, with nothing awaited between.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { SearchAnswer } from '../../../common/search';
import { realServices } from '../real-services';
import { addArticle, freshDir, search, startService, storyLibrary } from './helpers';

const ROUNDS = 25;
/** A made-up word no article has, different each round (letters only: digits would be words of their own). */
const word = (round: number) => `zq${[...String(round)].map((d) => 'abcdefghij'[Number(d)]).join('')}vonk`;
const ok = <T>(answer: { ok: boolean; value?: unknown }) => {
  expect(answer.ok).toBe(true);
  return answer.value as T;
};
const ids = (answer: SearchAnswer) => answer.results.map((r) => r.articleId);

describe('through the real dispatcher', () => {
  test('a file added is found by the first query after its save is answered, every time', async () => {
    const services = await realServices();
    const files = await freshDir();
    for (let round = 0; round < ROUNDS; round++) {
      const path = join(files, `note-${round}.md`);
      await writeFile(path, `# Note ${round}\n\n${'Plain words of a note added from a file. '.repeat(6)}The ${word(round)} is here.\n`);
      services.grant([path]);
      const report = ok<{ added: { id: string }[] }>(await services.dispatch('library:add-files', { paths: [path] }));
      const answer = ok<SearchAnswer>(await services.dispatch('search:query', { query: word(round) }));
      expect(ids(answer)).toEqual([report.added[0]!.id]);
    }
  });

  test('an article restored from the trash, and a tag just set, are found at once, every time', async () => {
    const services = await realServices();
    for (let round = 0; round < ROUNDS; round++) {
      ok(await services.dispatch('article:delete', { id: 'a' }));
      expect(ids(ok(await services.dispatch('search:query', { query: 'Title of a' })))).not.toContain('a');
      ok(await services.dispatch('article:restore', { id: 'a' }));
      const tag = word(round);
      expect(ids(ok(await services.dispatch('search:query', { query: 'Title of a' })))).toContain('a');
      ok(await services.dispatch('article:set-tags', { id: 'a', tags: [tag] }));
      expect(ids(ok(await services.dispatch('search:query', { query: tag })))).toEqual(['a']);
    }
  });
});

describe('the search service', () => {
  test('indexNow resolves once the article is found', async () => {
    const dir = await storyLibrary();
    const { service } = await startService(dir, { refreshDelayMs: 250 });
    await service.whenReady();
    for (let round = 0; round < ROUNDS; round++) {
      await addArticle(dir, { id: `n${round}`, body: `A short article with the word ${word(round)} in it.` });
      await service.indexNow([`n${round}`]);
      const answer = await search(service, word(round));
      expect(ids(answer)).toEqual([`n${round}`]);
      expect(answer.state).toBe('ready');
    }
  });

  test('indexNow during the start-up index does not wait for all of it', async () => {
    const dir = await storyLibrary();
    for (let i = 0; i < 300; i++) await addArticle(dir, { id: `bulk${i}`, body: `Bulk article number ${i}. `.repeat(40) });
    const { service } = await startService(dir);
    await addArticle(dir, { id: 'fresh', body: `The ${word(1)} just saved.` });
    await service.indexNow(['fresh']);
    const answer = await search(service, word(1));
    expect(ids(answer)).toEqual(['fresh']);
    // Saved first, ahead of the start-up sync: most of the library may still be indexing.
    if (answer.state === 'indexing') expect(answer.progress!.done).toBeLessThan(answer.progress!.total);
    await service.whenReady();
  });

  test('while a coalesced refresh is not applied, answers say indexing (never ready without the change)', async () => {
    const dir = await storyLibrary();
    const { service } = await startService(dir, { refreshDelayMs: 100 });
    await addArticle(dir, { id: 'x', body: 'Nothing special yet.' });
    await service.indexNow(['x']);
    let sawIndexing = false;
    for (let round = 0; round < ROUNDS; round++) {
      await addArticle(dir, { id: 'x', body: `Now with ${word(round)}.` });
      const refreshed = service.refreshArticle('x');
      const answer = await search(service, word(round));
      if (answer.state === 'ready') expect(ids(answer)).toEqual(['x']);
      else sawIndexing = true;
      await refreshed;
      const after = await search(service, word(round));
      expect([after.state, ids(after)]).toEqual(['ready', ['x']]);
    }
    // With a 100 ms delay the first answers come before the refresh: the check above was exercised.
    expect(sawIndexing).toBe(true);
  });
});
