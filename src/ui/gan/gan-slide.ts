import { html, nothing, type TemplateResult } from 'lit';
import { GAN_FATES } from '../../core/gan/index.js';
import { firstConvergedCell, type GanLabStore } from '../../labs/gan/gan-lab-store.js';
import { findGanPreset, GAN_PRESETS } from '../../labs/gan/gan-presets.js';
import { slideFooter } from '../widgets/slide-presentation.js';
import { describeGanSweepStatus, describeReplayStatus } from './gan-captions.js';

/** The keys the GAN view's slides answer to (gan-view.ts's deck), as the footer names them. */
export const GAN_SLIDE_KEY_HINT = '← → or PageUp/PageDown · Space plays the replay · Esc leaves';

export interface GanSlideParts {
  store: GanLabStore;
  /** The map's heading: the metric over the two swept fields. */
  heatTitle: string;
  /** The replay's heading: the cell's values. */
  samplesTitle: string;
  leave: () => void;
}

/**
 * Presentation mode's slide of a GAN preset: its title and caption, the map (filling in while the
 * sweep runs) and the replay of its first converged cell, playing once the map is done, beside it,
 * and the footer (slide number, keys, a button that leaves). No controls, presets or buttons to
 * save pictures.
 */
export function ganSlideTemplate(parts: GanSlideParts): TemplateResult {
  const s = parts.store;
  const id = s.view.preset;
  const preset = id === null ? undefined : findGanPreset(id);
  const title = preset?.title ?? 'Your own settings';
  const blocked = s.status.kind === 'refused' || s.status.kind === 'no-gpu';
  return html`<section class="slide" aria-roledescription="slide" aria-label=${title}>
    <header class="slide-title">
      <h2>${title}</h2>
      <p class="slide-caption" data-testid="caption">
        ${preset?.caption ?? 'Not one of the GAN presets: the arrow keys go to the first one.'}
      </p>
      ${
        blocked
          ? html`<p class="alert" role="alert" data-testid="gan-refusal">
              ${describeGanSweepStatus(s.status, s.result)}
            </p>`
          : nothing
      }
    </header>
    <div class="slide-views">
      <article class="panel slide-view" data-view="heatmap">
        <h3>${parts.heatTitle}</h3>
        <ss-gan-heatmap
          .result=${s.result}
          .metric=${s.view.metric}
          .cell=${s.view.cell}
          .status=${s.status}
          @ss-cell=${(e: CustomEvent) => s.selectCell(e.detail)}
          @ss-cancel=${() => s.cancelSweep()}
        ></ss-gan-heatmap>
        ${
          s.status.kind === 'done' || blocked
            ? nothing
            : html`<p class="note" data-testid="sweep-status">
                ${describeGanSweepStatus(s.status, s.result)}
              </p>`
        }
      </article>
      <article class="panel slide-view" data-view="samples">
        <h3>${parts.samplesTitle}</h3>
        <ss-gan-sample-plot .replay=${s.replay} .step=${s.playhead}></ss-gan-sample-plot>
        <p class="note" data-testid="replay-status">${replayNote(s)}</p>
      </article>
    </div>
    ${slideFooter(
      GAN_PRESETS.findIndex((p) => p.id === id),
      GAN_PRESETS.length,
      GAN_SLIDE_KEY_HINT,
      parts.leave,
    )}
  </section>`;
}

/** Under the replay: what it shows, or why there is none yet. */
function replayNote(s: GanLabStore): string {
  if (s.replay) {
    // The fate in words beside the picture: on the presets' broad ring "converged" means every
    // mode covered with half the samples within 3σ of one, which the scatter should not belie.
    const m = s.replay.metrics;
    return (
      `Step ${s.playhead} of ${s.playheadMax} · blue: the data · orange: G’s samples · ` +
      `at the end ${GAN_FATES[m.fate]}: ${m.modesCovered} modes covered, ` +
      `${Math.round(100 * m.highQualityFraction)} % of samples within 3σ of a mode`
    );
  }
  if (s.view.cell || s.replayStatus.kind === 'failed') return describeReplayStatus(s.replayStatus);
  if (s.status.kind !== 'done')
    return 'The first GAN that converges is replayed once the map is done.';
  return s.result && firstConvergedCell(s.result)
    ? ''
    : 'No GAN on this map converged: there is none to replay.';
}
