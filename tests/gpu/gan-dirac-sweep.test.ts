import { describe, expect, it } from 'vitest';
import { axisValues, parseSweepSpec } from '../../src/core/games/index.js';
import { parseGanRunSpec } from '../../src/core/gan/index.js';
import { runSweep } from '../../src/gpu/game/game-sweep-runner.js';
import { cellSettings, trainGansOnGpu } from '../../src/gpu/gan/gan-train-runner.js';
import { PipelineCache } from '../../src/gpu/pipeline-cache.js';
import { withGpu } from '../helpers/gpu-device.js';

/**
 * The reduction of docs/gans.md#the-dirac-gan-inside on the GPU: the mlp-gan kernel trains the
 * Dirac-GAN (a generator with no hidden layer fed only the latent point 0, a linear discriminator
 * without bias, data at 0) cell by cell over lrD × lrG, and its final (−w, θ) must equal the
 * dirac-gan game's GPU sweep's (finalX, finalY) over lrX × lrY.
 */
const X0 = 0.8;
const Y0 = -0.6;
const STEPS = 60;
const GAN_LOSS = {
  gan: 'minimax',
  'ns-gan': 'non-saturating',
  wgan: 'wgan',
  'wgan-gp': 'wgan-gp',
} as const;
/** The Dirac-GAN's gp: its (gp/2)(|ψ| − 1)² is WGAN-GP's λ(‖∇D‖ − 1)² with λ = gp/2. */
const GP = 1;

/**
 * Both kernels compute the same maps in f32, from generated code of different shapes: on
 * SwiftShader every cell agrees bit for bit. Another compiler may contract a multiply and an add
 * into an FMA in one kernel and not the other, ≈ 10⁻⁷ relative a step, which 60 steps of maps
 * whose Jacobians have norm ≲ 1.4 grow slowly; 10⁻⁴·(1 + |value|) allows for it. A cell in the
 * wrong place, or a rate given to the wrong player, misses by far more (swapping lrD and lrG
 * misses by 0.3 to 1.8): the rates differ ×3 along each axis and the players move by more than
 * 0.05 (checked).
 */
const TOLERANCE = 1e-4;

describe('the Dirac-GAN inside the GAN kernel', () => {
  let pipelines: PipelineCache | undefined;
  for (const [loss, method] of [
    ['wgan', { name: 'sim-gda' }],
    ['gan', { name: 'alt-gda', order: 'y-first' }],
    ['ns-gan', { name: 'eg' }],
    ['wgan', { name: 'ogda' }],
    ['gan', { name: 'momentum', beta: -0.4, order: 'x-first' }],
    ['wgan', { name: 'adam', beta1: 0.5, beta2: 0.9, eps: 0.1 }],
    ['wgan-gp', { name: 'sim-gda' }],
    ['wgan-gp', { name: 'alt-gda', order: 'x-first' }],
    ['wgan', { name: 'consensus', gamma: 0.5 }],
    ['gan', { name: 'consensus', gamma: 1 }],
    ['ns-gan', { name: 'hgd' }],
  ] as const) {
    it(
      `${loss}, ${method.name}: the GAN sweep equals the dirac-gan sweep`,
      { timeout: 300_000 },
      async () => {
        const dirac = parseSweepSpec({
          game: { name: 'dirac-gan', loss, g0: 1, gp: loss === 'wgan-gp' ? GP : 0 },
          method,
          x0: X0,
          y0: Y0,
          steps: STEPS,
          escapeRadius: 1e6,
          axes: {
            x: { param: 'lrX', from: 0.05, to: 0.4, count: 3, scale: 'log' },
            y: { param: 'lrY', from: 0.05, to: 0.4, count: 3, scale: 'log' },
          },
        });
        const gan = parseGanRunSpec({
          game: {
            name: 'mlp-gan',
            data: { kind: 'points', points: [[0]] },
            generator: { latent: 1, layers: 0, bias: true },
            discriminator: { layers: 0, bias: false },
            loss: GAN_LOSS[loss],
            gpLambda: GP / 2,
            latentPoints: [[0]],
            weights: {
              generator: [{ weight: [[0.37]], bias: [Y0] }],
              discriminator: [{ weight: [[-X0]] }],
            },
          },
          method,
          steps: STEPS,
          escapeNorm: 1e6,
        });
        const xs = axisValues(dirac.axes.x);
        const ys = axisValues(dirac.axes.y);
        const cells: ReturnType<typeof cellSettings>[] = [];
        for (const lrG of ys) for (const lrD of xs) cells.push(cellSettings({ ...gan, lrD, lrG }));
        await withGpu(async ({ device }) => {
          pipelines ??= new PipelineCache(device);
          const scalar = await runSweep({ device, pipelines }, dirac);
          const trained = await trainGansOnGpu(device, pipelines, gan, cells, STEPS);
          trained.forEach((cell, i) => {
            const x = scalar.metrics.finalX[i];
            const y = scalar.metrics.finalY[i];
            expect(cell.escapeStep, `cell ${i}`).toBe(-1);
            expect(Math.hypot(x - X0, y - Y0), `cell ${i} moves`).toBeGreaterThan(0.05);
            expect(Math.abs(-cell.d[0] - x), `x of cell ${i}`).toBeLessThan(
              TOLERANCE * (1 + Math.abs(x)),
            );
            expect(Math.abs(cell.g[1] - y), `y of cell ${i}`).toBeLessThan(
              TOLERANCE * (1 + Math.abs(y)),
            );
            // G's weight multiplies z = 0 and never moves
            expect(cell.g[0]).toBe(Math.fround(0.37));
          });
        });
      },
    );
  }
});
