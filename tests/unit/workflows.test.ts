/**
 * The GitHub workflows (.github/workflows/ci.yml and release.yml), checked here because
 * they only run once pushed: each is validated against SchemaStore's GitHub workflow
 * schema (vendored under tests/fixtures/github-workflow, see its SOURCE), and checked
 * for what it must keep doing — CI runs `npm test` on the three systems, the release
 * builds and publishes the six installers of electron-builder.yml (ARCHITECTURE.md §7).
 */
import { readFile } from 'node:fs/promises';
import Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  'runs-on'?: unknown;
  strategy?: { matrix?: { os?: unknown } };
  needs?: unknown;
  steps?: Step[];
}
interface Workflow {
  on?: unknown;
  jobs: Record<string, Job>;
}
type BuilderConfig = Record<string, unknown>;

const SYSTEMS = ['ubuntu-latest', 'windows-latest', 'macos-latest'] as const;
type System = (typeof SYSTEMS)[number];
const PLATFORM: Record<System, 'linux' | 'win' | 'mac'> = {
  'ubuntu-latest': 'linux',
  'windows-latest': 'win',
  'macos-latest': 'mac',
};
/** The six installers: electron-builder's target per system, and a file of that target as electron-builder names it. */
const TARGETS: Record<System, Record<string, string>> = {
  'windows-latest': { nsis: 'Lectern Setup 0.1.0.exe' },
  'macos-latest': { dmg: 'Lectern-0.1.0-arm64.dmg', zip: 'Lectern-0.1.0-arm64-mac.zip' },
  'ubuntu-latest': { AppImage: 'Lectern-0.1.0.AppImage', deb: 'lectern_0.1.0_amd64.deb' },
};

const read = (path: string) => readFile(new URL(`../../${path}`, import.meta.url), 'utf8');

/** `npm test` itself (also `npm run test`, `npm t`), not `npm run test:unit`. */
const RUNS_NPM_TEST = /(^|[\s;&|])npm (run )?(test|t)(?![\w:-])/m;

/** The systems a job runs on: its `runs-on`, or the matrix's `os` when `runs-on` is `${{ matrix.os }}`. */
function systemsOf(job: Job): string[] {
  const runsOn = job['runs-on'];
  if (typeof runsOn === 'string' && /^\$\{\{\s*matrix\.os\s*\}\}$/.test(runsOn)) {
    const os = job.strategy?.matrix?.os;
    return Array.isArray(os) ? os.map(String) : [];
  }
  return typeof runsOn === 'string' ? [runsOn] : [];
}

function events(workflow: Workflow): Record<string, unknown> {
  const on = workflow.on;
  if (typeof on === 'string') return { [on]: null };
  if (Array.isArray(on)) return Object.fromEntries(on.map((name) => [String(name), null]));
  return (on ?? {}) as Record<string, unknown>;
}

