import { css } from 'lit';

/**
 * Presentation mode's slides, for a lab element whose host carries the `presenting` attribute
 * (slide-presentation.ts): a title line, its views in a grid, and a footer (slideFooter).
 */
export const slideStyles = css`
  /* Presentation mode: one slide filling the screen (16:9 at 1920×1080 and 1366×768), its type
     and the canvases' text (which follows the host's font size) scaled with the screen's width. */
  :host([presenting]) {
    position: fixed;
    inset: 0;
    z-index: 100;
    font-size: clamp(16px, 1.3vw, 40px);
    background: var(--ss-bg);
    overflow: hidden;
  }
  .slide {
    box-sizing: border-box;
    height: 100vh;
    display: grid;
    grid-template-rows: auto minmax(0, 1fr) auto;
    gap: 0.5em;
    padding: 0.6em 1em 0.4em;
  }
  /* The caption is what the audience reads: large, and it takes the height that square plots in
     three columns would leave empty below them. */
  .slide-title h2 {
    margin: 0;
    font-size: 1.8em;
    line-height: 1.2;
  }
  .slide-caption {
    margin: 0.25em 0 0;
    font-size: 1.2em;
    line-height: 1.35;
    color: var(--ss-text);
  }
  .slide-views {
    display: grid;
    gap: 0.6em;
    min-height: 0;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    grid-template-rows: minmax(0, 1fr);
  }
  .slide-view > h3 {
    margin-bottom: 0.2em;
  }
  .slide-view > :not(h3):not(.note) {
    flex: 1;
    min-height: 0;
  }
  .slide-view > .note {
    flex: 0 0 auto;
    margin: 0.2em 0 0;
    font-size: 0.85em;
    color: var(--ss-muted);
  }
  .slide-foot {
    display: flex;
    align-items: center;
    gap: 1.5em;
    font-size: 0.85em;
    color: var(--ss-muted);
  }
  .counter {
    font-variant-numeric: tabular-nums;
    color: var(--ss-text);
    font-weight: 600;
  }
  .hint {
    flex: 1;
  }
`;
