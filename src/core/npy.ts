/**
 * NumPy's .npy files for float tensors, read and written without NumPy
 * (format: numpy.lib.format, versions 1.0 and 2.0). Little-endian float32 ('<f4') and
 * float64 ('<f8', converted to float32) in C order; anything else is refused with the reason.
 */

export class NpyError extends Error {
  override name = 'NpyError';
}

export interface NpyArray {
  shape: number[];
  data: Float32Array;
  /** The dtype the file held: '<f8' data was converted to float32. */
  dtype: '<f4' | '<f8';
}

const MAGIC = [0x93, ...'NUMPY'].map((c) => (typeof c === 'number' ? c : c.charCodeAt(0)));

function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * The header dict, read as strictly as NumPy's reader (numpy.lib.format: the header is a Python
 * literal whose keys must be exactly descr, fortran_order and shape, the shape a tuple of ints):
 * one string, one bool, one tuple of decimal integers, each key once. A repeated key is refused,
 * since which value would count is not something to guess.
 */
function parseHeader(
  header: string,
  name: string,
): { descr: string; fortranOrder: boolean; shape: number[] } {
  const bad = (why: string) =>
    new NpyError(`${name}: unreadable .npy header ${JSON.stringify(header.trim())} (${why})`);
  const body = /^\s*\{(.*)\}\s*$/s.exec(header)?.[1];
  if (body === undefined) throw bad('not a dict');
  const entry =
    /\s*'(\w+)'\s*:\s*('(?:[^'\\]*)'|True|False|\((?:\s*\d+\s*,)*(?:\s*\d+\s*)?\))\s*(,|$)/y;
  const values = new Map<string, string>();
  let at = 0;
  while (at < body.length && body.slice(at).trim() !== '') {
    entry.lastIndex = at;
    const match = entry.exec(body);
    if (!match) throw bad(`cannot read from ${JSON.stringify(body.slice(at).trim())}`);
    if (values.has(match[1])) throw bad(`'${match[1]}' is given twice`);
    values.set(match[1], match[2]);
    at = entry.lastIndex;
    if (match[3] === '') break;
  }
  const keys = [...values.keys()].sort().join(', ');
  if (keys !== 'descr, fortran_order, shape')
    throw bad(`keys must be descr, fortran_order and shape, found ${keys || 'none'}`);
  const descr = values.get('descr')!;
  const fortran = values.get('fortran_order')!;
  const shapeText = values.get('shape')!;
  if (!descr.startsWith("'")) throw bad('descr must be a string');
  if (fortran !== 'True' && fortran !== 'False') throw bad('fortran_order must be True or False');
  if (!shapeText.startsWith('(')) throw bad('shape must be a tuple');
  const parts = shapeText
    .slice(1, -1)
    .split(',')
    .map((s) => s.trim());
  if (parts[parts.length - 1] === '') parts.pop();
  // Python: a one-element tuple needs its comma, "(3)" is the int 3; no leading zeros.
  if (parts.length === 1 && !/,\s*\)$/.test(shapeText)) throw bad('shape must be a tuple');
  if (parts.some((p) => !/^(0|[1-9]\d*)$/.test(p))) throw bad('shape must hold integers');
  const shape = parts.map(Number);
  if (shape.some((s) => !Number.isSafeInteger(s)))
    throw new NpyError(`${name}: bad shape ${shapeText} in the .npy header`);
  return { descr: descr.slice(1, -1), fortranOrder: fortran === 'True', shape };
}

/** Reads a .npy file's bytes. */
export function parseNpy(bytes: Uint8Array, name = 'the file'): NpyArray {
  if (bytes.length < 10 || MAGIC.some((m, i) => bytes[i] !== m))
    throw new NpyError(`${name} is not a .npy file (it does not start with \\x93NUMPY)`);
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (major !== 1 && major !== 2 && major !== 3)
    throw new NpyError(
      `${name}: .npy format version ${major}.${bytes[7]} is not supported (1.0 or 2.0)`,
    );
  // Version 1.0 stores the header length in 2 bytes, 2.0 (and 3.0, UTF-8 headers) in 4.
  const headerStart = major === 1 ? 10 : 12;
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const header = new TextDecoder().decode(bytes.subarray(headerStart, headerStart + headerLength));
  const { descr, fortranOrder, shape } = parseHeader(header, name);
  if (fortranOrder)
    throw new NpyError(
      `${name} is in Fortran (column-major) order; save it in C order (numpy.ascontiguousarray)`,
    );
  if (descr !== '<f4' && descr !== '<f8')
    throw new NpyError(
      `${name} holds dtype '${descr}'; only little-endian float32 ('<f4') or float64 ('<f8') is read ` +
        `(convert with array.astype(numpy.float32))`,
    );
  const count = product(shape);
  const itemSize = descr === '<f4' ? 4 : 8;
  const dataStart = headerStart + headerLength;
  if (bytes.length - dataStart !== count * itemSize)
    throw new NpyError(
      `${name}: shape (${shape.join(', ')}) needs ${count * itemSize} bytes of data, the file has ${bytes.length - dataStart}`,
    );
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++)
    data[i] =
      itemSize === 4
        ? view.getFloat32(dataStart + 4 * i, true)
        : view.getFloat64(dataStart + 8 * i, true);
  return { shape, data, dtype: descr };
}

/** The largest .npy encodeNpy writes: one Uint8Array, whose length Node 20 caps at 2³² bytes. */
export const MAX_NPY_BYTES = 2 ** 32;

function headerFor(shape: readonly number[]): { major: number; prefix: number; header: string } {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // The header is padded with spaces and ends in '\n' so the data starts on a 64-byte boundary.
  const major = dict.length + 1 + 10 > 0xffff ? 2 : 1;
  const prefix = major === 1 ? 10 : 12;
  const padded = Math.ceil((prefix + dict.length + 1) / 64) * 64 - prefix;
  return { major, prefix, header: dict.padEnd(padded - 1, ' ') + '\n' };
}

/** Bytes of the float32 .npy encodeNpy writes for `shape`. */
export function npyByteLength(shape: readonly number[]): number {
  const { prefix, header } = headerFor(shape);
  return prefix + header.length + 4 * product(shape);
}

/** A .npy file (version 1.0, or 2.0 when the header needs it) of float32 `data` with `shape`, C order. */
export function encodeNpy(data: Float32Array, shape: readonly number[]): Uint8Array {
  if (shape.some((s) => !Number.isSafeInteger(s) || s < 0) || product(shape) !== data.length)
    throw new NpyError(`shape (${shape.join(', ')}) does not hold ${data.length} values`);
  const { major, prefix, header } = headerFor(shape);
  if (npyByteLength(shape) > MAX_NPY_BYTES)
    throw new NpyError(
      `shape (${shape.join(', ')}) needs a ${npyByteLength(shape)}-byte .npy; at most ${MAX_NPY_BYTES} bytes are written`,
    );
  const bytes = new Uint8Array(prefix + header.length + data.length * 4);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  bytes[6] = major;
  bytes[7] = 0;
  if (major === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  bytes.set(new TextEncoder().encode(header), prefix);
  for (let i = 0; i < data.length; i++)
    view.setFloat32(prefix + header.length + 4 * i, data[i], true);
  return bytes;
}
