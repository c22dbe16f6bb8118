import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FileNamer, MAX_NAME_BYTES, safeStem } from '../../../main/notes';

const RESERVED = /^(?:CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])$/i;

/** Every rule a name must keep, as a list of broken rules (empty: safe). */
function broken(name: string, extension: string): string[] {
  const out: string[] = [];
  if (/[/\\:*?"<>|]/.test(name)) out.push('forbidden character');
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) out.push('control character'); // eslint-disable-line no-control-regex
  if (RESERVED.test(name.split('.')[0]!.trim())) out.push('reserved name');
  if (/[. ]$/.test(name.slice(0, name.length - extension.length))) out.push('trailing dot or space before the extension');
  if (/[. ]$/.test(name)) out.push('trailing dot or space');
  if (name.startsWith('.')) out.push('hidden');
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) out.push('too long');
  if (!name.endsWith(extension)) out.push('extension lost');
  if (name.length === extension.length) out.push('empty stem');
  if (name !== name.normalize('NFC')) out.push('not NFC');
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(name)) out.push('broken surrogate');
  return out;
}

const titles = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: fc.constantFrom('a', 'A', '.', ' ', '/', '\\', ':', '*', '?', '"', '<', '>', '|', '\u0000', '\u001f', 'é', 'ß', '북', '😀'), maxLength: 80 }),
  fc.constantFrom('CON', 'con.txt', 'Lpt9', 'aux .md', 'nul.tar.gz', 'COM¹', 'PRN.', '...', '   ', ''),
  fc.string({ unit: 'grapheme', minLength: 150, maxLength: 400 }),
);

describe('FileNamer', () => {
  it('always gives safe names, unique without regard to case (property)', () => {
    fc.assert(
      fc.property(fc.array(titles, { maxLength: 40 }), fc.constantFrom('.md', '.html'), (list, extension) => {
        const namer = new FileNamer();
        const names = list.map((title) => namer.name(title, extension));
        for (const name of names) expect(broken(name, extension), JSON.stringify(name)).toEqual([]);
        const keys = names.map((n) => n.normalize('NFKC').toUpperCase().toLowerCase());
        expect(new Set(keys).size).toBe(names.length);
      }),
      { numRuns: 300 },
    );
  });

  it('makes names readable and numbers repeats', () => {
    const namer = new FileNamer();
    expect(namer.name('Russia/N. Korea: "talks"?', '.md')).toBe('Russia-N. Korea- -talks--.md');
    expect(namer.name('CON', '.md')).toBe('CON_.md');
    expect(namer.name('con.txt', '.md')).toBe('con_.txt.md');
    expect(namer.name('nul.tar.gz', '.md')).toBe('nul_.tar.gz.md');
    expect(namer.name('Same title', '.md')).toBe('Same title.md');
    expect(namer.name('SAME TITLE', '.md')).toBe('SAME TITLE (2).md');
    expect(namer.name('same title.', '.md')).toBe('same title (3).md');
    expect(namer.name('', '.md')).toBe('Untitled.md');
    expect(namer.name('\u0000\u0007', '.md')).toBe('Untitled (2).md');
    expect(safeStem('  .hidden  ')).toBe('hidden');
  });

  it('cuts long names to the byte limit without splitting a character', () => {
    const name = new FileNamer().name('북'.repeat(100), '.md');
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(name).toBe(`${'북'.repeat(65)}.md`);
  });
});
