import { adapterName } from '../gpu/adapter-info.js';
import { requestBrowserDevice } from '../gpu/browser-device.js';
import { PipelineCache } from '../gpu/pipeline-cache.js';
import type { GpuHandle } from '../gpu/request-device.js';

export type GpuState =
  | { kind: 'connecting' }
  | {
      kind: 'ready';
      handle: GpuHandle;
      name: string;
      /** The device's one pipeline cache, shared by both labs. */
      pipelines: PipelineCache;
    }
  | { kind: 'unavailable'; message: string }
  | { kind: 'lost'; message: string };

/**
 * The page's one WebGPU device: acquires it, notices when it is lost (driver reset, GPU unplugged,
 * tab in the background too long) and can acquire a new one. Listeners hear every state change.
 */
export class GpuSession {
  private current: GpuState = { kind: 'connecting' };
  private readonly listeners = new Set<(state: GpuState) => void>();

  constructor(private readonly acquire: () => Promise<GpuHandle>) {}

  get state(): GpuState {
    return this.current;
  }

  subscribe(listener: (state: GpuState) => void): () => void {
    this.listeners.add(listener);
    listener(this.current);
    return () => this.listeners.delete(listener);
  }

  async connect(): Promise<void> {
    this.set({ kind: 'connecting' });
    try {
      const handle = await this.acquire();
      this.set({
        kind: 'ready',
        handle,
        name: adapterName(handle.summary),
        pipelines: new PipelineCache(handle.device),
      });
      void handle.device.lost.then((info) => {
        // destroy() by our own code is a deliberate close, not a loss to report.
        if (info.reason === 'destroyed' || this.current.kind !== 'ready') return;
        if (this.current.handle !== handle) return;
        this.set({
          kind: 'lost',
          message: `The GPU device was lost${info.message ? `: ${info.message}` : ''}.`,
        });
      });
      handle.device.addEventListener('uncapturederror', (event) => {
        console.error('WebGPU error:', (event as GPUUncapturedErrorEvent).error.message);
      });
    } catch (error) {
      this.set({ kind: 'unavailable', message: (error as Error).message });
    }
  }

  /** The device, or an error saying why there is none. */
  device(): GpuHandle {
    if (this.current.kind !== 'ready') {
      throw new Error(
        this.current.kind === 'connecting' ? 'The GPU is still starting.' : this.current.message,
      );
    }
    return this.current.handle;
  }

  private set(state: GpuState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}

/** The page's session: the device comes from navigator.gpu. */
export function pageGpuSession(): GpuSession {
  return new GpuSession(requestBrowserDevice);
}
