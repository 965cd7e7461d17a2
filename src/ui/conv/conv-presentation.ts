import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CONV_SLIDES } from '../../labs/conv/conv-slides.js';
import { slideKey } from '../widgets/slide-keys.js';

/**
 * Presentation mode for the Conv Lab: its slides (CONV_SLIDES) one at a time, full screen
 * where the browser allows it; arrow keys and Page Up/Down step, Escape (or leaving full
 * screen) leaves. The slide shown is `slide`, null when not presenting.
 */
export class ConvPresentation implements ReactiveController {
  slide: number | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.onKey);
    document.addEventListener('fullscreenchange', this.onFullscreenChange);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.onKey);
    document.removeEventListener('fullscreenchange', this.onFullscreenChange);
  }

  present(on: boolean): void {
    this.slide = on ? (this.slide ?? 0) : null;
    this.host.requestUpdate();
    // Full screen needs a user gesture and may be refused (or absent, headless): the mode works without it.
    if (on && !document.fullscreenElement) this.host.requestFullscreen?.().catch(() => undefined);
    if (!on && document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  }

  /** Moves by `delta` slides, stopping at the first and the last. */
  step(delta: number): void {
    if (this.slide === null) return;
    this.slide = Math.max(0, Math.min(CONV_SLIDES.length - 1, this.slide + delta));
    this.host.requestUpdate();
  }

  private readonly onKey = (event: KeyboardEvent) => {
    if (this.slide === null) return;
    const key = slideKey(event);
    if (!key) return;
    event.preventDefault();
    if (key === 'leave') this.present(false);
    else this.step(key === 'next' ? 1 : -1);
  };

  private readonly onFullscreenChange = () => {
    if (!document.fullscreenElement && this.slide !== null) {
      this.slide = null;
      this.host.requestUpdate();
    }
  };
}
