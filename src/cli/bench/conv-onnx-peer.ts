import { dawnOptions } from '../../gpu/node-device.js';
import { onnxConvModel, type OnnxConvSpec } from './conv-onnx-model.js';

/** The package the bench compares against: onnxruntime-web's WebGPU execution provider. */
const ORT_MODULE = 'onnxruntime-web/webgpu';

/** The slice of onnxruntime-web's API the bench uses (the package is optional, so no types from it). */
interface OrtTensor {
  dispose(): void;
  getData(): Promise<Float32Array>;
}
interface OrtSession {
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}
interface Ort {
  env: { versions?: { web?: string }; logLevel?: string; wasm: { numThreads?: number } };
  InferenceSession: {
    create(model: Uint8Array, options: Record<string, unknown>): Promise<OrtSession>;
  };
  Tensor: {
    fromGpuBuffer(
      buffer: GPUBuffer,
      options: { dataType: 'float32'; dims: readonly number[] },
    ): OrtTensor;
  };
}

/** One Conv / ConvTranspose node running in onnxruntime-web on our device. */
export interface OnnxPeer {
  name: string;
  /** Runs the node once on the GPU-resident input; the output stays on the GPU. */
  run(): Promise<void>;
  /** The last run's output, read back. */
  output(): Promise<Float32Array>;
  release(): Promise<void>;
}

/**
 * onnxruntime-web uploads from its wasm heap, a SharedArrayBuffer, and Dawn's Node binding refuses
 * views of shared memory in queue.writeBuffer ("Invalid argument"): until the returned function
 * is called, `queue` (this one instance, not GPUQueue.prototype) copies such data into an ordinary
 * buffer first and passes everything else through unchanged.
 */
function acceptSharedMemoryWrites(queue: GPUQueue): () => void {
  const write = queue.writeBuffer;
  queue.writeBuffer = function (
    this: GPUQueue,
    buffer: GPUBuffer,
    offset: number,
    data: BufferSource | SharedArrayBuffer,
    dataOffset?: number,
    size?: number,
  ) {
    if (ArrayBuffer.isView(data) && data.buffer instanceof SharedArrayBuffer) {
      const copy = new Uint8Array(data.byteLength);
      copy.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      const element = (data as unknown as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT ?? 1;
      return write.call(
        this,
        buffer,
        offset,
        copy,
        (dataOffset ?? 0) * element,
        size === undefined ? undefined : size * element,
      );
    }
    return write.call(this, buffer, offset, data as BufferSource, dataOffset, size);
  } as GPUQueue['writeBuffer'];
  return () => Reflect.deleteProperty(queue, 'writeBuffer');
}

/**
 * Its WebGPU backend refuses to start without navigator.gpu, which Node 20 lacks; it creates nothing
 * from it when handed a device, so a Dawn instance of our own is enough.
 */
export async function provideNavigatorGpu(): Promise<void> {
  const global = globalThis as { navigator?: { gpu?: GPU } };
  if (global.navigator?.gpu) return;
  const { create } = await import('webgpu');
  const gpu = create(dawnOptions());
  if (global.navigator)
    Object.defineProperty(global.navigator, 'gpu', { value: gpu, configurable: true });
  else global.navigator = { gpu };
}

/**
 * Loads onnxruntime-web and builds a session for `spec` on `device` (the EP takes our GPUDevice,
 * so both run on the same adapter), or says why it cannot.
 */
export async function loadOnnxPeer(
  device: GPUDevice,
  spec: OnnxConvSpec,
  input: Float32Array<ArrayBuffer>,
): Promise<OnnxPeer | { unavailable: string }> {
  let ort: Ort;
  try {
    ort = (await import(/* @vite-ignore */ ORT_MODULE)) as Ort;
  } catch (error) {
    return {
      unavailable: `onnxruntime-web is not installed (${(error as Error).message.split('\n')[0]})`,
    };
  }
  await provideNavigatorGpu();
  ort.env.logLevel = 'error';
  // Its CPU side needs no threads here; left unset, it asks navigator (absent in Node 20) or
  // require('node:os'), which its ES-module build cannot call.
  ort.env.wasm.numThreads = 1;
  // Only for the session's life, so the bench's own uploads never go through the copy.
  const restoreWrites = acceptSharedMemoryWrites(device.queue);
  let session: OrtSession;
  try {
    session = await ort.InferenceSession.create(onnxConvModel(spec), {
      executionProviders: [{ name: 'webgpu', device }],
      preferredOutputLocation: 'gpu-buffer',
    });
  } catch (error) {
    restoreWrites();
    return { unavailable: `its WebGPU session failed: ${(error as Error).message.split('\n')[0]}` };
  }
  const buffer = device.createBuffer({
    label: 'onnx peer input',
    size: input.byteLength,
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC,
  });
  device.queue.writeBuffer(buffer, 0, input);
  const feeds = {
    X: ort.Tensor.fromGpuBuffer(buffer, { dataType: 'float32', dims: spec.inputShape }),
  };
  let last: OrtTensor | null = null;
  return {
    name: `onnxruntime-web ${ort.env.versions?.web ?? ''} (WebGPU EP)`.replace('  ', ' '),
    async run() {
      last?.dispose();
      last = (await session.run(feeds)).Y;
    },
    async output() {
      if (!last) throw new Error('the peer has not run yet');
      return last.getData();
    },
    async release() {
      last?.dispose();
      await session.release();
      buffer.destroy();
      restoreWrites();
    },
  };
}
