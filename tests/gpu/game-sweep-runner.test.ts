import { describe, expect, it } from 'vitest';
import {
  cellSpec,
  MAX_AXIS_COUNT,
  parseSweepSpec,
  simulateGame,
  simulateSweep,
} from '../../src/core/games/index.js';
import { runSweep } from '../../src/gpu/game/game-sweep-runner.js';
import { gameGpu, gpuSweep } from './game-sweep-compare.js';

const SPIRAL = {
  game: 'bilinear',
  method: 'sim-gda',
  steps: 300,
  escapeRadius: 20,
  axes: {
    x: { param: 'lr', from: 0.05, to: 0.6, count: 9, scale: 'log' },
    y: { param: 'x0', from: -1, to: 1, count: 7 },
  },
};

function allFinite(metrics: Record<string, ArrayLike<number>>): boolean {
  return Object.values(metrics).every((values) => Array.from(values).every(Number.isFinite));
}

describe('the GPU sweep runner', () => {
  it('keeps every metric finite on a game that overflows f32 in one step (exp(x*y), lr 100)', async () => {
    const spec = parseSweepSpec({
      game: { name: 'expression', f: 'exp(x*y)' },
      method: 'sim-gda',
      lr: 100,
      steps: 50,
      escapeRadius: 1e30,
      axes: {
        x: { param: 'x0', from: -3, to: 3, count: 8 },
        y: { param: 'y0', from: -3, to: 3, count: 8 },
      },
    });
    const result = await gpuSweep(spec);
    const cpu = await simulateSweep(spec);
    expect(allFinite(result.metrics as unknown as Record<string, ArrayLike<number>>)).toBe(true);
    // The field e^{xy}·(y, −x) overflows: games stop at the step whose state is not finite, keeping
    // the last finite one, well inside the escape radius.
    expect(Array.from(result.metrics.escapeStep)).toEqual(Array.from(cpu.metrics.escapeStep));
    const overflowed = Array.from(cpu.metrics.escapeStep).filter(
      (step, i) => step > 0 && cpu.metrics.radius[i] < spec.escapeRadius,
    );
    expect(overflowed.length).toBeGreaterThan(10);
    expect(result.metrics.radius[0]).toBeLessThan(1e30);
    expect(result.metrics.radius[0] / cpu.metrics.radius[0]).toBeCloseTo(1, 4);
  });

  it('clamps a growth rate past f32 to a finite value, as simulateSweep does (lr 3e38)', async () => {
    // One step at lr 3e38 throws the state far past f32: the radius, and ln of it, overflow.
    const spec = parseSweepSpec({
      game: 'bilinear',
      method: 'sim-gda',
      steps: 10,
      escapeRadius: 1e30,
      axes: {
        x: { param: 'lr', from: 3e38, to: 3e38, count: 1 },
        // x0 = ±1 (y0 = 1): one step makes both coordinates ~3e38, finite, yet the radius is not.
        y: { param: 'x0', from: -2, to: 2, count: 5 },
      },
    });
    const result = await gpuSweep(spec);
    const cpu = await simulateSweep(spec);
    expect(allFinite(result.metrics as unknown as Record<string, ArrayLike<number>>)).toBe(true);
    expect(allFinite(cpu.metrics as unknown as Record<string, ArrayLike<number>>)).toBe(true);
  });

  it('keeps the growth rate finite when f32 games outgrow the range float64 escapes at (escapeRadius 1e300)', async () => {
    const result = await gpuSweep({
      game: 'bilinear',
      method: 'sim-gda',
      steps: 10_000,
      escapeRadius: 1e300,
      axes: {
        x: { param: 'lr', from: 1, to: 2, count: 16 },
        y: { param: 'x0', from: -2, to: 2, count: 16 },
      },
    });
    expect(allFinite(result.metrics as unknown as Record<string, ArrayLike<number>>)).toBe(true);
  });

  it('accepts an axis of the full 4096 cells and plays every one', async () => {
    const result = await gpuSweep({
      ...SPIRAL,
      steps: 3,
      axes: {
        x: { param: 'x0', from: -1, to: 1, count: MAX_AXIS_COUNT },
        y: { param: 'lr', from: 0.1, to: 0.2, count: 2 },
      },
    });
    expect(result.metrics.radius.length).toBe(2 * MAX_AXIS_COUNT);
    expect(result.gameSteps).toBe(3 * 2 * MAX_AXIS_COUNT);
    // The last cell: x0 = 1, y0 = 1, η = 0.2, after 3 steps r = √2·(1.04)^{3/2}.
    expect(result.metrics.radius[2 * MAX_AXIS_COUNT - 1]).toBeCloseTo(Math.SQRT2 * 1.04 ** 1.5, 5);
  });

  it('gives bit-identical results however the steps are cut into submits', async () => {
    for (const method of ['sim-gda', 'adam', 'ogda']) {
      const spec = { ...SPIRAL, method };
      const whole = await gpuSweep(spec);
      const chunks: number[] = [];
      // 63 cells × 1 step per submit: every chunk boundary falls inside the kernel's 8-step blocks.
      const chunked = await gpuSweep(spec, {
        maxGameStepsPerSubmit: 63,
        onProgress: (p) => chunks.push(p.stepsDone),
      });
      expect(chunks.length).toBeGreaterThan(100);
      expect(chunked.metrics).toEqual(whole.metrics);
      expect(chunked.gameSteps).toBe(whole.gameSteps);
    }
  });

  it('shrinks games and steps per submit to the target on a slow adapter, with the same results', async () => {
    // A modelled adapter at 1 µs per game-step (a 2²⁰-game, 64-step submit would take 67 s):
    // a 50 ms target is 50,000 game-steps a submit.
    const spec = {
      ...SPIRAL,
      steps: 200,
      axes: {
        ...SPIRAL.axes,
        x: { ...SPIRAL.axes.x, count: 40 },
        y: { ...SPIRAL.axes.y, count: 30 },
      },
    };
    const submits: { games: number; steps: number; seconds: number }[] = [];
    const adapted = await gpuSweep(spec, {
      targetSubmitSeconds: 0.05,
      submitSeconds: ({ games, steps }) => games * steps * 1e-6,
      onSubmit: (shape, seconds) => submits.push({ ...shape, seconds }),
    });
    expect(submits.length).toBeGreaterThan(3);
    // The first submit is a guess (2¹⁶ game-steps); every later one is sized from timings.
    expect(submits.slice(1).every((s) => s.seconds <= 0.05 * 1.01)).toBe(true);
    expect(Math.max(...submits.map((s) => s.seconds))).toBeGreaterThan(0.05 / 2);
    expect(submits.reduce((n, s) => n + s.games * s.steps, 0)).toBe(1200 * 200);
    // The same adapter 1000× slower per step: one game-step already fills a submit's 50 ms.
    const crawling: { games: number; steps: number }[] = [];
    const crawled = await gpuSweep(
      { ...spec, steps: 20, axes: { ...spec.axes, x: { ...spec.axes.x, count: 4 } } },
      {
        submitSeconds: ({ games, steps }) => games * steps * 1e-3,
        onSubmit: (shape) => crawling.push(shape),
      },
    );
    expect(crawling.slice(1).every((s) => s.games * s.steps <= 50)).toBe(true);
    expect(Math.min(...crawling.map((s) => s.steps))).toBeLessThan(64);
    const plain = await gpuSweep({
      ...spec,
      steps: 20,
      axes: { ...spec.axes, x: { ...spec.axes.x, count: 4 } },
    });
    expect(crawled.metrics).toEqual(plain.metrics);
    expect(adapted.metrics).toEqual((await gpuSweep(spec)).metrics);
  });

  it('gives bit-identical results however the grid is cut into slices', async () => {
    const whole = await gpuSweep(SPIRAL);
    // 63 cells in slices of 10: the last slice is partial, and every slice starts mid-row.
    const sliced = await gpuSweep(SPIRAL, { maxSliceGames: 10 });
    expect(sliced.metrics).toEqual(whole.metrics);
    expect(sliced.gameSteps).toBe(whole.gameSteps);
  });

  it('reports progress that only grows and ends at 1 with every cell done', async () => {
    const seen: { fraction: number; cellsDone: number }[] = [];
    await gpuSweep(SPIRAL, { maxGameStepsPerSubmit: 2000, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(2);
    for (let i = 1; i < seen.length; i++)
      expect(seen[i].fraction).toBeGreaterThanOrEqual(seen[i - 1].fraction);
    expect(seen.at(-1)).toEqual(expect.objectContaining({ fraction: 1, cellsDone: 63 }));
  });

  it('stops between chunks when aborted, rejecting with an AbortError', async () => {
    const controller = new AbortController();
    let chunks = 0;
    const run = gpuSweep(SPIRAL, {
      signal: controller.signal,
      maxGameStepsPerSubmit: 63,
      onProgress: () => {
        chunks++;
        if (chunks === 3) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(chunks).toBe(3);
  });

  it('rejects at once when the signal is already aborted', async () => {
    await expect(gpuSweep(SPIRAL, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('throws what the GPU reports when a buffer cannot be made, instead of sweeping on to zeros', async () => {
    const gpu = await gameGpu();
    const real = gpu.device;
    // The same device, but its metrics buffer is asked for beyond maxBufferSize.
    const device = new Proxy(real, {
      get(target, property) {
        if (property === 'createBuffer')
          return (descriptor: GPUBufferDescriptor) =>
            target.createBuffer(
              descriptor.label === 'game-sweep metrics'
                ? { ...descriptor, size: 2 * target.limits.maxBufferSize }
                : descriptor,
            );
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    let printed = '';
    const original = console.error;
    console.error = (...args: unknown[]) => (printed += args.join(' '));
    try {
      await expect(
        runSweep({ device, pipelines: gpu.pipelines }, parseSweepSpec(SPIRAL)),
      ).rejects.toThrow(
        /game sweep: allocating its buffers: (WebGPU validation error|the GPU is out of memory)/,
      );
    } finally {
      console.error = original;
    }
    // The device is still usable, and nothing reached the console.
    expect(printed).toBe('');
    expect((await gpuSweep(SPIRAL)).metrics.radius.length).toBe(63);
  });

  it('sums the steps games actually ran: escaped games stop counting', async () => {
    const spec = parseSweepSpec(SPIRAL);
    const result = await gpuSweep(spec);
    let expected = 0;
    for (let iy = 0; iy < 7; iy++)
      for (let ix = 0; ix < 9; ix++)
        expected += simulateGame(cellSpec(spec, ix, iy)).metrics.stepsRun;
    expect(result.gameSteps).toBe(expected);
    expect(result.gameSteps).toBeLessThan(63 * 300);
  });
});
