/**
 * The Content-Security-Policy every Lectern page is served with, and the names of
 * the origin the renderer lives on.
 *
 * The renderer shows untrusted article HTML (sanitized twice, ARCHITECTURE.md §6); this
 * policy is the layer underneath the sanitizer: no inline or remote script, no
 * network, no frames, no plugins, and Trusted Types enforced for every script sink.
 * Only the two policy names the renderer's libraries create are allowed
 * (`lit-html` by Lit, `dompurify` by DOMPurify when RETURN_TRUSTED_TYPE is used).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: lectern-asset:",
  "font-src 'self'",
  "connect-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html dompurify',
].join('; ');

/** The privileged scheme the built renderer is served from (see `main/electron/app-protocol.ts`). */
export const APP_SCHEME = 'app';
/** The only host the app scheme answers for. */
export const APP_HOST = 'lectern';
/** The renderer's entry page. */
/** The renderer's origin, as a frame or permission request reports it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/**
 * The policy for pages served by the Vite dev server (`npm run dev` only; main sends
 * it as a header, and the page's own meta policy is left out of the dev page by
 * electron.vite.config.ts, since both would apply).
 *
 * Identical to {@link CONTENT_SECURITY_POLICY} except that `connect-src` also
 * allows the dev server's own origin and its WebSocket (`ws://host:port`), which
 * Vite's HMR client needs, and `style-src` allows inline styles, which is how Vite
 * injects and hot-swaps CSS (`<style>` elements). Scripts stay `'self'` and Trusted
 * Types stay required. Returns the strict policy unchanged when the URL does not
 * parse as http(s).
 */
export function devServerContentSecurityPolicy(devServerUrl: string): string {
  let origin: URL;
  try {
    origin = new URL(devServerUrl);
  } catch {
    return CONTENT_SECURITY_POLICY;
  }
  if (origin.protocol !== 'http:' && origin.protocol !== 'https:') return CONTENT_SECURITY_POLICY;
  const ws = `${origin.protocol === 'https:' ? 'wss:' : 'ws:'}//${origin.host}`;
  return CONTENT_SECURITY_POLICY.replace("connect-src 'none'", `connect-src 'self' ${ws}`).replace(
    "style-src 'self'",
    "style-src 'self' 'unsafe-inline'",
  );
}
