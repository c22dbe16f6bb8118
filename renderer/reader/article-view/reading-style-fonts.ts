/**
 * Waiting for the reading face before a position is restored or kept: the bundled
 * faces (renderer/styles/fonts.css) load on first use with `font-display: swap`, and a
 * swap after the scroll would move the text under the reader (ARCHITECTURE.md §2).
 */

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Load the faces `element`'s text is set in (regular, bold, italic) and whatever else
 * the page is loading, waiting at most `ms` (a missing face must not hold the article).
 */
export async function readingFacesLoaded(element: Element, ms = 1500): Promise<void> {
  if (!('fonts' in document)) return;
  const { fontSize, fontFamily } = getComputedStyle(element);
  const font = `${fontSize} ${fontFamily}`;
  const loads = ['', 'bold ', 'italic '].map((variant) => document.fonts.load(variant + font).catch(() => []));
  await Promise.race([Promise.all(loads).then(() => document.fonts.ready), delay(ms)]);
}
