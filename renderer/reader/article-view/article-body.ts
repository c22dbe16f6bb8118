/**
 * The article's body once its HTML is in the page: its links intercepted (an
 * external link opens in the browser, a `#fragment` scrolls within the article, nothing
 * navigates the app — ARCHITECTURE.md §6), wide blocks made reachable from the keyboard,
 * and its images awaited before a reading position is restored.
 */
import { linkAction } from './article-html';

/** How long to wait for the article's images before restoring a position. */
const IMAGE_WAIT_MS = 1000;

/** Bodies whose links are already intercepted (the view keeps one body across articles). */
const intercepted = new WeakSet<HTMLElement>();

/**
 * Intercept the body's links: links are activated by their own keys and clicks; these
 * listeners only decide what that does. A click elsewhere goes to `onOtherClick`.
 * Once per body: a second call changes nothing.
 */
export function interceptLinks(body: HTMLElement, onOtherClick: (event: MouseEvent) => void): void {
  if (intercepted.has(body)) return;
  intercepted.add(body);
  body.addEventListener('click', (event) => {
    const anchor = (event.target as Element | null)?.closest('a');
    if (!anchor) {
      onOtherClick(event);
      return;
    }
    event.preventDefault();
    const action = linkAction(anchor.getAttribute('href'), document.baseURI);
    if (action.kind === 'external') {
      window.open(action.url, '_blank', 'noopener,noreferrer');
    } else if (action.kind === 'fragment') {
      // Saved articles' ids and names carry the sanitizer's `user-content-` prefix (so
      // they cannot clobber the page); the links keep the page's own `#x`.
      const find = (id: string) => body.querySelector(`[id="${CSS.escape(id)}"], a[name="${CSS.escape(id)}"]`);
      const target = find(`user-content-${action.id}`) ?? find(action.id);
      target?.scrollIntoView({ block: 'start' });
    }
  });
  body.addEventListener('auxclick', (event) => {
    // A middle click must not open anything on its own either.
    if ((event.target as Element | null)?.closest('a')) event.preventDefault();
  });
}

/** A code block or table wider than the column scrolls sideways: let the keyboard reach it. */
export function makeScrollersFocusable(body: HTMLElement): void {
  for (const element of body.querySelectorAll<HTMLElement>('pre, table')) {
    if (element.scrollWidth > element.clientWidth) element.tabIndex = 0;
  }
}

/** Wait until the body's images have loaded (or failed), at most {@link IMAGE_WAIT_MS}. */
export async function imagesSettled(body: HTMLElement): Promise<void> {
  const images = [...body.querySelectorAll('img')].filter((img) => !img.complete);
  if (images.length === 0) return;
  const loads = images.map((img) => img.decode().catch(() => undefined));
  await Promise.race([Promise.all(loads), new Promise((resolve) => setTimeout(resolve, IMAGE_WAIT_MS))]);
}
