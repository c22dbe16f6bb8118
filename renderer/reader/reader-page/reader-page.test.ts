// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import './reader-page';

describe('<reader-page>', () => {
  it('renders nothing until an article is opened, and nothing again once it is left', async () => {
    const page = document.createElement('reader-page');
    document.body.append(page);
    await page.updateComplete;
    expect(page.shadowRoot!.querySelector('main')).toBeNull();
    page.articleId = 'a-story';
    await page.updateComplete;
    expect(page.shadowRoot!.querySelector('main article-view')).not.toBeNull();
    expect(page.shadowRoot!.querySelector('main slot[name="status"]')).not.toBeNull();
    page.leave();
    await page.updateComplete;
    expect(page.shadowRoot!.querySelector('main')).toBeNull();
    page.remove();
  });
});
