import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { Pair } from '../../core/conv/index.js';
import { emitEvent } from '../widgets/emit-event.js';
import {
  PositionPlayer,
  movePosition,
  nextPosition,
  positionControls,
} from './conv-position-player.js';

/** A grid cell under the pointer, named by the panel it lies in; 'output' cells can be picked. */
export interface PanelCell<P extends string> {
  panel: P;
  row: number;
  col: number;
}

/** What a picture tells the controller about itself. */
export interface PositionView<P extends string> {
  /** The cell at (x, y) in CSS pixels from the canvas's top-left corner, if any. */
  cellAt(x: number, y: number): PanelCell<P> | null;
  /** The kernel position now, clamped to the output. */
  position(): Pair;
  /** The output's rows and columns. */
  size(): Pair;
}

/**
 * The kernel-position behaviour the conv pictures share: hover tracking, click on an output
 * cell, arrow keys (Home/End) and Space/Enter to play, and the play/scrub controls. The host
 * owns the position; this only emits `ss-conv-position` (detail: [row, col]) asking to move it.
 */
export class PositionInteraction<P extends string> {
  hover: PanelCell<P> | null = null;
  private readonly player: PositionPlayer;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly view: PositionView<P>,
  ) {
    this.player = new PositionPlayer(host, () =>
      this.emit(nextPosition(view.position(), view.size())),
    );
  }

  /** Play/pause and the scrubber, for the picture's header. */
  controls(): TemplateResult {
    return positionControls(this.player, this.view.position(), this.view.size(), (p) =>
      this.emit(p),
    );
  }

  readonly onPointer = (event: PointerEvent): void => {
    const hover = this.pointerCell(event);
    if (JSON.stringify(hover) === JSON.stringify(this.hover)) return;
    this.hover = hover;
    this.host.requestUpdate();
  };

  readonly onLeave = (): void => {
    this.hover = null;
    this.host.requestUpdate();
  };

  readonly onClick = (event: MouseEvent): void => {
    const hover = this.pointerCell(event);
    if (hover?.panel === 'output') {
      this.player.stop();
      this.emit([hover.row, hover.col]);
    }
  };

  readonly onKey = (event: KeyboardEvent): void => {
    if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      this.player.toggle();
      return;
    }
    const next = movePosition(this.view.position(), this.view.size(), event.key);
    if (!next) return;
    event.preventDefault();
    this.player.stop();
    this.emit(next);
  };

  private pointerCell(event: MouseEvent): PanelCell<P> | null {
    const box = (event.target as HTMLCanvasElement).getBoundingClientRect();
    return this.view.cellAt(event.clientX - box.left, event.clientY - box.top);
  }

  private emit(position: Pair): void {
    emitEvent(this.host, 'ss-conv-position', position);
  }
}
