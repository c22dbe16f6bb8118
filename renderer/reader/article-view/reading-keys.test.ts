// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { moveTarget, pageStep, readingKeyTarget, readingMove } from './reading-keys';
import { key } from '../../test-support/key';


describe('readingMove', () => {
  it('reads Space, Shift+Space, j, k, Home and End', () => {
    expect(readingMove(key(' '), true)).toBe('page-down');
    expect(readingMove(key(' ', { shiftKey: true }), true)).toBe('page-up');
    expect(readingMove(key('j'), true)).toBe('line-down');
    expect(readingMove(key('k'), true)).toBe('line-up');
    expect(readingMove(key('Home'), true)).toBe('top');
    expect(readingMove(key('End'), true)).toBe('end');
  });

  it('leaves j, k and Space alone with single keys off; Home and End still work', () => {
    expect(readingMove(key('j'), false)).toBeNull();
    expect(readingMove(key('k'), false)).toBeNull();
    expect(readingMove(key(' '), false)).toBeNull();
    expect(readingMove(key('Home'), false)).toBe('top');
    expect(readingMove(key('End'), false)).toBe('end');
  });

  it('is none of them with Ctrl, ⌘ or Alt, nor J / K with Shift, nor Shift+Home (it selects)', () => {
    expect(readingMove(key('j', { ctrlKey: true }), true)).toBeNull();
    expect(readingMove(key('J', { shiftKey: true }), true)).toBeNull();
    expect(readingMove(key(' ', { ctrlKey: true, shiftKey: true }), true)).toBeNull();
    expect(readingMove(key('End', { shiftKey: true }), true)).toBeNull();
    expect(readingMove(key('Home', { altKey: true }), true)).toBeNull();
    expect(readingMove(key('x'), true)).toBeNull();
  });
});

describe('readingKeyTarget', () => {
  const article = document.createElement('article');
  article.innerHTML = '<h1 tabindex="-1">Title</h1><div class="body"><h2>Part</h2><p><a href="https://x.test">link</a></p><button>b</button></div>';
  const outside = document.createElement('div');
  outside.innerHTML = '<button>Back</button><textarea></textarea><input type="search">';
  document.body.append(article, outside);
  const pathOf = (element: Element): EventTarget[] => {
    const path: EventTarget[] = [];
    for (let node: Element | null = element; node; node = node.parentElement) path.push(node);
    return [...path, document, window];
  };
  const on = (element: Element) => readingKeyTarget(element, pathOf(element), article);

  it('acts with focus on the page itself, on the title, in the body, on a heading', () => {
    expect(readingKeyTarget(document.body, pathOf(document.body), article)).toBe(true);
    expect(on(article.querySelector('h1')!)).toBe(true);
    expect(on(article.querySelector('h2')!)).toBe(true);
    expect(on(article.querySelector('.body')!)).toBe(true);
  });

  it('leaves controls and text fields alone, in the article or outside it', () => {
    expect(on(article.querySelector('a')!)).toBe(false);
    expect(on(article.querySelector('button')!)).toBe(false);
    expect(on(outside.querySelector('button')!)).toBe(false);
    expect(on(outside.querySelector('textarea')!)).toBe(false);
    expect(on(outside.querySelector('input')!)).toBe(false);
    // Something outside the article that is not a control (a panel's heading): not the reader's.
    expect(on(outside)).toBe(false);
  });
});

describe('pageStep and moveTarget', () => {
  const page = { scrollY: 1000, maxScroll: 5000, viewportHeight: 800, pinned: 40, line: 30 };

  it('pages by the viewport less the pinned bars and one line of overlap', () => {
    expect(pageStep(800, 40, 30)).toBe(730);
    expect(moveTarget('page-down', page)).toBe(1730);
    expect(moveTarget('page-up', page)).toBe(270);
    // A tiny viewport still moves a line.
    expect(pageStep(50, 40, 30)).toBe(30);
  });

  it('moves a line, and to the top or the end, within what scrolls', () => {
    expect(moveTarget('line-down', page)).toBe(1030);
    expect(moveTarget('line-up', page)).toBe(970);
    expect(moveTarget('top', page)).toBe(0);
    expect(moveTarget('end', page)).toBe(5000);
    expect(moveTarget('page-down', { ...page, scrollY: 4900 })).toBe(5000);
    expect(moveTarget('page-up', { ...page, scrollY: 100 })).toBe(0);
    expect(moveTarget('end', { ...page, maxScroll: -10 })).toBe(0);
  });
});
