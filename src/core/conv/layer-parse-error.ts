/** Where a layer stack's text went wrong, and how that is reported. */
export interface SourcePosition {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** A problem with the text of a stack, at a position, with what would have been accepted there. */
export class LayerParseError extends Error {
  readonly line: number;
  readonly column: number;
  /** The bare problem, without the position. */
  readonly detail: string;
  readonly expected: string;

  constructor(position: SourcePosition, detail: string, expected: string) {
    super(
      `${position.line}:${position.column}: ${detail}${expected ? `; expected ${expected}` : ''}`,
    );
    this.name = 'LayerParseError';
    this.line = position.line;
    this.column = position.column;
    this.detail = detail;
    this.expected = expected;
  }
}
