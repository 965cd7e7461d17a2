import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Calls back whenever the host element's box changes size, observing only while the host is
 * on the page, so a removed element leaves no observer behind.
 */
export class ResizeController implements ReactiveController {
  private readonly observer: ResizeObserver;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    onResize: () => void,
  ) {
    this.observer = new ResizeObserver(() => onResize());
    host.addController(this);
  }

  hostConnected(): void {
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer.disconnect();
  }
}
