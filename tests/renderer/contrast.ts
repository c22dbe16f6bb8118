/**
 * WCAG 2 contrast, for the theme tests: parse the `rgb()`/`rgba()`/`#hex` colors a
 * browser's computed style gives, lay translucent ones over what is under them (as the
 * page paints a highlight's wash over the paper), and measure the ratio of two opaque
 * colors (WCAG 2.2 "contrast ratio", relative luminance in sRGB). Pure: no page here.
 */

/** A color with channels 0–255 and alpha 0–1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const FUNCTIONAL = /^rgba?\(\s*([^)]*)\)$/i;

/** Parse `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb(r, g, b)`, `rgba(r, g, b, a)` and `rgb(r g b / a)`. Throws on anything else. */
export function parseColor(text: string): Rgba {
  const value = text.trim();
  const hex = HEX.exec(value);
  if (hex) {
    let digits = hex[1]!;
    if (digits.length === 3) digits = [...digits].map((d) => d + d).join('');
    const channel = (i: number) => parseInt(digits.slice(i, i + 2), 16);
    return { r: channel(0), g: channel(2), b: channel(4), a: digits.length === 8 ? channel(6) / 255 : 1 };
  }
  const fn = FUNCTIONAL.exec(value);
  if (fn) {
    const parts = fn[1]!
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map((part) => (part.endsWith('%') ? (parseFloat(part) / 100) * 255 : parseFloat(part)));
    if ((parts.length === 3 || parts.length === 4) && parts.every((n) => Number.isFinite(n))) {
      const alphaText = fn[1]!.split(/[\s,/]+/).filter(Boolean)[3];
      const a = alphaText === undefined ? 1 : alphaText.endsWith('%') ? parseFloat(alphaText) / 100 : parseFloat(alphaText);
      return { r: parts[0]!, g: parts[1]!, b: parts[2]!, a };
    }
  }
  throw new Error(`not a color this helper reads: "${text}"`);
}

/** `top` painted over `under` (source-over); the result is as opaque as `under`. */
export function composite(top: Rgba, under: Rgba): Rgba {
  const a = top.a + under.a * (1 - top.a);
  if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
  const mix = (t: number, u: number) => (t * top.a + u * under.a * (1 - top.a)) / a;
  return { r: mix(top.r, under.r), g: mix(top.g, under.g), b: mix(top.b, under.b), a };
}

/** WCAG 2 relative luminance of an opaque color. */
export function luminance({ r, g, b }: Rgba): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio (1–21) of two colors; both must be opaque (composite first). */
export function contrastRatio(one: Rgba, two: Rgba): number {
  if (one.a < 1 || two.a < 1) throw new Error('contrast of a translucent color: composite it over its background first');
  const [light, dark] = [luminance(one), luminance(two)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Contrast of text or a mark `fore` over `layers` (bottom first: the opaque background, then any washes). */
export function contrastOver(fore: string, ...layers: string[]): number {
  const [base, ...washes] = layers.map(parseColor);
  if (!base) throw new Error('contrastOver needs a background');
  const ground = washes.reduce((under, wash) => composite(wash, under), base);
  return contrastRatio(composite(parseColor(fore), ground), ground);
}
