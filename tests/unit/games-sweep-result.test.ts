import { describe, expect, it } from 'vitest';
import { parseSweepSpec } from '../../src/core/games/index.js';
import {
  formatF32,
  SWEEP_METRIC_NAMES,
  sweepCsvChunks,
  sweepJsonChunks,
  sweepResultToCsv,
  sweepResultToJson,
} from '../../src/core/games/sweep-result.js';

/** The UTF-8 pieces a sweep writer yields, as one string. */
function utf8(pieces: Iterable<Uint8Array>): string {
  const decoder = new TextDecoder();
  return [...pieces].map((piece) => decoder.decode(piece)).join('');
}

const spec = parseSweepSpec({
  axes: {
    x: { param: 'lr', from: 0.1, to: 0.3, count: 3 },
    y: { param: 'method.beta', from: -0.5, to: 0.5, count: 2 },
  },
  method: 'momentum',
});

function result(growthRate: ArrayLike<number> = Float32Array.of(0.1, 0.2, 0.3, -0.1, -0.2, -0.3)) {
  return {
    spec,
    xValues: Float64Array.of(0.1, 0.2, 0.3),
    yValues: Float64Array.of(-0.5, 0.5),
    metrics: {
      finalX: new Float32Array(6).fill(1),
      finalY: new Float32Array(6).fill(2),
      radius: new Float32Array(6).fill(Math.sqrt(5)),
      growthRate,
      escapeStep: Int32Array.of(-1, 4, -1, -1, 7, -1),
      maxRadius: new Float32Array(6).fill(3),
      fate: Int32Array.of(2, 2, 2, 0, 1, 0),
    },
  };
}

describe('sweep results as JSON and CSV', () => {
  it('JSON holds the spec, the adapter, both axes and every metric as plain row-major arrays', () => {
    const json = sweepResultToJson(result(), 'test adapter');
    expect(json.spec).toBe(spec);
    expect(json.adapter).toBe('test adapter');
    expect(json.xValues).toEqual([0.1, 0.2, 0.3]);
    // f32 values come out with the digits that identify the f32, not float64's 0.10000000149011612.
    expect(json.metrics.growthRate).toEqual([0.1, 0.2, 0.3, -0.1, -0.2, -0.3]);
    expect(json.metrics.escapeStep).toEqual([-1, 4, -1, -1, 7, -1]);
    expect(Math.fround(json.metrics.radius?.[0] ?? NaN)).toBe(Math.fround(Math.sqrt(5)));
    expect(JSON.parse(JSON.stringify(json)).metrics.maxRadius).toHaveLength(6);
  });

  it('JSON and CSV hold only the metrics a sweep computed, in the usual order', () => {
    const r = { ...result(), metricNames: ['escapeStep', 'growthRate'] as const };
    expect(Object.keys(sweepResultToJson(r, 'a').metrics)).toEqual(['growthRate', 'escapeStep']);
    expect(sweepResultToCsv(r).split('\n')[0]).toBe('ix,iy,lr,method.beta,growthRate,escapeStep');
  });

  it('CSV has one row per cell, row-major, headed by the swept parameter paths', () => {
    const lines = sweepResultToCsv(result()).trimEnd().split('\n');
    expect(lines[0]).toBe(
      'ix,iy,lr,method.beta,finalX,finalY,radius,growthRate,escapeStep,maxRadius,fate',
    );
    expect(lines).toHaveLength(7);
    expect(lines[5]).toBe('1,1,0.2,0.5,1,2,2.236068,-0.2,7,3,1');
  });

  it('refuses non-finite metrics and metrics of the wrong length', () => {
    expect(() => sweepResultToJson(result(Float32Array.of(0, 0, NaN, 0, 0, 0)), 'a')).toThrow(
      /growthRate\[2\]/,
    );
    expect(() => sweepResultToCsv(result(new Float32Array(5)))).toThrow(/5 values for 6 cells/);
  });
});

/** The formatter before formatF32: the fewest toPrecision digits that read back as the same f32. */
function shortestF32Reference(v: number): string {
  for (let digits = 1; digits < 9; digits++) {
    const shorter = Number(v.toPrecision(digits));
    if (Math.fround(shorter) === v) return String(shorter);
  }
  return String(Number(v.toPrecision(9)));
}

