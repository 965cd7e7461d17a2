import type { ReactiveController, ReactiveElement } from 'lit';
import { ResizeController } from './resize-controller.js';

/** A view's canvas ready to draw on: a context scaled to CSS pixels, the box's size and the text's font size. */
export interface PlotCanvas {
  ctx: CanvasRenderingContext2D;
  width: number;
  height: number;
  fontSize: number;
}

const PLOT_BACKGROUND = '#0c1014';

/**
 * Keeps a view's canvas the size of its box, in device pixels, and redraws it
 * after every update of the view and whenever the view is resized. The canvas
 * (the first in the view's shadow root) sits in a positioned wrapper that the
 * layout sizes, as `plotPanelStyles` lays it out.
 */
export class CanvasSizer implements ReactiveController {
  private readonly resize: ResizeController;

  constructor(
    private readonly host: ReactiveElement,
    private readonly redraw: () => void,
  ) {
    host.addController(this);
    this.resize = new ResizeController(host, redraw);
  }

  get canvas(): HTMLCanvasElement | null {
    return this.host.renderRoot.querySelector('canvas');
  }

  hostUpdated(): void {
    this.redraw();
  }

  /** The canvas sized to its box and painted with the plot background, or null while it has no room. */
  prepare(): PlotCanvas | null {
    const canvas = this.canvas;
    const box = canvas?.parentElement?.getBoundingClientRect();
    if (!canvas || !box || box.width < 2 || box.height < 2) return null;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(box.width * dpr);
    const h = Math.round(box.height * dpr);
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    // A CPU-backed canvas: these are small plots, and a GPU-backed one makes every new canvas a
    // synchronous trip to the GPU process, which a software adapter keeps busy with the sweep
    // (measured: the page's main thread blocked ~4 s on a preset's first render, ~1 s without).
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return null;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = PLOT_BACKGROUND;
    ctx.fillRect(0, 0, box.width, box.height);
    return { ctx, width: box.width, height: box.height, fontSize: fontSizeOf(this.host) };
  }
}

/** The font size the element's text has now, so canvas labels scale with presentation mode. */
export function fontSizeOf(element: Element): number {
  return parseFloat(getComputedStyle(element).fontSize) || 16;
}

/**
 * Watches the host's computed font size (presentation mode enlarges the views and their font
 * together), for a chart whose options hold the font size (margins, tick spacing): the owner asks
 * `changed()` in willUpdate and rebuilds its options when it says so; a resize of the host that
 * comes with a new font size asks for that update.
 */
export class FontSizeWatch {
  private size = 0;

  constructor(private readonly host: ReactiveElement) {
    new ResizeController(host, () => {
      if (fontSizeOf(host) !== this.size) host.requestUpdate();
    });
  }

  /** Whether the font size differs from the last call's (true on the first). */
  changed(): boolean {
    const size = fontSizeOf(this.host);
    if (size === this.size) return false;
    this.size = size;
    return true;
  }
}
