import { html, nothing, type TemplateResult } from 'lit';
import type { GameLabStore } from '../../labs/game/game-lab-store.js';
import { findPreset, GAME_PRESETS } from '../../labs/game/game-presets.js';
import { slideLayout, type SlideViewName } from '../../labs/game/game-slides.js';
import { slideFooter } from '../widgets/slide-presentation.js';

/** The keys presentation mode answers to (slide-presentation.ts, game-presentation.ts), as the slide's footer names them. */
export const SLIDE_KEY_HINT = '← → or PageUp/PageDown · Space plays · Esc leaves';

export interface SlideParts {
  store: GameLabStore;
  /** The element that draws a built-in view. */
  view: (name: SlideViewName) => TemplateResult;
  title: (name: SlideViewName) => string;
  /** The sweep's status line, shown under the heatmap while it has no finished sweep to show. */
  note: string;
  leave: () => void;
}

/**
 * Presentation mode's slide: the preset's title and caption as the title line, its two or three
 * views (game-slides.ts) filling the rest of a 16:9 screen, and a footer with the slide counter,
 * the keys and a button that leaves. Nothing else: no controls, presets or export buttons.
 */
export function slideTemplate(parts: SlideParts): TemplateResult {
  const { store } = parts;
  const id = store.view.preset;
  const preset = id === null ? undefined : findPreset(id);
  const index = GAME_PRESETS.findIndex((p) => p.id === id);
  const views = slideLayout(id).views;
  const status = store.sweepStatus.kind;
  return html`<section
    class="slide views-${views.length}"
    aria-roledescription="slide"
    aria-label=${preset?.title ?? 'Your own settings'}
  >
    <header class="slide-title">
      <h2>${preset?.title ?? 'Your own settings'}</h2>
      <p class="slide-caption" data-testid="caption">
        ${preset?.caption ?? 'Not one of the guided presets: the arrow keys go to the first one.'}
      </p>
    </header>
    <div class="slide-views">
      ${views.map(
        (name) =>
          html`<article class="panel slide-view" data-view=${name}>
            <h3>${parts.title(name)}</h3>
            ${parts.view(name)}
            ${
              name === 'heatmap' && status !== 'done'
                ? html`<p class="note" data-testid="sweep-status">${parts.note}</p>`
                : nothing
            }
          </article>`,
      )}
    </div>
    ${slideFooter(index, GAME_PRESETS.length, SLIDE_KEY_HINT, parts.leave)}
  </section>`;
}
