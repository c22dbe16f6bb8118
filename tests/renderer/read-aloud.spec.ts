/**
 * Read aloud in the reader. Nothing here is heard: this Chromium has no voices, so the
 * first part checks what it really reports (and that Listen says so in words), and the
 * rest runs against a STAND-IN SPEECH ENGINE installed before the page loads — a fake
 * `window.speechSynthesis` with two local voices (en-GB, ko-KR) and one network voice,
 * which records every utterance (text, rate, voice) and ends each after a few
 * milliseconds (or holds it until the test ends it). It proves what the app asks the
 * engine to say, in which order, with which voice and speed, and what the page shows;
 * only a real system voice can prove the sound itself.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { dragSelect, seriousViolations } from './page-helpers';
import { STORY } from './story';

const NO_VOICE = 'Read aloud needs a voice installed on this computer, and none was found.';

interface Spoken {
  text: string;
  rate: number;
  voice: string | null;
}

interface StandIn {
  spoken: Spoken[];
  cancels: number;
  /** Each utterance ends after this many ms; 0: held until {@link endCurrent}. */
  durationMs: number;
  endCurrent(): void;
}

/** The stand-in speech engine (see the header): replaces `speechSynthesis` before any script runs. */
function installStandInSpeechEngine(): void {
  const voices = [
    { voiceURI: 'stand-in-en-gb', name: 'Stand-in English', lang: 'en-GB', localService: true, default: true },
    { voiceURI: 'stand-in-ko-kr', name: 'Stand-in Korean', lang: 'ko-KR', localService: true, default: false },
    { voiceURI: 'stand-in-network', name: 'Stand-in Network voice', lang: 'en-US', localService: false, default: false },
  ];
  class StandInUtterance extends EventTarget {
    voice: { voiceURI: string } | null = null;
    rate = 1;
    pitch = 1;
    volume = 1;
    lang = '';
    constructor(public text: string) {
      super();
    }
  }
  let current: StandInUtterance | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const finish = (utterance: StandInUtterance) => {
    if (current !== utterance) return;
    current = null;
    utterance.dispatchEvent(new Event('end'));
  };
  const record: StandIn = {
    spoken: [],
    cancels: 0,
    durationMs: 15,
    endCurrent: () => {
      if (current) finish(current);
    },
  };
  const synth = Object.assign(new EventTarget(), {
    getVoices: () => voices,
    get speaking() {
      return current !== null;
    },
    paused: false,
    pending: false,
    speak(utterance: StandInUtterance) {
      record.spoken.push({ text: utterance.text, rate: utterance.rate, voice: utterance.voice?.voiceURI ?? null });
      current = utterance;
      setTimeout(() => utterance.dispatchEvent(new Event('start')), 0);
      if (record.durationMs > 0) timer = setTimeout(() => finish(utterance), record.durationMs);
    },
    cancel() {
      record.cancels++;
      clearTimeout(timer);
      const was = current;
      current = null;
      if (was) was.dispatchEvent(Object.assign(new Event('error'), { error: 'interrupted' }));
    },
    pause() {},
    resume() {},
  });
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: StandInUtterance, configurable: true });
  (window as unknown as { __standInSpeech: StandIn }).__standInSpeech = record;
}

const standIn = (app: Page) => app.evaluate(() => (window as unknown as { __standInSpeech: StandIn }).__standInSpeech);
const spoken = async (app: Page) => (await standIn(app)).spoken;
const texts = async (app: Page) => (await spoken(app)).map((s) => s.text);
const setDuration = (app: Page, ms: number) =>
  app.evaluate((d) => {
    (window as unknown as { __standInSpeech: StandIn }).__standInSpeech.durationMs = d;
  }, ms);
const endCurrent = (app: Page) =>
  app.evaluate(() => (window as unknown as { __standInSpeech: StandIn }).__standInSpeech.endCurrent());

/** The text under the `lectern-speaking` highlight, and whether it is inside the window. */
const speaking = (app: Page) =>
  app.evaluate(() => {
    const highlight = CSS.highlights.get('lectern-speaking') as Highlight | undefined;
    const range = highlight ? ([...highlight][0] as Range | undefined) : undefined;
    if (!range) return null;
    const rect = range.getBoundingClientRect();
    return { text: range.toString(), inView: rect.top >= 0 && rect.bottom <= window.innerHeight };
  });

