// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DropPasteController } from './drop-paste-controller';

const host = () => ({ addController: vi.fn(), requestUpdate: vi.fn(), removeController: vi.fn(), updateComplete: Promise.resolve(true) });

function paste(text: string, target: EventTarget = document.body): ClipboardEvent {
  const event = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent;
  Object.defineProperty(event, 'clipboardData', { value: { getData: () => text } });
  target.dispatchEvent(event);
  return event;
}

function drag(type: 'dragover' | 'dragleave' | 'drop', files: File[] = [], relatedTarget: EventTarget | null = null): Event {
  const event = new Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: { types: files.length ? ['Files'] : [], files, dropEffect: 'none' } });
  Object.defineProperty(event, 'relatedTarget', { value: relatedTarget });
  window.dispatchEvent(event);
  return event;
}

let active: DropPasteController | undefined;
afterEach(() => active?.hostDisconnected());

function controller(accepts = true) {
  const handlers = { onFiles: vi.fn(), onUrl: vi.fn(), acceptsPaste: vi.fn(() => accepts) };
  const h = host();
  active = new DropPasteController(h, handlers);
  active.hostConnected();
  return { handlers, h, drops: active };
}

describe('DropPasteController', () => {
  it('offers a pasted web address, normalized, and takes the paste', () => {
    const { handlers } = controller();
    expect(paste('  https://Example.com/a  ').defaultPrevented).toBe(true);
    expect(handlers.onUrl).toHaveBeenCalledExactlyOnceWith('https://example.com/a');
  });

  it('leaves other pastes alone: text, two words, in a text field, or when the host says no', () => {
    const { handlers } = controller();
    const field = document.body.appendChild(document.createElement('input'));
    for (const event of [paste('hello'), paste('https://a.example/ b'), paste('https://a.example/', field)]) {
      expect(event.defaultPrevented).toBe(false);
    }
    active?.hostDisconnected();
    const refusing = controller(false);
    paste('https://a.example/');
    expect(handlers.onUrl).not.toHaveBeenCalled();
    expect(refusing.handlers.onUrl).not.toHaveBeenCalled();
  });

  it('shows the drop hint while files are over the window and hands dropped files over', () => {
    const { handlers, h, drops } = controller();
    const file = new File(['<p>x</p>'], 'a.html', { type: 'text/html' });
    expect(drag('dragover', [file]).defaultPrevented).toBe(true);
    expect(drops.dropping).toBe(true);
    drag('dragleave', [file], document.body);
    expect(drops.dropping).toBe(true);
    drag('dragleave', [file], null);
    expect(drops.dropping).toBe(false);
    drag('dragover', [file]);
    expect(drag('drop', [file]).defaultPrevented).toBe(true);
    expect(drops.dropping).toBe(false);
    expect(handlers.onFiles).toHaveBeenCalledExactlyOnceWith([file]);
    expect(h.requestUpdate).toHaveBeenCalledTimes(4);
    // Dragging text, not files, is none of its business.
    expect(drag('dragover').defaultPrevented).toBe(false);
  });
});
