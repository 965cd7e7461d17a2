import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { sweepCsvChunks, sweepJsonChunks } from '../../core/games/sweep-result.js';
import { paramLabel } from '../../labs/game/game-labels.js';
import type { SweepResult } from '../../labs/game/game-lab-state.js';
import { GameLabStore } from '../../labs/game/game-lab-store.js';
import { METRIC_INFO } from '../../labs/game/game-metrics.js';
import { revealSweep } from '../../labs/game/game-sweep-reveal.js';
import { VIDEO_SECONDS, type SlideViewName } from '../../labs/game/game-slides.js';
import type { GpuSession } from '../../labs/gpu-session.js';
import { theme } from '../shell/theme.js';
import { recordCanvas, videoMimeType } from '../widgets/canvas-recorder.js';
import { emitEvent } from '../widgets/emit-event.js';
import { downloadBlob, downloadCanvasPng, downloadText } from '../widgets/png-export.js';
import { describeCurrentGame, describeSweepStatus, describeView } from './game-lab-captions.js';
import { gameLabStyles } from './game-lab-styles.js';
import { GamePlaybackClock } from './game-playback-clock.js';
import { gameSlideDeck } from './game-presentation.js';
import { SlidePresentation } from '../widgets/slide-presentation.js';
import { slideStyles } from '../widgets/slide-styles.js';
import { slideTemplate } from './game-slide.js';
import './eigenvalue-plot.js';
import './field-map.js';
import './game-controls.js';
import './game-playback.js';
import './game-plot.js';
import './orbit-plot.js';
import './preset-bar.js';
import './radius-plot.js';
import './saddle-surface.js';
import './sweep-heatmap.js';
import './theory-plot.js';

/** Each view: its panel's title and the element that draws it. */
const VIEWS: Record<SlideViewName, { title: string; tag: string }> = {
  heatmap: { title: 'Sweep', tag: 'ss-sweep-heatmap' },
  orbit: { title: 'Orbit in the (x, y) plane', tag: 'ss-orbit-plot' },
  xy: { title: 'x(t) and y(t)', tag: 'ss-game-plot' },
  radius: { title: 'Radius r(t), log scale', tag: 'ss-radius-plot' },
  surface: { title: 'The saddle f(x, y)', tag: 'ss-saddle-surface' },
  field: { title: 'From above: f and the field', tag: 'ss-field-map' },
  theory: { title: 'Theory: ρ against η', tag: 'ss-theory-plot' },
  eigen: { title: 'Step-map eigenvalues', tag: 'ss-eigenvalue-plot' },
};

/** A video being recorded: of which view, and how far. */
interface Recording {
  view: SlideViewName;
  fraction: number;
  abort: AbortController;
}

