import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The built CLI, as a user runs it: exit statuses and what reaches stderr.
const dir = mkdtempSync(join(tmpdir(), 'saddle-stride-sweep-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => {
  execFileSync('npm', ['run', '--silent', 'build:cli'], { stdio: 'ignore' });
}, 120_000);

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  delete env.XDG_RUNTIME_DIR;
  const { status, stdout, stderr } = spawnSync(
    process.execPath,
    ['bin/saddle-stride.js', ...args],
    {
      encoding: 'utf8',
      env,
      timeout: 120_000,
    },
  );
  return { status, stdout, stderr };
}

describe('the saddle-stride CLI', () => {
  it('prints only its own messages on stderr: no Dawn or Vulkan driver noise', () => {
    const { status, stdout, stderr } = cli('gpu-info');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^adapter: /);
    expect(stderr).toBe('');
  });

  it('exits 2 on an unknown option, before any GPU work', () => {
    const { status, stderr } = cli('gpu-info', '--bogus');
    expect(status).toBe(2);
    expect(stderr).toMatch(/^saddle-stride gpu-info: Unknown option '--bogus'/);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('exits 2 naming the file and field for a typed constant f32 cannot hold', () => {
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify({ game: { name: 'expression', f: 'x*y*exp(1000)' } }));
    const { status, stdout, stderr } = cli('sweep', spec, '--out', join(dir, 'out'));
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `saddle-stride sweep: ${spec}: game.f: constant 'exp(1000)' is Infinity, which f32 cannot represent\n`,
    );
  });
});