/** A `*` glob (as upload-artifact and action-gh-release take them) matched against a file name. */
function globMatches(glob: string, path: string): boolean {
  const pattern = glob.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${pattern}$`).test(path);
}

/** Whether a list of globs (one per line, `!` excludes) keeps `path`. */
function globsKeep(globs: unknown, path: string): boolean {
  const lines = String(globs ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  let kept = false;
  for (const line of lines) {
    if (line.startsWith('!')) {
      if (globMatches(line.slice(1), path)) kept = false;
    } else if (globMatches(line, path)) kept = true;
  }
  return kept;
}

function targetsOf(config: BuilderConfig, platform: string): string[] {
  const target = (config[platform] as { target?: unknown } | undefined)?.target;
  const list = Array.isArray(target) ? target : target === undefined ? [] : [target];
  return list.map((t) => (typeof t === 'string' ? t : String((t as { target?: unknown }).target)));
}

/** electron-builder options that build something other than the configured installers. */
const OVERRIDES = /(^|\s)(--dir|-w|--win|--windows|-m|--mac|-o|--macos|-l|--linux|--prepackaged|-pd)(?=\s|=|$)/;

/** What is wrong with ci.yml, in words; empty when nothing is. */
function ciProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  const on = events(workflow);
  for (const event of ['push', 'pull_request']) if (!(event in on)) problems.push(`CI does not run on ${event}`);
  const jobs = Object.entries(workflow.jobs ?? {});
  for (const [id, job] of jobs) {
    const test = (job.steps ?? []).find((step) => step.run !== undefined && RUNS_NPM_TEST.test(step.run));
    if (!test) {
      problems.push(`job ${id} does not run \`npm test\``);
      continue;
    }
    if (test.if !== undefined) problems.push(`job ${id} runs \`npm test\` only if ${test.if}`);
    if (systemsOf(job).includes('ubuntu-latest') && !/xvfb-run -a npm test/.test(test.run ?? '')) {
      problems.push(`job ${id} does not run \`npm test\` under xvfb-run on Linux`);
    }
    const setupNode = (job.steps ?? []).find((step) => step.uses?.startsWith('actions/setup-node@'));
    if (setupNode?.with?.['node-version-file'] !== '.nvmrc') problems.push(`job ${id} does not take Node's version from .nvmrc`);
    if (!(job.steps ?? []).some((step) => step.run?.trim() === 'npm ci')) problems.push(`job ${id} does not run \`npm ci\``);
    const steps = job.steps ?? [];
    const lf = steps.findIndex((step) => /git config --global core\.autocrlf false/.test(step.run ?? ''));
    const checkout = steps.findIndex((step) => step.uses?.startsWith('actions/checkout@'));
    if (lf < 0 || checkout < lf) problems.push(`job ${id} checks out with CRLF line ends on Windows`);
    const artifacts = (job.steps ?? []).find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    if (!artifacts || artifacts.if !== 'failure()' || !String(artifacts.with?.['path']).includes('test-results/')) {
      problems.push(`job ${id} does not keep test-results/ when it fails`);
    }
  }
  const systems = new Set(jobs.flatMap(([, job]) => systemsOf(job)));
  for (const system of SYSTEMS) if (!systems.has(system)) problems.push(`CI does not run on ${system}`);
  if (JSON.stringify(workflow).includes('ELECTRON_SKIP_BINARY_DOWNLOAD')) {
    problems.push('CI skips the Electron binary download, so the Electron suite would not run');
  }
  return problems;
}

/** What is wrong with release.yml (with electron-builder.yml and the `dist` script), in words; empty when nothing is. */
function releaseProblems(workflow: Workflow, config: BuilderConfig, distScript: string): string[] {
  const problems: string[] = [];
  const tags = (events(workflow)['push'] as { tags?: unknown } | null | undefined)?.tags;
  if (!Array.isArray(tags) || !tags.includes('v*')) problems.push('the release does not run on v* tags');
  if (!/(^|\s)electron-builder(\s|$)/.test(distScript) || OVERRIDES.test(distScript)) {
    problems.push(`the dist script does not build the configured installers: ${distScript}`);
  }

  const jobs = Object.entries(workflow.jobs ?? {});
  const build = jobs.find(([, job]) => (job.steps ?? []).some((step) => /(^|\s)npm run dist(\s|$)/.test(step.run ?? '')));
  if (!build) return [...problems, 'no job runs `npm run dist`'];
  const [buildId, buildJob] = build;
  const dist = (buildJob.steps ?? []).find((step) => /(^|\s)npm run dist(\s|$)/.test(step.run ?? ''));
  if (dist?.if !== undefined) problems.push(`job ${buildId} runs \`npm run dist\` only if ${dist.if}`);
  if (OVERRIDES.test(dist?.run ?? '')) problems.push(`job ${buildId} overrides electron-builder's targets: ${dist?.run}`);
  const upload = (buildJob.steps ?? []).find((step) => step.uses?.startsWith('actions/upload-artifact@'));
  const systems = systemsOf(buildJob);

  const publish = jobs.find(([, job]) => (job.steps ?? []).some((step) => step.uses?.startsWith('softprops/action-gh-release@')));
  const release = publish?.[1].steps?.find((step) => step.uses?.startsWith('softprops/action-gh-release@'));
  if (!publish) problems.push('no job publishes a GitHub release');
  else {
    const needs = [publish[1].needs].flat();
    if (!needs.includes(buildId)) problems.push(`job ${publish[0]} does not wait for ${buildId}`);
    if (release?.with?.['draft'] !== true) problems.push('the GitHub release is not a draft');
  }

  for (const system of SYSTEMS) {
    if (!systems.includes(system)) {
      problems.push(`the release does not build on ${system}`);
      continue;
    }
    const configured = targetsOf(config, PLATFORM[system]);
    for (const [target, file] of Object.entries(TARGETS[system])) {
      if (!configured.includes(target)) problems.push(`electron-builder.yml does not build ${target} (${PLATFORM[system]})`);
      if (!globsKeep(upload?.with?.['path'], `dist/${file}`)) problems.push(`job ${buildId} does not keep ${file}`);
      if (release && !globsKeep(release.with?.['files'], `installers/${file}`)) {
        problems.push(`the release does not attach ${file}`);
      }
    }
  }
  return problems;
}

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
let validate: Validate;
let ci: Workflow;
let release: Workflow;
let builder: BuilderConfig;
let distScript: string;

