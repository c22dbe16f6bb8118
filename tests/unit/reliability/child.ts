/**
 * The child process of the reliability tests (bundled by harness.ts, run with the
 * parent's Node as its own OS process). It opens a library through the public API
 * and writes to it until it is killed or done, reporting on stdout, one JSON line
 * each. A write starts only once its announcement has reached the pipe (stdout to a
 * pipe is asynchronous on POSIX: a line still in the process's buffer dies with it),
 * so the parent knows of every write that can have landed:
 *
 * - `{ t: 'ready' }` once the library is open and warm;
 * - `{ t: 'i', s, op, keys }` before a write starts: its sequence number and every
 *   key it sets with the value it sets it to (ARCHITECTURE.md §3's files, as
 *   harness.ts reads them back);
 * - `{ t: 'a', s, id? }` only after that write's promise resolved (a create names
 *   the new highlight's id);
 * - `{ t: 'refused', code, message }` (mode `creates`) when a write is refused
 *   because another process holds the library (code `read-only`);
 * - `{ t: 'error', s?, code, message }` when a write failed: the parent fails the test;
 * - `{ t: 'done', acks }` (mode `creates`, or mode `mix` with an op limit).
 *
 * Modes: `mix` runs lanes of a seeded random mix of every kind of write (at most one
 * write in flight per key, article-wide operations exclusive per article); `creates`
 * makes `count` highlight creates, one after the other.
 */
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { AnnotationStore, Library, SettingsStore, articleText } from '../../../main/library';
import { ArticleStaging, replaceArticleContent, saveNewArticle, type ArticleDraft } from '../../../main/library/staging';
import { HIGHLIGHT_COLORS, type HighlightColor } from '../../../common/colors';
import type { ReadingProgress } from '../../../common/model';
import { BUNDLED, draftHtml, highlightValue, random, type ChildConfig, type HighlightValue } from './model';

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;

function send(line: object): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** Send `line` and resolve once it is handed to the operating system. */
function announce(line: object): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(`${JSON.stringify(line)}\n`, (error) => (error ? reject(error) : resolve()));
  });
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unknown';
}
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The second opener of a locked library is refused with this code (ARCHITECTURE.md §3). */
const REFUSED = 'read-only';

async function openLibrary(): Promise<Library | undefined> {
  try {
    return await Library.open(config.dir, { bundled: BUNDLED });
  } catch (error) {
    if (codeOf(error) === REFUSED) {
      send({ t: 'refused', code: codeOf(error), message: messageOf(error) });
      return undefined;
    }
    throw error;
  }
}

// ------------------------------------------------------------------ mode: creates

async function creates(): Promise<void> {
  const library = await openLibrary();
  if (!library) return;
  const store = new AnnotationStore(config.dir);
  const id = config.articleId!;
  const text = await articleText(config.dir, id);
  send({ t: 'ready' });
  if (config.waitForGo) await waitForLine('go');
  const rng = random(config.seed);
  let acks = 0;
  for (let n = 0; n < (config.count ?? 0); n++) {
    const start = Math.floor(rng() * (text.length - 8));
    const end = start + 1 + Math.floor(rng() * 7);
    const note = `${config.name ?? 'c'}-${n}`;
    await announce({ t: 'i', s: n, op: 'create', keys: {} });
    try {
      const made = await store.create({
        articleId: id,
        target: {
          quote: { type: 'TextQuoteSelector', exact: text.slice(start, end), prefix: '', suffix: '' },
          position: { type: 'TextPositionSelector', start, end },
        },
        color: 'yellow',
        note,
        tags: [],
      });
      acks++;
      send({ t: 'a', s: n, id: made.id, note });
    } catch (error) {
      if (codeOf(error) === REFUSED) {
        send({ t: 'refused', s: n, code: codeOf(error), message: messageOf(error) });
        break;
      }
      send({ t: 'error', s: n, code: codeOf(error), message: messageOf(error) });
      break;
    }
  }
  send({ t: 'done', acks });
}

function waitForLine(want: string): Promise<void> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin });
    lines.on('line', (line) => {
      if (line.trim() === want) {
        lines.close();
        process.stdin.destroy();
        resolve();
      }
    });
  });
}

// ------------------------------------------------------------------ mode: mix

interface ArticleState {
  loc: 'live' | 'trash';
  text: string;
  progress: ReadingProgress | null;
  note: string | null;
  highlights: Map<string, HighlightValue>;
}

