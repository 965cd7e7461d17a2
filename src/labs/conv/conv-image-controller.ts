import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LayerParseError, parseStack, type LayerSpec } from '../../core/conv/index.js';
import type { GpuSession, GpuState } from '../gpu-session.js';
import type { ConvImageSettings } from './conv-image-settings.js';
import {
  noiseTensor,
  runCompare,
  runSingleLayer,
  runStack,
  type ImageRun,
} from './conv-image-run.js';
import { bitmapPixels, decodeImage, loadSamplePhoto } from './conv-image-source.js';
import {
  checkerboard,
  lines,
  pixelsToTensor,
  singleDot,
  type Shape4,
  type Tensor,
} from './conv-image-tensors.js';
import type { ConvStackState } from './conv-lab-state.js';

/** The run the view last finished, for tests: `element.lastRun`. */
export interface ImageRunRecord extends ImageRun {
  settings: ConvImageSettings;
}

/** What the controller reads from its view at each run. */
export interface ConvImageInputs {
  session: GpuSession | undefined;
  settings: ConvImageSettings;
  stack: ConvStackState;
}

export interface ConvImageControllerOptions {
  /** The view's current inputs. */
  inputs(): ConvImageInputs;
  /** Asks for a change of the settings (an opened image becomes the source). */
  onSettings(patch: Partial<ConvImageSettings>): void;
  /** Hears the time of each run that made passes, for the status line. */
  onReport(report: ConvRunReport): void;
}

/** A run's passes: their time (never compilation), how it was measured, and compile time apart. */
export interface ConvRunReport {
  passes: number;
  seconds: number;
  /** 'gpu' when every pass was timed by timestamp queries, else 'wall'. */
  clock: 'gpu' | 'wall';
  /** Pipeline compilation the run waited for (first runs of a geometry); null when none. */
  compileSeconds: number | null;
}

/** The report of a run's passes, or null when it made none. */
export function runReport(result: ImageRun): ConvRunReport | null {
  const timed = result.tensors.filter((t) => t.seconds !== null);
  if (timed.length === 0) return null;
  const compiled = timed.filter((t) => t.compileSeconds != null);
  return {
    passes: timed.length,
    seconds: timed.reduce((sum, t) => sum + (t.seconds ?? 0), 0),
    clock: timed.every((t) => t.clock === 'gpu') ? 'gpu' : 'wall',
    compileSeconds: compiled.length
      ? compiled.reduce((sum, t) => sum + (t.compileSeconds ?? 0), 0)
      : null,
  };
}

/**
 * The image view's GPU work, for its element: follows the GPU session, loads the sample
 * photograph, decodes images the user opens (offering to scale down a large one), and runs one
 * layer, the traced stack or the checkerboard comparison whenever the inputs change — the
 * latest run wins, an older one finishing late is dropped.
 *
 * The element tells it when its settings or stack changed (`inputsChanged`); the run starts
 * after the element's update.
 */
export class ConvImageController implements ReactiveController {
  gpu: GpuState = { kind: 'connecting' };
  photo: ImageData | null = null;
  file: { name: string; pixels: ImageData } | null = null;
  /** An image too large to run as it is, waiting for the user to choose a size. */
  offer: { name: string; bitmap: ImageBitmap } | null = null;
  /** Why the last image could not be used. */
  message = '';
  run: ImageRunRecord | null = null;
  running = false;
  private runId = 0;
  private stale = false;
  private unsubscribe?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ConvImageControllerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = this.options.inputs().session?.subscribe((state) => {
      this.gpu = state;
      if (state.kind === 'ready') this.stale = true;
      this.host.requestUpdate();
    });
    loadSamplePhoto().then(
      (pixels) => this.update(() => (this.photo = pixels), true),
      (error: Error) =>
        this.update(
          () => (this.message = `The sample photograph could not be loaded: ${error.message}`),
        ),
    );
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.runId++;
  }

  hostUpdated(): void {
    if (!this.stale) return;
    this.stale = false;
    void this.execute();
  }

  /** The settings or the stack changed: run again after this update. */
  inputsChanged(): void {
    this.stale = true;
  }

  /** An image the user opened, dropped or pasted. */
  async accept(blob: Blob, name: string): Promise<void> {
    this.update(() => {
      this.message = '';
      this.offer = null;
    });
    const decoded = await decodeImage(blob, name);
    if (decoded.kind === 'error') this.update(() => (this.message = decoded.message));
    else if (decoded.kind === 'large') this.update(() => (this.offer = decoded));
    else this.useFile(decoded);
  }

  /** Takes the offered large image, scaled so its longer side is at most `maxSide`. */
  useOffer(maxSide: number): void {
    const offer = this.offer;
    if (!offer) return;
    this.offer = null;
    this.useFile({ name: offer.name, pixels: bitmapPixels(offer.bitmap, maxSide) });
  }

  dismissOffer(): void {
    this.update(() => (this.offer = null));
  }

  /** The stack's layers, or why its code does not parse. */
  parsedStack(): LayerSpec[] | string {
    try {
      return parseStack(this.options.inputs().stack.code).layers;
    } catch (error) {
      if (error instanceof LayerParseError) return `The stack does not parse: ${error.message}`;
      throw error;
    }
  }

  private useFile(file: { name: string; pixels: ImageData }): void {
    this.update(() => (this.file = file), true);
    this.options.onSettings({ source: 'file' });
  }

  private update(change: () => void, rerun = false): void {
    change();
    if (rerun) this.stale = true;
    this.host.requestUpdate();
  }

  private inputTensor(s: ConvImageSettings): Tensor | null {
    const channels = s.color ? 3 : 1;
    switch (s.source) {
      case 'photo':
        return this.photo ? pixelsToTensor(this.photo, s.color) : null;
      case 'file':
        return this.file ? pixelsToTensor(this.file.pixels, s.color) : null;
      case 'checkerboard':
        return checkerboard(s.patternSize, channels);
      case 'lines':
        return lines(s.patternSize, channels);
      case 'dot':
        return singleDot(s.patternSize, channels);
    }
  }

  private async execute(): Promise<void> {
    const id = ++this.runId;
    if (this.gpu.kind !== 'ready') return;
    const { settings, stack } = this.options.inputs();
    let input = this.inputTensor(settings);
    if (!input) return;
    const gpu = { device: this.gpu.handle.device, pipelines: this.gpu.pipelines };
    this.update(() => (this.running = true));
    let result: ImageRun;
    try {
      if (settings.mode === 'layer') result = await runSingleLayer(gpu, input, settings);
      else if (settings.mode === 'compare') result = await runCompare(gpu, input, settings);
      else {
        const layers = this.parsedStack();
        if (typeof layers === 'string') result = { tensors: [], error: layers };
        else {
          if (settings.stackInput === 'noise') {
            const shape = stack.input;
            if (shape.length !== 4) {
              result = { tensors: [], error: 'Noise needs a 4-D stack input shape [N, C, H, W].' };
              if (id === this.runId) this.finish(result, settings);
              return;
            }
            input = noiseTensor(shape as Shape4, settings.seed);
          }
          result = await runStack(gpu, input, layers, settings);
        }
      }
    } catch (error) {
      result = { tensors: [], error: `The GPU run failed: ${(error as Error).message}` };
    }
    if (id === this.runId) this.finish(result, settings);
  }

  private finish(result: ImageRun, settings: ConvImageSettings): void {
    this.update(() => {
      this.run = { ...result, settings };
      this.running = false;
    });
    const report = runReport(result);
    if (report) this.options.onReport(report);
  }
}
