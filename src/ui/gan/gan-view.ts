import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import {
  GAN_FATES,
  GAN_METRIC_INFO,
  dataDimension,
  type GanSweepResult,
} from '../../core/gan/index.js';
import { gpuGanBackend } from '../../labs/gan/gan-gpu-backend.js';
import { GanLabStore } from '../../labs/gan/gan-lab-store.js';
import { GAN_PRESETS, findGanPreset } from '../../labs/gan/gan-presets.js';
import { paramLabel } from '../../labs/game/game-labels.js';
import type { GpuSession } from '../../labs/gpu-session.js';
import { theme } from '../shell/theme.js';
import { emitEvent } from '../widgets/emit-event.js';
import { formStyles } from '../widgets/form-styles.js';
import { formatNumber } from '../widgets/format-number.js';
import { downloadCanvasPng } from '../widgets/png-export.js';
import { SlidePresentation, spacePlays } from '../widgets/slide-presentation.js';
import { slideStyles } from '../widgets/slide-styles.js';
import {
  compareCell,
  describeComparison,
  GAN_AGREEMENT,
  describeGanSweepStatus,
  describeReplayStatus,
} from './gan-captions.js';
import { ganSlideTemplate } from './gan-slide.js';
import './gan-controls.js';
import './gan-heatmap.js';
import './gan-loss-plot.js';
import './gan-sample-plot.js';
import '../game/game-playback.js';

/**
 * The GAN view: a sweep of small GANs on the GPU as a heatmap (lrD × lrG by default), its presets
 * and controls, and the float64 replay of a chosen cell — samples, D's output, the generator's
 * transport of a latent grid, the losses — with play and scrub.
 *
 * **Present** shows the presets as slides (gan-slide.ts), one at a time: the map filling in, then
 * the replay of its first converged cell playing (the store picks it).
 *
 * For tests and scripts: `lastSweep` is the finished sweep on display, `state` the store, and the
 * host's `data-sweep` / `data-replay` attributes the sweep's and the replay's status (and
 * `presenting` whether it shows slides).
 */
export class GanView extends LitElement {
  @property({ attribute: false }) session!: GpuSession;
  readonly state = new GanLabStore(this, gpuGanBackend, {
    onReport: (message) => emitEvent(this, 'ss-status', message),
  });
  private readonly presentation = new SlidePresentation(this, {
    presenting: () => this.state.view.presenting,
    setPresenting: (on) => this.state.setPresenting(on),
    step: (direction) => this.state.stepPreset(direction),
    key: spacePlays(this.state),
  });
  private frameRequest = 0;
  private lastFrame = 0;

