import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import {
  describeRange,
  GAME_CATALOG,
  GAME_NAMES,
  METHOD_CATALOG,
  METHOD_NAMES,
  MAX_AXIS_COUNT,
  MAX_STEPS,
  sweepableParameters,
  type MethodName,
  type NumericParameter,
  type ParameterList,
} from '../../core/games/index.js';
import { paramLabel } from '../../labs/game/game-labels.js';
import type { GameLabStore } from '../../labs/game/game-lab-store.js';
import { METRIC_INFO } from '../../labs/game/game-metrics.js';
import { HEATMAP_METRICS, type SweepMetricName } from '../../labs/game/game-presets.js';
import { shownAxisEnds } from '../../labs/game/game-spec-edit.js';
import { StoreSubscription } from '../../labs/store-subscription.js';
import { theme } from '../shell/theme.js';
import { formStyles } from '../widgets/form-styles.js';
import { storeNumberField } from '../widgets/store-number-field.js';

/**
 * The controls column: game and its parameters (a typed f included), method
 * and its parameters, learning rates, start, steps, escape radius, the sweep's
 * axes and resolution, the metric and the compared methods. Every value goes
 * through the lab's store, which refuses an invalid one at its field with the
 * spec's reason; the controls re-render on every change of the store.
 */
export class GameControls extends LitElement {
  @property({ attribute: false }) state!: GameLabStore;
  private readonly subscription = new StoreSubscription(this, () => this.state);

  override render() {
    if (!this.state) return nothing;
    const spec = this.state.view.spec;
    const game = GAME_CATALOG[spec.game.name];
    const method = METHOD_CATALOG[spec.method.name];
    const separate = spec.lrX !== undefined || spec.lrY !== undefined;
    return html`
      <fieldset>
        <legend>Game</legend>
        ${this.select(
          'game.name',
          spec.game.name,
          GAME_NAMES.map((n) => [n, GAME_CATALOG[n].title]),
        )}
        <p class="description">${game.description}</p>
        ${this.parameters('game', game, spec.game as unknown as Record<string, unknown>)}
      </fieldset>
      <fieldset>
        <legend>Method</legend>
        ${this.select(
          'method.name',
          spec.method.name,
          METHOD_NAMES.map((n) => [n, METHOD_CATALOG[n].title]),
        )}
        <p class="description">${method.description}</p>
        ${this.parameters('method', method, spec.method as unknown as Record<string, unknown>)}
      </fieldset>
      <fieldset>
        <legend>Run</legend>
        ${this.number('lr', 'η', spec.lr)}
        <label class="check">
          <input
            type="checkbox"
            .checked=${separate}
            @change=${(e: Event) => {
              const on = (e.target as HTMLInputElement).checked;
              this.state.edit('lrX', on ? spec.lr : undefined);
              this.state.edit('lrY', on ? spec.lr : undefined);
            }}
          />
          separate rates for x and y
        </label>
        ${separate ? html`${this.number('lrX', 'η of x', spec.lrX)} ${this.number('lrY', 'η of y', spec.lrY)}` : nothing}
        ${this.number('x0', 'x₀', spec.x0)} ${this.number('y0', 'y₀', spec.y0)}
        ${this.number('steps', 'steps', spec.steps, `an integer from 1 to ${MAX_STEPS}`)}
        ${this.number('escapeRadius', 'escape R', spec.escapeRadius)}
      </fieldset>
      <fieldset>
        <legend>Sweep</legend>
        ${(['x', 'y'] as const).map((key) => this.axis(key))}
        <label class="row">
          <span>colour</span>
          <select
            data-path="metric"
            @change=${(e: Event) => this.state.setMetric((e.target as HTMLSelectElement).value as SweepMetricName)}
          >
            ${HEATMAP_METRICS.map(
              (m) =>
                html`<option value=${m} ?selected=${m === this.state.view.metric}>
                  ${METRIC_INFO[m].title}
                </option>`,
            )}
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>Compare from the same start</legend>
        <div class="methods">
          ${METHOD_NAMES.filter((n) => n !== spec.method.name).map((n) => this.overlay(n))}
        </div>
      </fieldset>
    `;
  }

  private parameters(prefix: string, list: ParameterList, values: Record<string, unknown>) {
    return html`
      ${list.texts.map((p) => this.text(`${prefix}.${p.name}`, p.name, String(values[p.name]), p.description))}
      ${list.choices.map((p) =>
        this.select(
          `${prefix}.${p.name}`,
          String(values[p.name]),
          p.choices.map((c) => [c, c]),
          p.name,
        ),
      )}
      ${list.numeric.map((p) =>
        this.number(
          `${prefix}.${p.name}`,
          p.name,
          values[p.name] as number,
          `${p.description}: ${describeRange(p)}`,
        ),
      )}
    `;
  }

