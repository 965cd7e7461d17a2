import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError, type CliIO } from '../../src/cli/command.js';
import { sweepCommand } from '../../src/cli/commands/sweep.js';
import {
  evaluationBatch,
  GAN_FATES,
  GAN_METRIC_NAMES,
  ganCellSpec,
  ganField,
  ganModel,
  HIGH_QUALITY_SIGMAS,
  modeCentres,
  modeSigma,
  parseGanSweepSpec,
  PhiloxStream,
  referenceGanSweep,
  trainGan,
  type GanSweepResult,
  type GanSweepSpec,
} from '../../src/core/gan/index.js';
import { sequentialColor } from '../../src/core/color-map.js';
import { GAN_FATE_RGB, ganHeatmapModel } from '../../src/core/heatmap/gan-heatmap-model.js';
import { NO_VALUE_RGB } from '../../src/core/heatmap/heatmap-model.js';
import { ganSweepRefusal } from '../../src/gpu/gan/gan-sweep-runner.js';

// `saddle-stride sweep` on a GAN spec, in process, on the GPU tier's adapter (SwiftShader where
// there is no GPU): the files against the float64 reference sweep.
const dir = mkdtempSync(join(tmpdir(), 'saddle-stride-gan-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(): CliIO & { stdout: string[] } {
  const stdout: string[] = [];
  return { stdout, out: (t) => stdout.push(t), err: () => {}, interactive: false };
}

/** 3 × 3 GANs on two Gaussians on a line, 30 steps of simultaneous GDA. */
const SPEC = {
  game: {
    name: 'mlp-gan',
    data: { kind: 'mixture1d', modes: 2, spacing: 3, sigma: 0.4 },
    generator: { latent: 2, layers: 1, width: 5, activation: 'tanh' },
    discriminator: { layers: 1, width: 6, activation: 'leaky-relu', slope: 0.2 },
    loss: 'non-saturating',
  },
  method: 'sim-gda',
  steps: 30,
  batch: 24,
  evalBatch: 48,
  seed: 0,
  axes: {
    x: { param: 'lrD', from: 0.05, to: 0.4, count: 3, scale: 'log' },
    y: { param: 'lrG', from: 0.05, to: 0.4, count: 3, scale: 'log' },
  },
};

/**
 * The least distance of a generated evaluation sample of the reference's final GANs from the 3σ
 * boundary of its nearest mode: where it is wide, the f32-trained generator's samples fall on
 * the same side, so the counted metrics (modes, high-quality fraction, fate) must be equal.
 */
function qualityMargin(spec: GanSweepSpec): number {
  let margin = Infinity;
  for (let iy = 0; iy < spec.axes.y.count; iy++) {
    for (let ix = 0; ix < spec.axes.x.count; ix++) {
      const cell = ganCellSpec(spec, ix, iy);
      const run = trainGan(cell);
      const batch = evaluationBatch(new PhiloxStream(cell.seed), cell);
      const { values, count, dim } = ganField(
        ganModel(cell.game),
        run.final.d,
        run.final.g,
        batch,
        {
          d: false,
          g: false,
          adjustment: false,
        },
      ).generated;
      const modes = modeCentres(cell.game.data);
      const limit = HIGH_QUALITY_SIGMAS * modeSigma(cell.game.data);
      for (let s = 0; s < count; s++) {
        let best = Infinity;
        for (let k = 0; k < modes.count; k++) {
          let d2 = 0;
          for (let c = 0; c < dim; c++)
            d2 += (values[s * dim + c] - modes.values[k * dim + c]) ** 2;
          best = Math.min(best, d2);
        }
        margin = Math.min(margin, Math.abs(Math.sqrt(best) - limit));
      }
    }
  }
  return margin;
}

/**
 * Tolerances, as derived for runGanSweep (tests/gpu/gan-sweep-runner.test.ts): after 30 f32 steps
 * at rates ≤ 0.4 the GPU's parameters agree with the float64 reference's to about 4·10⁻⁵
 * relative (f32 sums and the normals' f32 log, cos and sin); the continuous metrics are smooth in
 * the parameters with O(1) slopes on networks this small, so 10⁻³·(1 + |value|) holds them with a
 * margin of ten, while a neighbouring cell (rates × √8) misses by far more. The counted metrics
 * must be equal once no sample lies within QUALITY_MARGIN (30 times the samples' f32 error) of a
 * 3σ boundary. The files hold what the run computed: JSON and CSV numbers are written in full.
 */
const TOLERANCE = 1e-3;
const QUALITY_MARGIN = 2e-3;
const COUNTED = new Set(['fate', 'modesCovered', 'highQualityFraction', 'escapeStep', 'stepsRun']);

function expectClose(name: string, got: number[], want: Float64Array): void {
  expect(got.length, name).toBe(want.length);
  want.forEach((w, i) => {
    if (COUNTED.has(name)) expect(got[i], `${name} of cell ${i}`).toBe(w);
    else
      expect(Math.abs(got[i] - w), `${name} of cell ${i}: ${got[i]} vs ${w}`).toBeLessThan(
        TOLERANCE * (1 + Math.abs(w)),
      );
  });
}

let specFiles = 0;
function specFile(json: unknown): string {
  const file = join(dir, `spec-${specFiles++}.json`);
  writeFileSync(file, JSON.stringify(json));
  return file;
}

describe('saddle-stride sweep on an mlp-gan spec', () => {
  let reference: GanSweepResult;
  beforeAll(async () => {
    reference = await referenceGanSweep(parseGanSweepSpec(SPEC));
  }, 300_000);

  it('the case is not trivial and its counted metrics are safe to compare exactly', () => {
    expect(new Set(reference.metrics.fate).size).toBeGreaterThan(1);
    expect(new Set(reference.metrics.highQualityFraction).size).toBeGreaterThan(3);
    expect(qualityMargin(parseGanSweepSpec(SPEC))).toBeGreaterThan(QUALITY_MARGIN);
  }, 300_000);

  it('writes sweep.json, sweep.csv and heatmap.png whose metrics are the reference’s', async () => {
    const out = join(dir, 'all');
    const io = capture();
    expect(await sweepCommand.run([specFile(SPEC), '--out', out], io)).toBe(0);
    const stdout = io.stdout.join('');
    expect(stdout).toMatch(/^adapter: /);
    expect(stdout).toMatch(
      /9 GANs: \d+ converged, \d+ cycling, \d+ mode-collapsed, \d+ diverged; 270 GAN-steps/,
    );

    const json = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    expect(json.spec).toEqual(JSON.parse(JSON.stringify(parseGanSweepSpec(SPEC))));
    expect(json.fates).toEqual([...GAN_FATES]);
    expect(json.ganSteps).toBe(reference.ganSteps);
    expect(json.xValues).toEqual(Array.from(reference.xValues));
    expect(json.yValues).toEqual(Array.from(reference.yValues));
    expect(Object.keys(json.metrics)).toEqual([...GAN_METRIC_NAMES]);
    for (const name of GAN_METRIC_NAMES)
      expectClose(name, json.metrics[name], reference.metrics[name]);

    const [header, ...rows] = readFileSync(join(out, 'sweep.csv'), 'utf8').trimEnd().split('\n');
    expect(header).toBe(['ix', 'iy', 'lrD', 'lrG', ...GAN_METRIC_NAMES, 'fateName'].join(','));
    expect(rows).toHaveLength(9);
    const cells = rows.map((row) => row.split(','));
    cells.forEach((cell, i) => {
      expect(Number(cell[0]) + 3 * Number(cell[1])).toBe(i);
      expect(cell.at(-1)).toBe(GAN_FATES[reference.metrics.fate[i]]);
    });
    GAN_METRIC_NAMES.forEach((name, m) =>
      expectClose(
        `${name} (csv)`,
        cells.map((c) => Number(c[4 + m])),
        reference.metrics[name],
      ),
    );

    // heatmap.png: a PNG, and the fate map it draws colours each cell by the reference's fate.
    const png = readFileSync(join(out, 'heatmap.png'));
    expect(Array.from(png.subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const model = ganHeatmapModel({
      metric: 'fate',
      values: json.metrics.fate,
      axes: json.spec.axes,
    });
    for (let i = 0; i < 9; i++)
      expect(model.cellColor(i % 3, Math.floor(i / 3))).toEqual(
        GAN_FATE_RGB[reference.metrics.fate[i]],
      );
  }, 300_000);

  it('--metrics writes only the GAN metrics named', async () => {
    const out = join(dir, 'some');
    const file = specFile(SPEC);
    expect(
      await sweepCommand.run([file, '--out', out, '--metrics', 'energyDistance,fate'], capture()),
    ).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    expect(Object.keys(json.metrics)).toEqual(['fate', 'energyDistance']);
    expectClose('energyDistance', json.metrics.energyDistance, reference.metrics.energyDistance);
    const header = readFileSync(join(out, 'sweep.csv'), 'utf8').split('\n')[0];
    expect(header).toBe('ix,iy,lrD,lrG,fate,energyDistance,fateName');
    // A scalar metric is not a GAN metric, and the reverse.
    await expect(
      sweepCommand.run([file, '--out', out, '--metrics', 'growthRate'], capture()),
    ).rejects.toThrow(/unknown metric 'growthRate' for mlp-gan \(known: fate,/);
    await expect(
      sweepCommand.run(
        [specFile({ game: 'bilinear' }), '--out', out, '--metrics', 'fate,lossD'],
        capture(),
      ),
    ).rejects.toThrow(/unknown metric 'lossD' for this game/);
  }, 300_000);

  it('refuses what the GPU cannot train with the runner’s reason, before any file is written', async () => {
    // What the kernel does not have (hgd with R1 would need the penalty's third derivatives):
    // refused before the device is asked for.
    const hgd = { ...SPEC, method: 'hgd', game: { ...SPEC.game, r1: 1 } };
    const refusal = ganSweepRefusal(parseGanSweepSpec(hgd), {
      maxComputeWorkgroupStorageSize: Infinity,
    });
    expect(refusal?.field, 'the kernel now trains hgd with R1: pick another refused spec').toBe(
      'game.r1',
    );
    const file = specFile(hgd);
    const early = join(dir, 'refused-early');
    const error = await sweepCommand.run([file, '--out', early], capture()).catch((e: Error) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(`${file}: ${refusal!.message}`);
    expect(existsSync(early)).toBe(false);

    // Networks too large for any device's workgroup memory: refused once the device's limit is known.
    const wide = {
      ...SPEC,
      method: 'adam',
      game: {
        ...SPEC.game,
        generator: { latent: 2, layers: 3, width: 64 },
        discriminator: { layers: 3, width: 64 },
      },
    };
    const late = join(dir, 'refused-late');
    const wideFile = specFile(wide);
    await expect(sweepCommand.run([wideFile, '--out', late], capture())).rejects.toThrow(
      UsageError,
    );
    await expect(sweepCommand.run([wideFile, '--out', late], capture())).rejects.toThrow(
      /: game\.(generator|discriminator)\.width: the networks and the method's memory need \d+ bytes of workgroup memory/,
    );
    for (const name of ['sweep.json', 'sweep.csv', 'heatmap.png'])
      expect(existsSync(join(late, name))).toBe(false);
  }, 300_000);
});

describe('saddle-stride sweep on a deterministic-mode spec (the README’s example)', () => {
  it('points data, latent points and explicit weights: the files match the reference sweep', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## GAN specs'));
    const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(section)![1]);
    const spec = {
      ...example,
      game: { ...example.game, loss: 'minimax' },
      method: 'sim-gda',
      lrD: undefined,
      lrG: undefined,
      axes: {
        x: { param: 'lrD', from: 0.01, to: 0.1, count: 3, scale: 'log' },
        y: { param: 'lrG', from: 0.01, to: 0.1, count: 3, scale: 'log' },
      },
    };
    const parsed = parseGanSweepSpec(JSON.parse(JSON.stringify(spec)));
    const reference = await referenceGanSweep(parsed);
    // Points data: the fate is converged below a field norm of 10⁻³; these cells are far from it.
    expect(Math.min(...reference.metrics.fieldNorm)).toBeGreaterThan(1e-2);
    expect(new Set(reference.metrics.energyDistance).size).toBe(9);
    const out = join(dir, 'deterministic');
    expect(await sweepCommand.run([specFile(spec), '--out', out], capture())).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    for (const name of GAN_METRIC_NAMES)
      expectClose(name, json.metrics[name], reference.metrics[name]);
  }, 300_000);
});

describe('the GAN heatmap model heatmap.png draws', () => {
  const axes = {
    x: { param: 'lrD', from: 0.1, to: 1, count: 2, scale: 'log' as const },
    y: { param: 'seed', from: 0, to: 1, count: 2, scale: 'linear' as const },
  };

  it('colours fates by name, one block of the bar each, and anything else as no value', () => {
    const model = ganHeatmapModel({ metric: 'fate', values: [0, 3, 2, 7], axes });
    expect(model.cellColor(0, 0)).toEqual(GAN_FATE_RGB[0]);
    expect(model.cellColor(1, 0)).toEqual(GAN_FATE_RGB[3]);
    expect(model.cellColor(0, 1)).toEqual(GAN_FATE_RGB[2]);
    expect(model.cellColor(1, 1)).toEqual(NO_VALUE_RGB);
    expect(model.barTicks.map((t) => t.label)).toEqual([...GAN_FATES]);
    expect(GAN_FATES.map((_, i) => model.barColor((i + 0.5) / 4))).toEqual(GAN_FATE_RGB);
    // four fates, four distinct colours
    expect(new Set(GAN_FATE_RGB.map((c) => c.join())).size).toBe(4);
  });

  it('draws the escape step over the cells that escaped, and "never" in the no-value colour', () => {
    const model = ganHeatmapModel({ metric: 'escapeStep', values: [-1, 5, 10, -1], axes });
    expect(model.range).toEqual({ min: 5, max: 10 });
    expect(model.cellColor(0, 0)).toEqual(NO_VALUE_RGB);
    expect(model.cellColor(1, 0)).toEqual(sequentialColor(5, 5, 10));
    expect(model.cellColor(0, 1)).toEqual(sequentialColor(10, 5, 10));
    expect(model.swatches).toEqual([{ rgb: NO_VALUE_RGB, label: 'never' }]);
    expect(() => ganHeatmapModel({ metric: 'lossD', values: [1, 2, 3], axes })).toThrow(RangeError);
    // one value everywhere still has a range to colour from
    expect(ganHeatmapModel({ metric: 'lossD', values: [2, 2, 2, 2], axes }).range).toEqual({
      min: 1,
      max: 3,
    });
  });
});
