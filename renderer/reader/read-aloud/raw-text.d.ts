/** A file's text, imported with Vite's `?raw` suffix (the tests read the bundled story this way). */
declare module '*?raw' {
  const text: string;
  export default text;
}
