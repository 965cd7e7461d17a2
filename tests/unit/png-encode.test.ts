import { crc32 as zlibCrc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../src/cli/png-encode.js';

describe('PNG encoder', () => {
  it('ends with the IEND chunk every PNG ends with, CRC-32 included', () => {
    const png = encodePng({ width: 1, height: 1, pixels: Uint8Array.of(1, 2, 3) });
    expect([...png.subarray(-12)]).toEqual([
      0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ]);
    expect(zlibCrc32('123456789')).toBe(0xcbf43926);
  });

  it('writes signature, IHDR, IDAT and IEND with valid CRCs, and rows that inflate back to the pixels', () => {
    const width = 3;
    const height = 2;
    const pixels = Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 37) % 256);
    const png = Buffer.from(encodePng({ width, height, pixels }));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const chunks: { type: string; data: Buffer }[] = [];
    for (let at = 8; at < png.length;) {
      const length = png.readUInt32BE(at);
      const type = png.subarray(at + 4, at + 8).toString('latin1');
      const data = png.subarray(at + 8, at + 8 + length);
      expect(png.readUInt32BE(at + 8 + length)).toBe(
        zlibCrc32(png.subarray(at + 4, at + 8 + length)),
      );
      chunks.push({ type, data });
      at += 12 + length;
    }
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const ihdr = chunks[0].data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ...ihdr.subarray(8)]).toEqual([
      3, 2, 8, 2, 0, 0, 0,
    ]);
    const rows = inflateSync(chunks[1].data);
    expect([...rows]).toEqual([0, ...pixels.subarray(0, 9), 0, ...pixels.subarray(9)]);
  });

  it('rejects a pixel buffer of the wrong size', () => {
    expect(() => encodePng({ width: 2, height: 2, pixels: new Uint8Array(11) })).toThrow(
      RangeError,
    );
  });
});
