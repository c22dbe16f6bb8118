// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import './library-page';

describe('<library-page>', () => {
  it('shows the listing and the shell’s status slot only while active; the Add from URL dialog stays', async () => {
    const page = document.createElement('library-page');
    document.body.append(page);
    await page.updateComplete;
    const root = page.shadowRoot!;
    expect(root.querySelector('main library-view')).not.toBeNull();
    expect(root.querySelector('main slot[name="status"]')).not.toBeNull();
    expect(page.showingList).toBe(true);

    page.active = false;
    await page.updateComplete;
    expect(root.querySelector('main')).toBeNull();
    expect(root.querySelector('add-url-dialog')).not.toBeNull();
    expect(page.showingList).toBe(false);
    page.remove();
  });
});
