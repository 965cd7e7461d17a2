import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { GAME_PRESETS, findPreset } from '../../labs/game/game-presets.js';
import { theme } from '../shell/theme.js';
import { emitEvent } from '../widgets/emit-event.js';

/**
 * The guided presets, grouped as the seed's argument runs (the problem, what
 * fixes it, the Dirac-GAN), and the current preset's caption. Choosing one
 * sends `ss-preset` with its id. (Presentation mode's slides show the caption
 * themselves: game-slide.ts.)
 */
export class PresetBar extends LitElement {
  @property({ type: String }) current: string | null = null;
  /** The sweep on display is a drag-zoom into the current preset's. */
  @property({ type: Boolean }) zoomed: boolean = false;

  /** Moves the keyboard focus to the current preset's button (the first one's without a preset). */
  focusCurrent(): void {
    const button =
      this.renderRoot.querySelector<HTMLButtonElement>('button[aria-pressed="true"]') ??
      this.renderRoot.querySelector<HTMLButtonElement>('button[data-preset]');
    button?.focus();
  }

  override render() {
    const groups = [...new Set(GAME_PRESETS.map((p) => p.group))];
    const preset = this.current ? findPreset(this.current) : undefined;
    return html`<nav aria-label="Guided presets">
        ${groups.map(
          (group) =>
            html`<div class="group" role="group" aria-label=${group}>
              <span class="group-name">${group}</span>
              ${GAME_PRESETS.filter((p) => p.group === group).map(
                (p) =>
                  html`<button
                    data-preset=${p.id}
                    aria-pressed=${p.id === this.current ? 'true' : 'false'}
                    @click=${() => emitEvent(this, 'ss-preset', p.id)}
                  >
                    ${p.group === 'Dirac-GAN' ? p.title.replace('Dirac-GAN: ', '') : p.title}
                  </button>`,
              )}
            </div>`,
        )}
      </nav>
      <p class="caption" data-testid="caption">
        ${
          preset
            ? html`<strong>${preset.title}.</strong> ${preset.caption}
                ${
                  this.zoomed
                    ? html`<span class="muted" data-testid="zoom-note"
                        >(Zoomed into part of this preset's sweep: Back out returns to it.)</span
                      >`
                    : null
                }`
            : html`<span class="muted"
                >Your own settings. Pick a preset above to follow the argument step by step.</span
              >`
        }
      </p>`;
  }

  static override styles = [
    theme,
    css`
      nav {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4em 1.2em;
      }
      .group {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3em;
        align-items: center;
      }
      .group-name {
        color: var(--ss-muted);
        font-size: 0.85em;
        margin-right: 0.2em;
      }
      button {
        font-size: 0.88em;
        padding: 0.2em 0.6em;
      }
      button[aria-pressed='true'] {
        border-color: var(--ss-accent);
        background: #3a2f18;
      }
      .caption {
        margin: 0.5em 0 0;
        font-size: 1.05em;
        line-height: 1.4;
        min-height: 2.8em;
      }
      .muted {
        color: var(--ss-muted);
      }
    `,
  ];
}

customElements.define('ss-preset-bar', PresetBar);
