import { describe, expect, it } from 'vitest';
import {
  axisValueAt,
  DEFAULT_SPEC,
  parseSweepSpec,
  type SweepAxis,
  type SweepSpec,
} from '../../src/core/games/index.js';
import { editSpec, shownAxisEnds, sweepKey, zoomSpec } from '../../src/labs/game/game-spec-edit.js';

/** The fractional cell index where a value falls on an axis: the inverse of axisValueAt. */
function cellIndexOf(axis: SweepAxis, value: number): number {
  const t =
    axis.scale === 'log'
      ? (Math.log(value) - Math.log(axis.from)) / (Math.log(axis.to) - Math.log(axis.from))
      : (value - axis.from) / (axis.to - axis.from);
  return t * (axis.count - 1);
}

function specWithAxes(x: SweepAxis, y: SweepAxis): SweepSpec {
  return parseSweepSpec({ ...structuredClone(DEFAULT_SPEC), axes: { x, y } });
}

const AXES: [string, SweepAxis][] = [
  ['linear', { param: 'x0', from: -2, to: 3, count: 33, scale: 'linear' }],
  ['log', { param: 'lr', from: 0.001, to: 2, count: 64, scale: 'log' }],
  ['descending log', { param: 'lr', from: 1, to: 0.01, count: 17, scale: 'log' }],
];

describe('axis value ↔ cell index', () => {
  it.each(AXES)('%s: every cell value maps back to its index, the ends exactly', (_n, axis) => {
    for (let i = 0; i < axis.count; i++)
      expect(cellIndexOf(axis, axisValueAt(axis, i))).toBeCloseTo(i, 9);
    expect(axisValueAt(axis, 0)).toBe(axis.from);
    expect(axisValueAt(axis, axis.count - 1)).toBe(axis.to);
  });

  it.each(AXES)(
    '%s: a drag-zoom keeps the axis geometry, each new cell on the old scale',
    (_n, axis) => {
      const other: SweepAxis =
        axis.param === 'x0'
          ? { param: 'lr', from: 0.01, to: 1, count: 8, scale: 'log' }
          : { param: 'x0', from: -1, to: 1, count: 8, scale: 'linear' };
      const spec = specWithAxes(axis, other);
      const [a, b] = [3, axis.count - 5];
      const zoomed = zoomSpec(spec, { ix: b, iy: 6 }, { ix: a, iy: 1 }) as SweepSpec;
      const next = zoomed.axes.x;
      expect(next).toMatchObject({ from: axisValueAt(axis, a), to: axisValueAt(axis, b) });
      expect(next.count).toBe(axis.count);
      expect(next.scale).toBe(axis.scale);
      for (let k = 0; k < next.count; k++) {
        const old = cellIndexOf(axis, axisValueAt(next, k));
        expect(old).toBeCloseTo(a + (k * (b - a)) / (next.count - 1), 6);
      }
      expect(zoomed.axes.y).toMatchObject({
        from: axisValueAt(other, 1),
        to: axisValueAt(other, 6),
      });
    },
  );

  it("shows a drag-zoom's ends to four digits, more only where the cells are finer", () => {
    const lr: SweepAxis = { param: 'lr', from: 0.001, to: 1, count: 256, scale: 'log' };
    const zoomed = zoomSpec(specWithAxes(lr, AXES[0][1]), { ix: 40, iy: 0 }, { ix: 90, iy: 3 });
    const axis = (zoomed as SweepSpec).axes.x;
    expect(String(axis.from).length).toBeGreaterThan(10);
    const [from, to] = shownAxisEnds(axis);
    expect([from, to]).toEqual([
      Number(axisValueAt(lr, 40).toPrecision(4)),
      Number(axisValueAt(lr, 90).toPrecision(4)),
    ]);
    // Within a tenth of a cell of the exact ends, on the log scale.
    const cell = Math.log(axis.to / axis.from) / (axis.count - 1);
    expect(Math.abs(Math.log(from / axis.from))).toBeLessThanOrEqual(0.1 * cell);
    // A window narrower than four digits tell apart gets the digits it needs.
    const fine: SweepAxis = {
      param: 'x0',
      from: 1.000012345,
      to: 1.000098765,
      count: 64,
      scale: 'linear',
    };
    const [a, b] = shownAxisEnds(fine);
    expect(a).not.toBe(b);
    expect(Math.abs(a - fine.from)).toBeLessThanOrEqual((0.1 * (fine.to - fine.from)) / 63);
    expect(Math.abs(b - fine.to)).toBeLessThanOrEqual((0.1 * (fine.to - fine.from)) / 63);
    expect(String(a).length).toBeLessThan(String(fine.from).length + 1);
    expect(shownAxisEnds({ ...fine, count: 1 })).toEqual([1, 1]);
  });

  it('a rectangle one cell wide is no zoom', () => {
    expect(zoomSpec(DEFAULT_SPEC, { ix: 4, iy: 2 }, { ix: 4, iy: 9 })).toBeNull();
    expect(zoomSpec(DEFAULT_SPEC, { ix: 1, iy: 2 }, { ix: 4, iy: 2 })).toBeNull();
  });
});

describe('spec edits', () => {
  it('sets a nested field by its path, and refuses an invalid result with the field named', () => {
    expect(editSpec(DEFAULT_SPEC, 'game.b', 2).game).toEqual({ name: 'bilinear', b: 2 });
    expect(() => editSpec(DEFAULT_SPEC, 'axes.x.count', 5000)).toThrow(
      expect.objectContaining({ field: 'axes.x.count' }),
    );
  });

  it('a new method starts from its defaults and the axes it cannot sweep fall back', () => {
    const swept = editSpec(
      specWithAxes(
        { param: 'lr', from: 0.01, to: 1, count: 8, scale: 'log' },
        { param: 'x0', from: -1, to: 1, count: 8, scale: 'linear' },
      ),
      'method.name',
      'momentum',
    );
    const beta = editSpec(swept, 'axes.y.param', 'method.beta');
    expect(beta.axes.y.param).toBe('method.beta');
    const back = editSpec(beta, 'method.name', 'sim-gda');
    expect(back.method).toEqual({ name: 'sim-gda' });
    expect(back.axes.y).toEqual(DEFAULT_SPEC.axes.y);
  });

  it('separate rates start at the shared rate and go away again', () => {
    const both = editSpec(editSpec(DEFAULT_SPEC, 'lrX', 0.1), 'lrY', 0.1);
    expect([both.lrX, both.lrY]).toEqual([0.1, 0.1]);
    const none = editSpec(editSpec(both, 'lrX', undefined), 'lrY', undefined);
    expect('lrX' in none || 'lrY' in none).toBe(false);
  });

  it('the base value of a swept field does not change the sweep key; anything else does', () => {
    const spec = parseSweepSpec(DEFAULT_SPEC);
    expect(sweepKey(editSpec(spec, 'lr', 0.3))).toBe(sweepKey(spec));
    expect(sweepKey(editSpec(spec, 'y0', 0.3))).not.toBe(sweepKey(spec));
  });
});
