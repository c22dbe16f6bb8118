// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fire } from './events';

describe('fire', () => {
  it('sends a bubbling, composed event with its detail, across a shadow root', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const inner = document.createElement('span');
    host.attachShadow({ mode: 'open' }).append(inner);
    let seen: CustomEvent | null = null;
    document.body.addEventListener('highlight-reveal', (event) => {
      seen = event;
    });
    fire(inner, 'highlight-reveal', { id: 'h1' });
    expect(seen).not.toBeNull();
    expect(seen!.bubbles).toBe(true);
    expect(seen!.composed).toBe(true);
    expect(seen!.detail).toEqual({ id: 'h1' });
    host.remove();
  });

  it('sends an event without a detail as null, as `new CustomEvent(type)` did', () => {
    const target = document.createElement('div');
    let detail: unknown = 'unset';
    target.addEventListener('back-to-library', (event) => {
      detail = event.detail;
    });
    fire(target, 'back-to-library');
    expect(detail).toBeNull();
  });
});