beforeAll(async () => {
  const schema = JSON.parse(await read('tests/fixtures/github-workflow/github-workflow.json')) as { $schema?: string };
  // The default Ajv class speaks draft-07; refuse to silently validate against another draft.
  expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  ci = parse(await read('.github/workflows/ci.yml')) as Workflow;
  release = parse(await read('.github/workflows/release.yml')) as Workflow;
  builder = parse(await read('electron-builder.yml')) as BuilderConfig;
  distScript = (JSON.parse(await read('package.json')) as { scripts: Record<string, string> }).scripts['dist'] ?? '';
});

describe('the GitHub workflow schema', () => {
  it.each(['ci.yml', 'release.yml'])('accepts .github/workflows/%s', async (file) => {
    const workflow = parse(await read(`.github/workflows/${file}`)) as unknown;
    const valid = validate(workflow);
    expect(validate.errors ?? null).toBeNull();
    expect(valid).toBe(true);
  });

  it('rejects tests/fixtures/workflows/broken.yml for its misspelt runs_on', async () => {
    const broken = parse(await read('tests/fixtures/workflows/broken.yml')) as unknown;
    expect(validate(broken)).toBe(false);
    const errors = validate.errors ?? [];
    expect(errors).toContainEqual(
      expect.objectContaining({
        instancePath: '/jobs/test',
        keyword: 'additionalProperties',
        params: { additionalProperty: 'runs_on' },
      }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({ instancePath: '/jobs/test', keyword: 'required', params: { missingProperty: 'runs-on' } }),
    );
    // Nothing else in it is wrong: every error is about that job.
    expect(errors.every((error) => error.instancePath === '/jobs/test')).toBe(true);
  });

  it('rejects a job with a value of the wrong type', () => {
    const wrong = structuredClone(ci);
    (wrong.jobs['test'] as { 'timeout-minutes'?: unknown })['timeout-minutes'] = 'forever';
    expect(validate(wrong)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath: '/jobs/test/timeout-minutes' }));
  });
});

