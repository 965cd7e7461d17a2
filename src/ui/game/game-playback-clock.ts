import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { GameLabStore } from '../../labs/game/game-lab-store.js';

/**
 * Drives the Game Lab's playback from animation frames: while the store is playing, each frame
 * moves the playhead on by the time since the last one (the store decides how far, and stops at
 * the end).
 */
export class GamePlaybackClock implements ReactiveController {
  private frame = 0;
  private lastTick: number | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly store: GameLabStore,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.store.playing && this.frame === 0) this.frame = requestAnimationFrame(this.tick);
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
  }

  private readonly tick = (time: number) => {
    this.frame = 0;
    if (!this.store.playing) return;
    const last = this.lastTick ?? time;
    this.lastTick = time;
    this.store.advancePlayback((time - last) / 1000);
    if (!this.store.playing) {
      this.lastTick = undefined;
      return;
    }
    this.frame = requestAnimationFrame(this.tick);
  };
}
