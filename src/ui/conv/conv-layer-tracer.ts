import { LitElement, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  STACK_PRESETS,
  formatFraction,
  formatStack,
  type TraceRow,
} from '../../core/conv/index.js';
import type { ConvStackState } from '../../labs/conv/conv-lab-state.js';
import { parseShape, traceStackState, type StackResult } from '../../labs/conv/conv-stack-trace.js';
import { emitEvent } from '../widgets/emit-event.js';
import { downloadText } from '../widgets/png-export.js';
import { theme } from '../shell/theme.js';

/**
 * The layer-stack tracer: a PyTorch `nn.Sequential(...)` (or one layer a line) in, a table out
 * — output shape, parameters, receptive field and jump, warnings — stopping at the first layer
 * PyTorch would reject, with its message. Text outside the grammar gets a positioned error.
 *
 * Emits `ss-conv-stack` (detail: ConvStackState) when the code or the input shape changes.
 */
export class ConvLayerTracer extends LitElement {
  @property({ attribute: false }) stack!: ConvStackState;
  @state() private shapeText: string | null = null;
  @state() private copied: boolean = false;

  private emit(stack: ConvStackState): void {
    emitEvent(this, 'ss-conv-stack', stack);
  }

  override render() {
    const result = traceStackState(this.stack);
    const shapeText = this.shapeText ?? this.stack.input.join(', ');
    const shapeOk = parseShape(shapeText) !== null;
    return html`<div class="top">
        <div class="presets" role="group" aria-label="Stack presets">
          <span class="label">Presets</span>
          ${STACK_PRESETS.map(
            (preset) =>
              html`<button
                type="button"
                title=${preset.description}
                aria-pressed=${this.stack.code === preset.code ? 'true' : 'false'}
                @click=${() => {
                  this.shapeText = null;
                  this.emit({ code: preset.code, input: [...preset.input] });
                }}
              >
                ${preset.name}
              </button>`,
          )}
        </div>
        <label class="input-shape"
          >Input shape
          <input
            type="text"
            spellcheck="false"
            .value=${shapeText}
            aria-invalid=${shapeOk ? 'false' : 'true'}
            @input=${(e: Event) => {
              const text = (e.target as HTMLInputElement).value;
              this.shapeText = text;
              const shape = parseShape(text);
              if (shape) this.emit({ ...this.stack, input: shape });
            }}
        /></label>
        ${shapeOk ? null : html`<span class="bad" role="alert">a shape is positive whole numbers, e.g. 1, 3, 64, 64</span>`}
      </div>
      <div class="columns">
        <label class="editor"
          ><span class="label">PyTorch layers</span>
          <textarea
            spellcheck="false"
            rows="26"
            .value=${this.stack.code}
            @input=${(e: Event) =>
              this.emit({ ...this.stack, code: (e.target as HTMLTextAreaElement).value })}
          ></textarea>
        </label>
        <div class="output">${this.renderResult(result)}</div>
      </div>`;
  }

  private renderResult(result: StackResult) {
    if (result.kind === 'parse-error') {
      const e = result.error;
      const line = this.stack.code.split('\n')[e.line - 1] ?? '';
      return html`<div class="error" role="alert" data-testid="parse-error">
        <p><strong>Line ${e.line}, column ${e.column}:</strong> ${e.detail}</p>
        ${e.expected ? html`<p>Expected ${e.expected}.</p>` : null}
        <pre>
${line}
${' '.repeat(Math.max(0, e.column - 1))}^</pre>
      </div>`;
    }
    const { trace, parsed } = result;
    return html`<table data-testid="trace-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Layer</th>
            <th scope="col">Output shape</th>
            <th scope="col">Params</th>
            <th scope="col">Receptive field</th>
            <th scope="col">Jump</th>
            <th scope="col">Warnings</th>
          </tr>
        </thead>
        <tbody>
          <tr class="input">
            <td></td>
            <td>input</td>
            <td class="shape">[${trace.input.join(', ')}]</td>
            <td></td>
            <td>1 × 1</td>
            <td>1, 1</td>
            <td></td>
          </tr>
          ${trace.rows.map((row) => this.row(row))}
          ${
            trace.error
              ? html`<tr class="failed" data-testid="trace-failure">
                  <td>${trace.error.index + 1}</td>
                  <td><code>${trace.error.label}</code></td>
                  <td colspan="5">
                    <p class="message">
                      <strong>${trace.error.error.exception}:</strong>
                      ${trace.error.error.pytorchMessage}
                    </p>
                    <p><strong>Why:</strong> ${trace.error.error.why}</p>
                    <p><strong>Try:</strong> ${trace.error.error.suggestion}</p>
                  </td>
                </tr>`
              : null
          }
        </tbody>
        <tfoot>
          <tr>
            <td></td>
            <td>total</td>
            <td></td>
            <td class="num">${trace.totalParams.toLocaleString('en')}</td>
            <td colspan="3">
              ${
                trace.error
                  ? `stopped at layer ${trace.error.index + 1} of ${parsed.layers.length}`
                  : `${parsed.layers.length} layers`
              }
            </td>
          </tr>
        </tfoot>
      </table>
      <div class="export">
        <button type="button" @click=${() => this.copy(formatStack(parsed.layers))}>
          ${this.copied ? 'Copied' : 'Copy as PyTorch'}
        </button>
        <button
          type="button"
          @click=${() => downloadText(`${formatStack(parsed.layers)}\n`, 'stack.py', 'text/x-python')}
        >
          Save stack.py
        </button>
        <button
          type="button"
          @click=${() => this.emit({ ...this.stack, code: formatStack(parsed.layers) })}
        >
          Tidy the code
        </button>
      </div>`;
  }

