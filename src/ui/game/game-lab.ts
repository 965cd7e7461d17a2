import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { sweepCsvChunks, sweepJsonChunks } from '../../core/games/sweep-result.js';
import { paramLabel } from '../../labs/game/game-labels.js';
import type { SweepResult } from '../../labs/game/game-lab-state.js';
import { GameLabStore } from '../../labs/game/game-lab-store.js';
import { METRIC_INFO } from '../../labs/game/game-metrics.js';
import { formatRate } from '../../labs/game/game-throughput.js';
import type { GpuSession } from '../../labs/gpu-session.js';
import { theme } from '../shell/theme.js';
import { emitEvent } from '../widgets/emit-event.js';
import { formatNumber } from '../widgets/format-number.js';
import { downloadCanvasPng, downloadText } from '../widgets/png-export.js';
import './eigenvalue-plot.js';
import './field-map.js';
import './game-controls.js';
import './game-playback.js';
import './game-plot.js';
import './orbit-plot.js';
import './preset-bar.js';
import './saddle-surface.js';
import './sweep-heatmap.js';
import './theory-plot.js';

/**
 * The Game Lab: two players on f(x, y), x maximising and y minimising. Lays
 * out the controls and the linked views over the lab's store (which keeps the
 * URL in step and runs sweeps on the session's GPU), and handles presentation
 * mode.
 *
 * For tests and scripts: `lastSweep` is the finished sweep on display (its
 * spec and per-cell metrics), `state` the lab's store, and the host's
 * `data-sweep` attribute the sweep's status (idle, running, done,
 * cancelled, failed).
 */
export class GameLab extends LitElement {
  @property({ attribute: false }) session!: GpuSession;
  readonly state = new GameLabStore(this, {
    onReport: (message) => emitEvent(this, 'ss-status', message),
  });
  private frame = 0;