describe('formatF32', () => {
  it('writes exactly what the toPrecision search wrote, on edge values', () => {
    const f32 = new Float32Array(1);
    const u32 = new Uint32Array(f32.buffer);
    const bits = [
      0, 0x80000000, 1, 2, 0x007fffff, 0x00800000, 0x7f7fffff, 0x7f7ffffe, 0x3f800000, 0x3f7fffff,
      0x3f800001, 0x4b7fffff, 0x4b800000, 0x4b800001, 0x5a0e1bca,
    ];
    const values = [
      0.1,
      0.2,
      0.3,
      1 / 3,
      2 / 3,
      Math.PI,
      Math.E,
      1e-7,
      1e-6,
      1e21,
      1e22,
      9.999999e20,
    ];
    for (let e = -45; e <= 38; e++) values.push(10 ** e, 1.5 * 10 ** e, 9.9999999 * 10 ** e);
    for (let e = -149; e <= 127; e++) values.push(2 ** e, 3 * 2 ** e, 2 ** e * (1 - 2 ** -24));
    for (let d = 1; d <= 9; d++)
      for (let k = 1; k < 10; k++) values.push(k * 10 ** -d + 5 * 10 ** -(d + 1));
    for (const b of bits) values.push(((u32[0] = b), f32[0]));
    for (const value of values) {
      for (const v of [Math.fround(value), -Math.fround(value)]) {
        if (!Number.isFinite(v)) continue;
        expect(formatF32(v), `${v}`).toBe(shortestF32Reference(v));
      }
    }
  });

  it('writes exactly what the toPrecision search wrote, on 200,000 random f32 bit patterns', () => {
    const f32 = new Float32Array(200_000);
    const u32 = new Uint32Array(f32.buffer);
    let seed = 12345;
    for (let i = 0; i < u32.length; i++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      u32[i] = seed;
    }
    // And as many of the values sweeps hold: moderate magnitudes, few digits.
    const moderate = Float32Array.from(
      { length: 100_000 },
      (_, i) => ((i * 7919) % 100_003) / 977 - 50,
    );
    let checked = 0;
    for (const v of [...f32, ...moderate]) {
      if (!Number.isFinite(v)) continue;
      const fast = formatF32(v);
      if (fast !== shortestF32Reference(v))
        expect(fast, `bits of ${v}`).toBe(shortestF32Reference(v));
      checked++;
    }
    expect(checked).toBeGreaterThan(290_000);
  }, 60_000);
});

describe('streamed sweep files', () => {
  it('the JSON pieces join to exactly JSON.stringify of the result object', () => {
    const r = result();
    expect(utf8(sweepJsonChunks(r, 'test adapter'))).toBe(
      JSON.stringify(sweepResultToJson(r, 'test adapter')) + '\n',
    );
  });

  it('writes the bytes of every number as String writes formatF32, over random f32 bit patterns', () => {
    // The writers place digits as bytes themselves: check them against JSON.stringify of the
    // same numbers, and the CSV against the same numbers as text, on every magnitude and sign.
    const u32 = new Uint32Array(60_000);
    let seed = 777;
    for (let i = 0; i < u32.length; i++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      u32[i] = seed & 0xff7fffff; // no exponent of all ones: every value finite
    }
    const values = new Float32Array(u32.buffer);
    const r = {
      spec,
      xValues: Float64Array.of(0.1, 1e-7, 3e21),
      yValues: Float64Array.from({ length: 20_000 }, (_, i) => i - 1e4),
      metrics: {
        finalX: values,
        finalY: values.map((v) => v / 3),
        radius: values.map((v) => Math.abs(v)),
        growthRate: values.map((v) => Math.fround(v * 1e-30)),
        escapeStep: Int32Array.from(values, (_, i) => (i % 3 === 0 ? -1 : i * 7919)),
        maxRadius: values.map((v) => Math.fround(v * 1e-9)),
        fate: Int32Array.from(values, (_, i) => i % 3),
      },
    };
    expect(utf8(sweepJsonChunks(r, 'a'))).toBe(JSON.stringify(sweepResultToJson(r, 'a')) + '\n');
    const rows = sweepResultToCsv(r).trimEnd().split('\n');
    const last = 60_000 - 1;
    expect(rows[last + 1]).toBe(
      [
        2,
        19_999,
        '3e+21',
        9999,
        ...SWEEP_METRIC_NAMES.map((n) => {
          const v = r.metrics[n][last];
          return n === 'escapeStep' || n === 'fate' ? String(v) : formatF32(v);
        }),
      ].join(','),
    );
  }, 60_000);

  // 150,000 cells, formatted twice: seconds when the 2-core machine is shared, so no 5 s default.
  it('never holds a whole large metric in one piece', { timeout: 120_000 }, () => {
    const nx = 512;
    const ny = 300;
    const cells = nx * ny;
    const metric = () => Float32Array.from({ length: cells }, (_, i) => i / 7);
    const big = {
      spec: result().spec,
      xValues: Float64Array.from({ length: nx }, (_, i) => i),
      yValues: Float64Array.from({ length: ny }, (_, i) => i),
      metrics: {
        finalX: metric(),
        finalY: metric(),
        radius: metric(),
        growthRate: metric(),
        escapeStep: new Int32Array(cells),
        maxRadius: metric(),
        fate: new Int32Array(cells),
      },
    };
    const pieces = [...sweepJsonChunks(big, 'a')];
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(1 << 21);
    const parsed = JSON.parse(utf8(pieces));
    expect(parsed.metrics.radius).toHaveLength(cells);
    expect(Math.fround(parsed.metrics.radius[cells - 1])).toBe(Math.fround((cells - 1) / 7));
    const csv = [...sweepCsvChunks(big)];
    expect(Math.max(...csv.map((p) => p.length))).toBeLessThan(1 << 21);
    expect(utf8(csv).trimEnd().split('\n')).toHaveLength(cells + 1);
  });
});
