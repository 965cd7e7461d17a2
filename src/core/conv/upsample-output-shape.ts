/**
 * nn.Upsample: output size and the checks torch.nn.functional.interpolate makes (in its
 * order), and which input cells each output cell reads, per mode (aten UpSample.h
 * source-index rules).
 */
import {
  upsampleAlignCorners,
  upsampleBothSizeAndScale,
  upsampleEmptyOutput,
  upsampleModeRank,
  upsampleNeitherSizeNorScale,
  upsampleRecomputeWithSize,
  upsampleScaleLength,
  upsampleSizeOverflow,
  upsampleSizeLength,
  upsampleUnsupported,
} from './layer-errors.js';
import type { UpsampleLayer } from './layer-spec.js';

/** Spatial rank each interpolating mode needs (input rank − 2); the others take 1 to 3. */
const MODE_RANK: Record<string, number> = { linear: 3, bilinear: 4, bicubic: 4, trilinear: 5 };
const ANY_RANK_MODES = ['nearest', 'area', 'nearest-exact'];

export interface UpsampleResult {
  shape: number[];
  /** Per spatial axis: the factor PyTorch maps output to input coordinates with (in/out or 1/scale). */
  sourceScale: number[];
}

export function upsampleOutputShape(
  layer: UpsampleLayer,
  inputShape: readonly number[],
): UpsampleResult {
  const mode = layer.mode;
  if (ANY_RANK_MODES.includes(mode) && layer.alignCorners !== null) throw upsampleAlignCorners();
  const rank = inputShape.length;
  const spatial = inputShape.slice(2);
  const dims = rank - 2;
  // nn.Upsample stores `float(scale_factor) if scale_factor else None`, so 0 means unset.
  const scale = layer.scaleFactor === 0 ? null : layer.scaleFactor;
  let outSizes: number[];
  let sourceScale: number[];
  if (layer.size !== null && scale !== null) throw upsampleBothSizeAndScale();
  if (layer.size !== null) {
    const size =
      typeof layer.size === 'number' ? new Array<number>(dims).fill(layer.size) : [...layer.size];
    if (size.length !== dims) throw upsampleSizeLength(spatial, size);
    if (layer.recomputeScaleFactor === true) throw upsampleRecomputeWithSize();
    outSizes = size;
    sourceScale = size.map((s, i) => spatial[i] / s);
  } else if (scale !== null) {
    const factors = typeof scale === 'number' ? new Array<number>(dims).fill(scale) : [...scale];
    if (factors.length !== dims) throw upsampleScaleLength(spatial, factors);
    outSizes = factors.map((f, i) => Math.floor(spatial[i] * f));
    if (outSizes.some((s) => !Number.isFinite(s))) throw upsampleSizeOverflow();
    // Area mode and recompute_scale_factor=True resample by the computed size, not the factor.
    const bySize = mode === 'area' || layer.recomputeScaleFactor === true;
    sourceScale = factors.map((f, i) => (bySize ? spatial[i] / outSizes[i] : 1 / f));
  } else {
    throw upsampleNeitherSizeNorScale();
  }
  const needs = MODE_RANK[mode];
  if (needs !== undefined) {
    if (rank !== needs) {
      if (rank >= 3 && rank <= 5) throw upsampleModeRank(rank, mode, needs);
      throw upsampleUnsupported(rank, mode);
    }
  } else if (!ANY_RANK_MODES.includes(mode) || rank < 3 || rank > 5) {
    throw upsampleUnsupported(rank, mode);
  }
  if (outSizes.some((s) => s <= 0) || spatial.some((s) => s <= 0))
    throw upsampleEmptyOutput(spatial, outSizes);
  return { shape: [...inputShape.slice(0, 2), ...outSizes], sourceScale };
}

/**
 * Input cells output cell o reads on one axis. With `bounded` false the grid is treated as
 * unbounded (no clamping at the edges), which is what a receptive field is measured on.
 */
export function upsampleReads(
  mode: string,
  inSize: number,
  outSize: number,
  sourceScale: number,
  alignCorners: boolean,
  output: number,
  bounded: boolean,
): number[] {
  const clamp = (i: number) => (bounded ? Math.min(Math.max(i, 0), inSize - 1) : i);
  const unique = (list: number[]) => [...new Set(list.map(clamp))];
  // UpSample.h area_pixel_compute_source_index: align_corners maps corner to corner.
  const linearScale = alignCorners ? (outSize > 1 ? (inSize - 1) / (outSize - 1) : 0) : sourceScale;
  switch (mode) {
    case 'nearest':
      return unique([Math.floor(output * sourceScale)]);
    case 'nearest-exact':
      return unique([Math.floor((output + 0.5) * sourceScale)]);
    case 'area': {
      // Adaptive average pooling: cells ⌊o·in/out⌋ … ⌈(o+1)·in/out⌉ − 1.
      const start = Math.floor((output * inSize) / outSize);
      const end = Math.ceil(((output + 1) * inSize) / outSize);
      return unique(Array.from({ length: Math.max(1, end - start) }, (_, i) => start + i));
    }
    case 'bicubic': {
      const source = alignCorners ? output * linearScale : linearScale * (output + 0.5) - 0.5;
      const base = Math.floor(source);
      return unique([base - 1, base, base + 1, base + 2]);
    }
    default: {
      const raw = alignCorners ? output * linearScale : linearScale * (output + 0.5) - 0.5;
      const source = bounded ? Math.max(raw, 0) : raw;
      const base = Math.floor(source);
      return unique([base, base + 1]);
    }
  }
}
