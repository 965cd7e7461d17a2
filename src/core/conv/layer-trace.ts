/**
 * Follows a tensor shape through a layer stack as PyTorch would run it: per layer the output
 * shape, learnable parameter count, receptive field and jump of H and W, and warnings about
 * input that is never read or uneven transposed overlap. Stops at the first layer PyTorch
 * would reject, with PyTorch's message.
 */
import {
  conv2dConfig,
  convParameterCount,
  convTranspose2dConfig,
  type ConvConfig,
} from './conv-config.js';
import { ConvShapeError, negativeDimension } from './conv-errors.js';
import { convOutputShape } from './conv-output-shape.js';
import {
  PAIR_ENUMERATION_LIMIT,
  convUnreadSummary,
  transposedEmptySummary,
  transposedOverlapRange,
  transposedUnusedSummary,
  type LineList,
} from './axis-lines.js';
import { convAxes, transposedAxes, type ConvAxis, type TransposedAxis } from './kernel-coverage.js';
import { formatLayer } from './layer-format.js';
import {
  batchNormChannels,
  batchNormRank,
  dimensionOutOfRange,
  dropoutProbability,
  flattenOrder,
  linearMismatch,
} from './layer-errors.js';
import type { LayerSpec, UpsampleLayer } from './layer-spec.js';
import { poolAxes, poolOutputShape } from './pool-output-shape.js';
import {
  AxisReceptiveField,
  fraction,
  fractionFromNumber,
  type Fraction,
  type UnboundedReads,
} from './receptive-field.js';
import { upsampleOutputShape, upsampleReads } from './upsample-output-shape.js';

export interface TraceRow {
  index: number;
  layer: LayerSpec;
  /** The layer as PyTorch code. */
  label: string;
  inputShape: number[];
  outputShape: number[];
  /** Learnable parameters: weights and biases, BatchNorm's affine scale and shift. */
  params: number;
  /**
   * [H, W] in input cells, or null once the spatial axes are flattened or mixed, or once a
   * layer's read pattern repeats only after more than MAX_RECEPTIVE_PERIOD cells.
   */
  receptiveField: [number, number] | null;
  /** [H, W] distance in input cells between neighbouring cells of this layer's output. */
  jump: [Fraction, Fraction] | null;
  warnings: string[];
}

export interface TraceFailure {
  index: number;
  layer: LayerSpec;
  label: string;
  inputShape: number[];
  error: ConvShapeError;
}

export interface StackTrace {
  input: number[];
  rows: TraceRow[];
  error: TraceFailure | null;
  totalParams: number;
}

const AXIS_NAMES = ['rows', 'columns'] as const;

function listCells(cells: LineList): string {
  return cells.count > 6
    ? `${cells.first.slice(0, 5).join(', ')}, … (${cells.count.toLocaleString('en-US')} in all)`
    : cells.first.join(', ');
}

const NOT_CHECKED = `too many (more than ${PAIR_ENUMERATION_LIMIT.toLocaleString('en-US')}) to check one by one`;

function unreadWarnings(axes: readonly ConvAxis[]): string[] {
  const warnings: string[] = [];
  axes.forEach((axis, a) => {
    const unread = convUnreadSummary(axis);
    if (unread.lostEdge.count > 0) {
      warnings.push(
        `input ${AXIS_NAMES[a]} ${listCells(unread.lostEdge)} never read: the last window stops short of the edge`,
      );
    }
    if (unread.interiorGaps === null) {
      warnings.push(
        `input ${AXIS_NAMES[a]} not checked for lines the stride steps over: their (output, tap) pairs are ${NOT_CHECKED}`,
      );
    } else if (unread.interiorGaps.count > 0) {
      warnings.push(
        `input ${AXIS_NAMES[a]} ${listCells(unread.interiorGaps)} never read: the stride steps over them`,
      );
    }
  });
  return warnings;
}

