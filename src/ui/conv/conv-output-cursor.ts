import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Pair } from '../../core/conv/index.js';
import { emitEvent } from '../widgets/emit-event.js';
import { numberGrid } from './conv-number-grid.js';
import {
  PositionPlayer,
  clampPosition,
  movePosition,
  nextPosition,
  positionControls,
} from './conv-position-player.js';

/**
 * The output cell a computation view works out, which is the lab's kernel position: the view
 * passes the position in, and this asks to move it (emits `ss-conv-position`) from the play and
 * scrub controls, from the arrow keys and Space on the output grid, or from a click on a cell.
 */
export class OutputCursor {
  private readonly player: PositionPlayer;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly position: () => Pair,
    private readonly size: () => Pair,
  ) {
    this.player = new PositionPlayer(host, () => this.move(nextPosition(this.at, this.size())));
  }

  /** The position, clamped to the output. */
  get at(): Pair {
    return clampPosition(this.position(), this.size());
  }

  private move(position: Pair): void {
    emitEvent(this.host, 'ss-conv-position', position);
  }

  private readonly onKey = (event: KeyboardEvent) => {
    if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      this.player.toggle();
      return;
    }
    const next = movePosition(this.at, this.size(), event.key);
    if (!next) return;
    event.preventDefault();
    this.player.stop();
    this.move(next);
  };

  /** Play/pause and the scrubber, named `ariaLabel`. */
  controls(ariaLabel: string): TemplateResult {
    return positionControls(this.player, this.at, this.size(), (p) => this.move(p), {
      label: 'position',
      ariaLabel,
    });
  }

  /** The output grid with the position lit, focusable and clickable; `label` names it. */
  grid(label: string, testid: string, value: (row: number, col: number) => number): TemplateResult {
    const [rows, cols] = this.size();
    const [hr, hc] = this.at;
    return html`<div
      class="output"
      tabindex="0"
      role="group"
      aria-label=${`${label}. Arrow keys move the window; Space plays.`}
      @keydown=${this.onKey}
    >
      ${numberGrid({
        caption: 'output',
        rows,
        cols,
        testid,
        value,
        look: (r, c) => (r === hr && c === hc ? 'here' : 'out'),
        onPick: (r, c) => {
          this.player.stop();
          this.move([r, c]);
        },
      })}
    </div>`;
  }
}
