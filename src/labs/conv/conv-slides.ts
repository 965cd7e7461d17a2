/**
 * The Conv Lab's slides, in order: each of the seed's seven examples (a convolution's arithmetic,
 * a transposed convolution's stages), Example 5's arithmetic scattered, gathered and compared,
 * then the checkerboard comparisons — the overlap of a stride-2 transposed conv
 * with k = 3 against k = 4, and k = 3 transposed against resize-then-conv on the GPU.
 */
import { SEED_EXAMPLES } from '../../core/conv/index.js';
import { defaultImageSettings, type ConvImageSettings } from './conv-image-settings.js';
import { layerFromSeedExample, type ConvLayerParams } from './conv-layer-params.js';

export type ConvSlide =
  | { kind: 'seed'; title: string; subtitle: string; code: string; layer: ConvLayerParams }
  | {
      kind: 'overlap';
      title: string;
      subtitle: string;
      /** Two stride-2 transposed layers whose overlap counts stand side by side. */
      layers: [ConvLayerParams, ConvLayerParams];
    }
  | {
      kind: 'numbers';
      title: string;
      subtitle: string;
      /** Which part of the scatter/gather computation the slide shows. */
      part: 'scatter' | 'gather' | 'compare';
      layer: ConvLayerParams;
    }
  | { kind: 'images'; title: string; subtitle: string; settings: ConvImageSettings };

/** A ×2 transposed layer on a one-channel 6 × 6 input: padding 1, output padding for 12 × 12. */
function upsampling(k: number): ConvLayerParams {
  const padding = Math.floor((k - 1) / 2);
  const outputPadding = 2 + 2 * padding - k;
  return {
    ...layerFromSeedExample(SEED_EXAMPLES[4]),
    inH: 6,
    inW: 6,
    kernel: [k, k],
    stride: [2, 2],
    padding: [padding, padding],
    outputPadding: [outputPadding, outputPadding],
    bias: false,
  };
}

export const CONV_SLIDES: readonly ConvSlide[] = [
  ...SEED_EXAMPLES.map((ex): ConvSlide => ({
    kind: 'seed',
    title: `Example ${ex.id}: ${ex.title}`,
    subtitle: ex.caption,
    code: ex.pytorch,
    layer: layerFromSeedExample(ex),
  })),
  ...(
    [
      [
        'scatter',
        'Example 5 in numbers: scatter',
        'Each input value times the kernel, added into the output at its place (stride 2 apart); play or scrub through the input cells.',
      ],
      [
        'gather',
        'Example 5 in numbers: gather',
        'The same output as an ordinary convolution: stride 1, the kernel flipped, over the spread input with its zero ring.',
      ],
      [
        'compare',
        'Example 5 in numbers: both give the same output',
        'Scatter, gather and the GPU, cell for cell.',
      ],
    ] as const
  ).map(([part, title, subtitle]): ConvSlide => ({
    kind: 'numbers',
    title,
    subtitle,
    part,
    layer: layerFromSeedExample(SEED_EXAMPLES[4]),
  })),
  {
    kind: 'overlap',
    title: 'The checkerboard: uneven overlap',
    subtitle:
      'Stride 2, ×2 upsampling: a 3 × 3 kernel gives output cells 1, 2 or 4 contributions; a 4 × 4 kernel gives every interior cell 4.',
    layers: [upsampling(3), upsampling(4)],
  },
  {
    kind: 'images',
    title: 'On the GPU: transposed conv vs resize-then-conv',
    subtitle:
      'The same 3 × 3 box kernel upsamples a checkerboard ×2 both ways: the transposed conv prints a grid of uneven overlap into the flat squares, resize-then-conv does not.',
    settings: {
      ...defaultImageSettings(),
      source: 'checkerboard',
      patternSize: 32,
      mode: 'compare',
      kernel: 'box',
      kernelSize: 3,
    },
  },
];
