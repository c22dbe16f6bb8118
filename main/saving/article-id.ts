/**
 * New article ids, like the bundled one ("2024-03-28-russian-intelligence-chief-pyongyang"):
 * the date (published, else saved), then the title as a slug, at most 64 characters
 * of a–z, 0–9 and "-"; "-2", "-3"… when taken.
 */

const MAX_ID = 64;

/** "Café Society: Ünïcode & more" → "cafe-society-unicode-more"; "" when nothing is left (a Cyrillic title). */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[ø]/g, 'o')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** "2024-03-28" from the published date when it starts with one, else from `savedAt` (UTC). */
function datePart(publishedAt: string | null, savedAt: Date): string {
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(publishedAt ?? '');
  return match?.[1] ?? savedAt.toISOString().slice(0, 10);
}

/** The id an article would get before checking for clashes. */
export function baseArticleId(title: string, publishedAt: string | null, savedAt: Date): string {
  const date = datePart(publishedAt, savedAt);
  let slug = slugify(title) || 'article';
  // Leave room for "-NN" so a clash can still be numbered within 64 characters.
  const room = MAX_ID - date.length - 1 - 4;
  if (slug.length > room) slug = slug.slice(0, room).replace(/-[^-]*$/, '') || slug.slice(0, room);
  return `${date}-${slug.replace(/-+$/, '')}`;
}

/** The first of `base`, `base-2`, `base-3`… for which `taken` says no. */
export async function uniqueArticleId(base: string, taken: (id: string) => boolean | Promise<boolean>): Promise<string> {
  if (!(await taken(base))) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!(await taken(id))) return id;
  }
}
