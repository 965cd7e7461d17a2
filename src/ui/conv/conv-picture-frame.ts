import { css, html, type TemplateResult } from 'lit';
import { downloadCanvasPng } from '../widgets/png-export.js';

/**
 * The chrome every Conv Lab picture shares: a heading, its own controls, a Save PNG button,
 * the canvas (focusable where it takes keys) and a legend.
 */
export function pictureFrame(options: {
  heading: string;
  controls?: TemplateResult | null;
  canvas: TemplateResult;
  legend?: TemplateResult | null;
  filename: string;
  host: HTMLElement;
}): TemplateResult {
  const save = () => {
    const canvas = options.host.shadowRoot?.querySelector('canvas');
    if (canvas) downloadCanvasPng(canvas, options.filename);
  };
  return html`<figure>
    <figcaption>
      <h3>${options.heading}</h3>
      <div class="controls">
        ${options.controls ?? null}
        <button type="button" @click=${save} title="Save this picture as a PNG file">
          Save PNG
        </button>
      </div>
    </figcaption>
    <div class="canvas-box">${options.canvas}</div>
    ${options.legend ? html`<div class="legend">${options.legend}</div>` : null}
  </figure>`;
}

/** A legend entry: a colour swatch and what it means. */
export function swatch(colour: number | string, text: string): TemplateResult {
  const background =
    typeof colour === 'number' ? `#${colour.toString(16).padStart(6, '0')}` : colour;
  return html`<span class="swatch"><i style="background:${background}"></i>${text}</span>`;
}

export const pictureStyles = css`
  :host {
    display: block;
  }
  figure {
    margin: 0 0 1rem;
    background: var(--ss-panel);
    border: 1px solid var(--ss-line);
    border-radius: var(--ss-radius);
    padding: 0.6rem 0.8rem 0.7rem;
  }
  figcaption {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
  }
  h3 {
    margin: 0;
    font-size: 1.1rem;
    font-weight: 600;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .canvas-box {
    width: 100%;
    overflow-x: auto;
  }
  canvas {
    display: block;
    border-radius: 4px;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem 1.2rem;
    color: var(--ss-muted);
    font-size: 0.95rem;
    margin-top: 0.3rem;
  }
  .swatch {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
  }
  .swatch i {
    display: inline-block;
    width: 1em;
    height: 1em;
    border-radius: 2px;
    border: 1px solid var(--ss-line);
  }
  .readout {
    font-family: var(--ss-mono);
    color: var(--ss-text);
    margin: 0.3rem 0 0;
    min-height: 1.4em;
  }
  .too-big {
    color: var(--ss-muted);
    padding: 1rem 0;
  }
`;
