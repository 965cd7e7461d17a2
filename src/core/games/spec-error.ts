/**
 * A spec (or one of its fields) that cannot be used. `field` is the dotted
 * path of the offending field (`axes.y.count`, `game.f`), and the message
 * always starts with it, so the UI, the URL loader and the CLI can print it
 * as is.
 */
export class SpecError extends Error {
  override name = 'SpecError';

  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}
