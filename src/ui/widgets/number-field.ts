import { LitElement, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { theme } from '../shell/theme.js';
import { emitEvent } from './emit-event.js';
import { formatInput } from './format-number.js';

/** What a number field reports when the user commits a value (Enter, Tab, leaving the field). */
export type NumberFieldDetail = { value: number } | { text: string; reason: string };

/**
 * A labelled number input that reports committed values as an `ss-number`
 * event and shows the reason a value was refused under the field. It refuses
 * text that is not a finite number itself; range checks belong to whoever
 * owns the value, which passes its reason back through `error`.
 */
export class NumberField extends LitElement {
  @property({ type: String }) label: string = '';
  @property({ type: Number }) value: number | undefined;
  /** The owner's reason for refusing the last value; empty when it was accepted. */
  @property({ type: String }) error: string = '';
  /** The valid range in words, shown as the input's title. */
  @property({ type: String }) hint: string = '';
  @property({ type: String }) step: string = 'any';
  @state() private own: string = '';
  private text: string | null = null;

  override render() {
    const reason = this.own || this.error;
    const shown = this.text ?? formatInput(this.value);
    return html`<label>
      <span class="name">${this.label}</span>
      <input
        type="text"
        inputmode="decimal"
        spellcheck="false"
        .value=${shown}
        title=${this.hint}
        aria-invalid=${reason ? 'true' : 'false'}
        aria-describedby="reason"
        @input=${(e: Event) => (this.text = (e.target as HTMLInputElement).value)}
        @change=${this.commit}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Enter') this.commit();
        }}
      />
      <span id="reason" class="reason" role=${reason ? 'alert' : 'none'}>${reason}</span>
    </label>`;
  }

  private commit = () => {
    const text = this.text;
    if (text === null) return;
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) {
      this.own = `'${text}' is not a number`;
      this.emit({ text, reason: this.own });
      return;
    }
    this.own = '';
    this.emit({ value });
  };

  override updated(changed: Map<string, unknown>): void {
    // A value accepted by the owner replaces what was typed.
    if (changed.has('value') && !this.error && !this.own) this.text = null;
    if (changed.has('error') && !this.error && !this.own) this.text = null;
  }

  private emit(detail: NumberFieldDetail): void {
    emitEvent(this, 'ss-number', detail);
  }

  static override styles = [
    theme,
    css`
      label {
        display: grid;
        grid-template-columns: minmax(4.5em, auto) 1fr;
        align-items: center;
        column-gap: 0.5em;
      }
      input {
        width: 100%;
        box-sizing: border-box;
        font-family: var(--ss-mono);
        min-width: 0;
      }
      input[aria-invalid='true'] {
        border-color: var(--ss-bad);
      }
      .name {
        color: var(--ss-muted);
      }
      .reason {
        grid-column: 1 / -1;
        color: var(--ss-bad);
        font-size: 0.85em;
      }
      .reason:empty {
        display: none;
      }
    `,
  ];
}

customElements.define('ss-number-field', NumberField);
