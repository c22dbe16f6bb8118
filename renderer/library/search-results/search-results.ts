import { LitElement, html, nothing } from 'lit';
import type { ColorNames } from '../../../common/model';
import type { SearchAnswer, SearchHit, SearchResult, SnippetPart } from '../../../common/search';
import { DEFAULT_COLOR_NAMES } from '../../colors';
import { count } from '../../format';
import { landingFor } from '../../landing';
import { searchResultsStyles } from './search-results.styles';
import { fire } from '../../events';
import { VirtualListController, findByTitle } from '../../components/virtual-list/virtual-list';

/** What a hit is, in words: shown before its snippet and part of the button's name. */
export function hitLabel(hit: SearchHit, colorNames: ColorNames): string {
  switch (hit.field) {
    case 'title':
      return 'Title';
    case 'byline':
      return 'Author';
    case 'site':
      return 'Source';
    case 'text':
      return 'Text';
    case 'tag':
      return hit.annotationId ? 'Highlight tag' : 'Tag';
    case 'highlight':
      return hit.color ? `Highlight · ${colorNames[hit.color]}` : 'Highlight';
    case 'note':
      return 'Note';
    case 'article-note':
      return 'Article note';
  }
}

/** The status line over the results, in words. */
export function searchStatus(answer: SearchAnswer | null, busy: boolean, error: string | null): string {
  if (error) return `Search failed: ${error}`;
  if (!answer) return busy ? 'Searching…' : '';
  const parts: string[] = [];
  if (answer.state === 'indexing') {
    const p = answer.progress;
    parts.push(p ? `Indexing… ${p.done.toLocaleString()} of ${count(p.total, 'article', 'articles')} so far.` : 'Indexing…');
  }
  for (const c of answer.corrections) {
    if (c.to.length > 0) parts.push(`No “${c.from}” in your library; showing ${c.to.map((t) => `“${t}”`).join(', ')}.`);
  }
  parts.push(answer.total === 0 ? 'No articles match.' : `${count(answer.total, 'article matches', 'articles match')}.`);
  return parts.join(' ');
}

/**
 * Library search results: one entry per article, best first, each with the places
 * it matched (title, text, a highlight, a note…) and the matched words marked.
 * Choosing the title opens the article at its best match; choosing a hit opens it
 * at that hit. Up/Down move between all the buttons, Page Up/Down by a screenful,
 * Home/End jump, typing the start of a title finds it; a long list (the shared
 * virtual list) keeps only the results near the viewport in the DOM.
 *
 * @fires open-article - `{ id, landing }` (bubbles, composed).
 * @fires show-more - "Show more results" (bubbles, composed).
 */
export class SearchResultsElement extends LitElement {
  static override styles = searchResultsStyles;

  static override properties = {
    answer: { attribute: false },
    busy: { type: Boolean },
    errorMessage: { attribute: false },
    colorNames: { attribute: false },
    canShowMore: { type: Boolean },
  };

  declare answer: SearchAnswer | null;
  declare busy: boolean;
  declare errorMessage: string | null;
  declare colorNames: ColorNames;
  /** More articles match than are shown: offer "Show more results". */
  declare canShowMore: boolean;

  #list = new VirtualListController(this, {
    focusable: 'button.open, button.hit',
    onLeaveTop: () => fire(this, 'results-leave'),
    find: (prefix, from) => findByTitle((this.answer?.results ?? []).map((r) => r.title), prefix, from),
  });

  constructor() {
    super();
    this.answer = null;
    this.busy = false;
    this.errorMessage = null;
    this.colorNames = { ...DEFAULT_COLOR_NAMES };
    this.canShowMore = false;
  }

  /** Focus the first result (Down arrow from the search field). Returns whether there was one. */
  async focusFirst(): Promise<boolean> {
    await this.updateComplete;
    return this.#list.focusRow(0);
  }

  protected override render() {
    const results = this.answer?.results ?? [];
    return html`
      <p class="status" role="status" aria-live="polite">${searchStatus(this.answer, this.busy, this.errorMessage)}</p>
      ${results.length > 0
        ? this.#list.render<SearchResult>({
            items: results,
            ordered: true,
            className: 'results',
            rowHeight: 120,
            label: 'Search results',
            busy: this.busy,
            key: (r, index) => r?.articleId ?? index,
            row: (r, index) => this.#renderResult(r!, index, results.length),
          })
        : nothing}
      ${this.canShowMore
        ? html`<button type="button" class="more" @click=${this.#showMore}>Show more results</button>`
        : nothing}
    `;
  }

  #renderResult(result: SearchResult, index: number, total: number) {
    const best = result.hits[0];
    const meta = [result.site, result.byline].filter((x): x is string => Boolean(x));
    // A match in the title is marked in the title itself, not listed again below it.
    const titleHit = result.hits.find((hit) => hit.field === 'title');
    const hits = result.hits.filter((hit) => hit !== titleHit);
    return html`
      <li class="result" data-index=${index} aria-posinset=${index + 1} aria-setsize=${total}>
        <h2 class="title">
          <button type="button" class="open" @click=${() => this.#open(result.articleId, best)}>
            ${titleHit ? renderSnippet(titleHit.snippet) : result.title}
          </button>
        </h2>
        ${meta.length > 0 ? html`<p class="meta">${meta.join(' · ')}</p>` : nothing}
        ${hits.length > 0
          ? html`<ul class="hits">
              ${hits.map(
                (hit) => html`<li>
                  <button type="button" class="hit hit--${hit.field}" @click=${() => this.#open(result.articleId, hit)}>
                    <span class="label ${hit.color ? `label--${hit.color}` : ''}">${hitLabel(hit, this.colorNames)}</span>
                    <span class="snippet">${renderSnippet(hit.snippet)}</span>
                  </button>
                </li>`,
              )}
            </ul>`
          : nothing}
      </li>
    `;
  }

  #open(id: string, hit: SearchHit | undefined): void {
    const landing = hit ? landingFor(hit) : undefined;
    fire(this, 'open-article', landing ? { id, landing } : { id });
  }

  #showMore = () => {
    fire(this, 'show-more');
  };

}

/** Snippet parts as text, matched words in `<mark>`: never parsed as HTML. */
export function renderSnippet(parts: readonly SnippetPart[]) {
  return parts.map((part) => (part.match ? html`<mark>${part.text}</mark>` : part.text));
}

customElements.define('search-results', SearchResultsElement);

declare global {
  interface HTMLElementTagNameMap {
    'search-results': SearchResultsElement;
  }
}
