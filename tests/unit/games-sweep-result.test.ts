import { describe, expect, it } from 'vitest';
import { parseSweepSpec } from '../../src/core/games/index.js';
import {
  sweepCsvChunks,
  sweepJsonChunks,
  sweepResultToCsv,
  sweepResultToJson,
} from '../../src/core/games/sweep-result.js';

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
      'ix,iy,lr,method.beta,finalX,finalY,radius,growthRate,escapeStep,maxRadius',
    );
    expect(lines).toHaveLength(7);
    expect(lines[5]).toBe('1,1,0.2,0.5,1,2,2.236068,-0.2,7,3');
  });

  it('refuses non-finite metrics and metrics of the wrong length', () => {
    expect(() => sweepResultToJson(result(Float32Array.of(0, 0, NaN, 0, 0, 0)), 'a')).toThrow(
      /growthRate\[2\]/,
    );
    expect(() => sweepResultToCsv(result(new Float32Array(5)))).toThrow(/5 values for 6 cells/);
  });
});

describe('streamed sweep files', () => {
  it('the JSON pieces join to exactly JSON.stringify of the result object', () => {
    const r = result();
    expect([...sweepJsonChunks(r, 'test adapter')].join('')).toBe(
      JSON.stringify(sweepResultToJson(r, 'test adapter')) + '\n',
    );
  });

  it('never holds a whole large metric in one piece', () => {
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
      },
    };
    const pieces = [...sweepJsonChunks(big, 'a')];
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(1 << 21);
    const parsed = JSON.parse(pieces.join(''));
    expect(parsed.metrics.radius).toHaveLength(cells);
    expect(Math.fround(parsed.metrics.radius[cells - 1])).toBe(Math.fround((cells - 1) / 7));
    const csv = [...sweepCsvChunks(big)];
    expect(csv).toHaveLength(ny + 1);
  });
});