const openStory = async (app: Page) => {
  await app.getByRole('button', { name: STORY.title }).click();
  await expect(app.getByRole('heading', { level: 1, name: STORY.title })).toBeVisible();
};

const bar = (app: Page) => app.getByRole('toolbar', { name: 'Read aloud' });
const listen = (app: Page) => app.getByRole('button', { name: 'Listen', exact: true });

/** `listening` as settings.json keeps it (undefined: never saved). */
const storedListening = async (libraryDir: string) => {
  const text = await readFile(join(libraryDir, 'settings.json'), 'utf8').catch(() => '{}');
  return (JSON.parse(text) as { listening?: Record<string, unknown> }).listening;
};

/** The story's words in order, spaces folded (what reading it through must say). */
const folded = (parts: readonly string[]) => parts.join(' ').replace(/\s+/gu, ' ').trim();

// Small enough that the story does not fit: reading must scroll it.
test.use({ viewport: { width: 1000, height: 560 } });

test.describe('read aloud in this Chromium (no stand-in)', () => {
  test('Listen says in words what the system offers: no voice here, and how to get one', async ({ app }, testInfo) => {
    await openStory(app);
    const reported = await app.evaluate(
      () =>
        new Promise<{ local: number; all: number }>((resolve) => {
          const count = () => {
            const voices = speechSynthesis.getVoices();
            return { local: voices.filter((v) => v.localService).length, all: voices.length };
          };
          if (count().all > 0) return resolve(count());
          speechSynthesis.addEventListener('voiceschanged', () => resolve(count()), { once: true });
          setTimeout(() => resolve(count()), 2000);
        }),
    );
    testInfo.annotations.push({ type: 'voices', description: `this Chromium reports ${reported.all} voices, ${reported.local} local` });
    await listen(app).click();
    if (reported.local === 0) {
      const alert = bar(app).getByRole('alert');
      await expect(alert).toContainText(NO_VOICE);
      await expect(alert).toContainText(
        'On Linux, install speech-dispatcher and a voice (for example: sudo apt install speech-dispatcher espeak-ng), then restart Lectern.',
      );
      await expect(bar(app).getByRole('button', { name: 'Play' })).toBeDisabled();
      await app.screenshot({ path: testInfo.outputPath('read-aloud-no-voice.png') });
      expect(await seriousViolations(app)).toEqual([]);
      // Stop closes the bar.
      await bar(app).getByRole('button', { name: 'Stop' }).click();
      await expect(bar(app)).toHaveCount(0);
      await expect(listen(app)).toBeFocused();
    } else {
      // This Chromium has a voice of its own: the other path — it reads.
      testInfo.annotations.push({ type: 'note', description: 'a local voice was reported; the no-voice message was not tested here' });
      await expect(bar(app).getByRole('button', { name: 'Pause' })).toBeVisible();
      await expect(bar(app)).toContainText(/Reading sentence 1 of \d+\./u);
      await bar(app).getByRole('button', { name: 'Stop' }).click();
    }
  });
});

