/**
 * electron-builder.yml against app-builder-lib's own JSON schema, so a misspelt or
 * misplaced key fails here instead of being silently ignored at packaging time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('flips the hardening fuses, asar integrity and cookie encryption included', () => {
    expect(config['electronFuses']).toStrictEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
  });

  it("sets every fuse of @electron/fuses' V1 wire, as electron-builder hands them to flipFuses", async () => {
    // electron-builder's own translation of electronFuses (PlatformPackager.generateFuseConfig
    // reads only its argument), so a key it would drop or a fuse we never decided on fails here.
    const { FuseV1Options, FuseVersion } = require('@electron/fuses') as typeof import('@electron/fuses');
    const { PlatformPackager } = require('app-builder-lib') as {
      PlatformPackager: { prototype: { generateFuseConfig: (fuses: unknown) => Promise<Record<string | number, unknown>> } };
    };
    const wire = await PlatformPackager.prototype.generateFuseConfig.call(null, config['electronFuses']);
    expect(wire).toStrictEqual({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: true,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
    const every = Object.values(FuseV1Options).filter((value): value is number => typeof value === 'number');
    expect(Object.keys(wire).filter((key) => /^\d+$/.test(key)).map(Number).sort()).toStrictEqual(every.sort());
  });

  it('re-signs ad hoc after flipping the fuses, a key electron-builder reads only under electronFuses', () => {
    // electron-builder hands electronFuses.resetAdHocDarwinSignature to @electron/fuses;
    // the same key under mac would be refused here rather than silently ignored.
    expect((config['electronFuses'] as Record<string, unknown>)['resetAdHocDarwinSignature']).toBe(true);
    expect(validate({ ...config, mac: { ...(config['mac'] as object), resetAdHocDarwinSignature: true } })).toBe(false);
    expect(JSON.stringify(validate.errors)).toContain('resetAdHocDarwinSignature');
  });

  it('flips and reads back, through electron-builder and `electron-fuses read`, the fuses of a stand-in binary', async () => {
    // Not Electron: a file with the fuse wire where Electron keeps it (the sentinel, the
    // version, the length, one byte per fuse) at Electron's stock settings. Proves the
    // path from this config to the bytes and the reader the packaged check below uses.
    const { flipFuses } = require('@electron/fuses') as typeof import('@electron/fuses');
    const { SENTINEL } = require('@electron/fuses/dist/constants') as typeof import('@electron/fuses/dist/constants');
    const { PlatformPackager } = require('app-builder-lib') as {
      PlatformPackager: { prototype: { generateFuseConfig: (fuses: unknown) => Promise<Parameters<typeof flipFuses>[1]> } };
    };
    const dir = await mkdtemp(join(tmpdir(), 'lectern-fuses-'));
    try {
      const binary = join(dir, 'lectern');
      const stock = '10110001'; // RunAsNode on, cookies plain, NODE_OPTIONS and --inspect on, … file:// privileged
      await writeFile(binary, Buffer.concat([Buffer.from('\x7fELF…'), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from(stock), Buffer.from('…')]));
      expect(readFuses(binary)).toStrictEqual(expectedFuses({}, stock));
      await flipFuses(binary, await PlatformPackager.prototype.generateFuseConfig.call(null, config['electronFuses']));
      expect(readFuses(binary)).toStrictEqual(expectedFuses(config['electronFuses'] as Record<string, boolean>, stock));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads the fuses back from a packaged build, where one exists (`electron-fuses read`)', (context) => {
    const app = packagedApp();
    if (!app) {
      const reason =
        'No packaged build under dist/ (npm run dist -- --dir makes one; it needs the Electron binary, ' +
        'which cannot be downloaded on this machine): the fuses of a real binary were not read.';
      console.log(`[electron-builder] skipped: ${reason}`);
      context.skip(reason);
      return;
    }
    // Every fuse set, none left to Electron's default (whatever the stock wire says).
    expect(readFuses(app)).toStrictEqual(expectedFuses(config['electronFuses'] as Record<string, boolean>, '????????'));
  });
});

/** The fuse names `electron-fuses read` prints, in wire order, and the electronFuses key of each. */
const FUSE_KEYS: [string, string][] = [
  ['RunAsNode', 'runAsNode'],
  ['EnableCookieEncryption', 'enableCookieEncryption'],
  ['EnableNodeOptionsEnvironmentVariable', 'enableNodeOptionsEnvironmentVariable'],
  ['EnableNodeCliInspectArguments', 'enableNodeCliInspectArguments'],
  ['EnableEmbeddedAsarIntegrityValidation', 'enableEmbeddedAsarIntegrityValidation'],
  ['OnlyLoadAppFromAsar', 'onlyLoadAppFromAsar'],
  ['LoadBrowserProcessSpecificV8Snapshot', 'loadBrowserProcessSpecificV8Snapshot'],
  ['GrantFileProtocolExtraPrivileges', 'grantFileProtocolExtraPrivileges'],
];

/** What `electron-fuses read` should print per fuse: the config's choice, else the stock wire's ('1' / '0'). */
function expectedFuses(fuses: Record<string, boolean>, stock: string): Record<string, string> {
  return Object.fromEntries(
    FUSE_KEYS.map(([name, key], i) => {
      const on = fuses[key] ?? (stock[i] === '1' ? true : stock[i] === '0' ? false : undefined);
      return [name, on === undefined ? 'not set by electronFuses' : on ? 'Enabled' : 'Disabled'];
    }),
  );
}

/** `electron-fuses read --app <app>` (the @electron/fuses CLI), as { FuseName: 'Enabled' | 'Disabled' | … }. */
function readFuses(app: string): Record<string, string> {
  const bin = join(repo, 'node_modules/.bin', process.platform === 'win32' ? 'electron-fuses.cmd' : 'electron-fuses');
  const run = spawnSync(bin, ['read', '--app', app], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' }, shell: process.platform === 'win32' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return Object.fromEntries([...run.stdout.matchAll(/^\s+(\w+) is (\w+)\s*$/gm)].map((m) => [m[1]!, m[2]!]));
}

/**
 * The packaged app electron-builder wrote under dist/ (`npm run dist -- --dir`), as
 * @electron/fuses wants it: the Linux executable, the Windows .exe, the macOS .app; or null.
 */
function packagedApp(): string | null {
  const dist = join(repo, 'dist');
  if (!existsSync(dist)) return null;
  for (const folder of readdirSync(dist)) {
    if (!folder.endsWith('unpacked') && !folder.startsWith('mac')) continue;
    const found = [join(dist, folder, 'lectern'), join(dist, folder, 'Lectern.exe'), join(dist, folder, 'Lectern.app')].find((c) =>
      existsSync(c),
    );
    if (found) return found;
  }
  return null;
}
