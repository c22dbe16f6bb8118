// @vitest-environment jsdom
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { anchor } from '../../common/anchoring/anchor';
import { describeRange } from '../../common/anchoring/describe';
import { TextIndex } from './text-index';

const ARTICLE = `<h1>Russian intelligence chief in <em>Pyongyang</em></h1>
<p>Pyongyang announced on <b>Thursday</b> that the <a href="#x">Russian <i>intelligence</i> chief</a> discussed bilateral security cooperation.</p>
<!-- a comment the text content does not count -->
<p>The agency <span></span>explained that the officials discussed <em>ways to <strong>enhance</strong> cooperation</em>.</p>
<figure><img alt="a photo"><figcaption>Kim Jong Un 👨‍👩‍👧 in Pyongyang</figcaption></figure>
<ul><li>Moscow</li><li>Seoul</li></ul>`;

let root: HTMLElement;
let index: TextIndex;

beforeEach(() => {
  document.body.innerHTML = `<header id="before">Header text</header><article id="root">${ARTICLE}</article><footer id="after">Footer</footer>`;
  root = document.getElementById('root')!;
  index = new TextIndex(root);
});

describe('TextIndex', () => {
  it('has the root’s text content as its text', () => {
    expect(index.text).toBe(root.textContent);
    expect(index.length).toBe(root.textContent!.length);
  });

  it('gives a range whose text is the slice, across nested inline elements', () => {
    const start = index.text.indexOf('the Russian');
    const end = index.text.indexOf(' discussed bilateral');
    const range = index.rangeFor(start, end);
    expect(range.toString()).toBe('the Russian intelligence chief');
    expect(range.startContainer.nodeType).toBe(Node.TEXT_NODE);
    expect(range.endContainer.parentElement!.tagName).toBe('A'); // " chief" inside <a>, after <i>
  });

  it('gives a range across paragraphs and a figure', () => {
    const start = index.text.indexOf('cooperation.');
    const end = index.text.indexOf(' in Pyongyang', start) + 3;
    const range = index.rangeFor(start, end);
    expect(range.toString()).toBe(index.text.slice(start, end));
    expect(range.toString()).toContain('The agency explained');
    expect(range.toString()).toContain('👨‍👩‍👧');
  });

  it('gives a range over the whole text', () => {
    const range = index.rangeFor(0, index.length);
    expect(range.toString()).toBe(root.textContent);
    expect(range.startContainer.textContent).toBe('Russian intelligence chief in ');
    expect(range.endContainer.textContent).toBe('Seoul');
  });

  it('starts a range in the node holding its first character, not at the end of the previous one', () => {
    const start = index.text.indexOf('Thursday');
    const range = index.rangeFor(start, start + 8);
    expect(range.startContainer.textContent).toBe('Thursday');
    expect(range.startOffset).toBe(0);
    expect(range.endContainer.textContent).toBe('Thursday');
    expect(range.endOffset).toBe(8);
  });

  it('gives collapsed ranges for empty spans, and rejects offsets outside the text', () => {
    expect(index.rangeFor(5, 5).collapsed).toBe(true);
    expect(index.rangeFor(index.length, index.length).collapsed).toBe(true);
    expect(() => index.rangeFor(-1, 2)).toThrow(RangeError);
    expect(() => index.rangeFor(3, 2)).toThrow(RangeError);
    expect(() => index.rangeFor(0, index.length + 1)).toThrow(RangeError);
  });

  it('turns ranges into offsets and back for any span (round trip)', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (a, b) => {
        const start = a % (index.length + 1);
        const end = start + (b % (index.length - start + 1));
        const range = index.rangeFor(start, end);
        expect(range.toString()).toBe(index.text.slice(start, end));
        expect(index.rangeToOffsets(range)).toEqual({ start, end });
      }),
      { numRuns: 300 },
    );
  });

  it('gives the offset of a point in a text node', () => {
    const thursday = root.querySelector('b')!.firstChild!;
    expect(index.offsetOf(thursday, 0)).toBe(index.text.indexOf('Thursday'));
    expect(index.offsetOf(thursday, 3)).toBe(index.text.indexOf('Thursday') + 3);
    expect(index.offsetOf(thursday, 99)).toBe(index.text.indexOf('Thursday') + 8); // clamped
  });

  it('gives the offset of a point in an element container', () => {
    const p = root.querySelectorAll('p')[0]!;
    const pStart = index.text.indexOf('Pyongyang announced');
    expect(index.offsetOf(p, 0)).toBe(pStart);
    expect(index.offsetOf(p, 1)).toBe(index.text.indexOf('Thursday')); // before <b>
    expect(index.offsetOf(p, p.childNodes.length)).toBe(pStart + p.textContent!.length);
    expect(index.offsetOf(root, 0)).toBe(0);
    expect(index.offsetOf(root, root.childNodes.length)).toBe(index.length);
    const em = root.querySelectorAll('p')[1]!.querySelector('em')!;
    expect(index.offsetOf(em, 1)).toBe(index.text.indexOf('enhance'));
    expect(index.offsetOf(em, 2)).toBe(index.text.indexOf(' cooperation.', index.text.indexOf('enhance')));
  });

  it('handles empty elements, images and comments as containers', () => {
    const empty = root.querySelector('span')!;
    expect(index.offsetOf(empty, 0)).toBe(index.text.indexOf('explained'));
    const figure = root.querySelector('figure')!;
    expect(index.offsetOf(figure, 1)).toBe(index.text.indexOf('Kim Jong Un')); // after the <img>
    const img = root.querySelector('img')!;
    expect(index.offsetOf(img, 0)).toBe(index.text.indexOf('Kim Jong Un'));
    const comment = [...root.childNodes].find((n) => n.nodeType === Node.COMMENT_NODE)!;
    const afterComment = index.text.indexOf('The agency') - 1; // the "\n" after the comment
    expect(index.offsetOf(comment, 5)).toBe(afterComment);
  });

  it('turns a selection made of element boundary points into offsets', () => {
    const range = document.createRange();
    const li = root.querySelectorAll('li');
    range.setStart(root.querySelector('ul')!, 0);
    range.setEnd(li[1]!, 1);
    expect(index.rangeToOffsets(range)).toEqual({ start: index.text.indexOf('Moscow'), end: index.length });
  });

  it('clips a range reaching outside the root, and refuses one wholly outside', () => {
    const header = document.getElementById('before')!.firstChild!;
    const footer = document.getElementById('after')!.firstChild!;
    const range = document.createRange();
    range.setStart(header, 2);
    range.setEnd(root.querySelector('b')!.firstChild!, 4);
    expect(index.rangeToOffsets(range)).toEqual({ start: 0, end: index.text.indexOf('Thursday') + 4 });
    range.setStart(header, 0);
    range.setEnd(footer, 3);
    expect(index.rangeToOffsets(range)).toEqual({ start: 0, end: index.length });
    range.setStart(header, 0);
    range.setEnd(header, 4);
    expect(index.rangeToOffsets(range)).toBeNull();
    range.setStart(footer, 0);
    range.setEnd(footer, 2);
    expect(index.rangeToOffsets(range)).toBeNull();
    range.setStart(document.body, 0); // the body holds the root: offsets relative to its child
    range.setEnd(document.body, 1);
    expect(index.rangeToOffsets(range)).toBeNull();
    range.setEnd(document.body, 2);
    expect(index.rangeToOffsets(range)).toEqual({ start: 0, end: index.length });
  });

  it('refuses a range in another tree, and offsetOf a node outside the root', () => {
    const other = document.createElement('p');
    other.textContent = 'detached';
    const range = document.createRange();
    range.setStart(other.firstChild!, 0);
    range.setEnd(other.firstChild!, 4);
    expect(index.rangeToOffsets(range)).toBeNull();
    expect(() => index.offsetOf(other.firstChild!, 0)).toThrow(RangeError);
  });

  it('indexes a root with no text, and a text node as root', () => {
    const empty = document.createElement('div');
    empty.innerHTML = '<img alt=""><br>';
    const none = new TextIndex(empty);
    expect(none.text).toBe('');
    expect(none.rangeFor(0, 0).collapsed).toBe(true);
    expect(none.offsetOf(empty, 1)).toBe(0);
    const text = document.createTextNode('solo');
    const solo = new TextIndex(text);
    expect(solo.rangeFor(1, 3).toString()).toBe('ol');
  });

  it('round-trips a selection through the selectors and anchoring', () => {
    const range = document.createRange();
    range.setStart(root.querySelector('i')!.firstChild!, 3); // "elligence chief…"
    range.setEnd(root.querySelector('strong')!.firstChild!, 4);
    const offsets = index.rangeToOffsets(range)!;
    const target = describeRange(index.text, offsets.start, offsets.end);
    const found = anchor(index.text, target)!;
    expect(index.rangeFor(found.start, found.end).toString()).toBe(range.toString());
  });
});