test.describe('read aloud with a stand-in speech engine', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(installStandInSpeechEngine);
  });

  test('reads the story sentence by sentence from the top, marking the sentence read and keeping it in view', async ({
    app,
    libraryDir,
  }, testInfo) => {
    await openStory(app);
    await setDuration(app, 0);
    await listen(app).click();
    await expect(bar(app)).toBeVisible();
    await expect(bar(app).getByRole('button', { name: 'Pause' })).toBeFocused();
    await expect.poll(() => texts(app)).toHaveLength(1);
    const [first] = await texts(app);
    expect(STORY.paragraphs[0]!.startsWith(first!)).toBe(true);
    expect(await speaking(app)).toEqual({ text: first, inView: true });
    await app.screenshot({ path: testInfo.outputPath('read-aloud-bar.png') });
    expect(await seriousViolations(app)).toEqual([]);

    // Each sentence marked and in view while it is read (the reader's window is small: it scrolls).
    for (let i = 1; i < 6; i++) {
      await endCurrent(app);
      await expect.poll(() => texts(app)).toHaveLength(i + 1);
      const now = (await texts(app))[i]!;
      await expect.poll(() => speaking(app)).toEqual({ text: now, inView: true });
    }
    await app.screenshot({ path: testInfo.outputPath('read-aloud-scrolled.png') });

    // The rest at the stand-in's own pace: every sentence once, in order, with the story's words.
    await setDuration(app, 10);
    await endCurrent(app);
    await expect(bar(app)).toContainText('Finished reading the article; it is marked as read.');
    expect(folded(await texts(app))).toBe(folded(STORY.paragraphs));
    for (const utterance of await spoken(app)) {
      expect(utterance.text.length).toBeLessThanOrEqual(220);
      expect(utterance).toMatchObject({ rate: 1, voice: 'stand-in-en-gb' });
    }
    expect(await speaking(app)).toBeNull();
    expect(await storedListening(libraryDir)).toBeUndefined(); // nothing changed, nothing saved
  });

  test('starts at the sentence at the top of the view, or at the selection', async ({ app }) => {
    await openStory(app);
    await setDuration(app, 0);
    // Scroll the fifth paragraph to the top of the window (once the view has put the saved position back).
    await app.waitForTimeout(300);
    await app.locator('article-view').evaluate((view, start) => {
      const p = [...view.shadowRoot!.querySelectorAll('.body p')].find((el) => el.textContent!.startsWith(start))!;
      window.scrollBy({ top: p.getBoundingClientRect().top - 2, behavior: 'instant' });
    }, STORY.paragraphs[4]!.slice(0, 30));
    // The shortcut (a click on Listen would scroll the page to the button first).
    await app.keyboard.press('Control+Shift+Space');
    await expect.poll(() => texts(app)).toEqual([STORY.paragraphs[4]]);
    await bar(app).getByRole('button', { name: 'Pause' }).click();

    // A selection inside the seventh paragraph: reading starts at its sentence.
    await dragSelect(app, 'claimed that Pyongyang');
    await bar(app).getByRole('button', { name: 'Play' }).click();
    await expect.poll(async () => (await texts(app)).at(-1)).toBe(STORY.paragraphs[6]);
    await expect.poll(() => speaking(app)).toEqual({ text: STORY.paragraphs[6], inView: true });
  });

  test('pause and play continue at the same sentence; next and previous move by a sentence', async ({ app }) => {
    await openStory(app);
    await setDuration(app, 0);
    await listen(app).click();
    await expect.poll(() => texts(app)).toHaveLength(1);
    await endCurrent(app);
    await expect.poll(() => texts(app)).toHaveLength(2);
    const second = (await texts(app))[1]!;

    await bar(app).getByRole('button', { name: 'Pause' }).click();
    await expect(bar(app)).toContainText('Paused at sentence 2 of');
    const cancelled = (await standIn(app)).cancels;
    expect(cancelled).toBeGreaterThan(0);
    expect(await speaking(app)).toMatchObject({ text: second });
    await bar(app).getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => texts(app)).toEqual([(await texts(app))[0], second, second]);

    await bar(app).getByRole('button', { name: 'Next sentence' }).click();
    await expect.poll(() => texts(app)).toHaveLength(4);
    const third = (await texts(app))[3]!;
    expect(third).not.toBe(second);
    await bar(app).getByRole('button', { name: 'Previous sentence' }).click();
    await expect.poll(async () => (await texts(app)).at(-1)).toBe(second);
    expect(await speaking(app)).toMatchObject({ text: second });

    // Stop closes the bar and keeps the place; Listen goes on from it.
    await bar(app).getByRole('button', { name: 'Stop' }).click();
    await expect(bar(app)).toHaveCount(0);
    await listen(app).click();
    await expect.poll(async () => (await texts(app)).at(-1)).toBe(second);
    expect((await texts(app)).length).toBe(6);
  });

  test('a new speed applies from the next sentence and is saved; only local voices, the article\'s language first', async ({
    app,
    libraryDir,
  }) => {
    await openStory(app);
    await setDuration(app, 0);
    await listen(app).click();
    await expect.poll(() => texts(app)).toHaveLength(1);

    const speed = bar(app).getByRole('combobox', { name: 'Speed' });
    await expect(speed.getByRole('option')).toHaveText(['0.75×', '1×', '1.25×', '1.5×', '1.75×', '2×']);
    await speed.selectOption({ label: '1.5×' });
    expect(await spoken(app)).toHaveLength(1); // the sentence being read is not cut
    await endCurrent(app);
    await expect.poll(async () => (await spoken(app))[1]).toMatchObject({ rate: 1.5, voice: 'stand-in-en-gb' });
    await expect.poll(() => storedListening(libraryDir)).toMatchObject({ rate: 1.5 });

    const voice = bar(app).getByRole('combobox', { name: 'Voice' });
    const groups = await voice.evaluate((select) =>
      [...select.querySelectorAll('optgroup')].map((g) => [g.label, [...g.querySelectorAll('option')].map((o) => o.textContent!.trim())]),
    );
    expect(groups).toEqual([
      ['English', ['Stand-in English']],
      ['Korean', ['Stand-in Korean']],
    ]);
    await expect(voice).toHaveValue('stand-in-en-gb');
    await voice.selectOption({ label: 'Stand-in Korean' });
    await endCurrent(app);
    await expect.poll(async () => (await spoken(app))[2]).toMatchObject({ rate: 1.5, voice: 'stand-in-ko-kr' });
    await expect.poll(() => storedListening(libraryDir)).toMatchObject({ rate: 1.5, voice: 'stand-in-ko-kr' });
    expect((await spoken(app)).some((s) => s.voice === 'stand-in-network' || s.voice === null)).toBe(false);

    // Kept over a reload.
    await app.reload();
    await openStory(app);
    await listen(app).click();
    await expect(bar(app).getByRole('combobox', { name: 'Speed' })).toHaveValue('1.5');
    await expect(bar(app).getByRole('combobox', { name: 'Voice' })).toHaveValue('stand-in-ko-kr');
    await expect.poll(async () => (await spoken(app))[0]).toMatchObject({ rate: 1.5, voice: 'stand-in-ko-kr' });
  });

  for (const markReadAtEnd of [true, false]) {
    test(`at the end the article is ${markReadAtEnd ? '' : 'not '}marked read when "Mark as read at the end" is ${markReadAtEnd ? 'on' : 'off'}`, async ({
      app,
      libraryDir,
    }) => {
      await openStory(app);
      await setDuration(app, 0);
      await listen(app).click();
      const mark = bar(app).getByRole('checkbox', { name: 'Mark as read at the end' });
      await expect(mark).toBeChecked();
      if (!markReadAtEnd) {
        await mark.uncheck();
        await expect.poll(() => storedListening(libraryDir)).toMatchObject({ markReadAtEnd: false });
      }
      // Go to the last sentence (the end of the last paragraph, which is cut in two), then look
      // back at the top while it is read (so the end is not in view).
      const last = STORY.paragraphs.at(-1)!.slice(STORY.paragraphs.at(-1)!.indexOf('including satellite'));
      await bar(app).getByRole('button', { name: 'Pause' }).click();
      await dragSelect(app, 'satellite technology');
      await bar(app).getByRole('button', { name: 'Play' }).click();
      await expect.poll(async () => (await texts(app)).at(-1)).toBe(last);
      await app.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
      await expect(app.getByRole('button', { name: 'Mark as read', exact: true })).toBeVisible();
      await endCurrent(app);
      if (markReadAtEnd) {
        await expect(bar(app)).toContainText('Finished reading the article; it is marked as read.');
        await expect(app.getByRole('button', { name: 'Mark as unread' })).toBeVisible();
      } else {
        await expect(bar(app)).toContainText('Finished reading the article.');
        await expect(bar(app)).not.toContainText('marked as read');
      }
      await app.getByRole('button', { name: 'Back to library' }).click();
      const row = app.getByRole('listitem').filter({ has: app.getByRole('button', { name: STORY.title }) });
      if (markReadAtEnd) await expect(row).toContainText('Finished');
      else await expect(row).not.toContainText('Finished');
    });
  }

  test('leaving the article stops speech and clears the mark', async ({ app }) => {
    await openStory(app);
    await setDuration(app, 0);
    await listen(app).click();
    await expect.poll(() => texts(app)).toHaveLength(1);
    const before = (await standIn(app)).cancels;
    await app.getByRole('button', { name: 'Back to library' }).click();
    await expect(app.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
    expect((await standIn(app)).cancels).toBeGreaterThan(before);
    expect(await speaking(app)).toBeNull();
    await endCurrent(app); // nothing is speaking any more: nothing follows
    await app.waitForTimeout(100);
    expect(await texts(app)).toHaveLength(1);
  });

  test('from the keyboard: the shortcut and View ▸ Listen toggle play and pause; the bar is reached with Tab', async ({
    app,
    emit,
  }) => {
    await openStory(app);
    await setDuration(app, 0);
    await expect(listen(app)).toHaveAttribute('aria-keyshortcuts', 'Control+Shift+Space Meta+Shift+Space');
    await app.keyboard.press('Control+Shift+Space');
    await expect(bar(app).getByRole('button', { name: 'Pause' })).toBeVisible();
    await expect.poll(() => texts(app)).toHaveLength(1);
    await expect(app.getByRole('heading', { level: 1, name: STORY.title })).toBeFocused();
    await app.keyboard.press('Control+Shift+Space');
    await expect(bar(app).getByRole('button', { name: 'Play' })).toBeVisible();
    await emit('menu:command', { command: 'listen' });
    await expect(bar(app).getByRole('button', { name: 'Pause' })).toBeVisible();
    await expect.poll(() => texts(app)).toHaveLength(2);
    await emit('menu:command', { command: 'listen' });
    await expect(bar(app).getByRole('button', { name: 'Play' })).toBeVisible();

    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await app.keyboard.press('Tab');
      reached = await app.evaluate(() => {
        let active = document.activeElement;
        while (active?.shadowRoot?.activeElement) {
          if (active.localName === 'listen-bar') return true;
          active = active.shadowRoot.activeElement;
        }
        return active?.localName === 'listen-bar';
      });
    }
    expect(reached).toBe(true);
    await expect(bar(app).getByRole('button', { name: 'Play' })).toBeFocused();
    await app.keyboard.press('Enter');
    await expect(bar(app).getByRole('button', { name: 'Pause' })).toBeFocused();
    await expect.poll(() => texts(app)).toHaveLength(3);
  });
});

