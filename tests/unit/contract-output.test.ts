/**
 * The bridge's `output` schemas checked against what the real handlers answer
 * (ARCHITECTURE.md §5): every channel of common/ipc.ts is called through the real
 * dispatcher over real services on a temporary library, and its answer must be `ok`
 * and parse with the channel's `output` schema. The table names every channel: one
 * added to the contract without a case here fails to compile and fails below.
 */
import { join } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { describeIssues } from '../../common/result';
import { CHANNEL_NAMES, channels, type ChannelInput, type ChannelName } from '../../common/ipc';
import { targetFor } from './library/annotations-helpers';
import { freshDir } from './library/helpers';
import { markdownFile, realServices } from './real-services';

type Services = Awaited<ReturnType<typeof realServices>>;

/** Article `a` is `bundled('a')`: its text is this. */
const A_TEXT = 'The body of a.';

/** A live highlight on article `a`; its id. */
async function highlight({ annotations }: Services): Promise<string> {
  return (await annotations.create({ articleId: 'a', target: targetFor(A_TEXT, 'body'), color: 'green', note: 'n', tags: ['t'] })).id;
}

/** Each channel's payload; a case may prepare the library first (through the services or the dispatcher). */
const cases: { [C in ChannelName]: (services: Services) => Promise<ChannelInput<C>> } = {
  'library:list': async () => ({ sort: 'title', filter: 'all' }),
  'library:locate': async () => ({ sort: 'title', filter: 'all', titlePrefix: 'the' }),
  'article:get': async () => ({ id: 'a' }),
  'article:set-progress': async () => ({ id: 'a', progress: { fraction: 0.5, position: 4, within: 0.25 } }),
  'app:info': async () => undefined,
  'annotations:list': async (services) => {
    await highlight(services);
    await services.annotations.setArticleNote('a', 'About a.');
    return { articleId: 'a' };
  },
  'annotations:create': async () => ({ articleId: 'a', target: targetFor(A_TEXT, 'body'), color: 'yellow', note: 'Why?', tags: ['x'] }),
  'annotations:update': async (services) => ({ articleId: 'a', id: await highlight(services), patch: { color: 'pink' } }),
  'annotations:delete': async (services) => ({ articleId: 'a', id: await highlight(services) }),
  'annotations:restore': async (services) => {
    const id = await highlight(services);
    await services.annotations.delete({ articleId: 'a', id });
    return { articleId: 'a', id };
  },
  'annotations:set-article-note': async () => ({ articleId: 'a', note: 'The whole article.' }),
  'colors:get': async () => undefined,
  'colors:rename': async () => ({ color: 'yellow', name: 'Important' }),
  'settings:get': async () => undefined,
  'settings:update': async () => ({ reading: { theme: 'sepia', textSize: 22, justify: true }, listening: { rate: 1.5 } }),
  'search:query': async (services) => {
    await highlight(services);
    return { query: 'body' };
  },
  'export:preview': async (services) => {
    await highlight(services);
    return { articleId: 'a', format: 'html' };
  },
  'export:save': async (services) => {
    await highlight(services);
    services.dialogs.save = join(await freshDir(), 'notes.md');
    return { format: 'markdown', scope: { kind: 'article', articleId: 'a' } };
  },
  'export:cancel': async () => undefined,
  'notes:import': async (services) => {
    await highlight(services);
    const file = join(await freshDir(), 'notes.json');
    services.dialogs.save = file;
    const saved = await services.dispatch('export:save', { format: 'json', scope: { kind: 'library' } });
    expect(saved).toMatchObject({ ok: true, value: { saved: true } });
    services.dialogs.open = file;
    return undefined;
  },
  'library:add-url': async () => ({ url: 'https://news.example/a-saved-page' }),
  'library:add-files': async (services) => {
    const paths = [await markdownFile(await freshDir()), '/nowhere/report.pdf'];
    services.grant(paths); // as the preload does for a drop
    return { paths };
  },
  'library:choose-files': async (services) => {
    services.dialogs.files = [await markdownFile(await freshDir())];
    return undefined;
  },
  'library:cancel-import': async () => undefined,
  'article:delete': async () => ({ id: 'a' }),
  'article:restore': async ({ library }) => {
    await library.trash('a');
    return { id: 'a' };
  },
  'trash:list': async ({ library }) => {
    await library.trash('a');
    return undefined;
  },
  'trash:empty': async ({ library }) => {
    await library.trash('a');
    return undefined;
  },
  'article:set-read': async () => ({ id: 'a', read: true }),
  'article:set-tags': async () => ({ id: 'a', tags: ['later', 'work'] }),
  'drafts:put': async () => ({ articleId: 'a', target: 'article', text: 'Typed, not saved yet.' }),
  'drafts:list': async (services) => {
    const put = await services.dispatch('drafts:put', { articleId: 'a', target: 'article', text: 'Typed, not saved yet.' });
    expect(put).toEqual({ ok: true, value: null });
    return { articleId: 'a' };
  },
  'app:flushed': async () => ({ request: 1 }),
};

describe('the output schemas of common/ipc.ts', () => {
  it('has a case for every channel, and no other', () => {
    expect(Object.keys(cases).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('bites: a storage record where the contract wants a view object fails', async () => {
    const services = await realServices();
    const answer = await services.dispatch('article:set-read', { id: 'a', read: true });
    const record = { ...(answer.ok ? (answer.value as object) : {}), contentHash: '0'.repeat(64) };
    const parsed = v.safeParse(channels['article:set-read'].output, record);
    expect(parsed.success ? 'matches' : describeIssues(parsed.issues)).toBe('contentHash: Invalid key: Expected never but received "contentHash"');
  });

  it.each(CHANNEL_NAMES)('%s answers what its output schema says', async (channel) => {
    const services = await realServices();
    const payload = await (cases[channel] as (services: Services) => Promise<unknown>)(services);
    const answer = await services.dispatch(channel, payload);
    if (!answer.ok) throw new Error(`${channel} answered ${answer.error.code}: ${answer.error.message}`);
    const parsed = v.safeParse(channels[channel].output, answer.value);
    expect(parsed.success ? 'matches' : describeIssues(parsed.issues)).toBe('matches');
    // Background writes (a coalesced drafts.json) land before the library folder is removed.
    await services.settle();
  });
});
