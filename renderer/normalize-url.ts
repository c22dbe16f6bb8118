/** What a reader may type in "Add from URL": an http(s) address, or one without a scheme ("example.com/a"). Main checks it again. */
export function normalizeUrl(text: string): { url: string } | { error: string } {
  const trimmed = text.trim();
  if (!trimmed) return { error: 'Type or paste the address of a web page.' };
  const withScheme = /^[a-z][a-z0-9+.-]*:/iu.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { error: 'That is not a web address.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: 'Only http:// and https:// addresses can be saved.' };
  if (url.href.length > 2000) return { error: 'That address is longer than 2,000 characters.' };
  return { url: url.href };
}