  private axis(key: 'x' | 'y') {
    const spec = this.state.view.spec;
    const axis = spec.axes[key];
    const options = sweepableParameters(spec).map(
      (p) => [p.path, paramLabel(p.path)] as [string, string],
    );
    const base = `axes.${key}`;
    const parameter = sweepableParameters(spec).find((p) => p.path === axis.param)?.parameter;
    // A drag-zoom's ends are exact cell values: shown to a few digits (the spec keeps them exact).
    const [from, to] = shownAxisEnds(axis);
    return html`<div class="axis">
      <div class="axis-title">${key === 'x' ? 'Across (x axis)' : 'Up (y axis)'}</div>
      ${this.select(`${base}.param`, axis.param, options, 'sweeps')}
      ${this.number(`${base}.from`, 'from', from, parameter ? rangeHint(parameter) : '')}
      ${this.number(`${base}.to`, 'to', to, parameter ? rangeHint(parameter) : '')}
      ${this.number(`${base}.count`, 'cells', axis.count, `an integer from 1 to ${MAX_AXIS_COUNT}`)}
      ${this.select(
        `${base}.scale`,
        axis.scale,
        [
          ['linear', 'linear'],
          ['log', 'log'],
        ],
        'scale',
      )}
    </div>`;
  }

  private overlay(name: MethodName) {
    const on = this.state.view.overlays.includes(name);
    return html`<label class="check">
      <input
        type="checkbox"
        .checked=${on}
        @change=${(e: Event) => {
          const checked = (e.target as HTMLInputElement).checked;
          const rest = this.state.view.overlays.filter((m) => m !== name);
          this.state.setOverlays(checked ? [...rest, name] : rest);
        }}
      />
      ${METHOD_CATALOG[name].title}
    </label>`;
  }

  private number(path: string, label: string, value: number | undefined, hint = '') {
    return storeNumberField(this.state, path, label, value, hint);
  }

  private select(path: string, value: string, options: [string, string][], label?: string) {
    const error = this.state.fieldErrors.get(path);
    const control = html`<select
      data-path=${path}
      aria-label=${label ?? path}
      @change=${(e: Event) => this.state.edit(path, (e.target as HTMLSelectElement).value)}
    >
      ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
    </select>`;
    return html`<label class="row">
        ${label ? html`<span>${label}</span>` : nothing} ${control}
      </label>
      ${error ? html`<span class="reason" role="alert">${error}</span>` : nothing}`;
  }

  private text(path: string, label: string, value: string, description: string) {
    const error = this.state.fieldErrors.get(path);
    const at = this.state.expressionErrorAt;
    return html`<label class="text">
      <span>${label} =</span>
      <input
        type="text"
        data-path=${path}
        spellcheck="false"
        .value=${value}
        title=${description}
        aria-invalid=${error ? 'true' : 'false'}
        @change=${(e: Event) => this.state.edit(path, (e.target as HTMLInputElement).value)}
      />
      ${
        error
          ? html`<span class="reason" role="alert"
              >${error}${at !== null ? html`<code class="caret">${caretLine(this.typed(path), at)}</code>` : nothing}</span
            >`
          : nothing
      }
    </label>`;
  }

  private typed(path: string): string {
    return (
      this.renderRoot.querySelector<HTMLInputElement>(`input[data-path="${path}"]`)?.value ?? ''
    );
  }

  static override styles = [
    theme,
    formStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 0.6em;
        font-size: 0.95em;
      }
      .row {
        display: grid;
        grid-template-columns: minmax(4.5em, auto) 1fr;
        align-items: center;
        gap: 0.5em;
      }
      .row > select:only-child {
        grid-column: 1 / -1;
      }
      .row span {
        color: var(--ss-muted);
      }
      select {
        min-width: 0;
      }
      .description {
        margin: 0;
        font-size: 0.85em;
        color: var(--ss-muted);
        line-height: 1.35;
      }
      .text {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.3em 0.5em;
        align-items: center;
      }
      .text input {
        font-family: var(--ss-mono);
        min-width: 0;
      }
      .reason {
        grid-column: 1 / -1;
        color: var(--ss-bad);
        font-size: 0.85em;
      }
      .caret {
        display: block;
        white-space: pre;
        font-family: var(--ss-mono);
        color: var(--ss-text);
      }
      .axis {
        display: flex;
        flex-direction: column;
        gap: 0.3em;
        padding-bottom: 0.4em;
        border-bottom: 1px dashed var(--ss-line);
      }
      .axis-title {
        font-size: 0.85em;
        color: var(--ss-muted);
      }
      .methods {
        display: grid;
        grid-template-columns: 1fr;
        gap: 0.2em;
        font-size: 0.9em;
      }
    `,
  ];
}

function rangeHint(p: NumericParameter): string {
  return `${p.description}: ${describeRange(p)}`;
}

/** The typed text with a caret under the character the parser stopped at. */
function caretLine(text: string, at: number): string {
  return `${text}\n${' '.repeat(Math.max(0, Math.min(at, text.length)))}^`;
}

customElements.define('ss-game-controls', GameControls);
