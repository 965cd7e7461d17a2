import { css, html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

/** One legend entry: a colour mark (a line by default, a dashed line, or a dot) and its text. */
export interface LegendEntry {
  color: string;
  text: string;
  mark?: 'line' | 'dashed' | 'dot';
}

/** A compact legend for a chart or canvas view; style it with `seriesLegendStyles`. */
export function seriesLegend(entries: readonly LegendEntry[], testId?: string) {
  return html`<ul class="legend" data-testid=${ifDefined(testId)}>
    ${entries.map((e) => html`<li class=${e.mark ?? 'line'} style="--c:${e.color}">${e.text}</li>`)}
  </ul>`;
}

export const seriesLegendStyles = css`
  .legend {
    list-style: none;
    margin: 0.3em 0 0;
    padding: 0;
    font-size: 0.82em;
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
  .legend li.dot::before {
    content: '●';
    width: auto;
    vertical-align: baseline;
    border-top: none;
    color: var(--c);
  }
`;
