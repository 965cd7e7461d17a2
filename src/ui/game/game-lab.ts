import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { sweepCsvChunks, sweepJsonChunks } from '../../core/games/sweep-result.js';
import { paramLabel } from '../../labs/game/game-labels.js';
import type { SweepResult } from '../../labs/game/game-lab-state.js';
import { GameLabStore } from '../../labs/game/game-lab-store.js';
import { METRIC_INFO } from '../../labs/game/game-metrics.js';
import type { GpuSession } from '../../labs/gpu-session.js';
import { theme } from '../shell/theme.js';
import { emitEvent } from '../widgets/emit-event.js';
import { downloadCanvasPng, downloadText } from '../widgets/png-export.js';
import { describeCurrentGame, describeSweepStatus } from './game-lab-captions.js';
import { gameLabStyles } from './game-lab-styles.js';
import { GamePlaybackClock } from './game-playback-clock.js';
import { GamePresentation } from './game-presentation.js';
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
 * URL in step and runs sweeps on the session's GPU); presentation mode and
 * playback are controllers of their own.
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
  private readonly presentation = new GamePresentation(this, this.state);
  private readonly playback = new GamePlaybackClock(this, this.state);

  /** The finished sweep the heatmap shows, or null. */
  get lastSweep(): SweepResult | null {
    return this.state.sweep;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('session')) this.state.useSession(this.session);
    this.dataset.sweep = this.state.sweepStatus.kind;
    this.toggleAttribute('presenting', this.state.view.presenting);
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
          <button class="present" @click=${() => this.presentation.present(!v.presenting)}>
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
              <p class="note" data-testid="sweep-status">
                ${describeSweepStatus(status, s.boundary)}
              </p>
            </article>
            <div class="playback">
              <ss-game-playback
                .step=${s.playhead}
                .max=${s.playheadMax}
                .playing=${s.playing}
                @ss-playhead=${(e: CustomEvent<number>) => s.setPlayhead(e.detail)}
                @ss-play=${(e: CustomEvent<boolean>) => s.setPlaying(e.detail)}
              ></ss-game-playback>
              <span class="game-name" data-testid="current-game"
                >${describeCurrentGame(s.currentGame, v.cell)}</span
              >
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

  static override styles = [theme, gameLabStyles];
}

customElements.define('ss-game-lab', GameLab);
