/**
 * "N min left": the article's estimated reading time (whole article, as the library
 * lists it) times the part not yet read.
 */

/** The words for how long is left when `fraction` (0–1) of an article of `readingMinutes` is read. */
export function minutesLeftLabel(readingMinutes: number, fraction: number): string {
  const read = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  if (read >= 1) return 'Finished';
  const left = Math.max(0, readingMinutes) * (1 - read);
  if (left < 1) return 'Less than a minute left';
  return `${Math.round(left)} min left`;
}

/** Whole percent, 0–100, for a progress bar's `aria-valuenow`. */
export const percentOf = (fraction: number): number =>
  Number.isFinite(fraction) ? Math.min(100, Math.max(0, Math.round(fraction * 100))) : 0;
