import { describe, expect, it } from 'vitest';
import { parseGanRunSpec, trainGan, type GanRunSpec } from '../../src/core/gan/index.js';
import { composeGanKernel, ganKernelRefusal } from '../../src/gpu/gan/gan-kernel-source.js';
import { cellSettings, trainGansOnGpu } from '../../src/gpu/gan/gan-train-runner.js';
import { PipelineCache } from '../../src/gpu/pipeline-cache.js';
import { withGpu } from '../helpers/gpu-device.js';

let pipelines: PipelineCache | undefined;

function ganSpec(
  game: Record<string, unknown>,
  method: unknown,
  extra: Record<string, unknown> = {},
): GanRunSpec {
  return parseGanRunSpec({
    game: {
      name: 'mlp-gan',
      data: { kind: 'ring', modes: 8, radius: 2, sigma: 0.05 },
      generator: { latent: 3, layers: 1, width: 6, activation: 'tanh' },
      discriminator: { layers: 2, width: 5, activation: 'leaky-relu', slope: 0.2 },
      ...game,
    },
    method,
    batch: 20,
    ...extra,
  });
}

/** The cells of one check: different seeds and rates, so indexing by cell is exercised. */
const CELLS = [
  { seed: 0, lrD: 0.5, lrG: 0.3 },
  { seed: 7, lrD: 0.2, lrG: 0.6 },
  { seed: 123456789, lrD: 0.4, lrG: 0.4 },
];

/**
 * The GPU's parameters after `steps` steps against the float64 reference's, cell by cell.
 * Tolerance: the uniforms agree bit for bit; the normals go through f32 log, cos and sin. WGSL
 * itself only bounds cos and sin to 2⁻¹¹ absolute, but the drivers these tests meet (SwiftShader,
 * the GPU vendors' Vulkan drivers) are accurate to about 10⁻⁶; allowing 10⁻⁵ relative, a latent
 * normal (|z| ≲ 4) is off by ≲ 4·10⁻⁵ and a data point by σ times that, and f32 sums of ≤ 140
 * products add ≲ 10⁻⁵. A step of rate η ≤ 0.6 along a gradient whose sensitivity to its inputs is
 * O(1) then adds ≲ 3·10⁻⁵, so three steps stay under 10⁻⁴ (SwiftShader measures ≈ 6·10⁻⁶). A
 * wrong index or sign misses by about the size of a step; the test checks that the reference's
 * parameters move by more than 10× the tolerance, so such a miss cannot hide.
 */
const TOLERANCE = 1e-4;

async function expectGpuMatchesReference(spec: GanRunSpec, steps: number[]): Promise<void> {
  const last = Math.max(...steps);
  const reference = CELLS.map(
    (c) => trainGan({ ...spec, ...c, steps: Math.max(1, last) }, { record: true }).trajectory!,
  );
  await withGpu(async ({ device }) => {
    pipelines ??= new PipelineCache(device);
    for (const k of steps) {
      const gpu = await trainGansOnGpu(
        device,
        pipelines,
        spec,
        CELLS.map((c) => cellSettings({ ...spec, ...c })),
        k,
      );
      gpu.forEach((result, i) => {
        const want = reference[i][k];
        expect(result.escapeStep).toBe(-1);
        const tol = k === 0 ? 2e-7 : TOLERANCE;
        let moved = 0;
        want.d.forEach((v, p) => {
          expect(Math.abs(result.d[p] - v), `cell ${i} step ${k} D[${p}]`).toBeLessThan(
            tol * (1 + Math.abs(v)),
          );
          moved = Math.max(moved, Math.abs(v - reference[i][0].d[p]));
        });
        want.g.forEach((v, p) => {
          expect(Math.abs(result.g[p] - v), `cell ${i} step ${k} G[${p}]`).toBeLessThan(
            tol * (1 + Math.abs(v)),
          );
          moved = Math.max(moved, Math.abs(v - reference[i][0].g[p]));
        });
        if (k > 0)
          expect(moved, `cell ${i} step ${k}: the run must move`).toBeGreaterThan(10 * TOLERANCE);
      });
    }
  });
}

