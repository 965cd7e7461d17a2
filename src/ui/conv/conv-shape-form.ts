import { LitElement, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Pair } from '../../core/conv/index.js';
import {
  layerCode,
  type ConvLayerParams,
  type LayerAnalysis,
  type PaddingRule,
} from '../../labs/conv/conv-layer-params.js';
import { theme } from '../shell/theme.js';
import { emitEvent } from '../widgets/emit-event.js';
import { formStyles } from '../widgets/form-styles.js';

type PairKey = 'kernel' | 'stride' | 'padding' | 'dilation' | 'outputPadding' | 'outputSize';
type IntKey = 'batch' | 'inChannels' | 'inH' | 'inW' | 'outChannels' | 'groups';

const PAIR_ROWS: { key: PairKey; label: string; transposedOnly?: boolean }[] = [
  { key: 'kernel', label: 'kernel_size' },
  { key: 'stride', label: 'stride' },
  { key: 'padding', label: 'padding' },
  { key: 'dilation', label: 'dilation' },
  { key: 'outputPadding', label: 'output_padding', transposedOnly: true },
  { key: 'outputSize', label: 'output_size', transposedOnly: true },
];

const PADDING_MODES = ['zeros', 'reflect', 'replicate', 'circular'];

/**
 * The shape calculator: a Conv2d or ConvTranspose2d with every parameter per axis, and the
 * output shape it gives — or PyTorch's message, why, and the nearest values it would accept.
 * Integers only; negative numbers are let through so PyTorch's own refusals can be shown.
 *
 * Emits `ss-conv-layer` (detail: ConvLayerParams) on every accepted change.
 */
export class ConvShapeForm extends LitElement {
  @property({ attribute: false }) params!: ConvLayerParams;
  @property({ attribute: false }) analysis!: LayerAnalysis;
  @state() private invalid: Record<string, string> = {};

  private change(patch: Partial<ConvLayerParams>): void {
    emitEvent(this, 'ss-conv-layer', { ...this.params, ...patch });
  }

  /** Reads a field as a whole number, marking it when it is not one. */
  private readInt(id: string, text: string): number | null {
    const ok = /^\s*-?\d+\s*$/.test(text);
    const invalid = { ...this.invalid };
    if (ok) delete invalid[id];
    else invalid[id] = `'${text}' is not a whole number`;
    this.invalid = invalid;
    return ok ? Number(text) : null;
  }

  private intField(key: IntKey, label: string) {
    return html`<label class="field"
      ><span>${label}</span
      ><input
        type="number"
        step="1"
        name=${key}
        .value=${String(this.params[key])}
        aria-invalid=${this.invalid[key] ? 'true' : 'false'}
        @change=${(e: Event) => {
          const value = this.readInt(key, (e.target as HTMLInputElement).value);
          if (value !== null) this.change({ [key]: value });
        }}
    /></label>`;
  }

  private pairCell(key: PairKey, axis: 0 | 1, disabled: boolean) {
    const id = `${key}.${axis}`;
    const pair = this.params[key] as Pair | null;
    const fallback: Pair = this.analysis.ok
      ? [this.analysis.outputShape.at(-2) ?? 1, this.analysis.outputShape.at(-1) ?? 1]
      : [1, 1];
    const value = (pair ?? fallback)[axis];
    return html`<td>
      <input
        type="number"
        step="1"
        name=${id}
        aria-label=${`${key} ${axis === 0 ? 'height' : 'width'}`}
        .value=${String(value)}
        ?disabled=${disabled}
        aria-invalid=${this.invalid[id] ? 'true' : 'false'}
        @change=${(e: Event) => {
          const v = this.readInt(id, (e.target as HTMLInputElement).value);
          if (v === null) return;
          const next: [number, number] = [...(pair ?? fallback)];
          next[axis] = v;
          this.change({ [key]: next });
        }}
      />
    </td>`;
  }

  private pairRow(row: (typeof PAIR_ROWS)[number]) {
    const p = this.params;
    if (row.transposedOnly && !p.transposed) return null;
    let extra = html`<td></td>`;
    let disabled = false;
    if (row.key === 'padding') {
      disabled = p.paddingRule !== 'explicit';
      extra = html`<td>
        <select
          aria-label="padding rule"
          @change=${(e: Event) =>
            this.change({ paddingRule: (e.target as HTMLSelectElement).value as PaddingRule })}
        >
          ${(['explicit', 'same', 'valid'] as const).map(
            (rule) =>
              html`<option value=${rule} ?selected=${p.paddingRule === rule}>
                ${rule === 'explicit' ? 'numbers' : `'${rule}'`}
              </option>`,
          )}
        </select>
      </td>`;
    }
    if (row.key === 'outputSize') {
      disabled = p.outputSize === null;
      extra = html`<td>
        <label class="check"
          ><input
            type="checkbox"
            .checked=${p.outputSize !== null}
            @change=${(e: Event) => {
              const on = (e.target as HTMLInputElement).checked;
              const a = this.analysis;
              const current: Pair = a.ok
                ? [a.outputShape.at(-2) ?? 1, a.outputShape.at(-1) ?? 1]
                : [p.inH, p.inW];
              this.change({ outputSize: on ? current : null });
            }}
          />
          pass it</label
        >
      </td>`;
    }
    return html`<tr>
      <th scope="row"><code>${row.label}</code></th>
      ${this.pairCell(row.key, 0, disabled)} ${this.pairCell(row.key, 1, disabled)} ${extra}
    </tr>`;
  }

