// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { applyTheme } from './theme';

describe('applyTheme', () => {
  it('names the chosen theme on the root, and removes it for Match system', () => {
    const root = document.createElement('html');
    applyTheme('sepia', root);
    expect(root.getAttribute('data-theme')).toBe('sepia');
    applyTheme('black', root);
    expect(root.getAttribute('data-theme')).toBe('black');
    applyTheme('system', root);
    expect(root.hasAttribute('data-theme')).toBe(false);
  });
});
