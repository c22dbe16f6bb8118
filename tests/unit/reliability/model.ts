/**
 * What the reliability child (child.ts) and its parent (harness.ts) share: the
 * child's configuration, the articles a test library starts with, a seeded random
 * generator, and the shape of a highlight's value as both sides compare it.
 */
import { countWords, type BundledArticle } from '../../../main/library';
import { random } from '../../bench/random';

export interface ChildConfig {
  mode: 'mix' | 'creates';
  /** The library folder. */
  dir: string;
  seed: number;
  /** mix: writers running at once (default 3). */
  lanes?: number;
  /** mix: articles (live and trashed) beyond which no new one is saved. */
  maxArticles?: number;
  /** mix: annotations an article may have (tombstones included) before no more are created. */
  maxHighlights?: number;
  /** mix: stop after this many acknowledged writes (default: run until killed). */
  opLimit?: number;
  /** creates: the article and how many highlights. */
  articleId?: string;
  count?: number;
  /** creates: a name put in each note. */
  name?: string;
  /** creates: wait for a line "go" on stdin after "ready". */
  waitForGo?: boolean;
}

/** mulberry32: a small seeded generator, [0, 1) (one for the tests and the benches). */
export { random };

const WORDS = 'the quick brown fox jumps over a lazy dog while seven wizards quietly hex jumbled pages of notes'.split(' ');

/** Some paragraphs of text, the same for the same `tag`: the HTML and its text. */
export function draftHtml(tag: string, paragraphs: number): { html: string; text: string } {
  const rng = random([...tag].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261));
  const texts = Array.from({ length: paragraphs }, () =>
    Array.from({ length: 20 + Math.floor(rng() * 40) }, () => WORDS[Math.floor(rng() * WORDS.length)]).join(' '),
  );
  texts[0] = `${tag} ${texts[0]}`;
  return { html: texts.map((t) => `<p>${t}</p>`).join('\n'), text: texts.join('\n\n') };
}

function article(id: string): BundledArticle {
  const { html, text } = draftHtml(id, 4);
  return {
    id,
    title: `Bundled ${id}`,
    byline: null,
    site: 'Example',
    url: null,
    publishedAt: '2024-01-02T03:04',
    language: 'en',
    credit: 'Example',
    html,
    text,
    wordCount: countWords(text),
  };
}

/** The articles every test library starts with. */
export const BUNDLED: BundledArticle[] = ['first', 'second', 'third', 'fourth'].map(article);

/** A highlight as compared: its note, color, tags and whether it is deleted (keys in this order). */
export interface HighlightValue {
  note: string;
  color: string;
  tags: string[];
  deleted: boolean;
}

export const highlightValue = (note: string, color: string, tags: readonly string[], deleted: boolean): HighlightValue => ({
  note,
  color,
  tags: [...tags],
  deleted,
});
