// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { SearchAnswer, SearchHit } from '../../../common/search';
import { DEFAULT_COLOR_NAMES } from '../../colors';
import { landingFor } from '../../landing';
import { parseTagFilter } from '../search-field/search-field';
import { hitLabel, searchStatus, SearchResultsElement } from './search-results';

const UUID = '00000000-0000-4000-8000-000000000001';
const hit = (extra: Partial<SearchHit>): SearchHit => ({
  field: 'text',
  snippet: [{ text: 'x', match: true }],
  annotationId: null,
  color: null,
  term: 'x',
  ...extra,
});
const answer = (extra: Partial<SearchAnswer>): SearchAnswer => ({
  state: 'ready',
  progress: null,
  corrections: [],
  results: [],
  total: 0,
  ...extra,
});

describe('searchStatus', () => {
  it('says how many articles match, and when none do', () => {
    expect(searchStatus(answer({ total: 1 }), false, null)).toBe('1 article matches.');
    expect(searchStatus(answer({ total: 1200 }), false, null)).toBe('1,200 articles match.');
    expect(searchStatus(answer({}), false, null)).toBe('No articles match.');
  });

  it('says the index is still being built, and which words were searched instead', () => {
    const text = searchStatus(
      answer({ state: 'indexing', progress: { done: 40, total: 2000 }, corrections: [{ from: 'naryshkn', to: ['naryshkin'] }], total: 1 }),
      true,
      null,
    );
    expect(text).toBe('Indexing… 40 of 2,000 articles so far. No “naryshkn” in your library; showing “naryshkin”. 1 article matches.');
  });

  it('puts an error first', () => {
    expect(searchStatus(answer({ total: 3 }), false, 'disk gone')).toBe('Search failed: disk gone');
  });
});

describe('hitLabel and landingFor', () => {
  it('names each kind of hit, highlights by their color name', () => {
    expect(hitLabel(hit({ field: 'highlight', color: 'blue', annotationId: UUID }), DEFAULT_COLOR_NAMES)).toBe('Highlight · Question');
    expect(hitLabel(hit({ field: 'tag', annotationId: UUID }), DEFAULT_COLOR_NAMES)).toBe('Highlight tag');
    expect(hitLabel(hit({ field: 'tag' }), DEFAULT_COLOR_NAMES)).toBe('Tag');
    expect(hitLabel(hit({ field: 'article-note', annotationId: UUID }), DEFAULT_COLOR_NAMES)).toBe('Article note');
  });

  it('lands text hits on the word, highlight hits on the highlight, the title on the saved position', () => {
    expect(landingFor(hit({ field: 'text', term: 'Pyongyang' }))).toEqual({ kind: 'find', term: 'Pyongyang' });
    expect(landingFor(hit({ field: 'note', annotationId: UUID }))).toEqual({ kind: 'highlight', id: UUID });
    expect(landingFor(hit({ field: 'article-note', annotationId: UUID }))).toEqual({ kind: 'article-note' });
    expect(landingFor(hit({ field: 'title' }))).toBeUndefined();
  });
});

describe('parseTagFilter', () => {
  it('splits on spaces and commas, drops "#" and repeats', () => {
    expect(parseTagFilter(' #sources, russia  sources ')).toEqual(['sources', 'russia']);
    expect(parseTagFilter('   ')).toEqual([]);
  });
});

describe('<search-results>', () => {
  it('marks matched words and shows a hostile note as text, never as HTML', async () => {
    const el = new SearchResultsElement();
    el.answer = answer({
      total: 1,
      results: [
        {
          articleId: 'a',
          title: 'Story',
          byline: null,
          site: 'AFP',
          score: 1,
          hits: [hit({ field: 'note', annotationId: UUID, snippet: [{ text: '<script>alert(1)</script> about ', match: false }, { text: 'Naryshkin', match: true }] })],
        },
      ],
    });
    document.body.append(el);
    await el.updateComplete;
    const root = el.shadowRoot!;
    expect(root.querySelector('script')).toBeNull();
    expect(root.querySelector('.snippet')?.textContent).toBe('<script>alert(1)</script> about Naryshkin');
    expect([...root.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Naryshkin']);
    expect(root.querySelector('.hit')?.textContent?.replace(/\s+/gu, ' ').trim()).toBe('Note <script>alert(1)</script> about Naryshkin');
    el.remove();
  });
});