/**
 * The Game Lab: two players on f(x, y), x maximising and y minimising. Lays
 * out the controls and the linked views over the lab's store (which keeps the
 * URL in step and runs sweeps on the session's GPU); in presentation mode the
 * current preset as a slide (game-slide.ts). Presentation mode and playback
 * are controllers of their own.
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
  private readonly presentation = new SlidePresentation(this, gameSlideDeck(this.state));
  private readonly playback = new GamePlaybackClock(this, this.state);
  @state() private recording: Recording | null = null;
  /** While the heatmap's video records: how much of the sweep it shows filled in. */
  @state() private reveal: number | null = null;
  @state() private recordError = '';

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
    if (this.state.view.presenting)
      return slideTemplate({
        store: this.state,
        view: (name) => this.viewContent(name),
        title: (name) => this.viewTitle(name),
        note: describeSweepStatus(this.state.sweepStatus, this.state.boundary, this.state.sweep),
        leave: () => this.presentation.present(false),
      });
    const s = this.state;
    const v = s.view;
    const status = s.sweepStatus;
    const result = s.sweep;
    return html`
      <section class="lab" @ss-camera=${(e: CustomEvent) => s.setCamera(e.detail)}>
        <header class="top">
          <h2>Game Lab</h2>
          <ss-preset-bar
            .current=${v.preset}
            .zoomed=${s.zoomHistory.length > 0}
            @ss-preset=${(e: CustomEvent<string>) => s.applyPreset(e.detail)}
          ></ss-preset-bar>
          <button class="present" @click=${() => this.presentation.present(true)}>Present</button>
        </header>
        <p class="explain" data-testid="explain">
          ${describeView(v.spec, METRIC_INFO[v.metric])}
          <button class="link" @click=${this.focusPresets}>The presets</button> walk through the
          argument.
          <a class="gan-link" style="color: var(--ss-accent-2)" href="#/gan"
            >Real GANs: the GAN view →</a
          >
        </p>
        ${
          s.linkError
            ? html`<p class="link-error" role="alert" data-testid="link-error">
                This link could not be used in full — ${s.linkError}
              </p>`
            : nothing
        }
        ${this.recordError ? html`<p class="link-error" role="alert">${this.recordError}</p>` : nothing}
        <div class="body">
          <aside class="controls" aria-label="Controls">
            <ss-game-controls .state=${s}></ss-game-controls>
          </aside>
          <div class="views">
            <article class="panel heat">
              <header>
                <h3>
                  ${this.viewTitle('heatmap')}
                  <small
                    >${v.spec.axes.x.count}×${v.spec.axes.y.count} games × ${v.spec.steps}
                    steps</small
                  >
                </h3>
                <div class="actions">
                  ${
                    status.kind === 'running'
                      ? html`<button class="cancel" @click=${() => s.cancelSweep()}>Cancel</button>`
                      : html`<button @click=${() => s.requestSweep(0)}>Run sweep</button>`
                  }
                  ${s.zoomHistory.length > 0 ? html`<button @click=${() => s.zoomBack()}>Back out</button>` : nothing}
                  ${this.pngButton('heatmap')} ${this.videoButton('heatmap', !result)}
                  <button ?disabled=${!result} @click=${this.exportCsv}>CSV</button>
                  <button ?disabled=${!result} @click=${this.exportJson}>JSON</button>
                </div>
              </header>
              ${this.viewContent('heatmap')}
              <p class="note" data-testid="sweep-status">
                ${describeSweepStatus(status, s.boundary, result)}
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
            ${this.panel('orbit')}
            <div class="time-pair">${this.panel('xy')} ${this.panel('radius')}</div>
            ${this.panel('surface')} ${this.panel('field')}
            <div class="theory-pair">${this.panel('theory')} ${this.panel('eigen')}</div>
          </div>
        </div>
      </section>
    `;
  }

  private viewTitle(name: SlideViewName): string {
    if (name !== 'heatmap') return VIEWS[name].title;
    const axes = this.state.view.spec.axes;
    return `Sweep: ${METRIC_INFO[this.state.view.metric].title} over ${paramLabel(axes.x.param)} × ${paramLabel(axes.y.param)}`;
  }

  /** The element that draws a view, bound to the store. */
  private viewContent(name: SlideViewName): TemplateResult {
    const s = this.state;
    const v = s.view;
    switch (name) {
      case 'heatmap':
        // A sweep stopped before any finished: say so where the heatmap would be, not "waiting".
        if (!s.sweep && (s.sweepStatus.kind === 'cancelled' || s.sweepStatus.kind === 'failed'))
          return html`<div class="empty-heat" data-testid="empty-heatmap">
            <p>
              ${s.sweepStatus.kind === 'cancelled' ? 'Sweep cancelled' : 'Sweep failed'}: no sweep
              has finished yet.
            </p>
            <button @click=${() => s.requestSweep(0)}>Run sweep</button>
          </div>`;
        return html`<ss-sweep-heatmap
          .result=${s.sweep && this.reveal !== null ? revealSweep(s.sweep, this.reveal) : s.sweep}
          .metric=${v.metric}
          .boundary=${s.boundary}
          .cell=${v.cell}
          .status=${s.sweepStatus}
          @ss-cell=${(e: CustomEvent) => s.selectCell(e.detail)}
          @ss-zoom=${(e: CustomEvent) => s.zoomTo(e.detail.a, e.detail.b)}
        ></ss-sweep-heatmap>`;
      case 'orbit':
        return html`<ss-orbit-plot
          .games=${s.games}
          .flow=${s.flow}
          .playhead=${s.playhead}
          .steps=${s.currentGame.steps}
        ></ss-orbit-plot>`;
      case 'xy':
        return html`<ss-game-plot .games=${s.games} .playhead=${s.playhead}></ss-game-plot>`;
      case 'radius':
        return html`<ss-radius-plot .games=${s.games} .playhead=${s.playhead}></ss-radius-plot>`;
      case 'surface':
        return html`<ss-saddle-surface
          .surface=${s.surface}
          .games=${s.games}
          .playhead=${s.playhead}
          .window=${s.window}
          .camera=${v.camera}
        ></ss-saddle-surface>`;
      case 'field':
        return html`<ss-field-map
          .surface=${s.surface}
          .games=${s.games}
          .playhead=${s.playhead}
          .window=${s.window}
        ></ss-field-map>`;
      case 'theory':
        return html`<ss-theory-plot .games=${s.games} .spec=${v.spec}></ss-theory-plot>`;
      case 'eigen':
        return html`<ss-eigenvalue-plot .games=${s.games}></ss-eigenvalue-plot>`;
    }
  }

  private panel(area: SlideViewName) {
    return html`<article class="panel ${area}">
      <header>
        <h3>${this.viewTitle(area)}</h3>
        <div class="actions">
          ${this.pngButton(area)}
          ${area === 'theory' || area === 'eigen' ? nothing : this.videoButton(area, false)}
        </div>
      </header>
      ${this.viewContent(area)}
    </article>`;
  }

  private canvasOf(name: SlideViewName): HTMLCanvasElement | null {
    const view = this.renderRoot.querySelector(VIEWS[name].tag) as {
      canvas?: HTMLCanvasElement | null;
    } | null;
    return view?.canvas ?? null;
  }

  private pngButton(name: SlideViewName) {
    return html`<button
      class="png"
      aria-label="Save ${name} as PNG"
      @click=${() => {
        const canvas = this.canvasOf(name);
        if (canvas) downloadCanvasPng(canvas, `saddle-stride-${name}.png`);
      }}
    >
      PNG
    </button>`;
  }

  /** Records the view as a WebM video: its game from step 0 to the end, or the sweep filling in. */
  private videoButton(name: SlideViewName, disabled: boolean) {
    const r = this.recording;
    if (r?.view === name)
      return html`<button
        class="cancel"
        data-testid="video-progress"
        aria-label="Cancel the ${name} video"
        @click=${() => r.abort.abort()}
      >
        Recording ${Math.round(r.fraction * 100)} % · Cancel
      </button>`;
    const supported = videoMimeType() !== null;
    return html`<button
      class="video"
      aria-label="Save ${name} as a WebM video"
      title=${supported ? `A ${VIDEO_SECONDS} s video (WebM) of the ${name === 'heatmap' ? 'sweep filling in' : 'game playing'}` : 'This browser cannot record video'}
      ?disabled=${disabled || !supported || r !== null}
      @click=${() => void this.recordVideo(name)}
    >
      WebM
    </button>`;
  }

  private async recordVideo(name: SlideViewName): Promise<void> {
    const canvas = this.canvasOf(name);
    if (!canvas || this.recording) return;
    const s = this.state;
    const abort = new AbortController();
    this.recording = { view: name, fraction: 0, abort };
    this.recordError = '';
    const resume = s.view.playhead;
    s.setPlaying(false);
    const viewElement = this.renderRoot.querySelector(VIEWS[name].tag) as LitElement | null;
    const frame = async (t: number) => {
      if (name === 'heatmap') this.reveal = t;
      else s.setPlayhead(t * s.playheadMax);
      await this.updateComplete;
      await viewElement?.updateComplete;
    };
    try {
      const video = await recordCanvas(canvas, {
        seconds: VIDEO_SECONDS,
        frame,
        signal: abort.signal,
        onProgress: (t) => {
          if (this.recording) this.recording = { ...this.recording, fraction: t };
        },
      });
      downloadBlob(video, `saddle-stride-${name}.webm`);
    } catch (error) {
      if (!abort.signal.aborted)
        this.recordError = `The video could not be recorded: ${(error as Error).message}`;
    } finally {
      this.recording = null;
      this.reveal = null;
      s.setPlayhead(resume ?? s.playheadMax);
    }
  }

  private readonly focusPresets = () => {
    const bar = this.renderRoot.querySelector('ss-preset-bar') as {
      focusCurrent?: () => void;
    } | null;
    bar?.focusCurrent?.();
  };

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

  static override styles = [theme, gameLabStyles, slideStyles];
}

customElements.define('ss-game-lab', GameLab);
