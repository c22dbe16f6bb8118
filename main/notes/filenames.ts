/**
 * File names for a whole-library export (one file per article), safe on Windows,
 * macOS and Linux, and unique in one folder even where names are compared without
 * case (NTFS, APFS): no `/ \ : * ? " < > |`, no control characters, no Windows
 * reserved device name (CON, PRN, AUX, NUL, COM1–9, LPT1–9 — also with an extension,
 * as `con.md`), no leading dot (hidden on Unix), no trailing dot or space, and at most
 * {@link MAX_NAME_BYTES} bytes of UTF-8 including the extension.
 */

/** Most file systems allow 255 bytes; leave room for a temp file's prefix and suffix. */
export const MAX_NAME_BYTES = 200;

const FORBIDDEN = /[/\\:*?"<>|]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const RESERVED = /^(?:CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])$/i;

const utf8Length = (text: string) => Buffer.byteLength(text, 'utf8');

/** `text` cut to at most `bytes` of UTF-8, never inside a character. */
export function truncateUtf8(text: string, bytes: number): string {
  if (utf8Length(text) <= bytes) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const size = utf8Length(char);
    if (used + size > bytes) break;
    out += char;
    used += size;
  }
  return out;
}

/** The stem made safe: forbidden characters as `-`, controls dropped, spaces collapsed, edges trimmed. */
export function safeStem(title: string): string {
  let stem = title
    .normalize('NFC')
    .replace(CONTROL, '')
    .replace(FORBIDDEN, '-')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s.]+|[\s.]+$/gu, '');
  if (stem === '') stem = 'Untitled';
  return unreserve(stem);
}

/** `con.txt` → `con_.txt`: Windows reserves a device name whatever follows its first dot. */
function unreserve(stem: string): string {
  const dot = stem.indexOf('.');
  const first = dot < 0 ? stem : stem.slice(0, dot);
  return RESERVED.test(first.trim()) ? `${first}_${stem.slice(first.length)}` : stem;
}

/**
 * Hands out names for one folder: `name(title, '.md')` gives a safe name not given
 * before (compared case-insensitively, conservatively: `ß` and `ss` count as the same), adding ` (2)`, ` (3)`… when needed.
 */
export class FileNamer {
  readonly #taken = new Set<string>();

  /** Names already in the folder (or otherwise not to be used). */
  constructor(taken: Iterable<string> = []) {
    for (const name of taken) this.#taken.add(keyOf(name));
  }

  name(title: string, extension: string): string {
    const stem = safeStem(title);
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : ` (${n})`;
      let cut = truncateUtf8(stem, MAX_NAME_BYTES - utf8Length(suffix) - utf8Length(extension));
      cut = cut.replace(/[\s.]+$/u, '');
      cut = cut === '' ? '_' : unreserve(cut);
      const name = `${cut}${suffix}${extension}`;
      const key = keyOf(name);
      if (!this.#taken.has(key)) {
        this.#taken.add(key);
        return name;
      }
    }
  }
}

/** How file systems that ignore case compare names (NFC, then lower case). */
const keyOf = (name: string) => name.normalize('NFKC').toUpperCase().toLowerCase();
