import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { GameLabStore } from '../../labs/game/game-lab-store.js';
import { slideLayout, slidePlaysGame } from '../../labs/game/game-slides.js';

/**
 * Presentation mode for the Game Lab element: full screen where the browser allows it, the
 * arrow keys (and Page Up/Down, which clickers send) step through the guided presets as slides,
 * Space plays or pauses the slide's game, Escape leaves, and leaving full screen leaves the mode.
 * A slide with a one-game view plays its game from the start when it opens.
 */
export class GamePresentation implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly store: GameLabStore,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.onKey);
    document.addEventListener('fullscreenchange', this.onFullscreenChange);
    // A link with present=1 opens on a slide.
    if (this.store.view.presenting) this.playSlide();
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.onKey);
    document.removeEventListener('fullscreenchange', this.onFullscreenChange);
  }

  present(on: boolean): void {
    this.store.setPresenting(on);
    if (on) this.playSlide();
    // Full screen needs a user gesture and may be refused (or absent, headless): the mode works without it.
    if (on && !document.fullscreenElement) this.host.requestFullscreen?.().catch(() => undefined);
    if (!on && document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  }

  private readonly onKey = (e: KeyboardEvent) => {
    if (!this.store.view.presenting) return;
    // Arrow keys inside a field or slider belong to it, not to the slides.
    const target = e.composedPath()[0];
    if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement) return;
    if (e.key === 'ArrowRight' || e.key === 'PageDown') {
      e.preventDefault();
      this.store.stepPreset(1);
      this.playSlide();
    } else if (e.key === 'ArrowLeft' || e.key === 'PageUp') {
      e.preventDefault();
      this.store.stepPreset(-1);
      this.playSlide();
    } else if (e.key === ' ' && !(target instanceof HTMLButtonElement)) {
      e.preventDefault();
      this.store.setPlaying(!this.store.playing);
    } else if (e.key === 'Escape') {
      this.present(false);
    }
  };

  /** Plays the slide's game from its first step, where the slide shows one. */
  private playSlide(): void {
    if (!slidePlaysGame(slideLayout(this.store.view.preset))) return;
    this.store.setPlayhead(0);
    this.store.setPlaying(true);
  }

  private readonly onFullscreenChange = () => {
    if (!document.fullscreenElement && this.store.view.presenting) this.store.setPresenting(false);
  };
}
