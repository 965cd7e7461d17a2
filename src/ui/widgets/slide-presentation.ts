import {
  html,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import { keyInField, slideKey } from './slide-keys.js';

/** A lab's deck of slides, one a guided preset, as presentation mode drives it. */
export interface SlideDeck {
  /** Whether the lab shows its slides. */
  presenting(): boolean;
  setPresenting(on: boolean): void;
  /** The next (1) or previous (-1) slide. */
  step(direction: 1 | -1): void;
  /** A slide has opened (entering the mode, stepping, or a link opening on one). */
  opened?(): void;
  /** A key the deck answers itself (Space plays), never one typed into a field; true when it did. */
  key?(event: KeyboardEvent): boolean;
}

/**
 * Presentation mode for a lab element: full screen where the browser allows it, the arrow keys
 * (and Page Up/Down, which clickers send) step through the deck, Escape leaves, and leaving full
 * screen leaves the mode.
 */
export class SlidePresentation implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly deck: SlideDeck,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.onKey);
    document.addEventListener('fullscreenchange', this.onFullscreenChange);
    // A link with present=1 opens on a slide.
    if (this.deck.presenting()) this.deck.opened?.();
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.onKey);
    document.removeEventListener('fullscreenchange', this.onFullscreenChange);
  }

  present(on: boolean): void {
    this.deck.setPresenting(on);
    if (on) this.deck.opened?.();
    // Full screen needs a user gesture and may be refused (or absent, headless): the mode works without it.
    if (on && !document.fullscreenElement) this.host.requestFullscreen?.().catch(() => undefined);
    if (!on && document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  }

  private readonly onKey = (event: KeyboardEvent) => {
    if (!this.deck.presenting()) return;
    const key = slideKey(event);
    if (key === 'leave') {
      this.present(false);
    } else if (key) {
      event.preventDefault();
      this.deck.step(key === 'next' ? 1 : -1);
      this.deck.opened?.();
    } else if (!event.defaultPrevented && !keyInField(event) && this.deck.key?.(event)) {
      event.preventDefault();
    }
  };

  private readonly onFullscreenChange = () => {
    if (!document.fullscreenElement && this.deck.presenting()) this.deck.setPresenting(false);
  };
}

/**
 * A deck's `key` for Space: plays or pauses what the slide plays. A Space on a button presses the
 * button, so it is not the slide's to take.
 */
export function spacePlays(player: {
  playing: boolean;
  setPlaying(on: boolean): void;
}): (event: KeyboardEvent) => boolean {
  return (event) => {
    if (event.key !== ' ' || event.composedPath()[0] instanceof HTMLButtonElement) return false;
    player.setPlaying(!player.playing);
    return true;
  };
}

/**
 * A slide's footer: its number among `count` (a dash when the view is none of them), the keys it
 * answers to, and the button that leaves.
 */
export function slideFooter(
  index: number,
  count: number,
  keys: string,
  leave: () => void,
): TemplateResult {
  return html`<footer class="slide-foot">
    <span class="counter" data-testid="slide-counter"
      >${index >= 0 ? `${index + 1} / ${count}` : `– / ${count}`}</span
    >
    <span class="hint" data-testid="slide-keys">${keys}</span>
    <button class="leave" @click=${leave}>Leave slides (Esc)</button>
  </footer>`;
}
