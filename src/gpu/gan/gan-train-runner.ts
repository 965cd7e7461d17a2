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
 * trainGan's: −1 if none; the parameters are then those of the escape step). One submit: meant for the
 * first steps of small runs (the kernel's check against the float64 reference); chunking,
 * progress and metrics come later.
 */
export async function trainGansOnGpu(
  device: GPUDevice,
  pipelines: PipelineCache,
  spec: GanRunSpec,
  cells: readonly GanCellSettings[],
  steps: number,
): Promise<{ d: Float32Array; g: Float32Array; escapeStep: number }[]> {
  const kernel = composeGanKernel(spec);
  if (kernel.workgroupBytes > device.limits.maxComputeWorkgroupStorageSize) {
    throw new RangeError(
      `the networks need ${kernel.workgroupBytes} bytes of workgroup memory, the device has ${device.limits.maxComputeWorkgroupStorageSize}`,
    );
  }
  const scratchBytes = 4 * kernel.scratchPerCell * cells.length;
  if (
    scratchBytes > device.limits.maxStorageBufferBindingSize ||
    scratchBytes > device.limits.maxBufferSize
  )
    throw new RangeError(
      `${cells.length} cells need ${scratchBytes} bytes of scratch, more than one binding holds`,
    );
  if (cells.length > device.limits.maxComputeWorkgroupsPerDimension)
    throw new RangeError(`${cells.length} cells exceed one dispatch row`);
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
    const runValues = new ArrayBuffer(16);
    new Uint32Array(runValues, 0, 2).set([steps, cells.length]);
    new Float32Array(runValues, 8, 1)[0] = Math.min(spec.escapeNorm, F32_MAX);
    device.queue.writeBuffer(runBuffer, 0, runValues);
    const dataBuffer = track(uploadBuffer(device, kernel.dataValues, 'gan data means'));
    const out = track(
      uploadBuffer(device, new Float32Array(perCell * cells.length), 'gan parameters'),
    );
    const escapes = track(uploadBuffer(device, new Int32Array(cells.length), 'gan escape steps'));
    const scratch = track(
      uploadBuffer(device, new Float32Array(kernel.scratchPerCell * cells.length), 'gan scratch'),
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
    const encoder = device.createCommandEncoder({ label: 'gan-train' });
    const pass = encoder.beginComputePass({ label: 'gan-train' });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(cells.length);
    pass.end();
    device.queue.submit([encoder.finish()]);
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
