import { LitElement, css, html } from 'lit';
import type { GpuSession } from '../labs/gpu-session.js';
import { theme } from './theme.js';

/** The Conv Lab: convolution shapes, kernel coverage and real passes on images. */
export class ConvLab extends LitElement {
  static override properties = { session: { attribute: false } };
  declare session: GpuSession;

  override render() {
    return html`<section>
      <h2>Conv Lab</h2>
      <p>
        How <code>Conv2d</code> and <code>ConvTranspose2d</code> change tensor shapes, which input
        cells a kernel reads, and what they do to real images.
      </p>
    </section>`;
  }

  static override styles = [
    theme,
    css`
      h2 {
        margin: 0 0 0.5rem;
        font-size: 1.3rem;
      }
      p {
        max-width: 60ch;
        line-height: 1.5;
        color: var(--ss-muted);
      }
    `,
  ];
}

customElements.define('ss-conv-lab', ConvLab);
