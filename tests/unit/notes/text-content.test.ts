/**
 * The export's text content (main/notes/text-content.ts) is jsdom's, character for
 * character: highlights are placed by offsets into it (ARCHITECTURE.md §4), so any
 * difference would move a mark. Checked on every HTML fixture (hostile pages
 * included, unsanitized), on hand-picked parser corners, and on random markup.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textContentOf as jsdomText } from '../../../main/library/article-text';
import { articleTextOf, textContentOf } from '../../../main/notes/text-content';

const FIXTURES = fileURLToPath(new URL('../../fixtures', import.meta.url));

async function htmlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await htmlFiles(path)));
    else if (/\.html?$/i.test(entry.name)) out.push(path);
  }
  return out;
}

const CORNERS = [
  '<p>a &amp; b &lt;c&gt; &nbsp; &#x80; &notin; &amp</p>',
  'line\r\nbreak\rcarriage',
  '<pre>\nleading newline dropped</pre><pre>\n\nonly one</pre>',
  '<textarea>\n<b>raw</b></textarea><title>t &amp; t</title><style>s{}</style><script>x()</script>',
  '<b><p>misnested</b> formatting</p><i>a<b>b</i>c</b>',
  '<a href=x>one<a href=y>two</a></a>',
  '<template><p>not counted</p></template>counted',
  '<svg><![CDATA[cdata]]><desc>d</desc></svg><math><mi>x</mi></math>',
  '<!-- comment -->text<!--unterminated',
  '<select><option>o</option>loose</select>',
  '<table>fostered<tr><td>cell</td></tr>after</table>',
  '<noscript><p>markup or text</p></noscript>',
  '<p>\u0000null</p>',
  '<plaintext><p>all text from here',
];

describe('the text content of an article for export', () => {
  it('is jsdom’s for every HTML fixture', async () => {
    const files = await htmlFiles(FIXTURES);
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) {
      const html = await readFile(file, 'utf8');
      expect(await articleTextOf(html), file).toBe(await jsdomText(html));
    }
  });

  it.each(CORNERS)('is jsdom’s for %j', async (html) => {
    expect(await articleTextOf(html)).toBe(await jsdomText(html));
  });

  it('is jsdom’s for random markup', async () => {
    const token = fc.constantFrom(
      '<p>', '</p>', '<b>', '</b>', '<i>', '</i>', '<a href="x">', '</a>', '<div>', '</div>', '<ul>', '<li>', '</ul>',
      '<pre>', '</pre>', '\n', '\r\n', ' ', 'word', '&amp;', '&nbsp;', '&lt;', '<br>', '<img src=x>', '<h1>', '</h1>',
      '<blockquote>', '</blockquote>', '<span>', '</span>', '<table>', '<tr>', '<td>', '</table>', '<!-- c -->',
      '<svg>', '</svg>', '<template>', '</template>', '<noscript>', '</noscript>', '<textarea>', '</textarea>',
      '<select>', '<option>', '</select>', '<code>', '</code>', '<p', '<', '>', 'é', '\u{1F600}',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 40 }), async (tokens) => {
        const html = tokens.join('');
        expect(await articleTextOf(html)).toBe(await jsdomText(html));
      }),
      { numRuns: 400 },
    );
  });

  it('parse5’s own tree differs from jsdom’s only where jsdom is asked instead', async () => {
    // If these came out equal, the jsdom fallback for tables and <noscript> could go.
    expect(textContentOf('<table>a<tr><td>b</td></tr>c</table>')).not.toBe(await jsdomText('<table>a<tr><td>b</td></tr>c</table>'));
    expect(articleTextOf('<p>plain</p>')).toBe('plain');
  });
});
