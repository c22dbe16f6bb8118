/**
 * `npm run bench`: re-anchoring 500 highlights on a ~100,000-character article
 * (the goal: ≤ 50 ms in total, no task over 50 ms), beside the naive approach —
 * `text.indexOf(exact)` from the start, no context — in the same run. Numbers, not
 * assertions (ARCHITECTURE.md §7); a table is printed too: wall and CPU time of the batch,
 * the slowest single highlight anchored alone, and how many of each approach land
 * on the right place, a wrong one, or nowhere.
 *
 * The article is made deterministically from a grammar about the bundled story:
 * names and short phrases recur as in news prose ("North Korea", "the two
 * countries"), which is where a search without context lands in wrong places. A
 * last scenario uses a much smaller grammar whose clauses recur verbatim, the hard
 * case for any context-based anchoring (an edited quote whose exact twin, context
 * and all, stands elsewhere).
 */
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { bench, describe } from 'vitest';
import type { HighlightTarget } from '../../common/model';
import { anchor, anchorAll, type Anchored } from '../../common/anchoring/anchor';
import { describeRange } from '../../common/anchoring/describe';
import { random } from './random';

const ARTICLE_LENGTH = 100_000;
const HIGHLIGHTS = 500;

const SUBJECTS = [
  'The agency', 'Pyongyang', 'Moscow', 'The Kremlin', 'South Korea', 'Washington', 'The ministry',
  'Officials in Seoul', 'The Russian intelligence chief', 'North Korean state media', 'Analysts in Tokyo',
  'The United Nations', 'Kim Jong Un', 'Vladimir Putin', 'The delegation', 'Sergey Naryshkin', 'A senior diplomat',
  'The defence ministry in Seoul', 'Satellite imagery', 'The foreign ministry',
];
const VERBS = [
  'said that', 'reported that', 'claimed that', 'denied that', 'stated that', 'warned that', 'confirmed that',
  'suggested that', 'announced on Thursday that', 'explained that', 'added that', 'insisted that',
];
const CLAUSES = [
  'the two countries discussed security cooperation',
  'weapons had been shipped across the border',
  'the talks were held in an atmosphere of friendliness and friendship',
  'sanctions against North Korea would remain in place',
  'the parties reached complete agreement on pending issues',
  'North Korea had supplied Moscow with large quantities of weapons',
  'relations with Moscow were a top priority',
  'the visit lasted from Monday to Wednesday',
  'military assistance from Moscow included satellite technology',
  'the summit in the Far East had changed the balance in the region',
  'hostile forces were plotting conspiracies against both countries',
  'the shipments violated several resolutions of the Security Council',
  'the Russian army was using North Korean shells in Ukraine',
  'the modernization of military equipment dating back to the Soviet era was under way',
  'espionage activities had increased in recent months',
  'the meetings would continue later in the year',
  'no agreement had been signed during the visit',
  'the containers were loaded at a port on the east coast',
  'trade between the two neighbours had grown sharply',
  'a new round of talks was planned for the spring',
  'the war against Ukraine had entered a new phase',
  'the minister of state security had met the visiting delegation',
];
const TAILS = [
  'on Thursday', 'this week', 'in September', 'during the visit', 'according to officials', 'last month',
  'in a statement', 'without giving details', 'citing intelligence sources', 'in early March',
];

/** The small grammar above: whole clauses recur verbatim, as in boilerplate-heavy text. */
function boilerplateSentence(next: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  let s = `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(CLAUSES)}`;
  const roll = next();
  if (roll < 0.45) s += ` ${pick(TAILS)}`;
  else if (roll < 0.6) s += `, with around ${(1 + Math.floor(next() * 90)) * 100} containers involved`;
  else if (roll < 0.7) s += `, ${pick(SUBJECTS).toLowerCase()} ${pick(VERBS).replace(' that', '')}`;
  return `${s}.`;
}

