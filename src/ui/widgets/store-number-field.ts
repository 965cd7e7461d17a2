import { html } from 'lit';
import type { NumberFieldDetail } from './number-field.js';
import './number-field.js';

/** A store whose spec is edited field by field (a dotted path), each refusal kept at its field. */
export interface FieldStore {
  readonly fieldErrors: ReadonlyMap<string, string>;
  edit(path: string, value: unknown): unknown;
  refuse(path: string, reason: string): void;
}

/**
 * A number field bound to one path of a store's spec: a number typed goes to `edit`, text that is
 * not a number to `refuse`, and the field shows the reason the store keeps for that path.
 */
export function storeNumberField(
  store: FieldStore,
  path: string,
  label: string,
  value: number | undefined,
  hint = '',
) {
  return html`<ss-number-field
    data-path=${path}
    .label=${label}
    .value=${value}
    .hint=${hint}
    .error=${store.fieldErrors.get(path) ?? ''}
    @ss-number=${(e: CustomEvent<NumberFieldDetail>) => {
      const d = e.detail;
      if ('value' in d) store.edit(path, d.value);
      else store.refuse(path, d.reason);
    }}
  ></ss-number-field>`;
}
