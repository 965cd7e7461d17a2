import { ganLearningRates, type GanRunSpec } from '../../core/gan/index.js';
import { METHOD_CATALOG } from '../../core/games/index.js';
import type { PipelineCache } from '../pipeline-cache.js';
import { readBuffer, uploadBuffer } from '../readback.js';
import { composeGanKernel } from './gan-kernel-source.js';

const F32_MAX = 3.4028234663852886e38;

/** Bytes of one GanCell (gan-train.wgsl): rates, clip, seed, four method parameters. */
const CELL_BYTES = 32;

/** One GAN of a GPU run: its key and rates (the spec's shape is shared). */
export interface GanCellSettings {
  seed: number;
  lrD: number;
  lrG: number;
  clip: number;
  /** The method's numeric parameters in catalogue order (at most 4). */
  methodParameters: number[];
}

export function cellSettings(spec: GanRunSpec): GanCellSettings {
  const method = spec.method as unknown as Record<string, number>;
  return {
    seed: spec.seed,
    ...ganLearningRates(spec),
    clip: spec.game.clip,
    methodParameters: METHOD_CATALOG[spec.method.name].numeric.map((p) => method[p.name]),
  };
}

/**
 * Trains every cell for `steps` outer steps on the GPU, one workgroup a cell, and returns each
 * cell's parameters (D then G, the reference's flat layouts) in f32 and its escape step (as
 * trainGan's: −1 if none; the parameters are then those of the escape step). Cells go in
 * slices whose scratch fits one binding (at most `maxCellsPerSlice`), one submit each; every
 * step of a slice is in that submit, so this is for short runs (the kernel's check against the
 * float64 reference). Chunking steps, progress, cancelling and metrics come later.
 */
export async function trainGansOnGpu(
  device: GPUDevice,
  pipelines: PipelineCache,
  spec: GanRunSpec,
  cells: readonly GanCellSettings[],
  steps: number,
  options: { maxCellsPerSlice?: number } = {},
): Promise<{ d: Float32Array; g: Float32Array; escapeStep: number }[]> {
  const kernel = composeGanKernel(spec);
  if (kernel.workgroupBytes > device.limits.maxComputeWorkgroupStorageSize) {
    throw new RangeError(
      `the networks need ${kernel.workgroupBytes} bytes of workgroup memory, the device has ${device.limits.maxComputeWorkgroupStorageSize}`,
    );
  }
  // Cells are trained in slices, one dispatch each, so the scratch fits one binding.
  const limits = device.limits;
  const fit = Math.floor(
    Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize) /
      (4 * kernel.scratchPerCell),
  );
  const sliceCells = Math.min(
    cells.length,
    options.maxCellsPerSlice ?? Infinity,
    fit,
    limits.maxComputeWorkgroupsPerDimension,
  );
  if (sliceCells < 1)
    throw new RangeError(
      `one cell needs ${4 * kernel.scratchPerCell} bytes of scratch, more than one binding holds`,
    );
  const cellBytes = new ArrayBuffer(CELL_BYTES * cells.length);
  const asFloat = new Float32Array(cellBytes);
  const asUint = new Uint32Array(cellBytes);
  const words = CELL_BYTES / 4;
  cells.forEach((c, i) => {
    asFloat[words * i] = c.lrD;
    asFloat[words * i + 1] = c.lrG;
    asFloat[words * i + 2] = c.clip;
    asUint[words * i + 3] = c.seed >>> 0;
    c.methodParameters.forEach((v, k) => (asFloat[words * i + 4 + k] = v));
  });
  const perCell = kernel.dSize + kernel.gSize;
  const buffers: GPUBuffer[] = [];
  const track = (b: GPUBuffer) => (buffers.push(b), b);
  try {
    const cellBuffer = track(uploadBuffer(device, new Uint8Array(cellBytes), 'gan cells'));
    const runBuffer = track(
      device.createBuffer({
        label: 'gan run',
        size: 16,
        usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
      }),
    );
    const dataBuffer = track(uploadBuffer(device, kernel.dataValues, 'gan data means'));
    const out = track(
      uploadBuffer(device, new Float32Array(perCell * cells.length), 'gan parameters'),
    );
    const escapes = track(uploadBuffer(device, new Int32Array(cells.length), 'gan escape steps'));
    const scratch = track(
      uploadBuffer(device, new Float32Array(kernel.scratchPerCell * sliceCells), 'gan scratch'),
    );
    const pipeline = await pipelines.get({
      label: 'gan-train',
      code: kernel.code,
      entryPoint: 'gan_train',
    });
    const bindGroup = device.createBindGroup({
      label: 'gan-train',
      layout: pipeline.getBindGroupLayout(0),
      entries: [cellBuffer, runBuffer, dataBuffer, out, scratch, escapes].map(
        (buffer, binding) => ({
          binding,
          resource: { buffer },
        }),
      ),
    });
    const runValues = new ArrayBuffer(16);
    const runWords = new Uint32Array(runValues, 0, 3);
    new Float32Array(runValues, 12, 1)[0] = Math.min(spec.escapeNorm, F32_MAX);
    for (let first = 0; first < cells.length; first += sliceCells) {
      const count = Math.min(sliceCells, cells.length - first);
      runWords.set([steps, first, count]);
      device.queue.writeBuffer(runBuffer, 0, runValues);
      const encoder = device.createCommandEncoder({ label: 'gan-train' });
      const pass = encoder.beginComputePass({ label: 'gan-train' });
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(count);
      pass.end();
      device.queue.submit([encoder.finish()]);
    }
    const values = new Float32Array(await readBuffer(device, out));
    const escapeSteps = new Int32Array(await readBuffer(device, escapes));
    return cells.map((_, i) => ({
      escapeStep: escapeSteps[i],
      d: values.slice(i * perCell, i * perCell + kernel.dSize),
      g: values.slice(i * perCell + kernel.dSize, (i + 1) * perCell),
    }));
  } finally {
    for (const b of buffers) b.destroy();
  }
}