describe('the GAN training kernel against the float64 reference', () => {
  it('initialises every parameter from the Philox stream as the reference does', async () => {
    await expectGpuMatchesReference(ganSpec({}, 'sim-gda'), [0]);
  });

  const METHODS: Record<string, unknown>[] = [
    { name: 'sim-gda' },
    { name: 'alt-gda', order: 'x-first' },
    { name: 'alt-gda', order: 'y-first' },
    { name: 'eg' },
    { name: 'ogda' },
    { name: 'momentum', beta: -0.5, order: 'x-first' },
    { name: 'momentum', beta: 0.3, order: 'simultaneous' },
    // Adam's step m̂/(√v̂ + ε) moves by up to 1/ε per unit of gradient error: with the f32 gradients'
    // ≈ 10⁻⁶, ε = 0.1 keeps that under the tolerance (ε = 10⁻³ would not).
    { name: 'adam', beta1: 0.5, beta2: 0.9, eps: 0.1 },
  ];
  for (const method of METHODS) {
    it(
      `${JSON.stringify(method)}, every loss: the first three steps`,
      { timeout: 300_000 },
      async () => {
        for (const loss of ['minimax', 'non-saturating', 'wgan', 'hinge'] as const)
          await expectGpuMatchesReference(
            ganSpec({ loss }, method),
            loss === 'minimax' ? [1, 3] : [3],
          );
      },
    );
  }

  it('every activation, no hidden layer, no bias, 1-D data, grid data, dSteps and clipping', async () => {
    await expectGpuMatchesReference(
      ganSpec(
        {
          data: { kind: 'mixture1d', modes: 3, spacing: 2, sigma: 0.2 },
          generator: { latent: 5, layers: 2, width: 4, activation: 'elu' },
          discriminator: { layers: 0, bias: false },
          loss: 'wgan',
          clip: 0.3,
        },
        'sim-gda',
        { dSteps: 2 },
      ),
      [1, 2],
    );
    await expectGpuMatchesReference(
      ganSpec(
        {
          data: { kind: 'grid', side: 3, spacing: 1.5, sigma: 0.1 },
          generator: { latent: 2, layers: 0 },
          discriminator: { layers: 3, width: 4, activation: 'relu', bias: true },
          loss: 'non-saturating',
        },
        { name: 'alt-gda', order: 'x-first' },
        { batch: 70 },
      ),
      [1, 3],
    );
  });

  it('stops a cell at the step its parameter norm escapes, as the reference does', async () => {
    const spec = ganSpec({ loss: 'wgan' }, 'sim-gda', { escapeNorm: 4 });
    const cells = [
      { seed: 1, lrD: 0.5, lrG: 0.5 },
      { seed: 2, lrD: 2, lrG: 1 },
      { seed: 3, lrD: 0.01, lrG: 0.01 },
    ];
    const runs = cells.map((c) => trainGan({ ...spec, ...c, steps: 12 }));
    // the rates put the escapes at different steps, one cell never escaping
    expect(new Set(runs.map((r) => r.metrics.escapeStep)).size).toBe(3);
    expect(runs[2].metrics.escapeStep).toBe(-1);
    await withGpu(async ({ device }) => {
      pipelines ??= new PipelineCache(device);
      const gpu = await trainGansOnGpu(
        device,
        pipelines,
        spec,
        cells.map((c) => cellSettings({ ...spec, ...c })),
        12,
      );
      // Up to 12 steps at rates up to 2, with parameters growing towards the escape norm: the f32
      // differences grow with them (SwiftShader ≈ 10⁻⁵), hence 10⁻³ here.
      gpu.forEach((result, i) => {
        expect(result.escapeStep, `cell ${i}`).toBe(runs[i].metrics.escapeStep);
        runs[i].final.d.forEach((v, p) =>
          expect(Math.abs(result.d[p] - v)).toBeLessThan(1e-3 * (1 + Math.abs(v))),
        );
        runs[i].final.g.forEach((v, p) =>
          expect(Math.abs(result.g[p] - v)).toBeLessThan(1e-3 * (1 + Math.abs(v))),
        );
      });
      const atStart = await trainGansOnGpu(
        device,
        pipelines,
        { ...spec, escapeNorm: 0.01 },
        [cellSettings(spec)],
        5,
      );
      expect(atStart[0].escapeStep).toBe(0);
      expect(trainGan({ ...spec, escapeNorm: 0.01, steps: 5 }).metrics.escapeStep).toBe(0);
    });
  });

  it('gives every cell the same result however the cells are sliced', async () => {
    const spec = ganSpec({ loss: 'hinge' }, { name: 'momentum', beta: -0.3 });
    const cells = Array.from({ length: 7 }, (_, i) =>
      cellSettings({ ...spec, seed: 100 + i, lr: 0.1 * (i + 1) }),
    );
    await withGpu(async ({ device }) => {
      pipelines ??= new PipelineCache(device);
      const whole = await trainGansOnGpu(device, pipelines, spec, cells, 3);
      const sliced = await trainGansOnGpu(device, pipelines, spec, cells, 3, {
        maxCellsPerSlice: 3,
      });
      expect(sliced).toEqual(whole);
      // and the cells really differ, so a slice writing the wrong cell would show
      expect(whole[0].d).not.toEqual(whole[6].d);
    });
  });

  it('gives the same parameters with any number of invocations per workgroup', async () => {
    // 64 (hardware), 8 (software adapters) and 3, which leaves a ragged last pass over the
    // samples and parameters; each invocation's share changes, no value's arithmetic does.
    const specs = [
      ganSpec({ loss: 'non-saturating', r1: 0.5 }, { name: 'adam', beta1: 0.5 }),
      ganSpec({ loss: 'wgan-gp', gpLambda: 2 }, 'eg'),
      ganSpec({ loss: 'minimax' }, { name: 'consensus', gamma: 0.3 }),
    ];
    await withGpu(async ({ device }) => {
      pipelines ??= new PipelineCache(device);
      for (const spec of specs) {
        const cells = CELLS.map((c) => cellSettings({ ...spec, ...c, lrD: 0.1, lrG: 0.1 }));
        const [wide, narrow, ragged] = await Promise.all(
          [64, 8, 3].map((workgroupSize) =>
            trainGansOnGpu(device, pipelines!, spec, cells, 4, { workgroupSize }),
          ),
        );
        expect(narrow, spec.method.name).toEqual(wide);
        expect(ragged, spec.method.name).toEqual(wide);
        expect(wide[0].escapeStep).toBe(-1);
      }
    });
  });

  // The deterministic mode (docs/gans.md#deterministic-mode): points data, explicit latent points
  // and explicit weights, so nothing is drawn and the only differences are f32 arithmetic's.
  const DETERMINISTIC = {
    data: {
      kind: 'points',
      points: [
        [1, 0.5],
        [-1, 0.2],
        [0.3, -1.2],
      ],
    },
    generator: { latent: 2, layers: 1, width: 3, activation: 'tanh' },
    discriminator: { layers: 1, width: 2, activation: 'elu', bias: false },
    latentPoints: [
      [0.5, -0.25],
      [-0.5, 1],
      [2, 0.1],
      [0, -1.5],
    ],
    weights: {
      generator: [
        {
          weight: [
            [1, -0.5],
            [0.25, 2],
            [-1, 0.75],
          ],
          bias: [0.1, -0.2, 0.3],
        },
        {
          weight: [
            [0.5, -0.5, 1],
            [-0.3, 0.2, 0.4],
          ],
          bias: [0.1, -0.1],
        },
      ],
      discriminator: [
        {
          weight: [
            [0.3, -0.6],
            [0.8, 0.1],
          ],
        },
        { weight: [[1.2, -0.7]] },
      ],
    },
  };
  for (const method of [
    { name: 'sim-gda' },
    { name: 'alt-gda', order: 'y-first' },
    { name: 'eg' },
    { name: 'ogda' },
    { name: 'momentum', beta: -0.3, order: 'x-first' },
    { name: 'adam', beta1: 0.5, beta2: 0.9, eps: 0.1 },
  ]) {
    it(
      `deterministic mode, ${method.name}: points, latent points and weights, step by step`,
      { timeout: 300_000 },
      async () => {
        for (const loss of ['minimax', 'non-saturating', 'wgan', 'hinge'] as const)
          await expectGpuMatchesReference(
            ganSpec({ ...DETERMINISTIC, loss }, method),
            loss === 'minimax' ? [0, 1, 4] : [4],
          );
      },
    );
  }

  it('points data with drawn noise, and latent points with drawn data: rows of both counts', async () => {
    await expectGpuMatchesReference(
      ganSpec({ data: DETERMINISTIC.data }, { name: 'ogda' }, { batch: 7 }),
      [1, 3],
    );
    await expectGpuMatchesReference(
      ganSpec(
        {
          latentPoints: [
            [0.1, 0.2, 0.3],
            [-1, 0, 1],
          ],
        },
        { name: 'alt-gda', order: 'x-first' },
        { batch: 9, dSteps: 2 },
      ),
      [1, 3],
    );
  });

  // R1 / R2 need ∇_D of ‖∇ₓD‖²: the kernel's reverse pass through the tangent forward pass,
  // for every activation (act″ enters through tanh and elu), a penalty on each kind of row, both.
  for (const [activation, penalties, method] of [
    ['tanh', { r1: 2 }, 'sim-gda'],
    ['elu', { r2: 1.5 }, { name: 'alt-gda', order: 'x-first' }],
    ['leaky-relu', { r1: 0.7, r2: 3 }, 'ogda'],
    ['relu', { r1: 1 }, { name: 'adam', beta1: 0.5, beta2: 0.9, eps: 0.1 }],
  ] as const) {
    it(`R1 and R2: ${activation}, ${JSON.stringify(penalties)}`, { timeout: 300_000 }, async () => {
      for (const loss of ['non-saturating', 'wgan'] as const)
        await expectGpuMatchesReference(
          ganSpec(
            {
              loss,
              ...penalties,
              discriminator: { layers: 2, width: 5, activation, slope: 0.2 },
            },
            method,
            { dSteps: 2 },
          ),
          [1, 3],
        );
    });
  }

  // WGAN-GP: D on the mixed rows x̂ = ε·x + (1 − ε)·G(z), ε from the stream, and the same exact
  // second derivatives with the seed −(2λ/N)(1 − 1/‖∇ₓD(x̂)‖). λ = 0.3: at these cells' rates
  // λ = 3 makes the reference itself diverge within three steps.
  for (const [activation, extra, method] of [
    ['tanh', {}, 'sim-gda'],
    ['elu', { r1: 0.5 }, { name: 'momentum', beta: -0.3, order: 'x-first' }],
    ['leaky-relu', {}, 'eg'],
  ] as const) {
    it(`WGAN-GP: ${activation}, ${JSON.stringify(extra)}`, { timeout: 300_000 }, async () => {
      await expectGpuMatchesReference(
        ganSpec(
          {
            loss: 'wgan-gp',
            gpLambda: 0.3,
            ...extra,
            discriminator: { layers: 2, width: 5, activation, slope: 0.2 },
          },
          method,
          { dSteps: 2 },
        ),
        [1, 3],
      );
    });
  }
  it('WGAN-GP in the deterministic mode, four generated rows mixed with three real ones', async () => {
    await expectGpuMatchesReference(
      ganSpec({ ...DETERMINISTIC, loss: 'wgan-gp', gpLambda: 2 }, 'ogda'),
      [1, 4],
    );
  });

  // Consensus and hgd step along ∇½‖v‖²: the kernel's two Hessian-vector products (reverse
  // passes through tangent forward passes along the field), through both networks, every loss,
  // D-only steps (∇_D ½‖v_D‖²) and clipping.
  for (const method of [{ name: 'consensus', gamma: 3 }, { name: 'hgd' }]) {
    for (const dSteps of [1, 2]) {
      it(
        `${method.name}, dSteps ${dSteps}, every loss: the first three steps`,
        { timeout: 300_000 },
        async () => {
          for (const loss of ['minimax', 'non-saturating', 'wgan', 'hinge'] as const)
            await expectGpuMatchesReference(ganSpec({ loss }, method, { dSteps }), [1, 3]);
        },
      );
    }
    it(
      `${method.name}: every activation in both networks, depths 0 to 3, clipping`,
      { timeout: 300_000 },
      async () => {
        for (const [dAct, gAct, dLayers, gLayers, loss] of [
          ['tanh', 'elu', 1, 2, 'minimax'],
          ['elu', 'relu', 3, 0, 'non-saturating'],
          ['relu', 'tanh', 0, 1, 'wgan'],
          ['leaky-relu', 'leaky-relu', 2, 3, 'non-saturating'],
        ] as const)
          await expectGpuMatchesReference(
            ganSpec(
              {
                loss,
                clip: loss === 'wgan' ? 0.4 : 0,
                generator: { latent: 2, layers: gLayers, width: 4, activation: gAct, slope: 0.1 },
                discriminator: { layers: dLayers, width: 5, activation: dAct, slope: 0.2 },
              },
              method,
              { dSteps: 2 },
            ),
            [1, 3],
          );
      },
    );
    it(`deterministic mode, ${method.name}: step by step`, { timeout: 300_000 }, async () => {
      for (const loss of ['minimax', 'non-saturating', 'wgan', 'hinge'] as const)
        await expectGpuMatchesReference(
          ganSpec({ ...DETERMINISTIC, loss }, method),
          loss === 'minimax' ? [1, 4] : [4],
        );
    });
  }

  it('refuses what the kernel cannot train, naming the field', () => {
    expect(ganKernelRefusal(ganSpec({ loss: 'wgan-gp' }, 'sim-gda'))).toBeNull();
    expect(ganKernelRefusal(ganSpec({ r1: 1, r2: 0.5 }, 'sim-gda'))).toBeNull();
    expect(ganKernelRefusal(ganSpec({}, 'consensus'))).toBeNull();
    expect(ganKernelRefusal(ganSpec({}, 'hgd'))).toBeNull();
    // consensus and hgd with a penalty would need its third derivatives
    expect(ganKernelRefusal(ganSpec({ loss: 'wgan-gp' }, 'consensus'))?.field).toBe(
      'game.gpLambda',
    );
    expect(ganKernelRefusal(ganSpec({ loss: 'wgan-gp', gpLambda: 0 }, 'hgd'))).toBeNull();
    expect(ganKernelRefusal(ganSpec({ r1: 1 }, 'hgd'))?.field).toBe('game.r1');
    expect(() => composeGanKernel(ganSpec({ r2: 0.5 }, 'consensus'))).toThrow(/game\.r2/);
    expect(
      ganKernelRefusal(ganSpec({ data: { kind: 'points', points: [[0, 0]] } }, 'sim-gda')),
    ).toBeNull();
    expect(ganKernelRefusal(ganSpec({}, 'sim-gda'))).toBeNull();
  });
});
