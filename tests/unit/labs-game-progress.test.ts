import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SPEC,
  parseSweepSpec,
  SWEEP_METRIC_NAMES,
  simulateSweep,
  type SweepSpec,
} from '../../src/core/games/index.js';
import type { SweepResult, SweepRunner } from '../../src/labs/game/game-lab-state.js';
import { METRIC_INFO } from '../../src/labs/game/game-metrics.js';
import { GameSweeper, runningStatus } from '../../src/labs/game/game-sweeper.js';
import { revealSweep } from '../../src/labs/game/game-sweep-reveal.js';
import {
  describeProgress,
  describeSweepStatus,
  describeTimeLeft,
  describeView,
} from '../../src/ui/game/game-lab-captions.js';

const SPEC: SweepSpec = parseSweepSpec({
  ...DEFAULT_SPEC,
  steps: 100,
  axes: {
    x: { param: 'lr', from: 0.01, to: 1, count: 16, scale: 'log' },
    y: { param: 'x0', from: -2, to: 2, count: 8, scale: 'linear' },
  },
});
const CELLS = 16 * 8;

describe('sweep progress', () => {
  it('counts the games done from the game-steps done, so they move with the percentage', () => {
    // One slice holds every game: the runner's own count of finished games stays 0 until the end.
    for (const games of [0, 1, 13, 64, 127, 128]) {
      const s = runningStatus(SPEC, games * SPEC.steps + 37 * Number(games < CELLS), 2);
      expect(s.cellsDone).toBe(games);
      expect(s.cells).toBe(CELLS);
      expect(Math.floor(s.fraction * CELLS)).toBe(games);
    }
    expect(runningStatus(SPEC, 2 * CELLS * SPEC.steps, 1)).toMatchObject({
      fraction: 1,
      cellsDone: CELLS,
    });
  });

  it('estimates the time left from the speed so far, once there is one', () => {
    const quarter = runningStatus(SPEC, (CELLS * SPEC.steps) / 4, 3);
    expect(quarter.secondsLeft).toBeCloseTo(9, 12);
    expect(runningStatus(SPEC, 0, 0).secondsLeft).toBeNull();
    expect(runningStatus(SPEC, 1, 0.5).secondsLeft).toBeNull();
  });

  it('reads "games · % · time left", each from the same progress', () => {
    const s = runningStatus(SPEC, 32 * SPEC.steps + 50, 4);
    expect(describeProgress(s)).toBe('32 of 128 games · 25 % · about 12 s left');
    expect(describeTimeLeft(0.4)).toBe('under a second left');
    expect(describeTimeLeft(150)).toBe('about 3 min left');
    expect(describeTimeLeft(Infinity)).toBe('time left unknown');
  });

  it('says what a cancelled or failed sweep leaves on display, the same as the heatmap shows', () => {
    const result = { spec: SPEC } as SweepResult;
    expect(describeSweepStatus({ kind: 'cancelled' }, null, null)).toMatch(
      /^Sweep cancelled; no sweep has finished yet, so there is nothing to show/,
    );
    expect(describeSweepStatus({ kind: 'cancelled' }, null, result)).toBe(
      'Sweep cancelled; the heatmap shows the last finished sweep.',
    );
    expect(describeSweepStatus({ kind: 'failed', message: 'lost' }, null, null)).toMatch(
      /^Sweep failed: lost; no sweep has finished yet/,
    );
  });

  it('the sweeper reports games, fraction and time left from its runner and clock', async () => {
    let clock = 100;
    const seen: unknown[] = [];
    const runner: SweepRunner = async (spec, options) => {
      clock += 2;
      options?.onProgress?.({ fraction: 0.5, cellsDone: 0, stepsDone: (CELLS * spec.steps) / 2 });
      return { spec, gameSteps: 1, seconds: 1 } as unknown as SweepResult;
    };
    const sweeper = new GameSweeper(
      () => SPEC,
      () => seen.push(sweeper.status),
      () => undefined,
      () => clock,
    );
    sweeper.setRunner(runner);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen[0]).toEqual({
      kind: 'running',
      fraction: 0,
      cellsDone: 0,
      cells: CELLS,
      secondsLeft: null,
    });
    expect(seen[1]).toEqual({
      kind: 'running',
      fraction: 0.5,
      cellsDone: 64,
      cells: CELLS,
      secondsLeft: 2,
    });
    expect(sweeper.status.kind).toBe('done');
  });
});

describe('the first screen', () => {
  it("says who maximises, what a cell is and what its colour means, in the metric's own words", () => {
    for (const metric of ['growthRate', 'escapeStep', 'radius'] as const) {
      const text = describeView(SPEC, METRIC_INFO[metric]);
      expect(text).toMatch(/^x maximises f\(x, y\), y minimises it\./);
      expect(text).toContain('Each heatmap cell is one game of 100 steps');
      expect(text).toContain('learning rate η (across) and start x₀ (up)');
      expect(text).toContain(METRIC_INFO[metric].description);
      expect(text).toContain(METRIC_INFO[metric].title.toLowerCase());
    }
  });
});

describe('the sweep filling in, for its video', () => {
  it('keeps the first cells in the order they are played and leaves the rest without a value', async () => {
    const result = (await simulateSweep(SPEC)) as unknown as SweepResult;
    const part = revealSweep(result, 0.25);
    for (const name of SWEEP_METRIC_NAMES) {
      const plane = part.metrics[name] as ArrayLike<number>;
      const whole = result.metrics[name] as ArrayLike<number>;
      for (let i = 0; i < CELLS; i++) {
        // The video's copy is f32, as the GPU's metrics are.
        if (i < CELLS / 4)
          expect(plane[i]).toBe(name === 'escapeStep' ? whole[i] : Math.fround(whole[i]));
        else expect(plane[i]).toBe(name === 'escapeStep' ? -1 : NaN);
      }
    }
    expect(part.xValues).toBe(result.xValues);
    expect(revealSweep(result, 1)).toBe(result);
    expect(revealSweep(result, 0).metrics.radius[0]).toBeNaN();
  });
});