function transposedWarnings(axes: readonly TransposedAxis[]): string[] {
  const warnings: string[] = [];
  const ranges = axes.map(transposedOverlapRange);
  const uneven = ranges.map((r) => r.min !== r.max);
  if (uneven.some(Boolean)) {
    const low = ranges[0].min * ranges[1].min;
    const high = ranges[0].max * ranges[1].max;
    const which = uneven[0] && uneven[1] ? 'rows and columns' : uneven[0] ? 'rows' : 'columns';
    warnings.push(
      `uneven overlap (checkerboard): along ${which} the kernel is not a multiple of the stride, so interior cells get ${low} to ${high} contributions`,
    );
  }
  axes.forEach((axis, a) => {
    const unused = transposedUnusedSummary(axis);
    if (unused === null)
      warnings.push(`input ${AXIS_NAMES[a]} not checked for cropped writes: ${NOT_CHECKED}`);
    else if (unused.count > 0)
      warnings.push(
        `input ${AXIS_NAMES[a]} ${listCells(unused)} contribute nothing: the padding crops all they write`,
      );
    const empty = transposedEmptySummary(axis);
    if (empty === null)
      warnings.push(
        `output ${AXIS_NAMES[a]} not checked for cells no input reaches: ${NOT_CHECKED}`,
      );
    else if (empty.count > 0)
      warnings.push(`output ${AXIS_NAMES[a]} ${listCells(empty)} receive no input (bias only)`);
  });
  return warnings;
}

function convReads(axis: ConvAxis): UnboundedReads {
  return {
    period: 1,
    advance: axis.stride,
    reads: () => [{ first: -axis.padBefore, step: axis.dilation, count: axis.kernel }],
  };
}

/**
 * Output o reads input (o + p − j·d) / s for the taps j where that divides: j ≡ j0 (mod s/g),
 * g = gcd(d, s), with j0·d ≡ o + p (mod s); the inputs step by d/g. Only asked for o < s when
 * s is at most MAX_RECEPTIVE_PERIOD, so the modular arithmetic stays small.
 */
function transposedReads(axis: TransposedAxis): UnboundedReads {
  const { stride: s, dilation: d, kernel: k, padding: p } = axis;
  const g = gcdOf(d, s);
  const cycle = s / g;
  const inverse = modularInverse((d / g) % cycle, cycle);
  return {
    period: s,
    advance: 1,
    reads(o) {
      const residue = (o + (p % s)) % s;
      if (residue % g !== 0) return [];
      const j0 = ((residue / g) * inverse) % cycle;
      if (j0 >= k) return [];
      const count = Math.floor((k - 1 - j0) / cycle) + 1;
      const lastTap = j0 + (count - 1) * cycle;
      return [{ first: (o + p - lastTap * d) / s, step: d / g, count }];
    },
  };
}

function gcdOf(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return Math.abs(a);
}

/** x with a·x ≡ 1 (mod n), for coprime a and n (n = 1 gives 0). */
function modularInverse(a: number, n: number): number {
  let [r0, r1, x0, x1] = [n, a, 0, 1];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1, x0, x1] = [r1, r0 - q * r1, x1, x0 - q * x1];
  }
  return n === 1 ? 0 : ((x0 % n) + n) % n;
}

interface SpatialTracker {
  axes: [AxisReceptiveField, AxisReceptiveField];
}

function spatialOf(shape: readonly number[]): [number, number] {
  return [shape[shape.length - 2], shape[shape.length - 1]];
}

interface LayerStep {
  outputShape: number[];
  params: number;
  warnings: string[];
  /** How the layer moves the spatial trackers: reads per axis, or 'same' (elementwise), or 'lost'. */
  spatial:
    | {
        reads: [UnboundedReads, UnboundedReads];
        jump: [Fraction, Fraction];
      }
    | 'same'
    | 'lost';
}

function convStep(config: ConvConfig, inputShape: number[]): LayerStep {
  const outputShape = convOutputShape(config, inputShape);
  const [inH, inW] = spatialOf(inputShape);
  if (config.transposed) {
    const axes = transposedAxes(config, inH, inW);
    return {
      outputShape,
      params: convParameterCount(config),
      warnings: transposedWarnings(axes),
      spatial: {
        reads: [transposedReads(axes[0]), transposedReads(axes[1])],
        jump: [fraction(1, axes[0].stride), fraction(1, axes[1].stride)],
      },
    };
  }
  const axes = convAxes(config, inH, inW);
  return {
    outputShape,
    params: convParameterCount(config),
    warnings: unreadWarnings(axes),
    spatial: {
      reads: [convReads(axes[0]), convReads(axes[1])],
      jump: [fraction(axes[0].stride), fraction(axes[1].stride)],
    },
  };
}

