import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Keeps a canvas the size of its box, in device pixels, and redraws when the
 * element is resized. The canvas sits in a positioned wrapper that the layout
 * sizes; `prepare` returns a context scaled to CSS pixels.
 */
export class CanvasSizer implements ReactiveController {
  width = 0;
  height = 0;
  private readonly observer: ResizeObserver;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    redraw: () => void,
  ) {
    host.addController(this);
    this.observer = new ResizeObserver(() => redraw());
  }

  hostConnected(): void {
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer.disconnect();
  }

  prepare(canvas: HTMLCanvasElement | null | undefined): CanvasRenderingContext2D | null {
    const box = canvas?.parentElement?.getBoundingClientRect();
    if (!canvas || !box || box.width < 2 || box.height < 2) return null;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(box.width * dpr);
    const h = Math.round(box.height * dpr);
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    this.width = box.width;
    this.height = box.height;
    const ctx = canvas.getContext('2d');
    ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
    return ctx;
  }
}

/** The font size the element's text has now, so canvas labels scale with presentation mode. */
export function fontSizeOf(element: Element): number {
  return parseFloat(getComputedStyle(element).fontSize) || 16;
}
