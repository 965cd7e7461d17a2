import { LitElement, css, html } from 'lit';
import { state } from 'lit/decorators.js';
import { pageGpuSession, type GpuState } from '../../labs/gpu-session.js';
import { pageHashRouter } from '../../labs/hash-router.js';
import { embedLocation, forwardDeckKeys, gameEmbedCss, type EmbedView } from './embed.js';
import { theme } from './theme.js';
import './status-line.js';
import '../game/game-lab.js';
import '../conv/conv-lab.js';
import '../gan/gan-view.js';

type LabId = 'game' | 'gan' | 'conv';

const LABS: { id: LabId; title: string }[] = [
  { id: 'game', title: 'Game Lab' },
  { id: 'gan', title: 'GAN view' },
  { id: 'conv', title: 'Conv Lab' },
];

/** The lab a location hash names (`#/game`, `#/gan?…`, `#/conv?…`); the Game Lab by default. */
export function labFromHash(hash: string): LabId {
  if (hash.startsWith('#/conv')) return 'conv';
  return hash.startsWith('#/gan') ? 'gan' : 'game';
}

/** Reads embed mode from the location (see embed.ts), settling its URL first. */
function readEmbed(): EmbedView[] | null {
  const { embed, url } = embedLocation(location.href);
  if (url) history.replaceState(history.state, '', url);
  return embed;
}

/** Added to the Game Lab's shadow root in embed mode (its views are its own to lay out). */
const gameEmbedSheet = new CSSStyleSheet();

/**
 * The page: title, lab tabs (also reachable as #/game and #/conv), the lab, and the status line.
 * In embed mode (`embed` in the link; host attribute `embed`) just the lab's chosen views.
 */
export class AppShell extends LitElement {
  // Before the lab reads the hash: embed mode drops presentation mode from it.
  @state() embed: EmbedView[] | null = readEmbed();
  readonly session = pageGpuSession();
  @state() lab: LabId = labFromHash(location.hash);
  @state() gpu: GpuState = this.session.state;
  /** The latest report a lab sent as a bubbling `ss-status` event (a sweep's throughput). */
  @state() statusMessage: string = '';
  private unsubscribe?: () => void;
  private unroute?: () => void;
  private stopForwarding?: () => void;
  private readonly onHashChange = (hash: string) => {
    this.embed = readEmbed();
    this.lab = labFromHash(hash);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.unroute = pageHashRouter().subscribe(this.onHashChange);
    if (this.embed) this.stopForwarding = forwardDeckKeys();
    this.unsubscribe = this.session.subscribe((state) => (this.gpu = state));
    void this.session.connect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unroute?.();
    this.unsubscribe?.();
    this.stopForwarding?.();
  }

  override updated(): void {
    this.toggleAttribute('embed', this.embed !== null);
    const root = this.renderRoot.querySelector('ss-game-lab')?.shadowRoot;
    if (!root) return;
    const others = root.adoptedStyleSheets.filter((sheet) => sheet !== gameEmbedSheet);
    if (this.embed) gameEmbedSheet.replaceSync(gameEmbedCss(this.embed));
    root.adoptedStyleSheets = this.embed ? [...others, gameEmbedSheet] : others;
  }

  override render() {
    return html`
      <header>
        <h1><span class="mark" aria-hidden="true">⌒</span> Saddle &amp; Stride</h1>
        <nav role="tablist" aria-label="Labs">
          ${LABS.map(
            (lab) =>
              html`<a
                role="tab"
                href="#/${lab.id}"
                aria-selected=${this.lab === lab.id ? 'true' : 'false'}
                >${lab.title}</a
              >`,
          )}
        </nav>
      </header>
      ${this.renderGpuProblem()}
      <main
        role="tabpanel"
        aria-label=${LABS.find((lab) => lab.id === this.lab)?.title ?? 'Game Lab'}
        @ss-status=${(e: CustomEvent<string>) => (this.statusMessage = e.detail)}
      >
        ${
          this.lab === 'game'
            ? html`<ss-game-lab .session=${this.session}></ss-game-lab>`
            : this.lab === 'gan'
              ? html`<ss-gan-view .session=${this.session}></ss-gan-view>`
              : html`<ss-conv-lab
                  .session=${this.session}
                  ?embedded=${this.embed !== null}
                ></ss-conv-lab>`
        }
      </main>
      <ss-status-line .gpu=${this.gpu} .message=${this.statusMessage}></ss-status-line>
    `;
  }

  private renderGpuProblem() {
    const gpu = this.gpu;
    if (gpu.kind === 'unavailable') {
      return html`<div class="problem" role="alert">
        <strong>WebGPU is not available, so nothing can run on the GPU.</strong>
        <p>${gpu.message}</p>
        <p>The Conv Lab's shape calculator and pictures work without it.</p>
      </div>`;
    }
    if (gpu.kind === 'lost') {
      return html`<div class="problem" role="alert">
        <strong>${gpu.message}</strong>
        <button @click=${() => void this.session.connect()}>Reconnect to the GPU</button>
      </div>`;
    }
    return null;
  }

  static override styles = [
    theme,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 100vh;
        background: var(--ss-bg);
      }
      header {
        display: flex;
        align-items: center;
        gap: 2rem;
        padding: 0.6rem 1.2rem;
        border-bottom: 1px solid var(--ss-line);
        background: var(--ss-panel);
      }
      h1 {
        font-size: 1.35rem;
        margin: 0;
        font-weight: 650;
        letter-spacing: 0.01em;
      }
      .mark {
        color: var(--ss-accent);
      }
      nav {
        display: flex;
        gap: 0.4rem;
      }
      nav a {
        color: var(--ss-muted);
        text-decoration: none;
        padding: 0.45rem 1rem;
        border-radius: var(--ss-radius);
        font-size: 1.05rem;
      }
      nav a[aria-selected='true'] {
        color: var(--ss-text);
        background: var(--ss-panel-2);
        box-shadow: inset 0 -3px 0 var(--ss-accent);
      }
      main {
        flex: 1;
        padding: 1rem 1.2rem;
      }
      :host([embed]) {
        height: 100vh;
        min-height: 0;
        overflow: hidden;
      }
      :host([embed]) header,
      :host([embed]) ss-status-line {
        display: none;
      }
      :host([embed]) main {
        display: flex;
        flex-direction: column;
        min-height: 0;
        padding: 0.3rem;
      }
      :host([embed]) main > * {
        flex: 1;
        min-height: 0;
      }
      .problem {
        margin: 1rem 1.2rem 0;
        padding: 0.8rem 1rem;
        border: 1px solid var(--ss-bad);
        border-radius: var(--ss-radius);
        background: #2a1816;
      }
      .problem p {
        margin: 0.4rem 0 0;
      }
      .problem button {
        margin-top: 0.5rem;
      }
    `,
  ];
}

customElements.define('ss-app', AppShell);