function upsampleStep(layer: UpsampleLayer, inputShape: number[]): LayerStep {
  const { shape, sourceScale } = upsampleOutputShape(layer, inputShape);
  if (shape.length !== 4) return { outputShape: shape, params: 0, warnings: [], spatial: 'lost' };
  const [inH, inW] = spatialOf(inputShape);
  const [outH, outW] = spatialOf(shape);
  const align = layer.alignCorners === true;
  const reads = (a: 0 | 1): UnboundedReads => {
    const [inSize, outSize] = a === 0 ? [inH, outH] : [inW, outW];
    // The input cells per output cell that the mode's source index uses, as a fraction.
    const ratio =
      layer.mode === 'area'
        ? fraction(inSize, outSize)
        : align && layer.mode !== 'nearest' && layer.mode !== 'nearest-exact'
          ? outSize > 1
            ? fraction(inSize - 1, outSize - 1)
            : fraction(0)
          : fractionFromNumber(sourceScale[a]);
    return {
      period: ratio.den,
      advance: ratio.num,
      reads(o) {
        if (layer.mode === 'area') {
          const start = Math.floor((o * inSize) / outSize);
          const end = Math.ceil(((o + 1) * inSize) / outSize);
          return [{ first: start, step: 1, count: Math.max(1, end - start) }];
        }
        return upsampleReads(layer.mode, inSize, outSize, sourceScale[a], align, o, false).map(
          (cell) => ({ first: cell, step: 1, count: 1 }),
        );
      },
    };
  };
  const jump = (a: 0 | 1): Fraction =>
    layer.size !== null || layer.mode === 'area' || layer.recomputeScaleFactor === true
      ? fraction([inH, inW][a], [outH, outW][a])
      : fractionFromNumber(sourceScale[a]);
  return {
    outputShape: shape,
    params: 0,
    warnings: [],
    spatial: { reads: [reads(0), reads(1)], jump: [jump(0), jump(1)] },
  };
}

function normaliseDim(dim: number, rank: number): number {
  if (dim < -rank || dim >= rank) throw dimensionOutOfRange(rank, dim);
  return dim < 0 ? dim + rank : dim;
}

