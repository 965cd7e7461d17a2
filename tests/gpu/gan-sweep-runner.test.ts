import { describe, expect, it } from 'vitest';
import {
  evaluationBatch,
  ganField,
  ganModel,
  GAN_METRIC_NAMES,
  HIGH_QUALITY_SIGMAS,
  modeCentres,
  modeSigma,
  parseGanSweepSpec,
  PhiloxStream,
  referenceGanSweep,
  trainGan,
  ganCellSpec,
  type GanSweepResult,
  type GanSweepSpec,
} from '../../src/core/gan/index.js';
import { SpecError } from '../../src/core/games/index.js';
import { ganSweepRefusal, runGanSweep } from '../../src/gpu/gan/gan-sweep-runner.js';
import { cellSettings, trainGansOnGpu } from '../../src/gpu/gan/gan-train-runner.js';
import { PipelineCache } from '../../src/gpu/pipeline-cache.js';
import { withGpu } from '../helpers/gpu-device.js';

let pipelines: PipelineCache | undefined;

function sweepSpec(extra: Record<string, unknown> = {}, game: Record<string, unknown> = {}) {
  return parseGanSweepSpec({
    game: {
      name: 'mlp-gan',
      data: { kind: 'mixture1d', modes: 2, spacing: 3, sigma: 0.4 },
      generator: { latent: 2, layers: 1, width: 5, activation: 'tanh' },
      discriminator: { layers: 1, width: 6, activation: 'leaky-relu', slope: 0.2 },
      loss: 'non-saturating',
      ...game,
    },
    method: 'sim-gda',
    steps: 30,
    batch: 24,
    evalBatch: 48,
    seed: 0,
    axes: {
      x: { param: 'lrD', from: 0.05, to: 0.4, count: 4, scale: 'log' },
      y: { param: 'lrG', from: 0.05, to: 0.4, count: 4, scale: 'log' },
    },
    ...extra,
  });
}

/**
 * How far each generated evaluation sample of the reference's final GAN lies from the 3σ
 * boundary of its nearest mode, least over the sweep's cells: where this margin is wide, the
 * f32-trained generator's samples fall on the same side, so modesCovered, highQualityFraction
 * and the fate must agree exactly. On SwiftShader the first sweep's f32 parameters after 30 steps
 * are within 4·10⁻⁵ (relative) of the reference's and its generated samples within 6·10⁻⁵;
 * QUALITY_MARGIN asks for 30 times that. (The seed and the evaluation batch were picked so the
 * margin holds: with 16 cells of 48 samples, some sample often lies within 10⁻³ of a boundary.)
 */
const QUALITY_MARGIN = 2e-3;

