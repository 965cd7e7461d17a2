/**
 * The value at a dotted path of a plain object: `lr`, `game.b`, `method.beta`, `axes.x.count`.
 * The one reader of spec paths (sweep axes' `param`, the Game Lab's edits); undefined where a
 * part of the path is missing.
 */
export function getPath(target: object, path: string): unknown {
  let owner: unknown = target;
  for (const part of path.split('.')) {
    if (typeof owner !== 'object' || owner === null) return undefined;
    owner = (owner as Record<string, unknown>)[part];
  }
  return owner;
}

/** Sets the value at a dotted path of a plain object; every object on the way must exist. */
export function setPath(target: object, path: string, value: unknown): void {
  const parts = path.split('.');
  let owner = target as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) {
    const next = owner[part];
    if (typeof next !== 'object' || next === null)
      throw new TypeError(`no object at '${part}' of path '${path}'`);
    owner = next as Record<string, unknown>;
  }
  owner[parts[parts.length - 1]] = value;
}