  override render() {
    const p = this.params;
    return html`<form @submit=${(e: Event) => e.preventDefault()} aria-label="Layer">
      <div class="kind" role="radiogroup" aria-label="Layer type">
        ${[false, true].map(
          (transposed) =>
            html`<button
              type="button"
              role="radio"
              aria-checked=${p.transposed === transposed ? 'true' : 'false'}
              @click=${() => this.change({ transposed })}
            >
              ${transposed ? 'ConvTranspose2d' : 'Conv2d'}
            </button>`,
        )}
      </div>
      <fieldset>
        <legend>Input tensor (N × C × H × W)</legend>
        <div class="row">
          ${this.intField('batch', 'N')} ${this.intField('inChannels', 'C')}
          ${this.intField('inH', 'H')} ${this.intField('inW', 'W')}
        </div>
      </fieldset>
      <fieldset>
        <legend>Layer</legend>
        <div class="row">
          ${this.intField('outChannels', 'out_channels')} ${this.intField('groups', 'groups')}
        </div>
        <div class="row">
          <label class="check"
            ><input
              type="checkbox"
              .checked=${p.bias}
              @change=${(e: Event) => this.change({ bias: (e.target as HTMLInputElement).checked })}
            />
            bias</label
          >
          <label class="field"
            ><span>padding_mode</span>
            <select
              @change=${(e: Event) =>
                this.change({ paddingMode: (e.target as HTMLSelectElement).value })}
            >
              ${PADDING_MODES.map(
                (m) => html`<option value=${m} ?selected=${p.paddingMode === m}>${m}</option>`,
              )}
            </select></label
          >
        </div>
        <table>
          <thead>
            <tr>
              <th></th>
              <th scope="col">H</th>
              <th scope="col">W</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            ${PAIR_ROWS.map((row) => this.pairRow(row))}
          </tbody>
        </table>
      </fieldset>
      ${
        Object.keys(this.invalid).length
          ? html`<p class="invalid" role="alert">${Object.values(this.invalid).join('; ')}</p>`
          : null
      }
      ${this.renderResult()}
      <pre class="code" aria-label="PyTorch code"><code>${layerCode(p)}</code></pre>
    </form>`;
  }

  private renderResult() {
    const a = this.analysis;
    if (!a.ok) {
      return html`<div class="error" role="alert" data-testid="shape-error">
        <p class="message"><strong>${a.error.exception}:</strong> ${a.error.pytorchMessage}</p>
        <p><strong>Why:</strong> ${a.error.why}</p>
        <p><strong>Try:</strong> ${a.error.suggestion}</p>
      </div>`;
    }
    const c = a.config;
    const p = this.params;
    const lines = [0, 1].map((axis) => {
      const name = axis === 0 ? 'H' : 'W';
      const n = axis === 0 ? p.inH : p.inW;
      const k = c.kernel[axis];
      const s = c.stride[axis];
      const d = c.dilation[axis];
      const out = a.outputShape.at(axis - 2);
      if (c.transposed) {
        const pad = axis === 0 ? c.padding.top : c.padding.left;
        const op = c.outputPadding[axis];
        return `${name}: (${n} − 1)·${s} − 2·${pad} + ${d}·(${k} − 1) + ${op} + 1 = ${out}`;
      }
      const [before, after] =
        axis === 0 ? [c.padding.top, c.padding.bottom] : [c.padding.left, c.padding.right];
      return `${name}: ⌊(${n} + ${before} + ${after} − ${d}·(${k} − 1) − 1) / ${s}⌋ + 1 = ${out}`;
    });
    return html`<div class="result">
      <p>Output shape <strong data-testid="output-shape">[${a.outputShape.join(', ')}]</strong></p>
      ${lines.map((line) => html`<p class="formula">${line}</p>`)}
    </div>`;
  }

  static override styles = [
    theme,
    formStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: flex;
        flex-direction: column;
        gap: 0.6rem;
      }
      .kind {
        display: flex;
        gap: 0.4rem;
      }
      .kind button[aria-checked='true'] {
        border-color: var(--ss-accent);
        box-shadow: inset 0 -3px 0 var(--ss-accent);
      }
      .field {
        display: inline-flex;
        align-items: center;
        gap: 0.35rem;
        color: var(--ss-muted);
      }
      .check {
        color: var(--ss-muted);
        white-space: nowrap;
      }
      /* Narrower than the shared 4em, so N, C, H and W fit on one row. */
      input[type='number'] {
        width: 3.6em;
      }
      input:disabled {
        opacity: 0.45;
      }
      table {
        border-collapse: collapse;
        align-self: flex-start;
      }
      th,
      td {
        padding: 0.15rem 0.3rem;
        text-align: left;
        font-weight: normal;
      }
      thead th {
        color: var(--ss-muted);
      }
      th code {
        font-family: var(--ss-mono);
      }
      .result p,
      .error p {
        margin: 0.2rem 0;
      }
      .result strong {
        font-family: var(--ss-mono);
        font-size: 1.3rem;
        color: var(--ss-accent);
      }
      .formula {
        font-family: var(--ss-mono);
        color: var(--ss-muted);
      }
      .error {
        border: 1px solid var(--ss-bad);
        border-radius: var(--ss-radius);
        padding: 0.5rem 0.7rem;
        background: #2a1816;
        line-height: 1.4;
      }
      .error .message {
        font-family: var(--ss-mono);
      }
      .invalid {
        color: var(--ss-bad);
        margin: 0;
      }
      .code {
        margin: 0;
        padding: 0.5rem 0.7rem;
        background: var(--ss-bg);
        border: 1px solid var(--ss-line);
        border-radius: var(--ss-radius);
        font-family: var(--ss-mono);
        white-space: pre-wrap;
        word-break: break-word;
      }
    `,
  ];
}

customElements.define('ss-conv-shape-form', ConvShapeForm);
