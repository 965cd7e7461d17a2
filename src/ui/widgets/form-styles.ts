import { css } from 'lit';

/**
 * The look of the labs' forms (the Game Lab's controls, the Conv Lab's shape form and image
 * controls): framed fieldsets with a quiet legend, wrapping rows of fields, checkboxes beside
 * their text, narrow monospaced number inputs, and a red edge on a refused value. A form adds
 * only what is its own.
 */
export const formStyles = css`
  fieldset {
    border: 1px solid var(--ss-line);
    border-radius: var(--ss-radius);
    margin: 0;
    padding: 0.4em 0.7em 0.6em;
    display: flex;
    flex-direction: column;
    gap: 0.4em;
  }
  legend {
    color: var(--ss-muted);
    padding: 0 0.3em;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em 0.9em;
    align-items: center;
  }
  .check {
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
  }
  input[type='number'] {
    width: 4em;
    font-family: var(--ss-mono);
  }
  input[aria-invalid='true'] {
    border-color: var(--ss-bad);
  }
`;
