import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ComputationExample } from '../../core/conv/index.js';
import { runConv2d, runConvTranspose2d, type ConvTensor } from '../../gpu/conv/conv-runner.js';
import type { GpuSession, GpuState } from '../gpu-session.js';

/** The GPU's answer for one example: its output, or why there is none. */
export type ComputationGpuResult =
  | { kind: 'waiting'; message: string }
  | { kind: 'done'; output: Float32Array; shape: readonly number[] }
  | { kind: 'failed'; message: string };

function f32Tensor(tensor: ComputationExample['input']): ConvTensor {
  return { data: Float32Array.from(tensor.data), shape: tensor.shape };
}

/**
 * Runs the computation views' small example through the real WGSL conv (the runner the image
 * view uses), so the view can put the GPU's value beside the float64 sum of the shown products.
 * Reruns when the example changes; the newest request wins.
 */
export class ComputationGpu implements ReactiveController {
  result: ComputationGpuResult = { kind: 'waiting', message: 'GPU starting…' };
  private gpu: GpuState = { kind: 'connecting' };
  private example: ComputationExample | null = null;
  private runId = 0;
  private unsubscribe?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly session: () => GpuSession | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = this.session()?.subscribe((state) => {
      this.gpu = state;
      void this.execute();
    });
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.runId++;
  }

  /** Asks for this example's GPU output (a no-op when it is the one already asked for). */
  request(example: ComputationExample): void {
    if (example === this.example) return;
    this.example = example;
    void this.execute();
  }

  private async execute(): Promise<void> {
    const id = ++this.runId;
    const example = this.example;
    if (!example) return;
    if (this.gpu.kind !== 'ready') {
      const message =
        this.gpu.kind === 'connecting' ? 'GPU starting…' : `No GPU: ${this.gpu.message}`;
      this.set({ kind: 'waiting', message });
      return;
    }
    const gpu = { device: this.gpu.handle.device, pipelines: this.gpu.pipelines };
    const { config } = example;
    const options = {
      bias: Float32Array.of(example.bias),
      stride: config.stride,
      dilation: config.dilation,
    };
    try {
      const result = config.transposed
        ? await runConvTranspose2d(gpu, f32Tensor(example.input), f32Tensor(example.weight), {
            ...options,
            padding: [config.padding.top, config.padding.left],
            outputPadding: config.outputPadding,
          })
        : await runConv2d(gpu, f32Tensor(example.input), f32Tensor(example.weight), {
            ...options,
            // 'same' may pad unevenly, which numbers cannot say.
            padding:
              config.paddingRule === 'same' ? 'same' : [config.padding.top, config.padding.left],
            paddingMode: config.paddingMode,
          });
      if (id === this.runId) this.set({ kind: 'done', output: result.data, shape: result.shape });
    } catch (error) {
      if (id === this.runId)
        this.set({ kind: 'failed', message: `The GPU run failed: ${(error as Error).message}` });
    }
  }

  private set(result: ComputationGpuResult): void {
    this.result = result;
    this.host.requestUpdate();
  }
}
