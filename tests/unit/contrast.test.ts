import { describe, expect, it } from 'vitest';
import { composite, contrastOver, contrastRatio, parseColor } from '../renderer/contrast';

describe('WCAG 2 contrast helper (tests/renderer/contrast.ts)', () => {
  it('measures known pairs', () => {
    expect(contrastRatio(parseColor('#000'), parseColor('#fff'))).toBeCloseTo(21, 5);
    expect(contrastRatio(parseColor('#777777'), parseColor('#ffffff'))).toBeCloseTo(4.48, 2);
    expect(contrastRatio(parseColor('#fff'), parseColor('#fff'))).toBe(1);
    // The order of the two colors does not matter.
    expect(contrastRatio(parseColor('#ffffff'), parseColor('#767676'))).toBeCloseTo(4.54, 2);
    expect(contrastRatio(parseColor('#0000ff'), parseColor('#ffffff'))).toBeCloseTo(8.59, 2);
  });

  it('reads the forms computed styles give', () => {
    expect(parseColor('rgb(250, 248, 243)')).toEqual({ r: 250, g: 248, b: 243, a: 1 });
    expect(parseColor('rgba(250, 204, 21, 0.42)')).toEqual({ r: 250, g: 204, b: 21, a: 0.42 });
    expect(parseColor('rgb(250 204 21 / 0.42)')).toEqual({ r: 250, g: 204, b: 21, a: 0.42 });
    expect(parseColor('#ff000080').a).toBeCloseTo(0.5, 2);
    expect(() => parseColor('oklch(0.5 0.1 20)')).toThrow(/not a color/);
    expect(() => parseColor('rgb(1, 2)')).toThrow(/not a color/);
  });

  it('composites translucent colors over the background', () => {
    expect(composite(parseColor('rgba(0, 0, 0, 0.5)'), parseColor('#ffffff'))).toEqual({ r: 127.5, g: 127.5, b: 127.5, a: 1 });
    expect(composite(parseColor('rgba(255, 0, 0, 0)'), parseColor('#00ff00'))).toEqual({ r: 0, g: 255, b: 0, a: 1 });
    // Black text on white under a 50% black wash: the ground is mid grey.
    expect(contrastOver('#000', '#fff', 'rgba(0, 0, 0, 0.5)')).toBeCloseTo(contrastRatio(parseColor('#000'), parseColor('rgb(127.5, 127.5, 127.5)')), 5);
    expect(() => contrastRatio(parseColor('rgba(0,0,0,0.5)'), parseColor('#fff'))).toThrow(/composite/);
  });
});
