import { PhiloxStream, type DrawPurpose } from './philox.js';
import {
  dataDimension,
  layerShapes,
  type GanActivation,
  type LayerShape,
  type LinearWeights,
  type MlpGanGameSpec,
  type NetworkSpec,
} from './gan-spec.js';
import { linear, tensor, unary, type Tensor } from './tensor-graph.js';

/**
 * Where a network's parameters sit in its flat vector: layer by layer, the weight [out][in]
 * row-major (PyTorch's state_dict layout), then the bias [out] when the network has biases.
 */
export interface NetworkLayout {
  shapes: readonly LayerShape[];
  bias: boolean;
  activation: GanActivation;
  slope: number;
  /** Offsets of each layer's weight and bias (−1 without a bias) in the flat vector. */
  offsets: readonly { weight: number; bias: number }[];
  size: number;
}

export function networkLayout(net: NetworkSpec, inputs: number, outputs: number): NetworkLayout {
  const shapes = layerShapes(net, inputs, outputs);
  let size = 0;
  const offsets = shapes.map((s) => {
    const weight = size;
    size += s.in * s.out;
    const bias = net.bias ? size : -1;
    if (net.bias) size += s.out;
    return { weight, bias };
  });
  return { shapes, bias: net.bias, activation: net.activation, slope: net.slope, offsets, size };
}

/** The generator: latent → hidden layers → the data's dimension. */
export function generatorLayout(game: MlpGanGameSpec): NetworkLayout {
  return networkLayout(game.generator, game.generator.latent, dataDimension(game.data));
}

/** The discriminator: the data's dimension → hidden layers → one logit. */
export function discriminatorLayout(game: MlpGanGameSpec): NetworkLayout {
  return networkLayout(game.discriminator, dataDimension(game.data), 1);
}

/**
 * PyTorch's default nn.Linear initialisation: kaiming_uniform with a = √5 gives the weight
 * U(−1/√fan_in, 1/√fan_in), and the bias has the same bound. Parameter i of the flat vector takes
 * the uniform u in lane i mod 4 of block (⌊i/4⌋, 0, purpose) and becomes (2u − 1)/√fan_in.
 */
export function initialParameters(
  layout: NetworkLayout,
  stream: PhiloxStream,
  purpose: DrawPurpose,
): Float64Array {
  const params = new Float64Array(layout.size);
  layout.shapes.forEach((shape, l) => {
    const bound = 1 / Math.sqrt(shape.in);
    const { weight, bias } = layout.offsets[l];
    const end = bias < 0 ? weight + shape.in * shape.out : bias + shape.out;
    for (let i = weight; i < end; i++)
      params[i] = (2 * stream.uniform(i >>> 2, 0, purpose, i & 3) - 1) * bound;
  });
  return params;
}

/** The flat vector of explicit weights (already checked against the layout by the spec parser). */
export function explicitParameters(
  layout: NetworkLayout,
  weights: readonly LinearWeights[],
): Float64Array {
  const params = new Float64Array(layout.size);
  layout.shapes.forEach((shape, l) => {
    const { weight, bias } = layout.offsets[l];
    weights[l].weight.forEach((row, o) => params.set(row, weight + o * shape.in));
    if (bias >= 0) params.set(weights[l].bias!, bias);
  });
  return params;
}

/** The flat vector back in PyTorch's layout, one nn.Linear a layer. */
export function linearWeights(layout: NetworkLayout, params: Float64Array): LinearWeights[] {
  return layout.shapes.map((shape, l) => {
    const { weight, bias } = layout.offsets[l];
    const layer: LinearWeights = {
      weight: Array.from({ length: shape.out }, (_, o) =>
        Array.from(params.subarray(weight + o * shape.in, weight + (o + 1) * shape.in)),
      ),
    };
    if (bias >= 0) layer.bias = Array.from(params.subarray(bias, bias + shape.out));
    return layer;
  });
}

/** One tensor per weight and per bias, in the flat vector's order: the leaves gradients are taken against. */
export function parameterTensors(layout: NetworkLayout, params: Float64Array): Tensor[] {
  const leaves: Tensor[] = [];
  layout.shapes.forEach((shape, l) => {
    const { weight, bias } = layout.offsets[l];
    leaves.push(
      tensor(shape.out, shape.in, params.subarray(weight, weight + shape.in * shape.out)),
    );
    if (bias >= 0) leaves.push(tensor(1, shape.out, params.subarray(bias, bias + shape.out)));
  });
  return leaves;
}

/** Gradient tensors (in parameterTensors' order) as one flat vector. */
export function flatten(tensors: readonly Tensor[], size: number): Float64Array {
  const out = new Float64Array(size);
  let offset = 0;
  for (const t of tensors) {
    out.set(t.value, offset);
    offset += t.size;
  }
  return out;
}

/** The activation of the hidden layers, elementwise. */
export function activate(x: Tensor, activation: GanActivation, slope: number): Tensor {
  return activation === 'leaky-relu' ? unary(x, 'leaky-relu', [slope]) : unary(x, activation);
}

/** The network on a batch x [n×in]: linear, activation, …, linear (no activation on the output). */
export function forward(layout: NetworkLayout, leaves: readonly Tensor[], x: Tensor): Tensor {
  let h = x;
  let k = 0;
  layout.shapes.forEach((_, l) => {
    const w = leaves[k++];
    const b = layout.bias ? leaves[k++] : null;
    h = linear(h, w, b);
    if (l < layout.shapes.length - 1) h = activate(h, layout.activation, layout.slope);
  });
  return h;
}
