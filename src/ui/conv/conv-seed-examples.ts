import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { SEED_EXAMPLES, type SeedExample } from '../../core/conv/index.js';
import {
  analyseLayer,
  layerFromSeedExample,
  type ConvLayerParams,
} from '../../labs/conv/conv-layer-params.js';
import { theme } from '../shell/theme.js';
import { emitEvent } from '../widgets/emit-event.js';

/** The seed example whose layer these parameters are, if any. */
export function seedExampleOf(params: ConvLayerParams): SeedExample | null {
  const key = JSON.stringify(params);
  return SEED_EXAMPLES.find((ex) => JSON.stringify(layerFromSeedExample(ex)) === key) ?? null;
}

/**
 * The seed's seven worked examples as presets: one button each, and for the chosen one its
 * caption, its PyTorch call, the output size the core computes, and where the seed disagrees
 * with itself. Emits `ss-conv-preset` (detail: the example's id).
 */
export class ConvSeedExamples extends LitElement {
  @property({ attribute: false }) params!: ConvLayerParams;

  override render() {
    const active = seedExampleOf(this.params);
    return html`<div class="chips" role="group" aria-label="The seed's seven examples">
        <span class="label">Seed examples</span>
        ${SEED_EXAMPLES.map(
          (ex) =>
            html`<button
              type="button"
              aria-pressed=${active?.id === ex.id ? 'true' : 'false'}
              title=${ex.title}
              data-example=${ex.id}
              @click=${() => this.pick(ex.id)}
            >
              ${ex.id} · ${ex.transposed ? 'ConvT' : 'Conv'} ${ex.inputSize}→${ex.expectedOutput}
            </button>`,
        )}
      </div>
      ${active ? this.card(active) : null}`;
  }

  private card(ex: SeedExample) {
    const analysis = analyseLayer(layerFromSeedExample(ex));
    const out = analysis.ok ? analysis.outputShape.slice(-2).join(' × ') : '—';
    return html`<article data-testid="seed-card">
      <h3>Example ${ex.id}: ${ex.title}</h3>
      <p>${ex.caption}</p>
      <p class="call"><code>${ex.pytorch}</code></p>
      <p>
        Input ${ex.inputSize} × ${ex.inputSize} → output
        <strong data-testid="seed-output">${out}</strong>
      </p>
      ${ex.note ? html`<p class="note"><strong>Note:</strong> ${ex.note}</p>` : null}
    </article>`;
  }

  private pick(id: number): void {
    emitEvent(this, 'ss-conv-preset', id);
  }

  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        align-items: center;
      }
      .label {
        color: var(--ss-muted);
        margin-right: 0.3rem;
      }
      button[aria-pressed='true'] {
        border-color: var(--ss-accent);
        box-shadow: inset 0 -3px 0 var(--ss-accent);
      }
      article {
        margin-top: 0.6rem;
        padding: 0.5rem 0.8rem;
        border-left: 4px solid var(--ss-accent);
        background: var(--ss-panel);
        border-radius: var(--ss-radius);
      }
      h3 {
        margin: 0 0 0.3rem;
        font-size: 1.1rem;
      }
      p {
        margin: 0.25rem 0;
        line-height: 1.4;
      }
      .call code {
        font-family: var(--ss-mono);
        color: var(--ss-accent);
      }
      strong {
        font-family: var(--ss-mono);
      }
      .note {
        color: var(--ss-muted);
      }
    `,
  ];
}

customElements.define('ss-conv-seed-examples', ConvSeedExamples);
