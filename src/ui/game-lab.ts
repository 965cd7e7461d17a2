import { LitElement, css, html } from 'lit';
import type { GpuSession } from '../labs/gpu-session.js';
import { theme } from './theme.js';

/** The Game Lab: two players on f(x, y), x maximising and y minimising. */
export class GameLab extends LitElement {
  static override properties = { session: { attribute: false } };
  declare session: GpuSession;

  override render() {
    return html`<section>
      <h2>Game Lab</h2>
      <p>
        Two players optimise <var>f</var>(<var>x</var>, <var>y</var>) = <var>x</var>·<var>y</var> in
        opposite directions: <var>x</var> maximises, <var>y</var> minimises. Simultaneous gradient
        descent–ascent spirals out of the saddle at (0, 0).
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

customElements.define('ss-game-lab', GameLab);
