import type { HashPage } from '../../../src/labs/hash-router.js';

/** A page for the hash router in Node: a location hash, replaceState, and hashchange on demand. */
export class FakePage implements HashPage {
  readonly location: { hash: string };
  readonly replacements: string[] = [];
  private readonly listeners = new Set<() => void>();
  readonly history = {
    state: null,
    replaceState: (_data: unknown, _unused: string, url: string) => {
      this.location.hash = url;
      this.replacements.push(url);
    },
  };

  constructor(hash = '') {
    this.location = { hash };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  addEventListener(_type: 'hashchange', listener: () => void): void {
    this.listeners.add(listener);
  }

  removeEventListener(_type: 'hashchange', listener: () => void): void {
    this.listeners.delete(listener);
  }

  /** A hash typed by hand, followed as a link, or reached through back/forward. */
  navigate(hash: string): void {
    this.location.hash = hash;
    for (const listener of [...this.listeners]) listener();
  }
}
