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
