import {
  html,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import type { Pair } from '../../core/conv/index.js';

/**
 * Steps a kernel through every output cell in reading order, for the pictures' play button;
 * stops when the element leaves the page.
 */
export class PositionPlayer implements ReactiveController {
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly step: () => void,
    private readonly intervalMs = 450,
  ) {
    host.addController(this);
  }

  get playing(): boolean {
    return this.timer !== null;
  }

  toggle(): void {
    if (this.timer) this.stop();
    else {
      this.timer = setInterval(this.step, this.intervalMs);
      this.host.requestUpdate();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.stop();
  }
}

/** The next output cell in reading order, wrapping to the first. */
export function nextPosition(position: Pair, size: Pair): Pair {
  const index = (position[0] * size[1] + position[1] + 1) % Math.max(1, size[0] * size[1]);
  return [Math.floor(index / size[1]), index % size[1]];
}

/** Moves a position by an arrow key (or Home/End), clamped to the output. */
export function movePosition(position: Pair, size: Pair, key: string): Pair | null {
  const [r, c] = position;
  const clamp = (v: number, n: number) => Math.max(0, Math.min(n - 1, v));
  switch (key) {
    case 'ArrowUp':
      return [clamp(r - 1, size[0]), c];
    case 'ArrowDown':
      return [clamp(r + 1, size[0]), c];
    case 'ArrowLeft':
      return [r, clamp(c - 1, size[1])];
    case 'ArrowRight':
      return [r, clamp(c + 1, size[1])];
    case 'Home':
      return [0, 0];
    case 'End':
      return [size[0] - 1, size[1] - 1];
    default:
      return null;
  }
}

export function clampPosition(position: Pair, size: Pair): Pair {
  return [
    Math.max(0, Math.min(size[0] - 1, position[0])),
    Math.max(0, Math.min(size[1] - 1, position[1])),
  ];
}

/** Play/pause and a scrubber over every output cell, in reading order. */
export function positionControls(
  player: PositionPlayer,
  position: Pair,
  size: Pair,
  onChange: (position: Pair) => void,
  names: { label: string; ariaLabel: string } = { label: 'position', ariaLabel: 'Kernel position' },
): TemplateResult {
  const total = size[0] * size[1];
  const index = position[0] * size[1] + position[1];
  return html`<button
      type="button"
      @click=${() => player.toggle()}
      aria-pressed=${player.playing ? 'true' : 'false'}
    >
      ${player.playing ? '❚❚ Pause' : '▶ Play'}
    </button>
    <label class="scrub"
      >${names.label}
      <input
        type="range"
        min="0"
        max=${Math.max(0, total - 1)}
        .value=${String(index)}
        aria-label=${names.ariaLabel}
        @input=${(e: Event) => {
          player.stop();
          const i = Number((e.target as HTMLInputElement).value);
          onChange([Math.floor(i / size[1]), i % size[1]]);
        }}
      />
      ${index + 1} / ${total}</label
    >`;
}
