/** A problem with the text of an expression, found while parsing it. */
export class ExpressionError extends Error {
  /** 0-based index (UTF-16 code unit) in the text where the problem is. */
  readonly position: number;

  constructor(message: string, position: number) {
    super(message);
    this.name = 'ExpressionError';
    this.position = position;
  }
}
