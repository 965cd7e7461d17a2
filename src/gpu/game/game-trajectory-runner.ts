import { numericParameters, type SingleGameSpec } from '../../core/games/index.js';
import { prepareLinearKernel } from '../compute-pass.js';
import { toF32Array } from './game-gpu-values.js';
import { composeGameKernel, TRAJECTORY_LIST_FIELDS } from './game-kernel-source.js';
import type { PipelineCache } from '../pipeline-cache.js';
import { readBuffer, uploadBuffer } from '../readback.js';

/**
 * Plays each game for up to `steps` steps on the GPU (shaders/game/game-trajectory.wgsl) and returns
 * its recorded points x0, y0, x1, y1, … up to where it stopped — what simulateGame records with
 * `record: true`. Each game's own `steps` field is ignored. Games that share a kernel (same game
 * shape and method) run in one dispatch.
 */
export async function runTrajectories(
  gpu: { device: GPUDevice; pipelines: PipelineCache },
  specs: SingleGameSpec[],
  steps: number,
): Promise<Float32Array[]> {
  if (!Number.isInteger(steps) || steps < 0)
    throw new RangeError(`steps must be a non-negative integer, got ${steps}`);
  const groups = new Map<
    string,
    { kernel: ReturnType<typeof composeGameKernel>; indices: number[] }
  >();
  specs.forEach((spec, i) => {
    const kernel = composeGameKernel(spec, 'trajectory');
    const group = groups.get(kernel.code) ?? { kernel, indices: [] };
    group.indices.push(i);
    groups.set(kernel.code, group);
  });
  const out: Float32Array[] = new Array(specs.length);
  for (const { kernel, indices } of groups.values()) {
    const points = await playGroup(
      gpu,
      kernel,
      indices.map((i) => specs[i]),
      steps,
    );
    indices.forEach((specIndex, i) => (out[specIndex] = points[i]));
  }
  return out;
}

async function playGroup(
  { device, pipelines }: { device: GPUDevice; pipelines: PipelineCache },
  kernel: ReturnType<typeof composeGameKernel>,
  specs: SingleGameSpec[],
  steps: number,
): Promise<Float32Array[]> {
  const count = specs.length;
  const pointsBytes = 8 * (steps + 1) * count;
  if (
    pointsBytes > Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize)
  )
    throw new RangeError(
      `${count} trajectories of ${steps} steps need ${pointsBytes} bytes, more than one storage buffer holds`,
    );
  const list: Record<(typeof TRAJECTORY_LIST_FIELDS)[number], number> = { count, steps };
  const buffers = [
    uploadBuffer(
      device,
      Uint32Array.from(TRAJECTORY_LIST_FIELDS, (f) => list[f]),
      'game-trajectory list',
      GPUBufferUsage.UNIFORM,
    ),
    uploadBuffer(
      device,
      toF32Array(specs.flatMap((spec) => numericParameters(spec).map((p) => p.value))),
      'game-trajectory params',
    ),
    device.createBuffer({
      label: 'game-trajectory points',
      size: pointsBytes,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
    }),
    device.createBuffer({
      label: 'game-trajectory lengths',
      size: 4 * count,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
    }),
  ];
  try {
    const encode = await prepareLinearKernel(
      device,
      pipelines,
      {
        label: `game-trajectory ${specs[0].game.name} ${specs[0].method.name}`,
        code: kernel.code,
        entryPoint: kernel.entryPoint,
      },
      buffers,
    );
    const encoder = device.createCommandEncoder({ label: 'game-trajectory' });
    encode(encoder, count);
    device.queue.submit([encoder.finish()]);
    const lengths = new Uint32Array(await readBuffer(device, buffers[3]));
    const points = new Float32Array(await readBuffer(device, buffers[2]));
    const stride = 2 * (steps + 1);
    return specs.map((_, i) => points.slice(i * stride, i * stride + 2 * lengths[i]));
  } finally {
    for (const buffer of buffers) buffer.destroy();
  }
}
