/**
 * Chromium's sandbox on Ubuntu 23.10 and later (README, "Linux: Ubuntu 23.10 and
 * later"): the .deb ships Lectern's AppArmor profile and electron-builder's own
 * after-install script installs and loads it; the README tells AppImage users what to
 * run. Nothing here loads a profile into a kernel: these tests pin the files and the
 * wiring, and that the shell the README hands to users parses.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const templates = join(dirname(require.resolve('app-builder-lib/package.json', { paths: [repo] })), 'templates', 'linux');

/** Where `sh` and `bash` are the system's (the Linux and macOS CI jobs run these checks). */
const POSIX = process.platform !== 'win32';

const config = async () => parse(await readFile(join(repo, 'electron-builder.yml'), 'utf8')) as Record<string, Record<string, unknown> | undefined>;

/** `sh -n` (parse only, run nothing) on a script; throws with the shell's message if it does not parse. */
async function checkSyntax(shell: 'sh' | 'bash', script: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'lectern-sh-'));
  try {
    await writeFile(join(dir, 'script.sh'), script);
    execFileSync(shell, ['-n', join(dir, 'script.sh')], { stdio: 'pipe' });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("the .deb's AppArmor profile", () => {
  it('is build/linux/apparmor-profile, named by electron-builder.yml for the deb target', async () => {
    expect((await config())['deb']).toStrictEqual({ appArmorProfile: 'build/linux/apparmor-profile' });
  });

  it('grants the installed binary userns and confines nothing else', async () => {
    const pkg = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')) as { name: string; productName: string };
    const { productName } = (await config()) as unknown as { productName: string };
    expect(productName).toBe(pkg.productName);
    // electron-builder installs Linux apps as /opt/<productName>/<package name, lower case>.
    const binary = `/opt/${productName}/${pkg.name.toLowerCase()}`;
    const rules = (await readFile(join(repo, 'build/linux/apparmor-profile'), 'utf8'))
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(rules).toStrictEqual([
      'abi <abi/4.0>,',
      'include <tunables/global>',
      `profile lectern ${binary} flags=(unconfined) {`,
      'userns,',
      'include if exists <local/lectern>',
      '}',
    ]);
  });

  it("is installed and loaded by electron-builder's after-install script, which Lectern does not replace", async () => {
    const yml = await config();
    for (const section of ['linux', 'deb']) {
      expect(yml[section]?.['afterInstall'], section).toBeUndefined();
      expect(yml[section]?.['afterRemove'], section).toBeUndefined();
    }
    // The default scripts, as this electron-builder ships them: if an upgrade stops
    // installing the profile, this fails and a deb.afterInstall of our own is due.
    const install = await readFile(join(templates, 'after-install.tpl'), 'utf8');
    expect(install).toContain("APPARMOR_PROFILE_SOURCE='/opt/${sanitizedProductName}/resources/apparmor-profile'");
    expect(install).toContain("APPARMOR_PROFILE_TARGET='/etc/apparmor.d/${executable}'");
    expect(install).toContain('cp -f "$APPARMOR_PROFILE_SOURCE" "$APPARMOR_PROFILE_TARGET"');
    expect(install).toContain('apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_PROFILE_TARGET"');
    const remove = await readFile(join(templates, 'after-remove.tpl'), 'utf8');
    expect(remove).toContain('apparmor_parser --remove "$APPARMOR_PROFILE_DEST"');
    expect(remove).toContain('rm -f "$APPARMOR_PROFILE_DEST"');
  });

  it.skipIf(!POSIX)('whose scripts parse (bash -n)', async () => {
    await checkSyntax('bash', await readFile(join(templates, 'after-install.tpl'), 'utf8'));
    await checkSyntax('bash', await readFile(join(templates, 'after-remove.tpl'), 'utf8'));
  });
});

describe('what the README tells AppImage users', () => {
  const section = async () => {
    const readme = await readFile(join(repo, 'README.md'), 'utf8');
    const from = readme.indexOf('\n## Linux: Ubuntu 23.10 and later\n');
    expect(from).toBeGreaterThan(0);
    return readme.slice(from, readme.indexOf('\n## ', from + 1));
  };

  const script = async () => {
    const block = /```sh\n([\s\S]*?)```/.exec(await section())?.[1];
    expect(block).toBeDefined();
    // The block sits in a list item: as rendered and copied, without its indent.
    return block!.replace(/^ {2}/gm, '');
  };

  it.skipIf(!POSIX)('is shell that parses (sh -n)', async () => {
    await checkSyntax('sh', await script());
  });

  it('gives the unpacked app the same profile', async () => {
    const text = await script();
    expect(text).toContain('--appimage-extract');
    expect(text).toContain('abi <abi/4.0>,');
    expect(text).toMatch(/^profile lectern-appimage "\$HOME\/Applications\/Lectern\/lectern" flags=\(unconfined\) \{\n {2}userns,\n\}$/m);
    expect(text).toContain('sudo apparmor_parser -r /etc/apparmor.d/lectern-appimage');
    expect(text).not.toContain('--no-sandbox');
  });

  it('advises against --no-sandbox rather than offering it', async () => {
    expect(await section()).toMatch(/\*\*Not advised:\*\* `--no-sandbox`/);
  });

  it.skipIf(!POSIX)('proves the syntax check bites', async () => {
    await expect(checkSyntax('sh', 'if true; then echo x\n')).rejects.toThrow();
  });
});
