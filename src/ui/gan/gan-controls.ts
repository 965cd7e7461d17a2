import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import {
  GAN_METHOD_NAMES,
  GAN_METRIC_INFO,
  GAN_METRIC_NAMES,
  ganSweepableParameters,
  type GanMetricName,
} from '../../core/gan/index.js';
import { describeRange, METHOD_CATALOG, type NumericParameter } from '../../core/games/index.js';
import type { GanLabStore } from '../../labs/gan/gan-lab-store.js';
import { paramLabel } from '../../labs/game/game-labels.js';
import { StoreSubscription } from '../../labs/store-subscription.js';
import { theme } from '../shell/theme.js';
import { formStyles } from '../widgets/form-styles.js';
import { storeNumberField } from '../widgets/store-number-field.js';

const DATA_KINDS: [string, string][] = [
  ['ring', 'ring of Gaussians'],
  ['grid', 'grid of Gaussians'],
  ['mixture1d', 'Gaussians on a line (1-D)'],
];
const LOSSES = ['minimax', 'non-saturating', 'wgan', 'wgan-gp', 'hinge'];
const ACTIVATIONS = ['relu', 'leaky-relu', 'tanh', 'elu'];

/**
 * The GAN view's controls: data, networks, loss, method and its parameters, rates, steps and
 * batches, the sweep's two axes and the metric shown. Every value goes through the store, which
 * refuses an invalid one at its field with the spec's reason.
 */
export class GanControls extends LitElement {
  @property({ attribute: false }) state!: GanLabStore;
  private readonly subscription = new StoreSubscription(this, () => this.state);

  override render() {
    if (!this.state) return nothing;
    const spec = this.state.view.spec;
    const data = spec.game.data as unknown as Record<string, unknown>;
    const method = METHOD_CATALOG[spec.method.name];
    const methodValues = spec.method as unknown as Record<string, unknown>;
    const dataNumbers = Object.keys(data).filter(
      (k) => k !== 'kind' && typeof data[k] === 'number',
    );
    return html`
      <fieldset>
        <legend>Data and loss</legend>
        ${
          spec.game.data.kind === 'points'
            ? html`<p class="description">
                Explicit points (${spec.game.data.points.length}), from the link.
              </p>`
            : this.select('game.data.kind', spec.game.data.kind, DATA_KINDS, 'data')
        }
        <div class="list">
          ${dataNumbers.map((k) => this.number(`game.data.${k}`, k, data[k] as number))}
        </div>
        ${this.select(
          'game.loss',
          spec.game.loss,
          LOSSES.map((l) => [l, l]),
          'loss',
        )}
      </fieldset>
      <fieldset>
        <legend>Networks</legend>
        <div class="grid">
          ${this.number('game.generator.latent', 'G latent', spec.game.generator.latent)}
          ${this.number('game.generator.layers', 'G layers', spec.game.generator.layers)}
          ${this.number('game.generator.width', 'G width', spec.game.generator.width)}
          ${this.number('game.discriminator.layers', 'D layers', spec.game.discriminator.layers)}
          ${this.number('game.discriminator.width', 'D width', spec.game.discriminator.width)}
        </div>
        ${this.select(
          'game.generator.activation',
          spec.game.generator.activation,
          ACTIVATIONS.map((a) => [a, a]),
          'G act.',
        )}
        ${this.select(
          'game.discriminator.activation',
          spec.game.discriminator.activation,
          ACTIVATIONS.map((a) => [a, a]),
          'D act.',
        )}
      </fieldset>
      <fieldset>
        <legend>Method</legend>
        ${this.select(
          'method.name',
          spec.method.name,
          GAN_METHOD_NAMES.map((n) => [n, METHOD_CATALOG[n].title]),
          'method',
        )}
        <div class="list">
          ${method.numeric.map((p) => this.number(`method.${p.name}`, paramLabel(`method.${p.name}`), methodValues[p.name] as number, p))}
        </div>
        ${method.choices.map((p) =>
          this.select(
            `method.${p.name}`,
            String(methodValues[p.name]),
            p.choices.map((c) => [c, c]),
            p.name,
          ),
        )}
      </fieldset>
      <fieldset>
        <legend>Run</legend>
        <div class="list">
          ${this.number('lr', 'η', spec.lr)} ${this.number('lrD', 'η of D', spec.lrD ?? spec.lr)}
          ${this.number('lrG', 'η of G', spec.lrG ?? spec.lr)}
        </div>
        <div class="grid">
          ${this.number('steps', 'steps', spec.steps)}
          ${this.number('dSteps', 'D steps', spec.dSteps)}
          ${this.number('batch', 'batch', spec.batch)}
          ${this.number('evalBatch', 'eval', spec.evalBatch)}
          ${this.number('seed', 'seed', spec.seed)}
        </div>
      </fieldset>
      <fieldset>
        <legend>Sweep</legend>
        ${(['x', 'y'] as const).map((key) => this.axis(key))}
        <label class="row">
          <span>colour</span>
          <select
            data-path="metric"
            @change=${(e: Event) => this.state.setMetric((e.target as HTMLSelectElement).value as GanMetricName)}
          >
            ${GAN_METRIC_NAMES.map(
              (m) =>
                html`<option value=${m} ?selected=${m === this.state.view.metric}>
                  ${GAN_METRIC_INFO[m].title}
                </option>`,
            )}
          </select>
        </label>
      </fieldset>
    `;
  }

