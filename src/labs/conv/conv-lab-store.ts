import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { pageHashRouter, type HashRouter } from '../hash-router.js';
import type { ConvLabState } from './conv-lab-state.js';
import { stateFromHash, stateToHash } from './conv-lab-url.js';

/**
 * Holds the Conv Lab's state for its element: every change is written to the location hash
 * (replaced, so typing does not flood the history), and a hash edited by hand or reached
 * through back/forward is read back.
 */
export class ConvLabStore implements ReactiveController {
  private current: ConvLabState;
  private written = '';
  private unsubscribe?: () => void;
  private readonly onHashChange = (hash: string) => {
    if (hash === this.written || !hash.startsWith('#/conv')) return;
    this.current = stateFromHash(hash);
    this.host.requestUpdate();
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly router: HashRouter = pageHashRouter(),
  ) {
    this.current = stateFromHash(router.hash);
    host.addController(this);
  }

  get state(): ConvLabState {
    return this.current;
  }

  hostConnected(): void {
    // The hash is written on the first change, so a bare `#/conv` link stays as it was typed.
    this.unsubscribe = this.router.subscribe(this.onHashChange);
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
  }

  /** Replaces part of the state; the rest stays. */
  set(patch: Partial<ConvLabState>): void {
    this.current = { ...this.current, ...patch };
    this.write();
    this.host.requestUpdate();
  }

  private write(): void {
    const hash = stateToHash(this.current);
    if (hash === this.router.hash) return;
    this.written = hash;
    this.router.replace(hash);
  }
}