test.describe('read aloud under prefers-reduced-motion (stand-in speech engine)', () => {
  test.use({ reducedMotion: 'reduce' });
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(installStandInSpeechEngine);
  });

  test('the sentence read is brought into view at once, without smooth scrolling', async ({ app }) => {
    await openStory(app);
    await setDuration(app, 0);
    await listen(app).click();
    await expect.poll(() => texts(app)).toHaveLength(1);
    let scrolled = 0;
    for (let i = 1; i < 10; i++) {
      // Press Next and measure in the same task: an instant scroll has happened, a smooth one not yet.
      const now = await app.locator('article-view').evaluate((view) => {
        const before = window.scrollY;
        const next = view.shadowRoot!.querySelector('listen-bar')!.shadowRoot!.querySelector<HTMLButtonElement>(
          'button[aria-label="Next sentence"]',
        )!;
        next.click();
        const range = [...(CSS.highlights.get('lectern-speaking') as Highlight)][0] as Range;
        const rect = range.getBoundingClientRect();
        return { inView: rect.top >= 0 && rect.bottom <= window.innerHeight, moved: window.scrollY !== before };
      });
      expect(now.inView, `sentence ${i + 1} in view at once`).toBe(true);
      if (now.moved) scrolled++;
    }
    expect(scrolled).toBeGreaterThan(0); // the window is small: some sentences needed a scroll
  });
});

test.describe('read aloud in dark and forced colors (stand-in speech engine)', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(installStandInSpeechEngine);
  });

  test('the bar and the marked sentence stay legible; axe finds nothing serious', async ({ app }, testInfo) => {
    await app.emulateMedia({ colorScheme: 'dark' });
    await openStory(app);
    await setDuration(app, 0);
    await listen(app).click();
    await expect.poll(() => speaking(app)).toMatchObject({ inView: true });
    await app.screenshot({ path: testInfo.outputPath('read-aloud-dark.png') });
    expect(await seriousViolations(app)).toEqual([]);
    await app.emulateMedia({ colorScheme: 'light', forcedColors: 'active' });
    await app.screenshot({ path: testInfo.outputPath('read-aloud-forced-colors.png') });
    expect(await seriousViolations(app)).toEqual([]);
  });
});
