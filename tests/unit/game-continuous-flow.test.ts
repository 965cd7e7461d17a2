import { describe, expect, it } from 'vitest';
import { parseSingleGameSpec } from '../../src/core/games/index.js';
import { continuousFlow, firstLap } from '../../src/labs/game/game-continuous-flow.js';

describe('firstLap', () => {
  it('on x·y the flow is the circle e^{−it}·z₀: one lap ends at t = 2π, within a sample or two', () => {
    const spec = parseSingleGameSpec({
      game: { name: 'bilinear' },
      lr: 0.2,
      steps: 500,
      x0: 1,
      y0: 0,
    });
    const points = 721;
    const flow = continuousFlow(spec, points);
    const dt = (0.2 * 500) / (points - 1);
    const p = firstLap(flow, points - 1);
    expect(Math.abs(p * dt - 2 * Math.PI)).toBeLessThanOrEqual(2 * dt);
    // Drawn up to p, the circle is closed: its last point is back at the start.
    expect(Math.hypot(flow[2 * p] - 1, flow[2 * p + 1])).toBeLessThan(3 * dt);
  });

  it('draws a flow that never comes back (a spiral into the equilibrium) to its end', () => {
    const spec = parseSingleGameSpec({
      game: { name: 'quadratic', muX: 0.3, muY: 0.3, b: 1 },
      lr: 0.2,
      steps: 500,
      x0: 1,
      y0: 0,
    });
    const flow = continuousFlow(spec, 721);
    expect(firstLap(flow, 720)).toBe(720);
    // Before the first lap closes, nothing is cut.
    expect(firstLap(flow, 10)).toBe(10);
  });
});

describe('continuousFlow', () => {
  it('follows a long run on x·y (159 laps) closely enough to draw: the circle (cos t, −sin t), ≤ 1/20 rad a sample', () => {
    const spec = parseSingleGameSpec({
      game: { name: 'bilinear' },
      lr: 0.05,
      steps: 20000,
      x0: 1,
      y0: 0,
    });
    const flow = continuousFlow(spec);
    const n = flow.length / 2;
    const dt = 1000 / (n - 1);
    expect(dt).toBeLessThanOrEqual(1 / 20);
    for (const p of [0, 1, 126, Math.floor(n / 2), n - 1]) {
      const t = p * dt;
      // RK4 with h ≈ 0.015 drifts by about 10⁻⁶ over t = 1000: far below a pixel.
      expect(Math.hypot(flow[2 * p] - Math.cos(t), flow[2 * p + 1] + Math.sin(t))).toBeLessThan(
        1e-5,
      );
    }
  });

  it('keeps 721 samples for a short run', () => {
    const spec = parseSingleGameSpec({
      game: { name: 'bilinear' },
      lr: 0.1,
      steps: 200,
      x0: 1,
      y0: 1,
    });
    expect(continuousFlow(spec)).toHaveLength(2 * 721);
  });
});
