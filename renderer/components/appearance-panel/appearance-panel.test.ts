// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { SettingsUpdate } from '../../../common/model';
import { DEFAULT_READING_SETTINGS } from '../../../common/reading';
import type { AnnounceDetail } from '../../events';
import './appearance-panel';
import type { AppearancePanelElement } from './appearance-panel';

async function mount(reading = DEFAULT_READING_SETTINGS) {
  const panel = document.createElement('appearance-panel');
  panel.reading = reading;
  const updates: SettingsUpdate[] = [];
  const said: string[] = [];
  let closed = 0;
  panel.addEventListener('settings-change', (e) => updates.push(e.detail));
  panel.addEventListener('announce', (e: CustomEvent<AnnounceDetail>) => said.push(e.detail.message));
  panel.addEventListener('appearance-close', () => closed++);
  document.body.append(panel);
  await panel.updateComplete;
  return { panel, updates, said, closed: () => closed };
}

const root = (panel: AppearancePanelElement) => panel.shadowRoot!;
/** The radio in the group named `legend` whose label reads `label` (the label's first text). */
function radio(panel: AppearancePanelElement, legend: string, label: string): HTMLInputElement {
  const group = [...root(panel).querySelectorAll('fieldset')].find((f) => f.querySelector('legend')?.textContent?.trim() === legend);
  const option = [...(group?.querySelectorAll('label') ?? [])].find((l) => l.textContent?.trim().startsWith(label));
  const input = option?.querySelector('input');
  if (!input) throw new Error(`no "${label}" in "${legend}"`);
  return input;
}
const button = (panel: AppearancePanelElement, name: string) =>
  [...root(panel).querySelectorAll('button')].find((b) => b.textContent?.replace(/\s+/gu, ' ').trim().endsWith(name))!;

afterEach(() => document.body.replaceChildren());

describe('<appearance-panel>', () => {
  it('is a dialog named by its heading, with every group labelled', async () => {
    const { panel } = await mount();
    const dialog = root(panel).querySelector('[role="dialog"]')!;
    const title = root(panel).getElementById(dialog.getAttribute('aria-labelledby')!);
    expect(title?.textContent).toBe('Text and Layout');
    const legends = [...root(panel).querySelectorAll('legend')].map((l) => l.textContent?.trim());
    expect(legends).toEqual(['Typeface', 'Text size', 'Line height', 'Width', 'Margins', 'Paragraph spacing', 'Theme']);
  });

  it('shows the settings it is given as checked', async () => {
    const { panel } = await mount({ ...DEFAULT_READING_SETTINGS, typeface: 'dyslexic', width: 'wide', theme: 'black', justify: true });
    expect(radio(panel, 'Typeface', 'OpenDyslexic').checked).toBe(true);
    expect(radio(panel, 'Width', 'Wide').checked).toBe(true);
    expect(radio(panel, 'Theme', 'Black').checked).toBe(true);
    expect(root(panel).querySelector<HTMLInputElement>('input[type="checkbox"]')!.checked).toBe(true);
  });

  it('fires each change at once, one setting at a time', async () => {
    const { panel, updates } = await mount();
    radio(panel, 'Typeface', 'Monospace').click();
    radio(panel, 'Line height', '1.9').click();
    radio(panel, 'Margins', 'Small').click();
    radio(panel, 'Paragraph spacing', 'Compact').click();
    radio(panel, 'Theme', 'Match system').click();
    radio(panel, 'Theme', 'Sepia').click();
    root(panel).querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    expect(updates).toEqual([
      { reading: { typeface: 'mono' } },
      { reading: { lineHeight: 1.9 } },
      { reading: { margins: 'small' } },
      { reading: { paragraphSpacing: 'compact' } },
      // "Match system" was already chosen (the default): no change.
      { reading: { theme: 'sepia' } },
      { reading: { justify: true } },
    ]);
  });

  it('steps the text size and says so; at an end it says that instead', async () => {
    const { panel, updates, said } = await mount({ ...DEFAULT_READING_SETTINGS, textSize: 32 });
    expect(button(panel, 'Larger').getAttribute('aria-disabled')).toBe('true');
    button(panel, 'Larger').click();
    button(panel, 'Smaller').click();
    expect(updates).toEqual([{ reading: { textSize: 28 } }]);
    expect(said).toEqual(['Text size is already the largest, 32 px.', 'Text size 28 px.']);
  });

  it('resets every reading setting to the defaults', async () => {
    const { panel, updates } = await mount({ ...DEFAULT_READING_SETTINGS, textSize: 24, theme: 'dark' });
    button(panel, 'Reset to defaults').click();
    expect(updates).toEqual([{ reading: DEFAULT_READING_SETTINGS }]);
  });

  it('asks to close on Escape (which goes no further) and on Close', async () => {
    const { panel, closed } = await mount();
    let reachedWindow = false;
    const onWindow = () => (reachedWindow = true);
    window.addEventListener('keydown', onWindow);
    radio(panel, 'Width', 'Narrow').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    window.removeEventListener('keydown', onWindow);
    expect(closed()).toBe(1);
    expect(reachedWindow).toBe(false);
    button(panel, 'Close').click();
    expect(closed()).toBe(2);
  });

  it('puts focus on the chosen typeface when asked', async () => {
    const { panel } = await mount({ ...DEFAULT_READING_SETTINGS, typeface: 'hyperlegible' });
    panel.focusFirst();
    expect(root(panel).activeElement).toBe(radio(panel, 'Typeface', 'Hyperlegible'));
  });
});
