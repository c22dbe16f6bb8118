/**
 * Runs in Chromium (bundled by paint.bench.ts): paints highlights over a large article
 * with the app's own HighlightPainter and times the script, from scratch each run
 * (no reused ranges), and with the style/layout flush that follows.
 */
import { TextIndex } from '../../renderer/anchoring/text-index';
import { HighlightPainter, type Mark } from '../../renderer/reader/article-view/highlight-painter';
import { HIGHLIGHT_COLORS } from '../../common/model';

const WORDS = 'the agency reported that officials discussed cooperation between two countries in an atmosphere of friendliness'.split(' ');

function makeArticle(root: HTMLElement, chars: number): void {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let total = 0;
  while (total < chars) {
    const p = document.createElement('p');
    const words: string[] = [];
    for (let i = 0; i < 60; i++) words.push(WORDS[Math.floor(next() * WORDS.length)]!);
    const em = document.createElement('em');
    em.textContent = words.slice(20, 25).join(' ');
    p.append(words.slice(0, 20).join(' ') + ' ', em, ' ' + words.slice(25).join(' ') + '. ');
    root.append(p);
    total += p.textContent!.length;
  }
}

function marksFor(length: number, count: number): Mark[] {
  const marks: Mark[] = [];
  const step = Math.floor(length / count);
  for (let i = 0; i < count; i++) {
    const start = i * step + 3;
    marks.push({ id: `m${i}`, color: HIGHLIGHT_COLORS[i % 5]!, hasNote: i % 3 === 0, start, end: start + Math.min(60, step - 5) });
  }
  return marks;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const max = (xs: number[]) => Math.max(...xs);

(window as unknown as { measure: (chars: number, count: number, runs: number) => unknown }).measure = (
  chars,
  count,
  runs,
) => {
  const host = document.createElement('article');
  document.body.replaceChildren(host);
  makeArticle(host, chars);
  const index = new TextIndex(host);
  const marks = marksFor(index.length, count);
  const painter = new HighlightPainter(index);
  const paint: number[] = [];
  const paintAndStyle: number[] = [];
  for (let i = 0; i < runs; i++) {
    painter.clear();
    host.getBoundingClientRect();
    const t0 = performance.now();
    painter.paint(marks);
    const t1 = performance.now();
    host.getBoundingClientRect();
    paint.push(t1 - t0);
    paintAndStyle.push(performance.now() - t0);
  }
  painter.clear();
  return {
    characters: index.length,
    highlights: count,
    paintMedian: median(paint),
    paintMax: max(paint),
    paintWithStyleMedian: median(paintAndStyle),
  };
};