  /** The finished sweep the heatmap shows, or null. */
  get lastSweep(): SweepResult | null {
    return this.state.sweep;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKey);
    document.addEventListener('fullscreenchange', this.onFullscreenChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.onKey);
    document.removeEventListener('fullscreenchange', this.onFullscreenChange);
    cancelAnimationFrame(this.frame);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('session')) this.state.useSession(this.session);
    this.dataset.sweep = this.state.sweepStatus.kind;
    this.toggleAttribute('presenting', this.state.view.presenting);
  }

  override updated(): void {
    if (this.state.playing && this.frame === 0) this.frame = requestAnimationFrame(this.tick);
  }

  private tick = (time: number) => {
    this.frame = 0;
    if (!this.state.playing) return;
    const last = this.lastTick ?? time;
    this.lastTick = time;
    this.state.advancePlayback((time - last) / 1000);
    if (!this.state.playing) {
      this.lastTick = undefined;
      return;
    }
    this.frame = requestAnimationFrame(this.tick);
  };
  private lastTick: number | undefined;

  private onKey = (e: KeyboardEvent) => {
    if (!this.state.view.presenting) return;
    // Arrow keys inside a field or slider belong to it, not to the slides.
    const target = e.composedPath()[0];
    if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement) return;
    if (e.key === 'ArrowRight' || e.key === 'PageDown') {
      e.preventDefault();
      this.state.stepPreset(1);
    } else if (e.key === 'ArrowLeft' || e.key === 'PageUp') {
      e.preventDefault();
      this.state.stepPreset(-1);
    } else if (e.key === 'Escape') {
      this.present(false);
    }
  };

  private onFullscreenChange = () => {
    if (!document.fullscreenElement && this.state.view.presenting) this.state.setPresenting(false);
  };

  private present(on: boolean): void {
    this.state.setPresenting(on);
    // Full screen needs a user gesture and may be refused (or absent, headless): the mode works without it.
    if (on && !document.fullscreenElement) this.requestFullscreen?.().catch(() => undefined);
    if (!on && document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  }

  override render() {
    const s = this.state;
    const v = s.view;
    const status = s.sweepStatus;
    const result = s.sweep;
    const axes = v.spec.axes;
    const info = METRIC_INFO[v.metric];
    return html`
      <section class="lab" @ss-camera=${(e: CustomEvent) => s.setCamera(e.detail)}>
        <header class="top">
          <h2>Game Lab</h2>
          <ss-preset-bar
            .current=${v.preset}
            @ss-preset=${(e: CustomEvent<string>) => s.applyPreset(e.detail)}
          ></ss-preset-bar>
          <button class="present" @click=${() => this.present(!v.presenting)}>
            ${v.presenting ? 'Leave presentation (Esc)' : 'Present'}
          </button>
        </header>
        ${
          s.linkError
            ? html`<p class="link-error" role="alert" data-testid="link-error">
                This link could not be used in full — ${s.linkError}
              </p>`
            : nothing
        }
        <div class="body">
          <aside class="controls" aria-label="Controls">
            <ss-game-controls .state=${s}></ss-game-controls>
          </aside>
          <div class="views">
            <article class="panel heat">
              <header>
                <h3>
                  Sweep: ${info.title} over ${paramLabel(axes.x.param)} ×
                  ${paramLabel(axes.y.param)}
                  <small>${axes.x.count}×${axes.y.count} games × ${v.spec.steps} steps</small>
                </h3>
                <div class="actions">
                  ${
                    status.kind === 'running'
                      ? html`<button class="cancel" @click=${() => s.cancelSweep()}>Cancel</button>`
                      : html`<button @click=${() => s.requestSweep(0)}>Run sweep</button>`
                  }
                  ${s.zoomHistory.length > 0 ? html`<button @click=${() => s.zoomBack()}>Back out</button>` : nothing}
                  ${this.pngButton('ss-sweep-heatmap', 'sweep-heatmap')}
                  <button ?disabled=${!result} @click=${this.exportCsv}>CSV</button>
                  <button ?disabled=${!result} @click=${this.exportJson}>JSON</button>
                </div>
              </header>
              <ss-sweep-heatmap
                .result=${result}
                .metric=${v.metric}
                .boundary=${s.boundary}
                .cell=${v.cell}
                .status=${status}
                @ss-cell=${(e: CustomEvent) => s.selectCell(e.detail)}
                @ss-zoom=${(e: CustomEvent) => s.zoomTo(e.detail.a, e.detail.b)}
              ></ss-sweep-heatmap>
              <p class="note" data-testid="sweep-status">${this.describeStatus()}</p>
            </article>
            <div class="playback">
              <ss-game-playback
                .step=${s.playhead}
                .max=${s.playheadMax}
                .playing=${s.playing}
                @ss-playhead=${(e: CustomEvent<number>) => s.setPlayhead(e.detail)}
                @ss-play=${(e: CustomEvent<boolean>) => s.setPlaying(e.detail)}
              ></ss-game-playback>
              <span class="game-name" data-testid="current-game">${this.describeGame()}</span>
            </div>
            ${this.panel(
              'orbit',
              'Orbit in the (x, y) plane',
              'ss-orbit-plot',
              html`<ss-orbit-plot
                .games=${s.games}
                .flow=${s.flow}
                .playhead=${s.playhead}
                .steps=${s.currentGame.steps}
              ></ss-orbit-plot>`,
            )}
            ${this.panel('xy', 'x(t) and y(t)', 'ss-game-plot', html`<ss-game-plot .games=${s.games} .playhead=${s.playhead}></ss-game-plot>`)}
            ${this.panel(
              'surface',
              'The saddle f(x, y)',
              'ss-saddle-surface',
              html`<ss-saddle-surface
                .surface=${s.surface}
                .games=${s.games}
                .playhead=${s.playhead}
                .window=${s.window}
                .camera=${v.camera}
              ></ss-saddle-surface>`,
            )}
            ${this.panel(
              'field',
              'From above: f and the field',
              'ss-field-map',
              html`<ss-field-map
                .surface=${s.surface}
                .games=${s.games}
                .playhead=${s.playhead}
                .window=${s.window}
              ></ss-field-map>`,
            )}
            <div class="theory-pair">
              ${this.panel('theory', 'Theory: ρ against η', 'ss-theory-plot', html`<ss-theory-plot .games=${s.games} .spec=${v.spec}></ss-theory-plot>`)}
              ${this.panel('eigen', 'Step-map eigenvalues', 'ss-eigenvalue-plot', html`<ss-eigenvalue-plot .games=${s.games}></ss-eigenvalue-plot>`)}
            </div>
          </div>
        </div>
      </section>
    `;
  }

  private panel(area: string, title: string, tag: string, content: unknown) {
    return html`<article class="panel ${area}">
      <header>
        <h3>${title}</h3>
        <div class="actions">${this.pngButton(tag, area)}</div>
      </header>
      ${content}
    </article>`;
  }

  private pngButton(tag: string, name: string) {
    return html`<button
      class="png"
      aria-label="Save ${name} as PNG"
      @click=${() => {
        const view = this.renderRoot.querySelector(tag) as {
          canvas?: HTMLCanvasElement | null;
        } | null;
        if (view?.canvas) downloadCanvasPng(view.canvas, `saddle-stride-${name}.png`);
      }}
    >
      PNG
    </button>`;
  }

  private describeStatus(): string {
    const s = this.state;
    const status = s.sweepStatus;
    const boundary = s.boundary;
    const theory =
      boundary && boundary.segments.length > 0
        ? ` Dashed: ρ = 1 (${boundary.source})${boundary.note ? ` — ${boundary.note}` : ''}.`
        : boundary?.note
          ? ` ${boundary.note}.`
          : '';
    switch (status.kind) {
      case 'idle':
        return `Waiting for the GPU.${theory}`;
      case 'running':
        return `Sweeping… ${Math.round(status.fraction * 100)} %.${theory}`;
      case 'done':
        return `${formatRate(status.gameSteps / Math.max(status.seconds, 1e-9))} game-steps/s.${theory}`;
      case 'cancelled':
        return `Sweep cancelled; showing the last finished sweep.${theory}`;
      case 'failed':
        return `Sweep failed: ${status.message}`;
    }
  }

  private describeGame(): string {
    const g = this.state.currentGame;
    const cell = this.state.view.cell;
    const where = cell ? `cell (${cell.ix}, ${cell.iy})` : 'the spec’s own values';
    const rate = `η = ${formatNumber(g.lrX ?? g.lr)}${g.lrY !== undefined ? ` / ${formatNumber(g.lrY)}` : ''}`;
    return `Playing ${where}: ${rate}, start (${formatNumber(g.x0)}, ${formatNumber(g.y0)}).`;
  }

  private exportCsv = () => {
    const r = this.state.sweep;
    if (r) downloadText([...sweepCsvChunks(r)], 'sweep.csv', 'text/csv');
  };

  private exportJson = () => {
    const r = this.state.sweep;
    const adapter = this.state.adapterName;
    if (r && adapter !== null)
      downloadText([...sweepJsonChunks(r, adapter)], 'sweep.json', 'application/json');
  };

  static override styles = [
    theme,
    css`
      :host {
        display: block;
        --controls-width: 21rem;
      }
      :host([presenting]) {
        font-size: 1.3em;
        background: var(--ss-bg);
        overflow: auto;
      }
      .top {
        display: grid;
        grid-template-columns: auto 1fr auto;
        gap: 0.4em 1.2em;
        align-items: start;
      }
      h2 {
        margin: 0;
        font-size: 1.3em;
        white-space: nowrap;
      }
      .present {
        white-space: nowrap;
      }
      .link-error {
        margin: 0.5em 0;
        padding: 0.4em 0.8em;
        border: 1px solid var(--ss-bad);
        border-radius: var(--ss-radius);
        color: var(--ss-text);
        background: #2a1816;
      }
      .body {
        display: grid;
        grid-template-columns: var(--controls-width) minmax(0, 1fr);
        gap: 1rem;
        margin-top: 0.6rem;
      }
      :host([presenting]) .body {
        grid-template-columns: minmax(0, 1fr);
      }
      :host([presenting]) .controls {
        display: none;
      }
      .controls {
        position: sticky;
        top: 0.5rem;
        align-self: start;
        max-height: max(40rem, calc(100vh - 14.5rem));
        overflow-y: auto;
        padding-right: 0.3rem;
      }
      .views {
        display: grid;
        grid-template-columns: minmax(0, 1.6fr) repeat(2, minmax(0, 1fr));
        grid-template-rows: auto minmax(0, 1.1fr) minmax(0, 1fr);
        grid-template-areas:
          'heat play play'
          'heat orbit xy'
          'pair surface field';
        gap: 0.7rem;
        height: max(40rem, calc(100vh - 14.5rem));
      }
      .theory-pair {
        grid-area: pair;
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 0.7rem;
        min-height: 0;
      }
      :host([presenting]) .views {
        height: max(30rem, calc(100vh - 9em));
      }
      .panel {
        display: flex;
        flex-direction: column;
        min-height: 0;
        min-width: 0;
        background: var(--ss-panel);
        border: 1px solid var(--ss-line);
        border-radius: var(--ss-radius);
        padding: 0.4em 0.6em 0.5em;
      }
      .panel > :last-child,
      .panel > ss-sweep-heatmap {
        flex: 1;
      }
      .panel header {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: 0.5em;
        margin-bottom: 0.2em;
      }
      h3 {
        margin: 0;
        font-size: 1em;
        font-weight: 600;
      }
      h3 small {
        display: block;
        font-weight: 400;
        color: var(--ss-muted);
        font-size: 0.8em;
      }
      .actions {
        display: flex;
        gap: 0.3em;
        flex-wrap: wrap;
        justify-content: flex-end;
      }
      .actions button {
        font-size: 0.8em;
        padding: 0.15em 0.5em;
      }
      .cancel {
        border-color: var(--ss-bad);
      }
      .heat {
        grid-area: heat;
      }
      .heat,
      .orbit,
      .xy {
        min-height: 0;
      }
      .heat > .note {
        flex: 0 0 auto;
        margin: 0.2em 0 0;
        font-size: 0.85em;
        color: var(--ss-muted);
      }
      .playback {
        grid-area: play;
        display: flex;
        flex-direction: column;
        gap: 0.2em;
      }
      .game-name {
        font-size: 0.85em;
        color: var(--ss-muted);
      }
      .orbit {
        grid-area: orbit;
      }
      .xy {
        grid-area: xy;
      }
      .surface {
        grid-area: surface;
      }
      .field {
        grid-area: field;
      }
      @media (max-width: 1500px) {
        :host {
          --controls-width: 17.5rem;
        }
        .views {
          grid-template-columns: repeat(2, minmax(0, 1fr));
          grid-template-rows: 32rem auto repeat(3, 24rem);
          grid-template-areas:
            'heat heat'
            'play play'
            'orbit xy'
            'surface field'
            'pair pair';
          height: auto;
        }
      }
    `,
  ];
}

customElements.define('ss-game-lab', GameLab);
