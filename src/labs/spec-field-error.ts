import { SpecError } from '../core/games/index.js';

/**
 * The words a refused edit shows at the field that was edited: the spec's reason where the error
 * names that field, else its whole message (the edit broke another field, which it names).
 * Anything but a SpecError is a bug, not a refusal: it is thrown on.
 */
export function refusalAtField(error: unknown, path: string): string {
  if (!(error instanceof SpecError)) throw error;
  return error.field === path ? error.reason : error.message;
}