function qualityMargin(spec: GanSweepSpec): number {
  let margin = Infinity;
  for (let iy = 0; iy < spec.axes.y.count; iy++) {
    for (let ix = 0; ix < spec.axes.x.count; ix++) {
      const cell = ganCellSpec(spec, ix, iy);
      const run = trainGan(cell);
      const batch = evaluationBatch(new PhiloxStream(cell.seed), cell);
      const f = ganField(ganModel(cell.game), run.final.d, run.final.g, batch, {
        d: false,
        g: false,
        adjustment: false,
      });
      const modes = modeCentres(cell.game.data);
      const limit = HIGH_QUALITY_SIGMAS * modeSigma(cell.game.data);
      const { values, count, dim } = f.generated;
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
 * Metric by metric. Tolerance: the kernel's parameters after 30 steps at rates ≤ 0.4 agree with
 * the reference's to 4·10⁻⁵ relative on SwiftShader (the normals' f32 log, cos and sin and f32
 * sums; gan-train.test.ts bounds one step). The continuous metrics (losses, energy distance, field and parameter norms) are smooth
 * in the parameters with O(1) slopes on these small networks, so 10⁻³·(1 + |value|) holds them
 * with a margin of ten while a wrong cell (rates differ by ×2 between neighbours) misses by far
 * more. The counted metrics (fate, modes, the high-quality fraction, the escape step, steps run)
 * must be equal: qualityMargin checks that no sample sits near a 3σ boundary.
 */
const TOLERANCE = 1e-3;
const COUNTED = new Set(['fate', 'modesCovered', 'highQualityFraction', 'escapeStep', 'stepsRun']);

function expectMatches(gpu: GanSweepResult, reference: GanSweepResult): void {
  expect(Array.from(gpu.xValues)).toEqual(Array.from(reference.xValues));
  expect(Array.from(gpu.yValues)).toEqual(Array.from(reference.yValues));
  expect(gpu.ganSteps).toBe(reference.ganSteps);
  for (const name of GAN_METRIC_NAMES) {
    const want = reference.metrics[name];
    const got = gpu.metrics[name];
    expect(got.length).toBe(want.length);
    for (let i = 0; i < want.length; i++) {
      if (COUNTED.has(name)) expect(got[i], `${name} of cell ${i}`).toBe(want[i]);
      else
        expect(Math.abs(got[i] - want[i]), `${name} of cell ${i}`).toBeLessThan(
          TOLERANCE * (1 + Math.abs(want[i])),
        );
    }
  }
}

describe('runGanSweep against the float64 reference sweep', () => {
  it('a 4×4 sweep over lrD × lrG, metric by metric', { timeout: 300_000 }, async () => {
    const spec = sweepSpec();
    const reference = await referenceGanSweep(spec);
    // The case is not trivial: cells differ in their counted metrics as well as in the rest.
    expect(new Set(reference.metrics.highQualityFraction).size).toBeGreaterThan(3);
    expect(qualityMargin(spec)).toBeGreaterThan(QUALITY_MARGIN);
    const progress: number[] = [];
    await withGpu(async ({ device }) => {
      pipelines ??= new PipelineCache(device);
      const gpu = await runGanSweep({ device, pipelines }, spec, {
        onProgress: (p) => progress.push(p.fraction),
      });
      expectMatches(gpu, reference);
    });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(1);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);
  });

  it(
    'a sweep over the discriminator’s width: one kernel per width, cells that escape',
    { timeout: 300_000 },
    async () => {
      const spec = sweepSpec(
        {
          steps: 20,
          escapeNorm: 9,
          axes: {
            x: { param: 'game.discriminator.width', from: 2, to: 5, count: 4 },
            y: { param: 'lr', from: 0.1, to: 1.5, count: 2, scale: 'log' },
          },
        },
        { loss: 'wgan' },
      );
      const reference = await referenceGanSweep(spec);
      const escapes = Array.from(reference.metrics.escapeStep);
      // some cells escape at different steps and some never do
      expect(escapes.filter((s) => s < 0).length).toBeGreaterThan(0);
      expect(new Set(escapes.filter((s) => s > 0)).size).toBeGreaterThan(1);
      expect(qualityMargin(spec)).toBeGreaterThan(QUALITY_MARGIN);
      await withGpu(async ({ device }) => {
        pipelines ??= new PipelineCache(device);
        expectMatches(await runGanSweep({ device, pipelines }, spec), reference);
      });
    },
  );
});

describe('consensus and hgd sweeps against the float64 reference', () => {
  // Their steps follow ∇½‖v‖², the kernel's Hessian-vector products: 30 steps of every cell.
  // The seeds keep every generated sample away from a 3σ boundary (qualityMargin checks it).
  for (const [method, seed] of [
    [{ name: 'consensus', gamma: 1 }, 3],
    [{ name: 'hgd' }, 10],
  ] as const) {
    it(
      `${method.name}: a 4×4 sweep over lrD × lrG, metric by metric`,
      { timeout: 300_000 },
      async () => {
        const spec = sweepSpec({ method, dSteps: 2, seed });
        const reference = await referenceGanSweep(spec);
        expect(new Set(reference.metrics.energyDistance).size).toBe(16);
        expect(qualityMargin(spec)).toBeGreaterThan(QUALITY_MARGIN);
        await withGpu(async ({ device }) => {
          pipelines ??= new PipelineCache(device);
          expectMatches(await runGanSweep({ device, pipelines }, spec), reference);
        });
      },
    );
  }
});

describe('chunks and slices', () => {
  const METHODS = [
    { name: 'ogda' },
    { name: 'momentum', beta: -0.4, order: 'x-first' },
    { name: 'adam', beta1: 0.5, beta2: 0.9, eps: 1e-3 },
  ];
  it(
    'a run cut into chunks equals the uncut run bit for bit, for every method with memory',
    { timeout: 300_000 },
    async () => {
      await withGpu(async ({ device }) => {
        pipelines ??= new PipelineCache(device);
        for (const method of METHODS) {
          const spec = ganCellSpec(sweepSpec({ method, dSteps: 2, steps: 9 }), 0, 0);
          const cells = [0.05, 0.1, 0.2].map((lr, i) =>
            cellSettings({ ...spec, seed: 40 + i, lrD: lr, lrG: 2 * lr }),
          );
          let submits = 0;
          const whole = await trainGansOnGpu(device, pipelines, spec, cells, 9, {
            ganStepsPerSubmit: 27,
            onSubmit: () => submits++,
          });
          expect(submits, 'the uncut run is one submit').toBe(1);
          for (const perSubmit of [1, 4, 7]) {
            submits = 0;
            const cut = await trainGansOnGpu(device, pipelines, spec, cells, 9, {
              ganStepsPerSubmit: perSubmit,
              onSubmit: () => submits++,
            });
            expect(submits).toBeGreaterThan(3);
            expect(cut, `${method.name}, ${perSubmit} GAN-steps a submit`).toEqual(whole);
          }
          // The chunks resume from memory that matters: the cells differ after the run.
          expect(whole[0].d).not.toEqual(whole[1].d);
        }
      });
    },
  );

  it('a sweep gives the same metrics however its work is cut', { timeout: 300_000 }, async () => {
    const spec = sweepSpec({ method: { name: 'adam', beta1: 0.5, beta2: 0.9, eps: 1e-3 } });
    await withGpu(async ({ device }) => {
      pipelines ??= new PipelineCache(device);
      const whole = await runGanSweep({ device, pipelines }, spec, { ganStepsPerSubmit: 480 });
      let submits = 0;
      const cut = await runGanSweep({ device, pipelines }, spec, {
        ganStepsPerSubmit: 50,
        maxCellsPerSlice: 5,
        onSubmit: () => submits++,
      });
      expect(submits).toBeGreaterThan(10);
      expect(cut.metrics).toEqual(whole.metrics);
      expect(cut.ganSteps).toBe(whole.ganSteps);
    });
  });
});

describe('cancelling and refusing', () => {
  it('an aborted sweep rejects with the signal’s reason and leaves no work behind', async () => {
    const spec = sweepSpec({ steps: 200 });
    await withGpu(async ({ device }) => {
      pipelines ??= new PipelineCache(device);
      const controller = new AbortController();
      const reason = new Error('stopped by the test');
      let submits = 0;
      const run = runGanSweep({ device, pipelines }, spec, {
        ganStepsPerSubmit: 64,
        onSubmit: () => {
          submits++;
          if (submits === 2) controller.abort(reason);
        },
        signal: controller.signal,
      });
      await expect(run).rejects.toBe(reason);
      expect(submits).toBe(2);
      // nothing left in flight, and the device still trains
      await device.queue.onSubmittedWorkDone();
      const after = await runGanSweep({ device, pipelines }, sweepSpec({ steps: 2 }));
      expect(after.ganSteps).toBe(32);
      // a signal aborted before the start rejects at once
      await expect(
        runGanSweep({ device, pipelines }, spec, { signal: AbortSignal.abort(reason) }),
      ).rejects.toBe(reason);
    });
  });

  it('a sweep aborted while its metrics are measured rejects with the reason', async () => {
    // evalBatch 512 makes each cell's metrics take milliseconds, so the abort lands among them
    const spec = sweepSpec({ steps: 2, evalBatch: 512 });
    await withGpu(async ({ device }) => {
      pipelines ??= new PipelineCache(device);
      const controller = new AbortController();
      const reason = new Error('stopped while measuring');
      let measured = -1;
      const run = runGanSweep({ device, pipelines }, spec, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.cellsDone > 0 && measured < 0) {
            measured = p.cellsDone;
            controller.abort(reason);
          }
        },
      });
      await expect(run).rejects.toBe(reason);
      expect(measured).toBeGreaterThan(0);
      expect(measured).toBeLessThan(16);
      await device.queue.onSubmittedWorkDone();
    });
  });

  it('refuses what the kernel cannot train, naming the field, before any GPU work', async () => {
    const refusal = (extra: Record<string, unknown>, game: Record<string, unknown> = {}) =>
      ganSweepRefusal(sweepSpec(extra, game));
    expect(refusal({})).toBeNull();
    expect(refusal({ method: 'consensus' })).toBeNull();
    expect(refusal({ method: 'hgd' }, { loss: 'wgan', r2: 1 })?.field).toBe('game.r2');
    expect(refusal({}, { loss: 'wgan-gp' })).toBeNull();
    expect(refusal({}, { r1: 0.5, r2: 1 })).toBeNull();
    expect(refusal({}, { data: { kind: 'points', points: [[0], [1]] } })).toBeNull();
    // only some cells of a swept width need more workgroup memory than 16 KiB
    const swept = refusal(
      {
        axes: {
          x: { param: 'game.discriminator.width', from: 4, to: 40, count: 2 },
          y: { param: 'lr', from: 0.1, to: 0.2, count: 2 },
        },
      },
      { discriminator: { layers: 3 } },
    );
    expect(swept?.field).toBe('game.discriminator.width');
    expect(swept?.message).toMatch(/workgroup memory/);
    // networks too big for 16 KiB of workgroup memory
    const wide = refusal({}, { discriminator: { layers: 3, width: 40 } });
    expect(wide?.field).toBe('game.discriminator.width');
    expect(wide?.message).toMatch(/workgroup memory/);
    expect(
      ganSweepRefusal(sweepSpec({}, { discriminator: { layers: 3, width: 40 } }), {
        maxComputeWorkgroupStorageSize: 1 << 20,
      }),
    ).toBeNull();

    await withGpu(async ({ device }) => {
      pipelines ??= new PipelineCache(device);
      let progress = 0;
      await expect(
        runGanSweep({ device, pipelines }, sweepSpec({ method: 'hgd' }, { r1: 1 }), {
          onProgress: () => progress++,
        }),
      ).rejects.toThrow(SpecError);
      await expect(
        runGanSweep({ device, pipelines }, sweepSpec({ method: 'consensus' }, { r1: 1 })),
      ).rejects.toThrow(/game\.r1/);
      expect(progress).toBe(0);
    });
  });
});
