/**
 * The W3C Web Annotation Data Model's MUST assertions (web-platform-tests'
 * annotation-model suite, vendored byte for byte in tests/fixtures/w3c-annotation-model/
 * from the shared handbook's copy, see its SOURCE.md), run with
 * ajv's draft-04 support. Every definitions/*.json is registered under its own `id`,
 * so the assertions' `$ref`s ("id.json#/definitions/…") resolve.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';

export const W3C_DIR = fileURLToPath(new URL('../../fixtures/w3c-annotation-model', import.meta.url));
export const MUST_TESTS = [
  'annotations/annotationMusts.test',
  'bodiesTargets/bodyMusts.test',
  'bodiesTargets/targetMusts.test',
  'specificResource/specificResourceMusts.test',
];

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

/** RFC 3986 absolute URI (scheme ":" then no whitespace or characters a URI may not hold). */
const URI = /^[a-z][a-z0-9+.-]*:[^\s"<>\\^`{|}]*$/i;
/** RFC 3339 date-time. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

export interface Assertion {
  /** e.g. "annotations/3.1-annotationIdValidated.json" */
  file: string;
  title: string;
  expectedResult: 'valid' | 'invalid';
  validate: ValidateFunction;
}

/** Every assertion of the four MUST tests, compiled once. */
export function loadAssertions(): Assertion[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', URI);
  ajv.addFormat('date-time', DATE_TIME);
  const definitions = join(W3C_DIR, 'definitions');
  for (const name of readdirSync(definitions)) ajv.addSchema(readJson(join(definitions, name)));
  const files = new Set<string>();
  const collect = (list: unknown): void => {
    if (typeof list === 'string') files.add(list);
    else if (Array.isArray(list)) list.forEach(collect);
  };
  for (const test of MUST_TESTS) collect(readJson(join(W3C_DIR, test))['assertions']);
  return [...files].map((file) => {
    const schema = readJson(join(W3C_DIR, file));
    return {
      file,
      title: String(schema['title']),
      expectedResult: schema['expectedResult'] === 'invalid' ? 'invalid' : 'valid',
      validate: ajv.compile(schema),
    };
  });
}

/** The assertions `annotation` fails, as "file: title" lines. */
export function failures(assertions: readonly Assertion[], annotation: unknown): string[] {
  return assertions
    .filter((a) => a.validate(annotation) !== (a.expectedResult === 'valid'))
    .map((a) => `${a.file}: ${a.title}`);
}
