import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENT_DIR } from './paths';

const file = readdirSync(CONTENT_DIR).find((name) => name.endsWith('.md'));
if (!file) throw new Error(`no bundled article in ${CONTENT_DIR}`);
const source = readFileSync(join(CONTENT_DIR, file), 'utf8');
const body = source.slice(source.indexOf('\n---', 3) + 4);

/** The bundled story as the tests expect to read it. */
export const STORY = {
  id: '2024-03-28-russian-intelligence-chief-pyongyang',
  title: 'Russian intelligence chief discusses security cooperation in Pyongyang',
  paragraphs: body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean),
};
