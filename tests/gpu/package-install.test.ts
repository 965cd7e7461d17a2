import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What a researcher does on the machine that runs the sweeps: `npm pack` in a clone, then
// `npm install ./saddle-stride-*.tgz` into an empty folder, then `saddle-stride …` from there.
// The install fetches the runtime dependencies from the registry (or npm's cache), hence the
// generous timeouts.

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const MINUTES = 60_000;

let dir: string;
let app: string;
let cli: string;

/** The environment without the variables an enclosing `npm test` sets (its config, its package). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, {
    cwd,
    env: cleanEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 26,
  });
}

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'saddle-stride-package-'));
  run(NPM, ['pack', '--pack-destination', dir, '--no-audit', '--no-fund'], process.cwd());
  const tarball = readdirSync(dir).find((name) => /^saddle-stride-.*\.tgz$/.test(name));
  if (!tarball) throw new Error(`npm pack left no tarball in ${dir}`);
  app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{ "name": "sweeps", "private": true }\n');
  run(
    NPM,
    ['install', `../${tarball}`, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
    app,
  );
  cli = join(
    app,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'saddle-stride.cmd' : 'saddle-stride',
  );
}, 10 * MINUTES);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the saddle-stride package, installed from its tarball into an empty folder', () => {
  it('holds the bundled CLI and its licence, and no sources, tests or page', () => {
    const installed = join(app, 'node_modules', 'saddle-stride');
    expect(filesUnder(installed)).toEqual([
      'LICENSE',
      'README.md',
      'bin/saddle-stride.js',
      'dist-cli/saddle-stride.js',
      'package.json',
    ]);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(manifest.bin).toEqual({ 'saddle-stride': 'bin/saddle-stride.js' });
    expect(Object.keys(manifest.dependencies)).toEqual(['webgpu']);
  });

  it('pulls in the runtime dependencies only: no dev tools, no page libraries', () => {
    const modules = join(app, 'node_modules');
    expect(existsSync(join(modules, 'webgpu'))).toBe(true);
    for (const dev of ['vite', 'vitest', 'typescript', 'eslint', 'playwright-core', 'lit', 'uplot'])
      expect(existsSync(join(modules, dev)), dev).toBe(false);
  });

  it('traces shapes with `saddle-stride shapes`', () => {
    const out = run(
      cli,
      [
        'shapes',
        '--input',
        '1x3x64x64',
        'Conv2d(3, 64, 4, 2, 1)',
        'ConvTranspose2d(64, 3, 4, 2, 1)',
      ],
      app,
    );
    expect(out).toMatch(/1x64x32x32/);
    expect(out).toMatch(/1x3x64x64/);
  });

  it(
    'names the adapter with `saddle-stride gpu-info`',
    () => {
      const out = run(cli, ['gpu-info'], app);
      expect(out).toMatch(/^adapter: +\S/m);
    },
    5 * MINUTES,
  );

  it(
    'runs a sweep on the GPU with the shaders inlined in the bundle',
    () => {
      const spec = {
        game: { name: 'bilinear', b: 1 },
        method: { name: 'sim-gda' },
        lr: 0.1,
        x0: 1,
        y0: 1,
        steps: 50,
        escapeRadius: 1e6,
        axes: {
          x: { param: 'lr', from: 0.01, to: 1, count: 8, scale: 'log' },
          y: { param: 'x0', from: -2, to: 2, count: 8, scale: 'linear' },
        },
      };
      writeFileSync(join(app, 'spec.json'), JSON.stringify(spec));
      run(cli, ['sweep', 'spec.json', '--out', 'out'], app);
      const result = JSON.parse(readFileSync(join(app, 'out', 'sweep.json'), 'utf8'));
      expect(result.metrics.growthRate).toHaveLength(64);
      expect(existsSync(join(app, 'out', 'heatmap.png'))).toBe(true);
    },
    5 * MINUTES,
  );
});
