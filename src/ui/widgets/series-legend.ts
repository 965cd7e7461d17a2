import { css, html } from 'lit';

/** One legend entry: a colour swatch (solid or dashed) and its text. */
export interface LegendEntry {
  color: string;
  text: string;
  dashed?: boolean;
}

/** A compact legend for a chart or canvas view; style it with `seriesLegendStyles`. */
export function seriesLegend(entries: readonly LegendEntry[]) {
  return html`<ul class="legend">
    ${entries.map(
      (e) => html`<li class=${e.dashed ? 'dashed' : ''} style="--c:${e.color}">${e.text}</li>`,
    )}
  </ul>`;
}

export const seriesLegendStyles = css`
  .legend {
    list-style: none;
    margin: 0.3em 0 0;
    padding: 0;
    font-size: 0.82em;
    line-height: 1.35;
  }
  .legend li::before {
    content: '';
    display: inline-block;
    width: 1.4em;
    margin-right: 0.4em;
    vertical-align: middle;
    border-top: 3px solid var(--c);
  }
  .legend li.dashed::before {
    border-top-style: dashed;
  }
`;
