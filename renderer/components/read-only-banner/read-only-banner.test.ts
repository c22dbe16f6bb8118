// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import './read-only-banner';

describe('<read-only-banner>', () => {
  it('is an empty status region while writable, and says why once read-only', async () => {
    const banner = document.createElement('read-only-banner');
    document.body.append(banner);
    await banner.updateComplete;
    const status = banner.shadowRoot!.querySelector('[role="status"]')!;
    expect(status.textContent!.trim()).toBe('');
    banner.reason = 'This library is open in Lectern on this computer (process 7, since 13:02). Lectern opened it read-only: changes you make now are not saved.';
    await banner.updateComplete;
    expect(status.textContent!.replace(/\s+/g, ' ').trim()).toBe(
      'Read-only. This library is open in Lectern on this computer (process 7, since 13:02). Lectern opened it read-only: changes you make now are not saved.',
    );
    banner.remove();
  });
});