  private row(row: TraceRow) {
    const rf = row.receptiveField ? `${row.receptiveField[0]} × ${row.receptiveField[1]}` : '—';
    const jump = row.jump ? `${formatFraction(row.jump[0])}, ${formatFraction(row.jump[1])}` : '—';
    return html`<tr class=${row.warnings.length ? 'warned' : ''}>
      <td>${row.index + 1}</td>
      <td><code>${row.label}</code></td>
      <td class="shape">[${row.outputShape.join(', ')}]</td>
      <td class="num">${row.params.toLocaleString('en')}</td>
      <td>${rf}</td>
      <td>${jump}</td>
      <td>${row.warnings.map((w) => html`<p class="warning">⚠ ${w}</p>`)}</td>
    </tr>`;
  }

  private async copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.copied = true;
      setTimeout(() => (this.copied = false), 1500);
    } catch {
      this.emit({ ...this.stack, code: text });
    }
  }

  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      .top {
        display: flex;
        flex-wrap: wrap;
        gap: 0.6rem 1.5rem;
        align-items: center;
        margin-bottom: 0.7rem;
      }
      .presets {
        display: flex;
        gap: 0.4rem;
        align-items: center;
      }
      .label {
        color: var(--ss-muted);
      }
      button[aria-pressed='true'] {
        border-color: var(--ss-accent);
        box-shadow: inset 0 -3px 0 var(--ss-accent);
      }
      .input-shape input {
        font-family: var(--ss-mono);
        width: 12em;
        margin-left: 0.4rem;
      }
      input[aria-invalid='true'] {
        border-color: var(--ss-bad);
      }
      .bad {
        color: var(--ss-bad);
      }
      .columns {
        display: grid;
        grid-template-columns: minmax(22rem, 32rem) 1fr;
        gap: 1rem;
        align-items: start;
      }
      @media (max-width: 1100px) {
        .columns {
          grid-template-columns: 1fr;
        }
      }
      .editor {
        display: flex;
        flex-direction: column;
        gap: 0.3rem;
      }
      textarea {
        font-family: var(--ss-mono);
        font-size: 0.95rem;
        line-height: 1.4;
        resize: vertical;
        min-height: 20rem;
      }
      table {
        border-collapse: collapse;
        width: 100%;
        background: var(--ss-panel);
        border-radius: var(--ss-radius);
      }
      th,
      td {
        text-align: left;
        padding: 0.3rem 0.5rem;
        border-bottom: 1px solid var(--ss-line);
        vertical-align: top;
      }
      th {
        color: var(--ss-muted);
        font-weight: 600;
      }
      code,
      .shape,
      .num {
        font-family: var(--ss-mono);
      }
      .shape {
        color: var(--ss-accent);
        white-space: nowrap;
      }
      td:nth-child(6) {
        white-space: nowrap;
      }
      .input-shape {
        color: var(--ss-muted);
      }
      .num {
        text-align: right;
      }
      .warning {
        margin: 0 0 0.2rem;
        color: #f0c070;
      }
      tr.failed td {
        background: #2a1816;
      }
      tr.failed p {
        margin: 0.15rem 0;
      }
      .message {
        font-family: var(--ss-mono);
      }
      .error {
        border: 1px solid var(--ss-bad);
        border-radius: var(--ss-radius);
        background: #2a1816;
        padding: 0.5rem 0.8rem;
      }
      .error p {
        margin: 0.2rem 0;
      }
      .error pre {
        font-family: var(--ss-mono);
        color: var(--ss-bad);
        margin: 0.4rem 0 0;
      }
      .export {
        display: flex;
        gap: 0.5rem;
        margin-top: 0.6rem;
      }
    `,
  ];
}

customElements.define('ss-conv-layer-tracer', ConvLayerTracer);
