import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError, type CliIO } from '../../src/cli/command.js';
import { sweepCommand } from '../../src/cli/commands/sweep.js';
import { SWEEP_METRIC_NAMES } from '../../src/core/games/sweep-result.js';

/** What the command printed, kept when it throws too. */
let printed = '';

async function run(args: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  printed = '';
  const io: CliIO = {
    out: (t) => ((out += t), (printed += t)),
    err: (t) => ((err += t), (printed += t)),
    interactive: false,
  };
  const status = await sweepCommand.run(args, io);
  return { status, out, err };
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function specFile(spec: unknown, text = JSON.stringify(spec)): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'saddle-stride-sweep-'));
  tempDirs.push(dir);
  const file = join(dir, 'spec.json');
  writeFileSync(file, text);
  return { dir, file };
}

const SMALL = {
  steps: 10,
  axes: {
    x: { param: 'lr', from: 0.1, to: 0.2, count: 2 },
    y: { param: 'x0', from: -1, to: 1, count: 2 },
  },
};

describe('saddle-stride sweep', () => {
  it('writes sweep.json, sweep.csv and a heatmap.png for a small spec', async () => {
    const { dir, file } = specFile({
      game: 'bilinear',
      method: 'eg',
      steps: 100,
      axes: {
        x: { param: 'lr', from: 0.05, to: 1.5, count: 12, scale: 'log' },
        y: { param: 'x0', from: -2, to: 2, count: 5 },
      },
    });
    const out = join(dir, 'out');
    const { status, err } = await run([file, '--out', out]);
    expect(status).toBe(0);
    expect(err).toMatch(/sweep: 100%/);

    const json = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    expect(json.spec.method).toEqual({ name: 'eg' });
    expect(typeof json.adapter).toBe('string');
    expect(json.xValues).toHaveLength(12);
    expect(json.yValues).toHaveLength(5);
    expect(Object.keys(json.metrics).sort()).toEqual([...SWEEP_METRIC_NAMES].sort());
    for (const name of SWEEP_METRIC_NAMES) {
      expect(json.metrics[name]).toHaveLength(60);
      expect(json.metrics[name].every(Number.isFinite)).toBe(true);
    }

    const csv = readFileSync(join(out, 'sweep.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe(['ix,iy,lr,x0', ...SWEEP_METRIC_NAMES].join(','));
    expect(SWEEP_METRIC_NAMES).toContain('fate');
    expect(csv).toHaveLength(61);
    expect(csv[1].split(',').slice(0, 4)).toEqual(['0', '0', '0.05', '-2']);

    const png = readFileSync(join(out, 'heatmap.png'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    // 12 × 5 cells: 53 × 128 whole pixels each (640 / 12, 640 / 5), plus margins for labels.
    expect(width).toBeGreaterThan(12 * 53);
    expect(height).toBeGreaterThan(5 * 128);
    expect([png[24], png[25]]).toEqual([8, 2]);
    const idat = png.indexOf('IDAT');
    const rows = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    expect(rows.length).toBe(height * (1 + 3 * width));
  });

  it('--metrics computes and writes only the metrics named, with the values of a full run', async () => {
    const { dir, file } = specFile({
      game: 'bilinear',
      method: 'sim-gda',
      steps: 80,
      escapeRadius: 20,
      axes: {
        x: { param: 'lr', from: 0.05, to: 0.9, count: 6, scale: 'log' },
        y: { param: 'x0', from: -2, to: 2, count: 4 },
      },
    });
    const full = join(dir, 'full');
    const some = join(dir, 'some');
    expect((await run([file, '--out', full])).status).toBe(0);
    const { status, out } = await run([file, '--out', some, '--metrics', 'escapeStep,growthRate']);
    expect(status).toBe(0);
    expect(out).toMatch(/24 games, \d+ escaped/);
    const read = (d: string) => JSON.parse(readFileSync(join(d, 'sweep.json'), 'utf8'));
    const [a, b] = [read(full), read(some)];
    expect(Object.keys(b.metrics)).toEqual(['growthRate', 'escapeStep']);
    expect(b.metrics.growthRate).toEqual(a.metrics.growthRate);
    expect(b.metrics.escapeStep).toEqual(a.metrics.escapeStep);
    const csv = readFileSync(join(some, 'sweep.csv'), 'utf8').split('\n')[0];
    expect(csv).toBe('ix,iy,lr,x0,growthRate,escapeStep');
    // Without growthRate the heatmap shows the first metric named.
    expect((await run([file, '--out', join(dir, 'r'), '--metrics=radius'])).status).toBe(0);
    expect(
      readFileSync(join(dir, 'r', 'heatmap.png'))
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('refuses a metric it does not know', async () => {
    await expect(run(['spec.json', '--out', 'x', '--metrics', 'growthRate,speed'])).rejects.toThrow(
      /unknown metric 'speed'/,
    );
    await expect(run(['spec.json', '--out', 'x', '--metrics'])).rejects.toThrow(UsageError);
  });

  it('rejects an invalid spec with exit status 2 and names the field', async () => {
    const { dir, file } = specFile({ axes: { x: { param: 'lr', from: 0.1, to: 1, count: 5000 } } });
    const attempt = run([file, '--out', join(dir, 'out')]);
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.toThrow(/axes\.x\.count/);
  });

  it('needs a spec file and --out', async () => {
    await expect(run([])).rejects.toThrow(/no spec file/);
    await expect(run(['spec.json'])).rejects.toThrow(/--out/);
  });

  it('rejects a typed game whose constants f32 cannot hold before the GPU starts, naming file and field', async () => {
    for (const f of ['x*y*exp(1000)', 'x*y*1e39', 'x*y*log(0)', 'x*y*sqrt(-1)', 'x*y*(-2)^0.5']) {
      const { dir, file } = specFile({ ...SMALL, game: { name: 'expression', f } });
      const attempt = run([file, '--out', join(dir, 'out')]);
      await expect(attempt).rejects.toThrow(UsageError);
      await expect(attempt).rejects.toThrow(`${file}: game.f: constant`);
      expect(printed).toBe('');
    }
  });

  it('rejects JSON nested 100,000 deep with a usage error, not a stack overflow', async () => {
    const { dir, file } = specFile(
      undefined,
      `{"x0":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    );
    const attempt = run([file, '--out', join(dir, 'out')]);
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.toThrow(`${file}: x0: nested more than`);
  });

  it('checks --out before any GPU work: an existing file is a usage error', async () => {
    const { dir, file } = specFile(SMALL);
    const attempt = run([file, '--out', file]);
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.toThrow(/--out .*cannot write there/);
    expect(printed).toBe('');
    expect(readdirSync(dir)).toEqual(['spec.json']);
  });

  it('rejects unknown options and a second spec file', async () => {
    await expect(run(['spec.json', '--out', 'o', '--bogus'])).rejects.toThrow(UsageError);
    await expect(run(['a.json', 'b.json', '--out', 'o'])).rejects.toThrow(/one spec file only/);
  });

  it("leaves an earlier run's files as they were when a write fails", async () => {
    const { dir, file } = specFile(SMALL);
    const out = join(dir, 'out');
    mkdirSync(out);
    for (const name of ['sweep.json', 'sweep.csv', 'heatmap.png'])
      writeFileSync(join(out, name), 'earlier');
    // The CSV's temporary name is taken by a directory, so writing the CSV fails after the JSON.
    mkdirSync(join(out, `.sweep.csv.partial-${process.pid}`));
    await expect(run([file, '--out', out])).rejects.toThrow();
    for (const name of ['sweep.json', 'sweep.csv', 'heatmap.png'])
      expect(readFileSync(join(out, name), 'utf8')).toBe('earlier');
    expect(readdirSync(out).sort()).toEqual([
      `.sweep.csv.partial-${process.pid}`,
      'heatmap.png',
      'sweep.csv',
      'sweep.json',
    ]);
  });
});
