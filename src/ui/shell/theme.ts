import { css } from 'lit';

/** Colours and type shared by every view: dark, high-contrast, large enough for a projector. */
export const theme = css`
  :host {
    --ss-bg: #101418;
    --ss-panel: #182028;
    --ss-panel-2: #202a34;
    --ss-line: #33414f;
    --ss-text: #e8ecf0;
    --ss-muted: #9fb0c0;
    --ss-accent: #f0b040;
    --ss-accent-2: #5ab0f0;
    --ss-good: #60c890;
    --ss-bad: #f07060;
    --ss-radius: 6px;
    --ss-font: system-ui, 'DejaVu Sans', sans-serif;
    --ss-mono: ui-monospace, 'DejaVu Sans Mono', monospace;
    font-family: var(--ss-font);
    color: var(--ss-text);
  }
  button,
  select,
  input,
  textarea {
    font: inherit;
    color: var(--ss-text);
    background: var(--ss-panel-2);
    border: 1px solid var(--ss-line);
    border-radius: var(--ss-radius);
    padding: 0.3em 0.6em;
  }
  button {
    cursor: pointer;
  }
  button:hover {
    border-color: var(--ss-accent-2);
  }
  :focus-visible {
    outline: 3px solid var(--ss-accent-2);
    outline-offset: 2px;
  }
`;