  private axis(key: 'x' | 'y') {
    const spec = this.state.view.spec;
    const axis = spec.axes[key];
    const params = ganSweepableParameters(spec).map((p) => p.path);
    return html`<div class="axis">
      ${this.select(
        `axes.${key}.param`,
        axis.param,
        params.map((p) => [p, paramLabel(p)]),
        `${key} axis`,
      )}
      <div class="list">
        ${this.number(`axes.${key}.from`, 'from', axis.from)}
        ${this.number(`axes.${key}.to`, 'to', axis.to)}
      </div>
      <div class="grid">
        ${this.number(`axes.${key}.count`, 'cells', axis.count)}
        ${this.select(
          `axes.${key}.scale`,
          axis.scale,
          [
            ['log', 'log'],
            ['linear', 'linear'],
          ],
          'scale',
        )}
      </div>
    </div>`;
  }

  private number(path: string, label: string, value: number, parameter?: NumericParameter) {
    return storeNumberField(
      this.state,
      path,
      label,
      value,
      parameter ? describeRange(parameter) : '',
    );
  }

  private select(path: string, value: string, options: [string, string][], label: string) {
    const error = this.state.fieldErrors.get(path);
    return html`<label class="row">
      <span>${label}</span>
      <select
        data-path=${path}
        aria-invalid=${error ? 'true' : 'false'}
        @change=${(e: Event) => this.state.edit(path, (e.target as HTMLSelectElement).value)}
      >
        ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
      </select>
      ${error ? html`<span class="reason" role="alert">${error}</span>` : nothing}
    </label>`;
  }

  static override styles = [
    theme,
    formStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 0.6em;
        font-size: 0.92em;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 0.3em 0.6em;
      }
      .list {
        display: flex;
        flex-direction: column;
        gap: 0.3em;
      }
      .axis {
        display: flex;
        flex-direction: column;
        gap: 0.3em;
        padding-bottom: 0.3em;
        border-bottom: 1px dashed var(--ss-line);
      }
      .description {
        margin: 0;
        color: var(--ss-muted);
      }
      .reason {
        color: var(--ss-bad);
        font-size: 0.85em;
        flex-basis: 100%;
      }
      select {
        max-width: 100%;
      }
    `,
  ];
}

customElements.define('ss-gan-controls', GanControls);
