// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { collectHeadings, currentHeading, headingInfos, outlineDepths } from './headings';

const bodyOf = (html: string): HTMLElement => {
  const body = document.createElement('div');
  body.innerHTML = html;
  return body;
};

describe('collectHeadings', () => {
  it('lists h1–h6 of the body in document order with their level and collapsed text', () => {
    const body = bodyOf(`
      <p>Intro</p>
      <h2>First   <em>part</em></h2>
      <section><h3>A detail</h3><p>…</p><h4>Deeper</h4></section>
      <h1>Odd top level</h1>
      <h6>Six</h6>
      <h5>
        Five
      </h5>`);
    expect(headingInfos(collectHeadings(body))).toEqual([
      { index: 0, level: 2, text: 'First part' },
      { index: 1, level: 3, text: 'A detail' },
      { index: 2, level: 4, text: 'Deeper' },
      { index: 3, level: 1, text: 'Odd top level' },
      { index: 4, level: 6, text: 'Six' },
      { index: 5, level: 5, text: 'Five' },
    ]);
  });

  it('skips empty headings (and numbers the rest without gaps), takes an image’s alt when it is all there is', () => {
    const body = bodyOf('<h2> </h2><h2>Kept</h2><h3><img src="x.png" alt=""></h3><h3><img src="y.png" alt="Chart of sales"></h3><h2>\n</h2><h2>Last</h2>');
    const found = collectHeadings(body);
    expect(headingInfos(found)).toEqual([
      { index: 0, level: 2, text: 'Kept' },
      { index: 1, level: 3, text: 'Chart of sales' },
      { index: 2, level: 2, text: 'Last' },
    ]);
    // Each keeps its own element (what a jump goes to).
    expect(found.map((h) => h.element.tagName)).toEqual(['H2', 'H3', 'H2']);
    expect(found[2]!.element).toBe(body.querySelectorAll('h2')[3]);
  });

  it('finds none in a body without headings', () => {
    expect(collectHeadings(bodyOf('<p>Only text.</p><p><strong>Bold, not a heading</strong></p>'))).toEqual([]);
  });
});

describe('outlineDepths', () => {
  it('starts at the shallowest level used and never skips a depth', () => {
    expect(outlineDepths([2, 3, 3, 2, 4, 5, 2])).toEqual([0, 1, 1, 0, 1, 2, 0]);
    // A first heading deeper than a later one still starts at the left.
    expect(outlineDepths([3, 2, 3])).toEqual([0, 0, 1]);
    expect(outlineDepths([])).toEqual([]);
    expect(outlineDepths([4, 4])).toEqual([0, 0]);
  });
});

describe('currentHeading', () => {
  const tops = [-900, -300, 120, 700, 1400];
  const at = (i: number) => tops[i]!;
  it('is the last heading at or above the line, -1 above the first', () => {
    expect(currentHeading(at, tops.length, 200)).toBe(2);
    expect(currentHeading(at, tops.length, 120)).toBe(2);
    expect(currentHeading(at, tops.length, 119)).toBe(1);
    expect(currentHeading(at, tops.length, -1000)).toBe(-1);
    expect(currentHeading(at, tops.length, 5000)).toBe(4);
    expect(currentHeading(at, 0, 200)).toBe(-1);
  });

  it('at the end of the article, the last heading in view counts', () => {
    expect(currentHeading(at, tops.length, 200, true, 800)).toBe(3);
    expect(currentHeading(at, tops.length, 200, true, 1500)).toBe(4);
    // Not at the end: the line decides.
    expect(currentHeading(at, tops.length, 200, false, 1500)).toBe(2);
  });
});
