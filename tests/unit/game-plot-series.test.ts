import { describe, expect, it } from 'vitest';
import { parseSweepSpec, simulateGame, simGdaRadius } from '../../src/core/games/index.js';
import { playView } from '../../src/labs/game/game-play.js';
import { gameEnding } from '../../src/labs/game/game-ending.js';
import { radiusSeries } from '../../src/labs/game/radius-series.js';
import { BEYOND_FRAME, clipToFrame, columnEnvelope } from '../../src/labs/game/trace-envelope.js';

const view = (spec: unknown, overlays: string[] = []) =>
  ({ spec: parseSweepSpec(spec), cell: null, overlays }) as unknown as Parameters<
    typeof playView
  >[0];

describe('columnEnvelope', () => {
  it('of sin(k·π/2)·k over 10 columns of 100 steps: per column the min and max of its 10 steps', () => {
    const signal = (k: number) => Math.round(Math.sin((k * Math.PI) / 2)) * k;
    const e = columnEnvelope(100, signal, 10);
    expect(e.thinned).toBe(true);
    expect(Array.from(e.step)).toEqual([4.5, 14.5, 24.5, 34.5, 44.5, 54.5, 64.5, 74.5, 84.5, 94.5]);
    // Column c holds 10c … 10c+9: the peaks +k at k ≡ 1 (mod 4), the troughs −k at k ≡ 3 (mod 4).
    for (let c = 0; c < 10; c++) {
      const ks = Array.from({ length: 10 }, (_, i) => 10 * c + i);
      expect(e.max[c]).toBe(Math.max(...ks.map(signal)));
      expect(e.min[c]).toBe(Math.min(...ks.map(signal)));
    }
    expect(e.max[9]).toBe(97);
    expect(e.min[9]).toBe(-99);
  });

  it('keeps every step when there are no more steps than columns', () => {
    const e = columnEnvelope(5, (k) => k * k, 800);
    expect(e.thinned).toBe(false);
    expect(Array.from(e.step)).toEqual([0, 1, 2, 3, 4]);
    expect(e.min).toEqual([0, 1, 4, 9, 16]);
    expect(e.max).toEqual(e.min);
  });

  it('leaves out non-finite values, and a column with none is a gap', () => {
    const e = columnEnvelope(4, (k) => [1, NaN, Infinity, 2][k], 4);
    expect(e.min).toEqual([1, null, null, 2]);
    expect(columnEnvelope(0, () => 1, 10).step).toHaveLength(0);
  });

  it('splits uneven counts without losing a step: 7 steps in 3 columns hold 2, 2 and 3', () => {
    const e = columnEnvelope(7, (k) => k, 3);
    expect(e.min).toEqual([0, 2, 4]);
    expect(e.max).toEqual([1, 3, 6]);
  });
});

describe('clipToFrame', () => {
  it('cuts a runaway trace at the frame: kept next to the frame, a gap beyond, never 1e300', () => {
    const swing = [0.5, 1.5, 3, -800, 1e300, -1e300, 1.9, 0.2];
    expect(clipToFrame(swing, -2, 2)).toEqual([
      0.5,
      // leaves the frame: the first outside value stays so the line crosses the edge
      1.5,
      3,
      // far outside on both sides: no line across the whole frame
      null,
      null,
      // comes back: the last outside value before re-entry is kept, held within BEYOND_FRAME
      -2 - BEYOND_FRAME * 4,
      1.9,
      0.2,
    ]);
    expect(clipToFrame([NaN, null, 1], -2, 2)).toEqual([null, null, 1]);
  });

  it('on a log axis holds an outside value within a factor BEYOND_FRAME of the frame', () => {
    expect(clipToFrame([1, 1e300, 1e301], 0.1, 10, true)).toEqual([1, 10 * BEYOND_FRAME, null]);
  });
});

describe('radiusSeries', () => {
  it('draws r₀·ρᵏ for simultaneous GDA on x·y, equal to the float64 game’s radius at every step', () => {
    const spec = {
      game: { name: 'bilinear', b: 1.5 },
      method: 'sim-gda',
      lr: 0.05,
      x0: 0.6,
      y0: -0.8,
      steps: 400,
    };
    const played = playView(view(spec)).games[0];
    const s = radiusSeries(played, 1000);
    expect(s.closedForm).not.toBeNull();
    // Independent: the float64 simulator's trajectory, and ρ = √(1 + (η·b)²) from docs/games.md.
    const reference = simulateGame(played.spec, { record: true }).trajectory!;
    const rho = simGdaRadius(0.05 * 1.5);
    for (let k = 0; k <= 400; k++) {
      const r = Math.hypot(reference[2 * k], reference[2 * k + 1]);
      expect(Math.abs(s.closedForm![k]! - r) / r).toBeLessThan(1e-12);
      expect(Math.abs(s.closedForm![k]! - rho ** k)).toBeLessThan(1e-12 * rho ** k);
      expect(s.radius.max[k]).toBe(r);
    }
  });

  it('draws no line where r_k = r₀·ρᵏ does not hold exactly: alternating GDA, a typed game', () => {
    const alt = playView(view({ game: { name: 'bilinear' }, method: 'alt-gda', lr: 0.3 })).games[0];
    expect(alt.rho).toBe(1);
    expect(radiusSeries(alt, 500).closedForm).toBeNull();
    const typed = playView(view({ game: { name: 'expression', f: 'x*y + x^3' } })).games[0];
    expect(radiusSeries(typed, 500).closedForm).toBeNull();
  });

  it('thins 20000 steps to 500 columns whose envelope holds every step’s radius', () => {
    const played = playView(
      view({ game: { name: 'bilinear' }, method: 'eg', lr: 0.01, steps: 20000, x0: 1, y0: 0 }),
    ).games[0];
    const s = radiusSeries(played, 500);
    expect(s.radius.step).toHaveLength(500);
    const t = played.trajectory;
    for (let k = 0; k < 20000; k += 997) {
      const c = Math.floor((k * 500) / (t.length / 2));
      const r = Math.hypot(t[2 * k], t[2 * k + 1]);
      expect(r).toBeGreaterThanOrEqual(s.radius.min[c]!);
      expect(r).toBeLessThanOrEqual(s.radius.max[c]!);
    }
  });
});

describe('gameEnding', () => {
  it('tells an escape (r > R) from a state that stopped being a number', () => {
    const escaped = playView(
      view({ game: { name: 'bilinear' }, method: 'sim-gda', lr: 0.5, escapeRadius: 10 }),
    ).games[0];
    const e = gameEnding(escaped);
    expect(e.kind).toBe('escaped');
    const last = escaped.trajectory.length / 2 - 1;
    expect(e.step).toBe(last);
    expect(
      Math.hypot(escaped.trajectory[2 * last], escaped.trajectory[2 * last + 1]),
    ).toBeGreaterThan(10);

    // log(x)·y: once x < 0 the field is NaN; the state stops at the last finite step.
    const nan = playView(view({ game: { name: 'expression', f: 'log(x)*y' }, lr: 0.2 })).games[0];
    const n = gameEnding(nan);
    expect(n.kind).toBe('not-a-number');
    expect(n.step).toBe(nan.trajectory.length / 2);
    expect(nan.metrics.escapeStep).toBe(n.step);

    const calm = playView(view({ game: { name: 'bilinear' }, method: 'eg', lr: 0.1 })).games[0];
    expect(gameEnding(calm).kind).toBe('ran');
  });
});