const ACTORS = [
  'North Korea', 'Moscow', 'Pyongyang', 'the Russian army', 'Kim Jong Un', 'South Korea', 'the delegation',
  'Russian engineers', 'the navy', 'a trading company in Vladivostok', 'the two countries', 'the Kremlin',
  'state-run factories', 'the security services', 'military officials', 'the foreign ministry', 'Chinese brokers',
  'the defence industry', 'local authorities', 'the air force', 'a shipping firm', 'the railway ministry',
];
const ACTIONS = [
  'had shipped', 'would supply', 'was seeking', 'had discussed', 'planned to expand', 'had quietly tested',
  'refused to confirm', 'would modernize', 'had received', 'was preparing to deliver', 'had paid for',
  'offered to repair', 'was storing', 'had begun producing', 'sought to acquire', 'agreed to exchange',
  'had loaded', 'was building', 'promised to share', 'had inspected',
];
const OBJECTS = [
  'artillery shells', 'satellite technology', 'ballistic missiles', 'fuel and food', 'spare parts for tanks',
  'military equipment dating back to the Soviet era', 'containers of weapons', 'a new rail link', 'fighter jets',
  'drone components', 'surveillance radars', 'rocket launchers', 'submarine technology', 'coal and timber',
  'electronic components', 'grain shipments', 'engines for trucks', 'air defence systems', 'night-vision gear',
  'machine tools',
];
const PORTS = ['Rajin', 'Nampo', 'Vostochny', 'Chongjin', 'Vladivostok', 'Wonsan', 'Dunai', 'Khasan'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** News-like prose: names and short phrases recur, long stretches rarely do. */
function newsSentence(next: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const n = (max: number): number => 1 + Math.floor(next() * max);
  const modifiers = [
    () => `in exchange for ${pick(OBJECTS)}`,
    () => `worth about ${n(900)} million dollars`,
    () => `through the port of ${pick(PORTS)}`,
    () => 'since the summit in the Far East',
    () => `over the past ${n(11) + 1} weeks`,
    () => 'despite international sanctions',
    () => `on ${pick(DAYS)}`,
    () => `in early ${pick(MONTHS)}`,
    () => `by way of ${pick(ACTORS)}`,
    () => `for the ${n(9) + 1}th time this year`,
  ];
  let s = `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(ACTORS)} ${pick(ACTIONS)} ${pick(OBJECTS)}`;
  s += ` ${pick(modifiers)()}`;
  if (next() < 0.5) s += `, ${pick(modifiers)()}`;
  if (next() < 0.25) s += `, and ${pick(ACTORS)} ${pick(ACTIONS)} ${pick(OBJECTS)}`;
  const text = `${s}.`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Paragraphs of 3–7 sentences, separated by "\n" as the body's text content has them. */
function makeArticle(length: number, seed: number, sentence = newsSentence): string {
  const next = random(seed);
  const paragraphs: string[] = [];
  let total = 0;
  while (total < length) {
    const count = 3 + Math.floor(next() * 5);
    const paragraph = Array.from({ length: count }, () => sentence(next)).join(' ');
    paragraphs.push(paragraph);
    total += paragraph.length + 1;
  }
  return paragraphs.join('\n');
}

interface Span {
  start: number;
  end: number;
}

/** 500 non-overlapping highlights on word boundaries: one per slot of the text, of mixed lengths. */
function makeHighlights(text: string, count: number, seed: number): Span[] {
  const next = random(seed);
  const slot = Math.floor(text.length / count);
  const spans: Span[] = [];
  for (let i = 0; i < count; i++) {
    const from = i * slot;
    const roll = next();
    const words = roll < 0.15 ? 1 : roll < 0.4 ? 2 + Math.floor(next() * 4) : 6 + Math.floor(next() * 20);
    let start = from + Math.floor(next() * (slot / 2));
    while (start < text.length && text[start - 1] !== ' ' && text[start - 1] !== '\n' && start > 0) start++;
    let end = start;
    for (let w = 0; w < words; w++) {
      const space = text.indexOf(' ', end + 1);
      const limit = from + slot - 1;
      if (space === -1 || space > limit) break;
      end = space;
    }
    if (end <= start) end = Math.min(start + 4, from + slot - 1);
    spans.push({ start, end });
  }
  return spans;
}

/** An article as it was when highlighted, and its highlights. */
interface Base {
  text: string;
  spans: Span[];
  targets: HighlightTarget[];
}

function makeBase(sentence: (next: () => number) => string): Base {
  const text = makeArticle(ARTICLE_LENGTH, 2024, sentence);
  const spans = makeHighlights(text, HIGHLIGHTS, 328);
  return { text, spans, targets: spans.map((s) => describeRange(text, s.start, s.end)) };
}

interface Scenario {
  name: string;
  base: Base;
  /** The article now. */
  text: string;
  /** Where each highlight truly is now (null: its text is gone). */
  expected: (Span | null)[];
}

/** Applies `replace` at `[at, at + removed)` and moves the expected spans after it. */
function splice(scenario: Scenario, at: number, removed: number, replace: string): void {
  const delta = replace.length - removed;
  scenario.text = scenario.text.slice(0, at) + replace + scenario.text.slice(at + removed);
  scenario.expected = scenario.expected.map((span) => {
    if (!span) return null;
    if (span.end <= at) return span;
    if (span.start >= at + removed) return { start: span.start + delta, end: span.end + delta };
    if (span.start <= at && at + removed <= span.end) return { start: span.start, end: span.end + delta };
    return null; // partly deleted: not counted as a place to find
  });
}

function unchanged(base: Base): Scenario {
  return { name: 'unchanged text', base, text: base.text, expected: base.spans.map((s) => ({ ...s })) };
}

const INSERTED = `Editor's note: this article was updated on Friday with comments from Seoul. ${makeArticle(600, 7)}\n`;

function inserted(base: Base): Scenario {
  const scenario = { ...unchanged(base), name: 'text inserted near the start' };
  splice(scenario, base.text.indexOf('\n') + 1, 0, INSERTED);
  return scenario;
}

/** 5% of the quotes get one word (not the first or last) replaced by another of another length. */
function edited(base: Base): Scenario {
  const scenario = { ...unchanged(base), name: '5% of quotes edited' };
  const next = random(99);
  const REPLACEMENTS = ['reportedly', 'all', 'several', 'newly', 'unprecedented', 'big', 'so-called', 'formal'];
  const chosen = base.spans
    .map((span) => ({ span, words: base.text.slice(span.start, span.end).split(' ') }))
    .filter((h) => h.words.length >= 6)
    .filter((_, k) => k % 13 === 0)
    .slice(0, HIGHLIGHTS / 20);
  for (const h of chosen.reverse()) {
    const word = 1 + Math.floor(next() * (h.words.length - 2));
    const at = h.span.start + h.words.slice(0, word).join(' ').length + 1;
    const replacement = REPLACEMENTS[Math.floor(next() * REPLACEMENTS.length)]!;
    splice(scenario, at, h.words[word]!.length, replacement);
  }
  return scenario;
}

/** All at once: inserted text, 5% edited, and one paragraph deleted (its highlights become orphans). */
function mixed(base: Base): Scenario {
  const scenario = { ...edited(base), name: 'inserted + 5% edited + a paragraph deleted' };
  const paragraphStart = scenario.text.indexOf('\n', Math.floor(scenario.text.length * 0.6)) + 1;
  const paragraphEnd = scenario.text.indexOf('\n', paragraphStart) + 1;
  splice(scenario, paragraphStart, paragraphEnd - paragraphStart, '');
  splice(scenario, scenario.text.indexOf('\n') + 1, 0, INSERTED);
  return scenario;
}

function naive(text: string, list: readonly HighlightTarget[]): (Span | null)[] {
  return list.map((t) => {
    const at = text.indexOf(t.quote.exact);
    return at === -1 ? null : { start: at, end: at + t.quote.exact.length };
  });
}

interface Accuracy {
  right: number;
  wrong: number;
  orphaned: number;
}

function accuracy(scenario: Scenario, results: readonly (Span | Anchored | null)[]): Accuracy {
  const tally: Accuracy = { right: 0, wrong: 0, orphaned: 0 };
  results.forEach((result, i) => {
    const expected = scenario.expected[i];
    if (!result) {
      if (expected) tally.orphaned++;
      else tally.right++; // its text is gone: an orphan is the right answer
    } else if (expected && result.start === expected.start && result.end === expected.end) tally.right++;
    else tally.wrong++;
  });
  return tally;
}

/**
 * Milliseconds of `run`, `repeat` times: wall clock (median, worst) and this
 * process's CPU time (median), which other work on a busy machine does not inflate.
 */
function timeMs(run: () => void, repeat = 1): { median: number; worst: number; cpu: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < repeat; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (list: number[]): number => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
  return { median: median(wall), worst: Math.max(...wall), cpu: median(cpu) };
}

const news = makeBase(newsSentence);
const boilerplate = makeBase(boilerplateSentence);
const scenarios: Scenario[] = [
  unchanged(news),
  inserted(news),
  edited(news),
  mixed(news),
  { ...mixed(boilerplate), name: 'same, on boilerplate-heavy text (clauses recur verbatim)' },
];

const rows: Record<string, string | number>[] = [];
for (const scenario of scenarios) {
  const { targets } = scenario.base;
  for (let warm = 0; warm < 10; warm++) {
    anchorAll(scenario.text, targets);
    naive(scenario.text, targets);
  }
  const batch = timeMs(() => anchorAll(scenario.text, targets), 15);
  const naiveTime = timeMs(() => naive(scenario.text, targets), 15);
  let worstSingle = 0;
  for (const target of targets) worstSingle = Math.max(worstSingle, timeMs(() => anchor(scenario.text, target)).median);
  const ours = anchorAll(scenario.text, targets);
  const methods = { position: 0, quote: 0, fuzzy: 0 };
  for (const r of ours) if (r) methods[r.method]++;
  const a = accuracy(scenario, ours);
  const n = accuracy(scenario, naive(scenario.text, targets));
  rows.push({
    scenario: scenario.name,
    'anchorAll ms (median / worst of 15)': `${batch.median.toFixed(1)} / ${batch.worst.toFixed(1)}`,
    'anchorAll CPU ms (median)': Number(batch.cpu.toFixed(1)),
    'max ms, one highlight alone': Number(worstSingle.toFixed(2)),
    'right / wrong / orphan': `${a.right} / ${a.wrong} / ${a.orphaned}`,
    'by position / quote / fuzzy': `${methods.position} / ${methods.quote} / ${methods.fuzzy}`,
    'naive ms (median)': Number(naiveTime.median.toFixed(1)),
    'naive right / wrong / orphan': `${n.right} / ${n.wrong} / ${n.orphaned}`,
  });
}
console.log(
  `\nRe-anchoring ${HIGHLIGHTS} highlights on a ${news.text.length.toLocaleString('en')}-character article ` +
    `(target: ≤ 50 ms for all, no task over 50 ms). "Right" counts an orphan whose text is gone as right.`,
);
console.table(rows);

for (const scenario of scenarios) {
  const { targets } = scenario.base;
  describe(`re-anchor ${HIGHLIGHTS} highlights, ${(scenario.text.length / 1000).toFixed(0)}k characters — ${scenario.name}`, () => {
    bench('anchorAll (position → quote + context → fuzzy)', () => {
      anchorAll(scenario.text, targets);
    }, { iterations: 30, time: 0 });
    bench('naive: indexOf(exact) from the start, no context', () => {
      naive(scenario.text, targets);
    }, { iterations: 30, time: 0 });
  });
}
