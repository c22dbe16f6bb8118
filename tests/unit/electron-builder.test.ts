/**
 * electron-builder.yml against app-builder-lib's own JSON schema, so a misspelt or
 * misplaced key fails here instead of being silently ignored at packaging time.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const repo = fileURLToPath(new URL('../../', import.meta.url));
const schemaPath = require.resolve('app-builder-lib/scheme.json', { paths: [repo] });

type Validate = (data: unknown) => boolean;
let validate: Validate & { errors?: unknown };
let config: Record<string, unknown>;

beforeAll(async () => {
  const schema = JSON.parse(await readFile(schemaPath, 'utf8')) as { $schema?: string };
  // The default Ajv class speaks draft-07; refuse to silently validate against another draft.
  expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  const ajv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true });
  validate = ajv.compile(schema);
  config = parse(await readFile(new URL('../../electron-builder.yml', import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
});

describe('electron-builder.yml', () => {
  it('is valid against app-builder-lib/scheme.json', () => {
    const valid = validate(config);
    expect(validate.errors ?? null).toBeNull();
    expect(valid).toBe(true);
  });

  it('fails validation when a key is misspelt', () => {
    const { productName, ...rest } = config;
    expect(validate({ ...rest, productNmae: productName })).toBe(false);
    expect(JSON.stringify(validate.errors)).toContain('productNmae');
  });

  it('fails validation when a nested key is misspelt or a value has the wrong type', () => {
    expect(validate({ ...config, linux: { ...(config['linux'] as object), catgory: 'Office' } })).toBe(false);
    expect(validate({ ...config, asar: 'yes' })).toBe(false);
  });

  it('has the identity, output, files and targets Lectern ships with', () => {
    expect(config).toMatchObject({
      appId: 'app.lectern.reader',
      productName: 'Lectern',
      directories: { output: 'dist' },
      files: ['out/**/*', 'package.json', '!**/*.map'],
      extraResources: [
        { from: 'content/', to: 'content' },
        { from: 'build/icons/512x512.png', to: 'icon.png' },
      ],
      asar: true,
      npmRebuild: false,
      mac: { category: 'public.app-category.productivity', target: ['dmg', 'zip'] },
      win: { target: ['nsis'] },
      linux: { target: ['AppImage', 'deb'], category: 'Office' },
    });
    const linux = config['linux'] as Record<string, unknown>;
    expect(linux['maintainer']).toBeTypeOf('string');
    expect(linux['synopsis']).toBeTypeOf('string');
  });

  it('keeps everything inside app.asar and rebuilds nothing: there are no native modules', () => {
    // An unpacked out/main/search-worker.js would import its chunk (./protocol-*.js) and
    // valibot from app.asar.unpacked, where neither is.
    expect(config['asarUnpack']).toBeUndefined();
    expect(config['npmRebuild']).toBe(false);
  });

  it('flips the hardening fuses', () => {
    expect(config['electronFuses']).toStrictEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
  });

  it('re-signs ad hoc after flipping the fuses, a key electron-builder reads only under electronFuses', () => {
    // electron-builder hands electronFuses.resetAdHocDarwinSignature to @electron/fuses;
    // the same key under mac would be refused here rather than silently ignored.
    expect((config['electronFuses'] as Record<string, unknown>)['resetAdHocDarwinSignature']).toBe(true);
    expect(validate({ ...config, mac: { ...(config['mac'] as object), resetAdHocDarwinSignature: true } })).toBe(false);
    expect(JSON.stringify(validate.errors)).toContain('resetAdHocDarwinSignature');
  });
});
