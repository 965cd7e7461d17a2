import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { theme } from '../shell/theme.js';
import { emitEvent } from '../widgets/emit-event.js';

/** Play, pause, step and scrub through a game's steps; reports `ss-playhead` (a step) and `ss-play` (on/off). */
export class GamePlayback extends LitElement {
  @property({ type: Number }) step: number = 0;
  @property({ type: Number }) max: number = 0;
  @property({ type: Boolean }) playing: boolean = false;

  override render() {
    return html`<div class="bar" role="group" aria-label="Playback">
      <button aria-label="Back one step" @click=${() => this.seek(this.step - 1)}>◀︎</button>
      <button
        class="play"
        aria-label=${this.playing ? 'Pause' : 'Play'}
        @click=${() => emitEvent(this, 'ss-play', !this.playing)}
      >
        ${this.playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button aria-label="Forward one step" @click=${() => this.seek(this.step + 1)}>▶︎</button>
      <input
        type="range"
        aria-label="Step"
        min="0"
        .max=${String(this.max)}
        .value=${String(this.step)}
        @input=${(e: Event) => this.seek(Number((e.target as HTMLInputElement).value))}
      />
      <span class="step" data-testid="step">step ${this.step} / ${this.max}</span>
    </div>`;
  }

  private seek(step: number): void {
    emitEvent(this, 'ss-playhead', Math.max(0, Math.min(this.max, step)));
  }

  static override styles = [
    theme,
    css`
      .bar {
        display: flex;
        align-items: center;
        gap: 0.4em;
      }
      .play {
        min-width: 6.5em;
      }
      input[type='range'] {
        flex: 1;
        accent-color: var(--ss-accent);
      }
      .step {
        font-family: var(--ss-mono);
        font-size: 0.9em;
        min-width: 10em;
        text-align: right;
      }
    `,
  ];
}

customElements.define('ss-game-playback', GamePlayback);
