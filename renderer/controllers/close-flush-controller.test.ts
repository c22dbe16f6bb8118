// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { CloseFlushController } from './close-flush-controller';

function setup(flush: () => Promise<unknown>) {
  let listener: ((request: number) => void) | null = null;
  const order: string[] = [];
  const bridge = {
    onFlushRequest: vi.fn((l: (request: number) => void) => {
      listener = l;
      return () => (listener = null);
    }),
    flushed: vi.fn(async (request: number) => {
      order.push(`answered ${request}`);
      return null;
    }),
  };
  const host = { addController: vi.fn(), removeController: vi.fn(), requestUpdate: vi.fn(), updateComplete: Promise.resolve(true) };
  const controller = new CloseFlushController(host, flush, bridge);
  controller.hostConnected();
  return { controller, bridge, order, ask: (request: number) => listener?.(request), listening: () => listener !== null };
}

describe('CloseFlushController', () => {
  it('answers main only once everything is saved', async () => {
    let saved!: () => void;
    const { ask, order, bridge } = setup(() => new Promise<void>((resolve) => (saved = () => (order.push('saved'), resolve()))));
    ask(4);
    await Promise.resolve();
    expect(bridge.flushed).not.toHaveBeenCalled();
    saved();
    await vi.waitFor(() => expect(order).toEqual(['saved', 'answered 4']));
  });

  it('answers even when saving failed (main then writes the drafts it has), and stops listening when disconnected', async () => {
    const { ask, bridge, controller, listening } = setup(() => Promise.reject(new Error('disk full')));
    ask(5);
    await vi.waitFor(() => expect(bridge.flushed).toHaveBeenCalledExactlyOnceWith(5));
    controller.hostDisconnected();
    expect(listening()).toBe(false);
  });
});
