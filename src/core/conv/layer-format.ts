/**
 * Layers back to PyTorch code: required arguments positionally, the others as keywords
 * when they differ from PyTorch's defaults. parseStack(formatStack(layers)) gives the layers back.
 */
import { LAYER_SIGNATURES, type LayerSpec } from './layer-spec.js';

function formatValue(value: unknown): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `(${value.map(formatValue).join(', ')})`;
  throw new TypeError(`cannot format ${String(value)}`);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return false;
  return a === b;
}

/** One layer as `nn.Conv2d(3, 64, 4, stride=2, padding=1, bias=False)`. */
export function formatLayer(layer: LayerSpec): string {
  const values = layer as unknown as Record<string, unknown>;
  const args: string[] = [];
  for (const param of LAYER_SIGNATURES[layer.type]) {
    const value = values[param.key];
    if (param.default === undefined) args.push(formatValue(value));
    else if (!sameValue(value, param.default)) args.push(`${param.name}=${formatValue(value)}`);
  }
  return `nn.${layer.type}(${args.join(', ')})`;
}

/** The whole stack as an `nn.Sequential(...)` expression, one layer per line. */
export function formatStack(layers: readonly LayerSpec[]): string {
  return `nn.Sequential(\n${layers.map((layer) => `    ${formatLayer(layer)},\n`).join('')})`;
}
