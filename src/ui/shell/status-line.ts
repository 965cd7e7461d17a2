import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import type { GpuState } from '../../labs/gpu-session.js';
import { theme } from './theme.js';

/** The bottom line: which WebGPU adapter runs the work, and what the labs last reported. */
export class StatusLine extends LitElement {
  @property({ attribute: false }) gpu: GpuState = { kind: 'connecting' };
  /** The latest lab report (e.g. a sweep's throughput). */
  @property({ type: String }) message: string = '';

  override render() {
    return html`<footer role="status" aria-live="polite">
      <span class="gpu ${this.gpu.kind}" data-testid="adapter">${this.describe()}</span>
      ${this.message ? html`<span class="message">${this.message}</span>` : null}
    </footer>`;
  }

  private describe(): string {
    switch (this.gpu.kind) {
      case 'connecting':
        return 'WebGPU: connecting…';
      case 'ready':
        return `WebGPU: ${this.gpu.name}${this.gpu.handle.summary.software ? ' — a CPU emulation: correct but slow' : ''}`;
      case 'unavailable':
        return 'WebGPU: not available';
      case 'lost':
        return 'WebGPU: device lost';
    }
  }

  static override styles = [
    theme,
    css`
      footer {
        display: flex;
        gap: 2rem;
        padding: 0.4rem 1.2rem;
        border-top: 1px solid var(--ss-line);
        background: var(--ss-panel);
        color: var(--ss-muted);
        font-size: 0.95rem;
      }
      .ready::before {
        content: '● ';
        color: var(--ss-good);
      }
      .unavailable::before,
      .lost::before {
        content: '● ';
        color: var(--ss-bad);
      }
    `,
  ];
}

customElements.define('ss-status-line', StatusLine);
