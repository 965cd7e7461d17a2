import { describe, expect, it } from 'vitest';
import {
  GAME_NAMES,
  METHOD_NAMES,
  SWEEP_METRIC_NAMES,
  type SweepMetricName,
} from '../../src/core/games/index.js';
import type { SweepResult, SweepRunOptions } from '../../src/gpu/game/game-sweep-runner.js';
import { caseSweep, DIRAC_GAN_LOSSES, GAMES, LR_MAX } from './game-sweep-cases.js';
import { gpuSweep } from './game-sweep-compare.js';

// The sweep kernel composed for what is asked (docs/architecture.md): folded parameters, and
// without maxRadius no per-step radius² (a cheaper bound decides which blocks replay). Every
// metric both kernels compute must come out bit for bit as the general kernel's.

const WITHOUT_MAX_RADIUS = SWEEP_METRIC_NAMES.filter((name) => name !== 'maxRadius');

/** The bit patterns of a metric's values: −0 and 0 (and NaN payloads) differ. */
const bits = (values: Float32Array | Int32Array) => Array.from(new Uint32Array(values.buffer));

function expectSameMetrics(general: SweepResult, specialised: SweepResult): void {
  for (const name of SWEEP_METRIC_NAMES) {
    if (specialised.metricNames.includes(name))
      expect(bits(specialised.metrics[name]), name).toEqual(bits(general.metrics[name]));
    else expect(specialised.metrics[name].length, name).toBe(0);
  }
  expect(specialised.gameSteps).toBe(general.gameSteps);
}

/** Plays the spec with the general kernel and each specialisation; all must agree. */
async function expectSpecialisedMatchesGeneral(
  spec: unknown,
  variants: readonly SweepRunOptions[] = [{}, { metrics: WITHOUT_MAX_RADIUS }],
  common: SweepRunOptions = {},
): Promise<SweepResult> {
  const general = await gpuSweep(spec, { ...common, foldParameters: false });
  expect(general.metricNames).toEqual(SWEEP_METRIC_NAMES);
  for (const variant of variants)
    expectSameMetrics(general, await gpuSweep(spec, { ...common, ...variant }));
  return general;
}

const fates = (result: SweepResult, steps: number) => {
  const { escapeStep } = result.metrics;
  let escaped = 0;
  for (const s of escapeStep) if (s >= 0) escaped++;
  return { escaped, running: escapeStep.length - escaped, steps };
};

describe('a sweep kernel composed for its metrics gives the general kernel’s values', () => {
  for (const game of GAME_NAMES) {
    for (const method of METHOD_NAMES) {
      it(`${method} on ${game}: all metrics folded, and every metric but maxRadius`, async () => {
        await expectSpecialisedMatchesGeneral(
          caseSweep(GAMES[game], method, { lrMax: LR_MAX[game], cells: 8, steps: 150 }),
        );
      });
    }
  }
  for (const method of METHOD_NAMES) {
    it(`${method} on x·y (b = 1, folded in)`, async () => {
      await expectSpecialisedMatchesGeneral(
        caseSweep({ name: 'bilinear', b: 1 }, method, { lrMax: 0.9, cells: 8, steps: 150 }),
      );
    });
  }
  for (const game of DIRAC_GAN_LOSSES) {
    for (const method of METHOD_NAMES) {
      it(`${method} on dirac-gan (${game.loss})`, async () => {
        await expectSpecialisedMatchesGeneral(
          caseSweep(game, method, { lrMax: 0.3, cells: 6, steps: 120 }),
        );
      });
    }
  }

  it('one metric alone, and pairs, over chunks that save and reload the games', async () => {
    const spec = {
      game: { name: 'bilinear', b: 1.3 },
      method: 'sim-gda',
      steps: 300,
      escapeRadius: 1e4,
      axes: {
        x: { param: 'lr', from: 0.01, to: 0.9, count: 8, scale: 'log' },
        y: { param: 'x0', from: -2, to: 2, count: 8, scale: 'linear' },
      },
    };
    const variants = SWEEP_METRIC_NAMES.map((name) => ({ metrics: [name] }));
    variants.push({ metrics: ['growthRate', 'escapeStep'] }, { metrics: ['finalX', 'maxRadius'] });
    // 64 games × 37 steps a submit: chunks end off the 8-step blocks.
    await expectSpecialisedMatchesGeneral(spec, variants, { maxGameStepsPerSubmit: 64 * 37 });
  });

  it('games that converge below CONVERGED_RADIUS stop at the same step', async () => {
    const general = await expectSpecialisedMatchesGeneral({
      game: { name: 'quadratic', muX: 1, muY: 1, b: 0.5 },
      method: 'sim-gda',
      steps: 400,
      escapeRadius: 50,
      axes: {
        x: { param: 'lr', from: 0.05, to: 0.6, count: 8, scale: 'log' },
        y: { param: 'x0', from: -2, to: 2, count: 8, scale: 'linear' },
      },
    });
    const stoppedEarly = Array.from(general.metrics.escapeStep).filter(
      (s, i) => s < 0 && general.metrics.radius[i] < 1e-29,
    );
    expect(stoppedEarly.length, JSON.stringify(fates(general, 400))).toBeGreaterThan(0);
  });

  it('games that overflow f32 escape at the same step, with the escape radius at f32’s edge', async () => {
    const general = await expectSpecialisedMatchesGeneral({
      game: { name: 'bilinear', b: 1.3 },
      method: 'sim-gda',
      steps: 600,
      escapeRadius: 3e38,
      axes: {
        x: { param: 'lr', from: 0.2, to: 0.9, count: 8, scale: 'log' },
        y: { param: 'x0', from: -2, to: 2, count: 8, scale: 'linear' },
      },
    });
    expect(fates(general, 600).escaped).toBeGreaterThan(0);
  });

  it('refuses a metric it does not know', async () => {
    await expect(gpuSweep({}, { metrics: ['nonsense' as SweepMetricName] })).rejects.toThrow(
      /unknown sweep metric 'nonsense'/,
    );
  });
});