  get lastSweep(): GanSweepResult | null {
    return this.state.result;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('session')) this.state.useSession(this.session);
    this.dataset.sweep = this.state.status.kind;
    this.dataset.replay = this.state.replayStatus.kind;
    this.toggleAttribute('presenting', this.state.view.presenting);
  }

  override updated(): void {
    // Playback: one playhead move a frame while playing.
    if (this.state.playing && this.frameRequest === 0) {
      this.lastFrame = performance.now();
      this.frameRequest = requestAnimationFrame(this.tick);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.frameRequest);
    this.frameRequest = 0;
  }

  private readonly tick = (now: number) => {
    this.frameRequest = 0;
    const seconds = (now - this.lastFrame) / 1000;
    this.lastFrame = now;
    this.state.advancePlayback(seconds);
  };

  override render() {
    const s = this.state;
    if (s.view.presenting)
      return ganSlideTemplate({
        store: s,
        heatTitle: this.heatTitle(),
        samplesTitle: this.samplesTitle(),
        leave: () => this.presentation.present(false),
      });
    const v = s.view;
    const preset = v.preset ? findGanPreset(v.preset) : undefined;
    const axes = v.spec.axes;
    return html`
      <section class="lab">
        <header class="top">
          <h2>GAN view</h2>
          <nav class="presets" aria-label="GAN presets">
            ${GAN_PRESETS.map(
              (p) =>
                html`<button
                  data-preset=${p.id}
                  aria-pressed=${v.preset === p.id ? 'true' : 'false'}
                  @click=${() => s.applyPreset(p.id)}
                >
                  ${p.title}
                </button>`,
            )}
          </nav>
          <button
            class="present"
            title="Show the presets as slides for a projector"
            @click=${() => this.presentation.present(true)}
          >
            Present
          </button>
          <a class="back" href="#/game">← Game Lab</a>
        </header>
        <p class="explain" data-testid="gan-caption">
          ${
            preset
              ? html`<strong>${preset.title}.</strong> ${preset.caption}`
              : html`Each cell of the map trains one small GAN (a generator and a discriminator,
                both multilayer perceptrons) on the GPU, with the settings at the left and the two
                swept fields set to the cell's values; the colour is the GAN's
                ${GAN_METRIC_INFO[v.metric].title} at the end.`
          }
        </p>
        ${
          s.linkError
            ? html`<p class="alert" role="alert" data-testid="gan-link-error">
                This link could not be used in full — ${s.linkError}
              </p>`
            : nothing
        }
        ${
          s.status.kind === 'refused' || s.status.kind === 'no-gpu'
            ? html`<p class="alert" role="alert" data-testid="gan-refusal">
                ${describeGanSweepStatus(s.status, s.result)}
              </p>`
            : nothing
        }
        <div class="body">
          <aside class="controls" aria-label="GAN controls">
            <ss-gan-controls .state=${s}></ss-gan-controls>
          </aside>
          <div class="views">
            <article class="panel heat">
              <header>
                <h3>
                  ${this.heatTitle()}
                  <small>${axes.x.count}×${axes.y.count} GANs × ${v.spec.steps} steps</small>
                </h3>
                <div class="actions">
                  ${
                    s.status.kind === 'running'
                      ? html`<button class="cancel" @click=${() => s.cancelSweep()}>Cancel</button>`
                      : html`<button @click=${() => s.requestSweep(0)}>Run sweep</button>`
                  }
                  <button
                    aria-label="Save the heatmap as PNG"
                    @click=${() => this.savePng('ss-gan-heatmap', 'gan-sweep')}
                  >
                    PNG
                  </button>
                </div>
              </header>
              <ss-gan-heatmap
                .result=${s.result}
                .metric=${v.metric}
                .cell=${v.cell}
                .status=${s.status}
                @ss-cell=${(e: CustomEvent) => s.selectCell(e.detail)}
                @ss-cancel=${() => s.cancelSweep()}
              ></ss-gan-heatmap>
              <p class="caption" data-testid="gan-heat-caption">${this.heatCaption()}</p>
              <p class="note" data-testid="gan-sweep-status">
                ${describeGanSweepStatus(s.status, s.result)}
              </p>
            </article>
            <article class="panel samples">
              <header>
                <h3>${this.samplesTitle()}</h3>
                <div class="actions">
                  <button
                    aria-label="Save the samples picture as PNG"
                    ?disabled=${!s.replay}
                    @click=${() => this.savePng('ss-gan-sample-plot', 'gan-samples')}
                  >
                    PNG
                  </button>
                </div>
              </header>
              <ss-gan-sample-plot .replay=${s.replay} .step=${s.playhead}></ss-gan-sample-plot>
              <p class="caption" data-testid="gan-samples-caption">${this.samplesCaption()}</p>
            </article>
            <div class="playback">
              <ss-game-playback
                .step=${s.playhead}
                .max=${s.playheadMax}
                .playing=${s.playing}
                @ss-playhead=${(e: CustomEvent<number>) => s.setPlayhead(e.detail)}
                @ss-play=${(e: CustomEvent<boolean>) => s.setPlaying(e.detail)}
                @keydown=${this.onPlaybackKey}
              ></ss-game-playback>
              <span class="status" data-testid="gan-replay-status">
                ${describeReplayStatus(s.replayStatus)}
                ${
                  s.replayStatus.kind === 'running'
                    ? html`<button class="cancel" @click=${() => s.cancelReplay()}>Cancel</button>`
                    : nothing
                }
              </span>
            </div>
            <article class="panel losses">
              <header><h3>Losses per training step (float64 replay)</h3></header>
              <ss-gan-loss-plot .replay=${s.replay} .step=${s.playhead}></ss-gan-loss-plot>
              ${this.comparison()}
            </article>
          </div>
        </div>
      </section>
    `;
  }

  private heatCaption(): string {
    const r = this.state.result;
    if (!r) return '';
    const m = r.metrics.fate;
    const counts = GAN_FATES.map((name, i) => {
      let n = 0;
      for (const f of m) if (f === i) n++;
      return `${n} ${name}`;
    });
    return `Each cell is one GAN trained on the GPU (f32). Fates: ${counts.join(', ')}.`;
  }

  /** The map's heading: its metric over the two swept fields. */
  private heatTitle(): string {
    const v = this.state.view;
    const { x, y } = v.spec.axes;
    const metric = GAN_METRIC_INFO[v.metric].title;
    return `${metric[0].toUpperCase()}${metric.slice(1)} over ${paramLabel(x.param)} × ${paramLabel(y.param)}`;
  }

  private samplesTitle(): string {
    const v = this.state.view;
    if (!v.cell) return 'Replay of a cell';
    const r = this.state.currentResult;
    const x = r?.xValues[v.cell.ix];
    const y = r?.yValues[v.cell.iy];
    const axes = v.spec.axes;
    return x === undefined || y === undefined
      ? `Replay of cell (${v.cell.ix}, ${v.cell.iy})`
      : `Replay: ${paramLabel(axes.x.param)} = ${formatNumber(x)}, ${paramLabel(axes.y.param)} = ${formatNumber(y)}`;
  }

  private samplesCaption(): string {
    const s = this.state;
    const r = s.replay;
    if (!r) return '';
    const oneD = dataDimension(r.spec.game.data) === 1;
    const shown = oneD
      ? 'histograms of data (blue) and G’s samples (orange); lines join latent points z (top) to G(z)'
      : 'data (blue) and G’s samples (orange); white mesh: G’s image of a latent grid (±2)';
    const d =
      r.spec.game.loss === 'minimax' || r.spec.game.loss === 'non-saturating'
        ? 'background: D’s probability of real (dark 0, light 1)'
        : 'background: D’s logit (dark low, light high)';
    return `Step ${s.playhead}: ${shown}; ${d}.`;
  }

  /** The replay's final metrics against the GPU sweep's cell. */
  private comparison() {
    const s = this.state;
    const r = s.currentResult;
    const cell = s.view.cell;
    const replay = s.replay;
    if (!r || !cell || !replay) return nothing;
    const c = compareCell(r, cell.ix, cell.iy, replay.metrics);
    const worst = c.comparisons.reduce((a, b) => (b.difference > a.difference ? b : a));
    return html`<details class="compare" data-testid="gan-compare">
      <summary>
        GPU (f32): ${c.gpuFate} · float64 replay: ${GAN_FATES[replay.metrics.fate]} ·
        ${
          worst.difference <= GAN_AGREEMENT && c.fateSame
            ? `every metric agrees within 10⁻³·(1 + |value|), the GPU engine's tolerance.`
            : `${GAN_METRIC_INFO[worst.metric].title} differs by ${formatNumber(worst.difference, 2)}·(1 + |value|): f32 rounding grows over ${replay.metrics.stepsRun} steps.`
        }
      </summary>
      <ul>
        ${c.comparisons.map((m) => html`<li>${describeComparison(m)}</li>`)}
      </ul>
    </details>`;
  }

  private onPlaybackKey = (e: KeyboardEvent) => {
    const s = this.state;
    if (e.key === 'Home') s.setPlayhead(0);
    else if (e.key === 'End') s.setPlayhead(s.playheadMax);
    else return;
    e.preventDefault();
  };

  private savePng(tag: string, name: string): void {
    const view = this.renderRoot.querySelector(tag) as { canvas?: HTMLCanvasElement | null } | null;
    if (view?.canvas) downloadCanvasPng(view.canvas, `saddle-stride-${name}.png`);
  }

  static override styles = [
    theme,
    formStyles,
    css`
      :host {
        display: block;
        --controls-width: 19rem;
      }
      .top {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em 1.2em;
        align-items: center;
      }
      h2 {
        margin: 0;
        font-size: 1.3em;
      }
      .presets {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4em;
        flex: 1;
      }
      .presets button[aria-pressed='true'] {
        border-color: var(--ss-accent);
        box-shadow: inset 0 -3px 0 var(--ss-accent);
      }
      .back {
        color: var(--ss-accent-2);
        white-space: nowrap;
      }
      .explain {
        margin: 0.5em 0 0;
        color: var(--ss-muted);
        line-height: 1.4;
        max-width: 110em;
      }
      .explain strong {
        color: var(--ss-text);
      }
      .alert {
        margin: 0.5em 0;
        padding: 0.4em 0.8em;
        border: 1px solid var(--ss-bad);
        border-radius: var(--ss-radius);
        background: #2a1816;
      }
      .body {
        display: grid;
        grid-template-columns: var(--controls-width) minmax(0, 1fr);
        gap: 1rem;
        margin-top: 0.6rem;
      }
      .controls {
        position: sticky;
        top: 0.5rem;
        align-self: start;
        max-height: max(30rem, calc(100vh - 13.5rem));
        overflow-y: auto;
        padding-right: 0.3rem;
      }
      .views {
        display: grid;
        grid-template-columns: minmax(0, 1.15fr) minmax(0, 1fr);
        grid-template-rows: minmax(0, 1.5fr) auto minmax(0, 1fr);
        grid-template-areas:
          'heat samples'
          'heat play'
          'heat losses';
        gap: 0.7rem;
        height: max(30rem, calc(100vh - 13.5rem));
      }
      .panel {
        display: flex;
        flex-direction: column;
        min-height: 0;
        background: var(--ss-panel);
        border: 1px solid var(--ss-line);
        border-radius: var(--ss-radius);
        padding: 0.5rem 0.7rem;
      }
      .panel > header {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: 0.5em;
      }
      h3 {
        margin: 0 0 0.3em;
        font-size: 1em;
        font-weight: 600;
      }
      h3 small {
        color: var(--ss-muted);
        font-weight: 400;
        margin-left: 0.4em;
      }
      .actions {
        display: flex;
        gap: 0.3em;
      }
      .actions button {
        white-space: nowrap;
      }
      .heat {
        grid-area: heat;
      }
      .samples {
        grid-area: samples;
      }
      .losses {
        grid-area: losses;
      }
      .playback {
        grid-area: play;
        display: flex;
        flex-direction: column;
        gap: 0.2em;
      }
      .status {
        color: var(--ss-muted);
        font-size: 0.9em;
      }
      ss-gan-heatmap,
      ss-gan-sample-plot,
      ss-gan-loss-plot {
        flex: 1;
        min-height: 0;
      }
      .caption,
      .note {
        margin: 0.3em 0 0;
        color: var(--ss-muted);
        font-size: 0.85em;
        line-height: 1.35;
      }
      .compare {
        font-size: 0.85em;
        color: var(--ss-muted);
        margin-top: 0.3em;
      }
      .compare ul {
        margin: 0.2em 0;
        padding-left: 1.2em;
      }
      button.cancel {
        border-color: var(--ss-accent);
      }
      @media (max-width: 1500px) {
        :host {
          --controls-width: 16rem;
          font-size: 0.92em;
        }
      }
    `,
    slideStyles,
    css`
      /* A slide: the map (with its legend at the right) wider than the replay beside it. */
      .slide-views {
        grid-template-columns: minmax(0, 1.3fr) minmax(0, 1fr);
      }
      .slide .alert {
        font-size: 0.9em;
      }
      /* The map's how-to-use line is for the desk, not the back of the room. */
      .slide-view > ss-gan-heatmap::part(readout) {
        display: none;
      }
    `,
  ];
}

customElements.define('ss-gan-view', GanView);
