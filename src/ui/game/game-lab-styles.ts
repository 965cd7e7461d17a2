import { css } from 'lit';

/** The Game Lab's layout: controls beside a grid of panels, and what its slides add to slide-styles.ts. */
export const gameLabStyles = css`
  :host {
    display: block;
    --controls-width: 21rem;
  }
  .explain {
    margin: 0.5em 0 0;
    color: var(--ss-muted);
    line-height: 1.4;
  }
  .explain strong {
    color: var(--ss-text);
    font-weight: 600;
  }
  button.link {
    border: 0;
    padding: 0;
    background: none;
    color: var(--ss-accent-2);
    text-decoration: underline;
  }
  .top {
    display: grid;
    grid-template-columns: auto 1fr auto;
    gap: 0.4em 1.2em;
    align-items: start;
  }
  h2 {
    margin: 0;
    font-size: 1.3em;
    white-space: nowrap;
  }
  .present {
    white-space: nowrap;
  }
  .link-error {
    margin: 0.5em 0;
    padding: 0.4em 0.8em;
    border: 1px solid var(--ss-bad);
    border-radius: var(--ss-radius);
    color: var(--ss-text);
    background: #2a1816;
  }
  .body {
    display: grid;
    grid-template-columns: var(--controls-width) minmax(0, 1fr);
    gap: 1rem;
    margin-top: 0.6rem;
  }
  .controls {
    position: sticky;
    top: 0.5rem;
    align-self: start;
    max-height: max(40rem, calc(100vh - 14.5rem));
    overflow-y: auto;
    padding-right: 0.3rem;
  }
  .views {
    display: grid;
    grid-template-columns: minmax(0, 1.6fr) repeat(2, minmax(0, 1fr));
    grid-template-rows: auto minmax(0, 1.1fr) minmax(0, 1fr);
    grid-template-areas:
      'heat play play'
      'heat orbit xy'
      'pair surface field';
    gap: 0.7rem;
    height: max(40rem, calc(100vh - 14.5rem));
  }
  .theory-pair {
    grid-area: pair;
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 0.7rem;
    min-height: 0;
  }
  .panel {
    display: flex;
    flex-direction: column;
    min-height: 0;
    min-width: 0;
    background: var(--ss-panel);
    border: 1px solid var(--ss-line);
    border-radius: var(--ss-radius);
    padding: 0.4em 0.6em 0.5em;
  }
  .panel > :last-child,
  .panel > ss-sweep-heatmap {
    flex: 1;
  }
  .panel header {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    gap: 0.5em;
    margin-bottom: 0.2em;
  }
  h3 {
    margin: 0;
    font-size: 1em;
    font-weight: 600;
  }
  h3 small {
    display: block;
    font-weight: 400;
    color: var(--ss-muted);
    font-size: 0.8em;
  }
  .actions {
    display: flex;
    gap: 0.3em;
    flex-wrap: wrap;
    justify-content: flex-end;
  }
  .actions button {
    font-size: 0.8em;
    padding: 0.15em 0.5em;
  }
  .cancel {
    border-color: var(--ss-bad);
  }
  .heat {
    grid-area: heat;
  }
  .heat,
  .orbit,
  .xy,
  .radius {
    min-height: 0;
  }
  .heat > .note {
    flex: 0 0 auto;
    margin: 0.2em 0 0;
    font-size: 0.85em;
    color: var(--ss-muted);
  }
  .empty-heat {
    flex: 1;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    background: #0c1014;
    color: var(--ss-muted);
  }
  .empty-heat p {
    margin: 0;
  }
  .playback {
    grid-area: play;
    display: flex;
    flex-direction: column;
    gap: 0.2em;
  }
  .game-name {
    font-size: 0.85em;
    color: var(--ss-muted);
  }
  .orbit {
    grid-area: orbit;
  }
  .time-pair {
    grid-area: xy;
    display: grid;
    grid-template-rows: repeat(2, minmax(0, 1fr));
    gap: 0.7rem;
    min-height: 0;
  }
  .surface {
    grid-area: surface;
  }
  .field {
    grid-area: field;
  }
  @media (max-width: 1500px) {
    :host {
      --controls-width: 17.5rem;
    }
    .views {
      grid-template-columns: repeat(2, minmax(0, 1fr));
      grid-template-rows: 32rem auto 34rem repeat(2, 24rem);
      grid-template-areas:
        'heat heat'
        'play play'
        'orbit xy'
        'surface field'
        'pair pair';
      height: auto;
    }
  }

  /* Slides (slide-styles.ts): three views side by side, the first (the heatmap, with its colour
     bar) wider: a 16:9 slide is wide, and the orbit or the theory plot gets a square of the slide's
     height rather than a strip. */
  .views-3 .slide-views {
    grid-template-columns: minmax(0, 1.6fr) repeat(2, minmax(0, 1fr));
  }
  /* The heatmap's how-to-use line is for the desk, not the back of the room. */
  .slide-view > ss-sweep-heatmap::part(readout) {
    display: none;
  }
`;
