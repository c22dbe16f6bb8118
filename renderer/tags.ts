/**
 * Tags as a reader types them: "#work, to-read later" gives `work`, `to-read`,
 * `later`. A tag is 1–64 characters with no spaces, "#" or "," (the contract's rule).
 */
export const MAX_TAG_CHARS = 64;

export function parseTags(input: string): { tags: string[]; error: string | null } {
  const tags = [
    ...new Set(
      input
        .split(/[\s,]+/u)
        .map((t) => t.replace(/^#+/u, '').replace(/#/gu, ''))
        .filter(Boolean),
    ),
  ];
  const long = tags.find((t) => t.length > MAX_TAG_CHARS);
  if (long) return { tags: [], error: `A tag is at most ${MAX_TAG_CHARS} characters.` };
  return { tags, error: null };
}
