import { describe, expect, it } from 'vitest';
import { getPath, setPath } from '../../src/core/object-path.js';

describe('dotted paths', () => {
  it('read and write top-level and nested fields', () => {
    const spec = { lr: 0.1, game: { name: 'bilinear', b: 1 }, axes: { x: { count: 4 } } };
    expect(getPath(spec, 'lr')).toBe(0.1);
    expect(getPath(spec, 'game.b')).toBe(1);
    expect(getPath(spec, 'axes.x.count')).toBe(4);
    expect(getPath(spec, 'method.beta')).toBeUndefined();
    setPath(spec, 'game.b', 2);
    setPath(spec, 'axes.x.count', 8);
    setPath(spec, 'lr', 0.2);
    expect(spec).toEqual({ lr: 0.2, game: { name: 'bilinear', b: 2 }, axes: { x: { count: 8 } } });
  });

  it('refuse to write through a missing object', () => {
    expect(() => setPath({ lr: 1 }, 'method.beta', 0.5)).toThrow(TypeError);
  });
});
