import { describe, expect, it } from 'vitest';
import { encodeNpy, NpyError, parseNpy } from '../../src/core/npy.js';

/** A .npy file written the way numpy.save writes one, with any header text and payload. */
function npyFile(dict: string, payload: ArrayBuffer, major = 1): Uint8Array {
  const prefix = major === 1 ? 10 : 12;
  const padded = Math.ceil((prefix + dict.length + 1) / 64) * 64 - prefix;
  const header = dict.padEnd(padded - 1, ' ') + '\n';
  const bytes = new Uint8Array(prefix + header.length + payload.byteLength);
  const view = new DataView(bytes.buffer);
  bytes.set([0x93, 78, 85, 77, 80, 89, major, 0]);
  if (major === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  bytes.set(new TextEncoder().encode(header), prefix);
  bytes.set(new Uint8Array(payload), prefix + header.length);
  return bytes;
}

describe('.npy files', () => {
  it('round-trips float32 tensors of any rank, with the data 64-byte aligned', () => {
    for (const shape of [[5], [2, 3], [1, 3, 4, 4], []]) {
      const count = shape.reduce((a, b) => a * b, 1);
      const data = Float32Array.from({ length: count }, (_, i) => Math.sin(i) * 1e3);
      const bytes = encodeNpy(data, shape);
      const headerLength = new DataView(bytes.buffer).getUint16(8, true);
      expect((10 + headerLength) % 64).toBe(0);
      const back = parseNpy(bytes);
      expect(back.shape).toEqual(shape);
      expect(back.dtype).toBe('<f4');
      expect([...back.data]).toEqual([...data]);
    }
  });

  it('writes the header numpy expects, with a trailing comma for one dimension', () => {
    const text = new TextDecoder().decode(encodeNpy(new Float32Array(3), [3]).subarray(10, 70));
    expect(text).toContain("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }");
  });

  it('reads float64 files as float32 and version 2.0 headers', () => {
    const values = [0.1, -2.5, 1e-3, 7];
    const f8 = npyFile(
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }",
      Float64Array.from(values).buffer,
      2,
    );
    const read = parseNpy(f8);
    expect(read.dtype).toBe('<f8');
    expect(read.shape).toEqual([2, 2]);
    expect([...read.data]).toEqual([...Float32Array.from(values)]);
  });

  it('refuses Fortran order, other dtypes and a payload that does not match the shape', () => {
    const four = new Float32Array(4).buffer;
    expect(() =>
      parseNpy(npyFile("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", four)),
    ).toThrow(/Fortran/);
    expect(() =>
      parseNpy(npyFile("{'descr': '>f4', 'fortran_order': False, 'shape': (2, 2), }", four)),
    ).toThrow(/dtype '>f4'/);
    expect(() =>
      parseNpy(npyFile("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", four)),
    ).toThrow(/dtype '<i8'/);
    expect(() =>
      parseNpy(npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", four)),
    ).toThrow(/needs 24 bytes/);
    expect(() => parseNpy(new TextEncoder().encode('not numpy'))).toThrow(NpyError);
    expect(() => encodeNpy(new Float32Array(5), [2, 2])).toThrow(/does not hold 5/);
  });
});

describe('.npy headers NumPy refuses (issue 11)', () => {
  const data = new Float32Array(4).buffer;
  it.each([
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (1.0, 4), }", /shape/],
    [
      "{'descr': '<f4', 'descr': '<f8', 'fortran_order': False, 'shape': (4,), }",
      /'descr' is given twice/,
    ],
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (4), }", /shape must be a tuple/],
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (04,), }", /shape/],
    ["{'descr': '<f4', 'fortran_order': False, }", /keys must be descr, fortran_order and shape/],
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (4,), 'extra': 1, }", /cannot read|keys/],
  ])('refuses %s', (dict, message) => {
    expect(() => parseNpy(npyFile(dict, data))).toThrow(NpyError);
    expect(() => parseNpy(npyFile(dict, data))).toThrow(message);
  });

  it('still reads the headers NumPy writes, including an empty shape', () => {
    expect(
      parseNpy(npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", data)).shape,
    ).toEqual([2, 2]);
    expect(
      parseNpy(npyFile("{'descr':'<f4','fortran_order':False,'shape':(4,)}", data)).shape,
    ).toEqual([4]);
    expect(
      parseNpy(
        npyFile(
          "{'descr': '<f4', 'fortran_order': False, 'shape': (), }",
          new Float32Array(1).buffer,
        ),
      ).shape,
    ).toEqual([]);
  });
});
