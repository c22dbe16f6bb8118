/**
 * The Voice list's groups: the article's language first, then every other language
 * by its name (in the app's language, `Intl.DisplayNames`), voices by name within.
 */
import { primaryLanguage, type Voice } from './speech-engine';

export interface VoiceGroup {
  /** "English", "Korean". */
  label: string;
  voices: Voice[];
}

/** The name of a language ("ko" → "Korean"), or the code where the platform has no name for it. */
export function languageName(code: string, displayLocale = 'en'): string {
  try {
    return new Intl.DisplayNames([displayLocale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function groupVoices(voices: readonly Voice[], articleLang: string | null, displayLocale = 'en'): VoiceGroup[] {
  const byLang = new Map<string, Voice[]>();
  for (const voice of voices) {
    const key = primaryLanguage(voice.lang || 'und');
    byLang.set(key, [...(byLang.get(key) ?? []), voice]);
  }
  const first = articleLang ? primaryLanguage(articleLang) : null;
  const collator = new Intl.Collator(displayLocale);
  return [...byLang.entries()]
    .map(([code, list]) => ({
      code,
      label: languageName(code, displayLocale),
      voices: list.sort((a, b) => collator.compare(a.name, b.name)),
    }))
    .sort((a, b) => {
      if (a.code === first) return -1;
      if (b.code === first) return 1;
      return collator.compare(a.label, b.label);
    })
    .map(({ label, voices: list }) => ({ label, voices: list }));
}
