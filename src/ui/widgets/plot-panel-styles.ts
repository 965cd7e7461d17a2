import { css } from 'lit';

/**
 * The layout of a plot view: the plot (a `.plot` box holding a canvas, or an
 * `ss-uplot` chart) takes the height the view's panel leaves after whatever
 * sits below it (a legend, buttons), and a canvas fills its box.
 */
export const plotPanelStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
  }
  .plot,
  ss-uplot {
    position: relative;
    flex: 1;
    min-height: 10em;
  }
  .plot > canvas {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
  }
`;