function layerStep(layer: LayerSpec, inputShape: number[]): LayerStep {
  switch (layer.type) {
    case 'Conv2d':
      return convStep(conv2dConfig(layer), inputShape);
    case 'ConvTranspose2d':
      return convStep(convTranspose2dConfig(layer), inputShape);
    case 'MaxPool2d':
    case 'AvgPool2d': {
      const outputShape = poolOutputShape(layer, inputShape);
      const [inH, inW] = spatialOf(inputShape);
      const axes = poolAxes(layer, inH, inW);
      const warnings = unreadWarnings(axes);
      if (layer.type === 'MaxPool2d' && layer.returnIndices) {
        warnings.push(
          'return_indices=True makes this layer return a tuple (output, indices), which the next layer in nn.Sequential cannot take',
        );
      }
      return {
        outputShape,
        params: 0,
        warnings,
        spatial: {
          reads: [convReads(axes[0]), convReads(axes[1])],
          jump: [fraction(axes[0].stride), fraction(axes[1].stride)],
        },
      };
    }
    case 'Upsample':
      return upsampleStep(layer, inputShape);
    case 'BatchNorm2d': {
      // The constructor's torch.empty(num_features) for the affine weight or running stats.
      if (layer.numFeatures < 0 && (layer.affine || layer.trackRunningStats))
        throw negativeDimension([layer.numFeatures], ['num_features']);
      if (inputShape.length !== 4) throw batchNormRank(inputShape.length);
      const channels = inputShape[1];
      if (channels !== layer.numFeatures) {
        if (layer.trackRunningStats)
          throw batchNormChannels('running_mean', channels, layer.numFeatures);
        if (layer.affine) throw batchNormChannels('weight', channels, layer.numFeatures);
      }
      const warnings =
        inputShape[0] * inputShape[2] * inputShape[3] === 1
          ? [
              `in training mode PyTorch raises "Expected more than 1 value per channel when training, got input size torch.Size([${inputShape.join(', ')}])": one value per channel has no variance`,
            ]
          : [];
      return {
        outputShape: [...inputShape],
        params: layer.affine ? 2 * layer.numFeatures : 0,
        warnings,
        spatial: 'same',
      };
    }
    case 'Dropout':
      if (layer.p < 0 || layer.p > 1) throw dropoutProbability(layer.p);
      return { outputShape: [...inputShape], params: 0, warnings: [], spatial: 'same' };
    case 'ReLU':
    case 'LeakyReLU':
    case 'Tanh':
    case 'Sigmoid':
      return { outputShape: [...inputShape], params: 0, warnings: [], spatial: 'same' };
    case 'Flatten': {
      const rank = inputShape.length;
      const start = normaliseDim(layer.startDim, rank);
      const end = normaliseDim(layer.endDim, rank);
      if (start > end) throw flattenOrder();
      const merged = inputShape.slice(start, end + 1).reduce((a, b) => a * b, 1);
      const outputShape = [...inputShape.slice(0, start), merged, ...inputShape.slice(end + 1)];
      return { outputShape, params: 0, warnings: [], spatial: start === end ? 'same' : 'lost' };
    }
    case 'Linear': {
      // The constructor's torch.empty((out_features, in_features)).
      if (layer.outFeatures < 0 || layer.inFeatures < 0)
        throw negativeDimension(
          [layer.outFeatures, layer.inFeatures],
          ['out_features', 'in_features'],
        );
      if (inputShape[inputShape.length - 1] !== layer.inFeatures) {
        throw linearMismatch(inputShape, layer.inFeatures, layer.outFeatures);
      }
      return {
        outputShape: [...inputShape.slice(0, -1), layer.outFeatures],
        params: layer.inFeatures * layer.outFeatures + (layer.bias ? layer.outFeatures : 0),
        warnings: [],
        spatial: 'lost',
      };
    }
  }
}

/** Traces `inputShape` (normally [N, C, H, W]) through the layers. */
export function traceStack(
  layers: readonly LayerSpec[],
  inputShape: readonly number[],
): StackTrace {
  const trace: StackTrace = { input: [...inputShape], rows: [], error: null, totalParams: 0 };
  let shape = [...inputShape];
  let tracker: SpatialTracker | null =
    shape.length === 4 || shape.length === 3
      ? { axes: [new AxisReceptiveField(), new AxisReceptiveField()] }
      : null;
  for (const [index, layer] of layers.entries()) {
    const label = formatLayer(layer);
    let step: LayerStep;
    try {
      step = layerStep(layer, shape);
    } catch (error) {
      if (!(error instanceof ConvShapeError)) throw error;
      trace.error = { index, layer, label, inputShape: shape, error };
      return trace;
    }
    if (tracker && step.spatial === 'lost') tracker = null;
    if (tracker && step.spatial !== 'same' && step.spatial !== 'lost') {
      const { reads, jump } = step.spatial;
      tracker.axes[0].push(reads[0], jump[0]);
      tracker.axes[1].push(reads[1], jump[1]);
    }
    trace.rows.push({
      index,
      layer,
      label,
      inputShape: shape,
      outputShape: step.outputShape,
      params: step.params,
      receptiveField:
        tracker && tracker.axes[0].tracked && tracker.axes[1].tracked
          ? [tracker.axes[0].size(), tracker.axes[1].size()]
          : null,
      jump: tracker ? [tracker.axes[0].jump, tracker.axes[1].jump] : null,
      warnings: step.warnings,
    });
    trace.totalParams += step.params;
    shape = step.outputShape;
  }
  return trace;
}