async function mix(): Promise<void> {
  const library = await openLibrary();
  if (!library) return;
  const store = new AnnotationStore(config.dir);
  const settings = new SettingsStore(config.dir);
  const rng = random(config.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

  const articles = new Map<string, ArticleState>();
  for (const summary of (await library.list()).articles) {
    const listed = await store.list(summary.id);
    const highlights = new Map<string, HighlightValue>();
    for (const h of listed.highlights) highlights.set(h.id, highlightValue(h.note, h.color, h.tags, false));
    articles.set(summary.id, {
      loc: 'live',
      text: await articleText(config.dir, summary.id),
      progress: summary.progress,
      note: listed.articleNote?.note ?? null,
      highlights,
    });
  }
  for (const trashed of await library.listTrash()) {
    articles.set(trashed.id, { loc: 'trash', text: '', progress: null, note: null, highlights: new Map() });
  }
  const colors = await settings.get();
  send({ t: 'ready' });

  // At most one write in flight per key; article-wide writes (save, replace, trash,
  // restore) hold their article alone.
  const busy = new Set<string>();
  const shared = new Map<string, number>();
  const exclusive = new Set<string>();
  let seq = 0;
  let ops = 0;
  let saved = 0;

  async function write<T>(op: string, keys: Record<string, unknown>, run: () => Promise<T>, id?: (r: T) => string): Promise<T> {
    const s = seq++;
    await announce({ t: 'i', s, op, keys });
    let result: T;
    try {
      result = await run();
    } catch (error) {
      send({ t: 'error', s, op, code: codeOf(error), message: messageOf(error) });
      throw error;
    }
    send(id ? { t: 'a', s, id: id(result) } : { t: 'a', s });
    ops++;
    return result;
  }

  /** Run `task` holding the article shared and `key` alone; false when either is taken. */
  async function withKey(articleId: string, key: string, task: () => Promise<void>): Promise<boolean> {
    if (exclusive.has(articleId) || busy.has(key)) return false;
    busy.add(key);
    shared.set(articleId, (shared.get(articleId) ?? 0) + 1);
    try {
      await task();
    } finally {
      busy.delete(key);
      shared.set(articleId, (shared.get(articleId) ?? 1) - 1);
    }
    return true;
  }

  async function withArticle(articleId: string, task: () => Promise<void>): Promise<boolean> {
    if (exclusive.has(articleId) || (shared.get(articleId) ?? 0) > 0) return false;
    exclusive.add(articleId);
    try {
      await task();
    } finally {
      exclusive.delete(articleId);
    }
    return true;
  }

  const live = () => [...articles].filter(([, a]) => a.loc === 'live');
  const trashed = () => [...articles].filter(([, a]) => a.loc === 'trash');
  const word = () => pick(['a', 'b', 'c', ' ', 'é', '字', '\n', 'z', 'q', '😀']);

  /** Delete (or undelete) a highlight that is live (or deleted): the model changes once the store acknowledged. */
  async function setDeleted(deleted: boolean): Promise<boolean> {
    const candidates = live().flatMap(([id, a]) => [...a.highlights].filter(([, h]) => Boolean(h.deleted) !== deleted).map(([hid]) => [id, hid] as const));
    if (candidates.length === 0) return false;
    const [articleId, hid] = pick(candidates);
    return withKey(articleId, `h:${hid}`, async () => {
      const highlights = articles.get(articleId)!.highlights;
      const next = { ...highlights.get(hid)!, deleted };
      const ref = { articleId, id: hid };
      await write(deleted ? 'delete' : 'undelete', { [`h:${hid}`]: next }, () => (deleted ? store.delete(ref) : store.restore(ref)));
      highlights.set(hid, next);
    });
  }

  function draft(id: string): ArticleDraft {
    const { html, text } = draftHtml(`${config.seed}-${seq}-${id}`, 2 + Math.floor(rng() * 4));
    return {
      title: `Saved ${id}`,
      byline: null,
      site: 'Example',
      url: `https://example.com/${id}`,
      publishedAt: null,
      language: 'en',
      credit: 'Example',
      wordCount: text.split(/\s+/).length,
      canonicalUrl: null,
      excerpt: null,
      html,
      text,
      tags: [],
    };
  }
  const hashOf = (html: string) => createHash('sha256').update(html, 'utf8').digest('hex');

  type Op = () => Promise<boolean>;
  const opsTable: [number, Op][] = [
    [
      25, // a highlight, with its note
      async () => {
        const candidates = live().filter(([, a]) => a.highlights.size < config.maxHighlights! && a.text.length > 10);
        if (candidates.length === 0) return false;
        const [articleId, article] = pick(candidates);
        return withKey(articleId, `create:${articleId}`, async () => {
          const start = Math.floor(rng() * (article.text.length - 10));
          const end = start + 1 + Math.floor(rng() * 9);
          const value = highlightValue(`n${config.seed}.${seq}`, pick(HIGHLIGHT_COLORS), rng() < 0.3 ? ['t1'] : [], false);
          const made = await write(
            'create',
            { [`hnew:${articleId}`]: value },
            () =>
              store.create({
                articleId,
                target: { quote: { type: 'TextQuoteSelector', exact: article.text.slice(start, end), prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start, end } },
                color: value.color as HighlightColor,
                note: value.note,
                tags: value.tags,
              }),
            (h) => h.id,
          );
          article.highlights.set(made.id, value);
        });
      },
    ],
    [
      20, // typing a highlight's note: a burst of small updates, each awaited
      async () => {
        const candidates = live().flatMap(([id, a]) => [...a.highlights].filter(([, h]) => !h.deleted).map(([hid]) => [id, hid] as const));
        if (candidates.length === 0) return false;
        const [articleId, hid] = pick(candidates);
        return withKey(articleId, `h:${hid}`, async () => {
          const highlights = articles.get(articleId)!.highlights;
          const burst = 1 + Math.floor(rng() * 12);
          for (let k = 0; k < burst; k++) {
            const current = highlights.get(hid)!;
            const roll = rng();
            const patch =
              roll < 0.8
                ? { note: rng() < 0.1 ? current.note.slice(0, -1) : current.note + word() }
                : roll < 0.9
                  ? { color: pick(HIGHLIGHT_COLORS) }
                  : { tags: pick([[], ['t1'], ['t2', 't1'], ['x']]) };
            const next = highlightValue(patch.note ?? current.note, patch.color ?? current.color, patch.tags ?? current.tags, false);
            await write('update', { [`h:${hid}`]: next }, () => store.update({ articleId, id: hid, patch }));
            highlights.set(hid, next);
          }
        });
      },
    ],
    [5, () => setDeleted(true)],
    [3, () => setDeleted(false)],
    [
      20, // typing the article note
      async () => {
        const candidates = live();
        if (candidates.length === 0) return false;
        const [articleId, article] = pick(candidates);
        return withKey(articleId, `n:${articleId}`, async () => {
          const burst = 1 + Math.floor(rng() * 15);
          for (let k = 0; k < burst; k++) {
            const current = article.note ?? '';
            const next = rng() < 0.1 && current.length > 0 ? current.slice(0, -1) : current + word();
            if (next === '' && article.note === null) continue;
            await write('note', { [`n:${articleId}`]: next }, () => store.setArticleNote(articleId, next));
            article.note = next;
          }
        });
      },
    ],
    [
      10,
      async () => {
        const candidates = live();
        if (candidates.length === 0) return false;
        const [articleId, article] = pick(candidates);
        return withKey(articleId, `p:${articleId}`, async () => {
          const burst = 1 + Math.floor(rng() * 5);
          for (let k = 0; k < burst; k++) {
            const next = { fraction: Math.round(rng() * 1000) / 1000, position: Math.floor(rng() * 500), within: Math.round(rng() * 100) / 100 };
            await write('progress', { [`p:${articleId}`]: next }, () => library.setProgress(articleId, next));
            article.progress = next;
          }
        });
      },
    ],
    [
      3,
      async () => {
        const candidates = live();
        if (candidates.length === 0) return false;
        const [articleId, article] = pick(candidates);
        return withKey(articleId, `p:${articleId}`, async () => {
          const read = rng() < 0.6;
          const next = read ? { fraction: 1, position: article.progress?.position ?? 0, within: article.progress?.within ?? 0 } : null;
          const row = await write('read', { [`p:${articleId}`]: next }, () => library.setRead(articleId, read));
          if (JSON.stringify(row.progress) !== JSON.stringify(next)) {
            send({ t: 'error', code: 'model', message: `setRead answered ${JSON.stringify(row.progress)}, expected ${JSON.stringify(next)}` });
          }
          article.progress = next;
        });
      },
    ],
    [
      5,
      async () => {
        const candidates = live();
        if (candidates.length === 0) return false;
        const [articleId] = pick(candidates);
        return withKey(articleId, `t:${articleId}`, async () => {
          const next = pick([[], ['alpha'], ['alpha', 'beta'], ['gamma', 'alpha', 'delta']]);
          await write('tags', { [`t:${articleId}`]: next }, () => library.setTags(articleId, next));
        });
      },
    ],
    [
      3,
      async () => {
        const color = pick(HIGHLIGHT_COLORS);
        if (busy.has(`col:${color}`)) return false;
        busy.add(`col:${color}`);
        try {
          const next = `Name ${Math.floor(rng() * 1000)}`;
          await write('color', { [`col:${color}`]: next }, () => settings.rename(color, next));
          colors[color] = next;
        } finally {
          busy.delete(`col:${color}`);
        }
        return true;
      },
    ],
    [
      3, // a new article
      async () => {
        if (articles.size >= config.maxArticles!) return false;
        const id = `k${config.seed.toString(36)}-${saved++}`;
        if (articles.has(id) || exclusive.has(id)) return false;
        return withArticle(id, async () => {
          const d = draft(id);
          const staging = await ArticleStaging.create(config.dir);
          if (rng() < 0.5) await staging.storeAsset(new Uint8Array(Array.from({ length: 64 }, () => Math.floor(rng() * 256))), 'png');
          await write(
            'save',
            { [`loc:${id}`]: 'live', [`c:${id}`]: hashOf(d.html), [`p:${id}`]: null, [`t:${id}`]: [], [`n:${id}`]: null },
            () => saveNewArticle(config.dir, staging, id, d, new Date()),
          );
          articles.set(id, { loc: 'live', text: await articleText(config.dir, id), progress: null, note: null, highlights: new Map() });
        });
      },
    ],
    [
      5, // the same page saved again: new content
      async () => {
        const candidates = live();
        if (candidates.length === 0) return false;
        const [articleId, article] = pick(candidates);
        return withArticle(articleId, async () => {
          const d = draft(articleId);
          const staging = await ArticleStaging.create(config.dir);
          if (rng() < 0.5) await staging.storeAsset(new Uint8Array(Array.from({ length: 64 }, () => Math.floor(rng() * 256))), 'png');
          await write('replace', { [`c:${articleId}`]: hashOf(d.html) }, () => replaceArticleContent(config.dir, staging, articleId, d, new Date()));
          article.text = await articleText(config.dir, articleId);
        });
      },
    ],
    [
      3,
      async () => {
        const candidates = live();
        if (candidates.length <= 2) return false;
        const [articleId, article] = pick(candidates);
        return withArticle(articleId, async () => {
          await write('trash', { [`loc:${articleId}`]: 'trash' }, () => library.trash(articleId));
          article.loc = 'trash';
        });
      },
    ],
    [
      4,
      async () => {
        const candidates = trashed();
        if (candidates.length === 0) return false;
        const [articleId, article] = pick(candidates);
        return withArticle(articleId, async () => {
          await write('restore', { [`loc:${articleId}`]: 'live' }, () => library.restore(articleId));
          const listed = await store.list(articleId);
          const summary = await library.summary(articleId);
          article.loc = 'live';
          article.text = await articleText(config.dir, articleId);
          article.note = listed.articleNote?.note ?? null;
          article.progress = summary.progress;
          article.highlights = new Map(listed.highlights.map((h) => [h.id, highlightValue(h.note, h.color, h.tags, false)]));
        });
      },
    ],
  ];
  const total = opsTable.reduce((sum, [weight]) => sum + weight, 0);
  const chooseOp = (): Op => {
    let roll = rng() * total;
    for (const [weight, op] of opsTable) {
      roll -= weight;
      if (roll < 0) return op;
    }
    return opsTable[0]![1];
  };

  const limit = config.opLimit ?? Infinity;
  const lane = async () => {
    while (ops < limit) {
      if (!(await chooseOp()())) await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all(Array.from({ length: config.lanes ?? 3 }, lane));
  send({ t: 'done', acks: ops });
}

const main = config.mode === 'creates' ? creates : mix;
main().catch((error: unknown) => {
  send({ t: 'error', code: codeOf(error), message: messageOf(error) });
  process.exitCode = 1;
});
