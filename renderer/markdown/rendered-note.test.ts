// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import './rendered-note';
import type { RenderedNoteElement } from './rendered-note';

async function show(text: string): Promise<RenderedNoteElement> {
  const note = document.createElement('rendered-note');
  note.text = text;
  document.body.append(note);
  await note.updateComplete;
  return note;
}

const buttons = (note: Element) => [...note.querySelectorAll('button')].map((b) => b.textContent?.trim());

describe('<rendered-note>', () => {
  afterEach(() => {
    document.body.replaceChildren();
    vi.restoreAllMocks();
  });

  it('renders the Markdown into its own light DOM, and again when the text changes', async () => {
    const note = await show('*one*');
    expect(note.querySelector('.md')!.innerHTML).toBe('<p><em>one</em></p>\n');
    note.text = '**two**';
    await note.updateComplete;
    expect(note.querySelector('.md')!.innerHTML).toBe('<p><strong>two</strong></p>\n');
    expect(note.shadowRoot).toBeNull();
  });

  it('a link click shows the address first; Open hands it to window.open, Cancel does not', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const note = await show('[the page](https://example.com/page)');
    const link = note.querySelector('a')!;
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    await note.updateComplete;
    const ask = note.querySelector('[role="group"][aria-label="Open link"]')!;
    expect(ask.textContent).toContain('Open https://example.com/page in your browser?');
    expect(buttons(note)).toEqual(['Open', 'Cancel']);
    expect(open).not.toHaveBeenCalled();

    [...note.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Cancel')!.click();
    await note.updateComplete;
    expect(note.querySelector('[role="group"]')).toBeNull();
    expect(document.activeElement).toBe(link);
    expect(open).not.toHaveBeenCalled();

    link.click();
    await note.updateComplete;
    [...note.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Open')!.click();
    expect(open).toHaveBeenCalledWith('https://example.com/page', '_blank', 'noopener,noreferrer');
    await note.updateComplete;
    expect(note.querySelector('[role="group"]')).toBeNull();
  });

  it('Escape leaves the question and goes no further', async () => {
    const note = await show('<https://example.com/>');
    note.querySelector('a')!.click();
    await note.updateComplete;
    const outside = vi.fn();
    document.body.addEventListener('keydown', outside);
    note.querySelector('button')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    await note.updateComplete;
    expect(note.querySelector('[role="group"]')).toBeNull();
    expect(outside).not.toHaveBeenCalled();
  });

  it('an email link shows its address and opens nothing (main opens web addresses only)', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const note = await show('me@example.com');
    note.querySelector('a')!.click();
    await note.updateComplete;
    expect(note.querySelector('[role="group"]')!.textContent).toContain('The email address is me@example.com');
    expect(buttons(note)).toEqual(['Close']);
    note.querySelector('button')!.click();
    expect(open).not.toHaveBeenCalled();
  });

  it('says when a note was shortened for display', async () => {
    const note = await show('word '.repeat(25_000));
    expect(note.querySelector('.md-shortened')?.textContent).toBe('Note shortened for display; edit to see all of it.');
  });
});