describe('ci.yml', () => {
  it('runs `npm test` (under xvfb-run on Linux) on Ubuntu, Windows and macOS, LF checkout, Node from .nvmrc, keeping test results on failure', () => {
    expect(ciProblems(ci)).toEqual([]);
  });

  it('fails when the job stops running `npm test`', () => {
    const broken = structuredClone(ci);
    const job = broken.jobs['test'] as Job;
    job.steps = (job.steps ?? []).filter((step) => !RUNS_NPM_TEST.test(step.run ?? ''));
    expect(ciProblems(broken)).toContain('job test does not run `npm test`');

    const unitOnly = structuredClone(ci);
    for (const step of unitOnly.jobs['test']?.steps ?? []) step.run = step.run?.replaceAll('npm test', 'npm run test:unit');
    expect(ciProblems(unitOnly)).toContain('job test does not run `npm test`');
  });

  it.each(SYSTEMS)('fails when the matrix loses %s', (system) => {
    const broken = structuredClone(ci);
    const matrix = broken.jobs['test']?.strategy?.matrix as { os: string[] };
    matrix.os = matrix.os.filter((os) => os !== system);
    expect(ciProblems(broken)).toContain(`CI does not run on ${system}`);
  });

  it('fails when Windows would check out with CRLF line ends (the golden files are LF)', () => {
    const broken = structuredClone(ci);
    const job = broken.jobs['test'] as Job;
    job.steps = (job.steps ?? []).filter((step) => !step.run?.includes('core.autocrlf'));
    expect(ciProblems(broken)).toEqual(['job test checks out with CRLF line ends on Windows']);
  });

  it('fails when the Electron binary download is skipped', () => {
    const broken = structuredClone(ci);
    (broken as { env?: unknown }).env = { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
    expect(ciProblems(broken)).toContain('CI skips the Electron binary download, so the Electron suite would not run');
  });
});

describe('release.yml', () => {
  it('builds the six installers on their three systems and attaches them to a draft release', () => {
    expect(releaseProblems(release, builder, distScript)).toEqual([]);
  });

  it('signs from repository secrets when present, and says so when building unsigned', async () => {
    const text = await read('.github/workflows/release.yml');
    for (const secret of ['CSC_LINK', 'CSC_KEY_PASSWORD', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID', 'WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD']) {
      expect(text).toContain(`\${{ secrets.${secret} }}`);
    }
    expect(text).toContain('echo "No macOS signing certificate: building unsigned"');
    expect(text).toContain('echo "CSC_IDENTITY_AUTO_DISCOVERY=false" >> "$GITHUB_ENV"');
    expect(text).toContain('echo "No Windows signing certificate: building unsigned"');
    expect(text).toContain('not notarizing');
  });

  it.each(SYSTEMS)('fails when the build matrix loses %s', (system) => {
    const broken = structuredClone(release);
    const matrix = broken.jobs['build']?.strategy?.matrix as { os: string[] };
    matrix.os = matrix.os.filter((os) => os !== system);
    expect(releaseProblems(broken, builder, distScript)).toContain(`the release does not build on ${system}`);
  });

  it.each([
    ['win', 'nsis'],
    ['mac', 'dmg'],
    ['mac', 'zip'],
    ['linux', 'AppImage'],
    ['linux', 'deb'],
  ])('fails when electron-builder.yml stops building %s %s', (platform, target) => {
    const broken = structuredClone(builder);
    const section = broken[platform] as { target: unknown[] };
    section.target = section.target.filter((t) => t !== target);
    expect(releaseProblems(release, broken, distScript)).toContain(`electron-builder.yml does not build ${target} (${platform})`);
  });

  it.each(['--dir', '--linux deb', '-w portable'])('fails when the dist command adds %s', (args) => {
    const broken = structuredClone(release);
    const dist = broken.jobs['build']?.steps?.find((step) => step.run?.includes('npm run dist'));
    if (dist) dist.run = `npm run dist -- ${args} --publish never`;
    expect(releaseProblems(broken, builder, distScript)).toContainEqual(expect.stringContaining("overrides electron-builder's targets"));
    expect(releaseProblems(release, builder, `${distScript} ${args}`)).toContainEqual(
      expect.stringContaining('the dist script does not build the configured installers'),
    );
  });

  it('fails when an installer is not uploaded or not attached', () => {
    const broken = structuredClone(release);
    const upload = broken.jobs['build']?.steps?.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    if (upload?.with) upload.with['path'] = String(upload.with['path']).replace('dist/*.deb\n', '');
    expect(releaseProblems(broken, builder, distScript)).toEqual(['job build does not keep lectern_0.1.0_amd64.deb']);

    const unattached = structuredClone(release);
    const gh = unattached.jobs['publish']?.steps?.find((step) => step.uses?.startsWith('softprops/action-gh-release@'));
    if (gh?.with) gh.with['files'] = String(gh.with['files']).replace('installers/*.dmg\n', '');
    expect(releaseProblems(unattached, builder, distScript)).toEqual(['the release does not attach Lectern-0.1.0-arm64.dmg']);
  });

  it('fails when the release is no longer a draft', () => {
    const broken = structuredClone(release);
    const gh = broken.jobs['publish']?.steps?.find((step) => step.uses?.startsWith('softprops/action-gh-release@'));
    if (gh?.with) gh.with['draft'] = false;
    expect(releaseProblems(broken, builder, distScript)).toEqual(['the GitHub release is not a draft']);
  });
});
