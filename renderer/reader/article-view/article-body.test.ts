// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { interceptLinks } from './article-body';

describe('interceptLinks', () => {
  it('hands clicks outside links on once, however often the body is shown again', () => {
    const body = document.createElement('div');
    body.innerHTML = '<p>Text <a href="https://example.org/">a link</a></p>';
    const other = vi.fn();
    interceptLinks(body, other);
    interceptLinks(body, other);
    body.querySelector('p')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(other).toHaveBeenCalledTimes(1);
  });

  it('keeps a link from navigating: clicks open it outside, middle clicks do nothing', () => {
    const body = document.createElement('div');
    body.innerHTML = '<a href="https://example.org/">a link</a>';
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    interceptLinks(body, () => {});
    const link = body.querySelector('a')!;
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(open).toHaveBeenCalledExactlyOnceWith('https://example.org/', '_blank', 'noopener,noreferrer');
    const middle = new MouseEvent('auxclick', { bubbles: true, cancelable: true, button: 1 });
    link.dispatchEvent(middle);
    expect(middle.defaultPrevented).toBe(true);
    open.mockRestore();
  });
});
