import { describe, expect, it } from 'vitest';
import {
  SEED_EXAMPLES,
  transposedAxes,
  transposedOverlapGrid,
  transposedOverlapPattern,
} from '../../src/core/conv/index.js';
import { analyseLayer } from '../../src/labs/conv/conv-layer-params.js';
import { CONV_SLIDES } from '../../src/labs/conv/conv-slides.js';

describe('the Conv Lab slides', () => {
  it('show the seed examples in order, each layer one PyTorch accepts with the output the seed states', () => {
    const seeds = CONV_SLIDES.filter((s) => s.kind === 'seed');
    expect(seeds.map((s) => s.title)).toEqual(
      SEED_EXAMPLES.map((ex) => `Example ${ex.id}: ${ex.title}`),
    );
    seeds.forEach((slide, i) => {
      const analysis = analyseLayer(slide.layer);
      if (!analysis.ok) throw new Error(slide.title);
      const n = SEED_EXAMPLES[i].expectedOutput;
      expect(analysis.outputShape).toEqual([1, 1, n, n]);
    });
  });

  it('compare k = 3 and k = 4 at stride 2 on the same ×2 upsampling: uneven against even overlap', () => {
    const slide = CONV_SLIDES.find((s) => s.kind === 'overlap');
    if (slide?.kind !== 'overlap') throw new Error('no overlap slide');
    const [three, four] = slide.layers.map((layer) => {
      const analysis = analyseLayer(layer);
      if (!analysis.ok) throw new Error('rejected');
      const grid = transposedOverlapGrid(analysis.config, layer.inH, layer.inW);
      const [h] = transposedAxes(analysis.config, layer.inH, layer.inW);
      return { size: [grid.rows, grid.cols], pattern: transposedOverlapPattern(h) };
    });
    expect(three.size).toEqual([12, 12]);
    expect(four.size).toEqual([12, 12]);
    expect(new Set(three.pattern)).toEqual(new Set([1, 2]));
    expect(four.pattern).toEqual([2, 2]);
  });

  it('show Example 5 in numbers as scatter, gather and the comparison', () => {
    const numbers = CONV_SLIDES.filter((s) => s.kind === 'numbers');
    expect(numbers.map((s) => s.kind === 'numbers' && s.part)).toEqual([
      'scatter',
      'gather',
      'compare',
    ]);
  });
});
