/**
 * Which character encoding an HTML document is in, and its text: a byte-order mark,
 * then the Content-Type header's `charset`, then `<meta charset>` or
 * `<meta http-equiv="Content-Type" content="…; charset=…">` in the first 4 KB,
 * then UTF-8. Decoded with TextDecoder (windows-1251, Shift_JIS, … — WHATWG labels).
 */

/** The `charset` parameter of a Content-Type value, lower-cased, if any. */
export function charsetFromContentType(contentType: string | null | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return match?.[2]?.toLowerCase();
}

/** The charset a `<meta>` in the first 4 KB of `bytes` declares, if any. */
export function charsetFromMeta(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 4096));
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const attributes = new Map<string, string>();
    for (const [, name, dq, sq, bare] of tag.slice(5).matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      const key = name!.toLowerCase();
      if (!attributes.has(key)) attributes.set(key, dq ?? sq ?? bare ?? '');
    }
    const direct = attributes.get('charset')?.trim();
    if (direct) return direct.toLowerCase();
    if (attributes.get('http-equiv')?.toLowerCase() === 'content-type') {
      const charset = /charset\s*=\s*["']?([^"'\s;]+)/i.exec(attributes.get('content') ?? '')?.[1];
      if (charset) return charset.toLowerCase();
    }
  }
  return undefined;
}

function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (!label) return undefined;
  try {
    const decoder = new TextDecoder(label);
    // A page that claims UTF-16 in a <meta> is read as UTF-8 (HTML standard); only a BOM says UTF-16.
    return decoder.encoding.startsWith('utf-16') ? new TextDecoder('utf-8') : decoder;
  } catch {
    return undefined;
  }
}

/** The document's text and the encoding it was decoded with (TextDecoder's name, e.g. "windows-1251"). */
export function decodeHtml(bytes: Uint8Array, contentType?: string | null): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  const decoder =
    decoderFor(charsetFromContentType(contentType)) ?? decoderFor(charsetFromMeta(bytes)) ?? new TextDecoder('utf-8');
  return { text: decoder.decode(bytes), encoding: decoder.encoding };
}

/** UTF-8 text (a BOM dropped); bytes that are not valid UTF-8 are read as windows-1252. */
export function decodePlainText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
