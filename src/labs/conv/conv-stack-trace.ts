import {
  LayerParseError,
  parseStack,
  traceStack,
  type ParsedStack,
  type StackTrace,
} from '../../core/conv/index.js';
import type { ConvStackState } from './conv-lab-state.js';

export type StackResult =
  | { kind: 'parse-error'; error: LayerParseError }
  | { kind: 'traced'; parsed: ParsedStack; trace: StackTrace };

/** Parses the typed stack and follows its input shape through it. */
export function traceStackState(stack: ConvStackState): StackResult {
  let parsed: ParsedStack;
  try {
    parsed = parseStack(stack.code);
  } catch (error) {
    if (error instanceof LayerParseError) return { kind: 'parse-error', error };
    throw error;
  }
  return { kind: 'traced', parsed, trace: traceStack(parsed.layers, stack.input) };
}

/** Reads "1, 3, 64, 64" or "1x3x64x64" as a shape of positive integers, or null. */
export function parseShape(text: string): number[] | null {
  const parts = text
    .trim()
    .replace(/^[([]|[)\]]$/g, '')
    .split(/\s*[,x×]\s*|\s+/)
    .filter((p) => p !== '');
  if (parts.length < 1 || parts.length > 6 || !parts.every((p) => /^\d+$/.test(p))) return null;
  const shape = parts.map(Number);
  return shape.every((n) => n >= 1) ? shape : null;
}
