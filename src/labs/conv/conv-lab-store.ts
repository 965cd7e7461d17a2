import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConvLabState } from './conv-lab-state.js';
import { stateFromHash, stateToHash } from './conv-lab-url.js';

/**
 * Holds the Conv Lab's state for its element: every change is written to the location hash
 * (replaceState, so typing does not flood the history), and a hash edited by hand or reached
 * through back/forward is read back.
 */
export class ConvLabStore implements ReactiveController {
  private current: ConvLabState;
  private written = '';
  private readonly onHashChange = () => {
    if (location.hash === this.written || !location.hash.startsWith('#/conv')) return;
    this.current = stateFromHash(location.hash);
    this.host.requestUpdate();
  };

  constructor(private readonly host: ReactiveControllerHost) {
    this.current = stateFromHash(location.hash);
    host.addController(this);
  }

  get state(): ConvLabState {
    return this.current;
  }

  hostConnected(): void {
    // The hash is written on the first change, so a bare `#/conv` link stays as it was typed.
    window.addEventListener('hashchange', this.onHashChange);
  }

  hostDisconnected(): void {
    window.removeEventListener('hashchange', this.onHashChange);
  }

  /** Replaces part of the state; the rest stays. */
  set(patch: Partial<ConvLabState>): void {
    this.current = { ...this.current, ...patch };
    this.write();
    this.host.requestUpdate();
  }

  private write(): void {
    const hash = stateToHash(this.current);
    if (hash === location.hash) return;
    this.written = hash;
    history.replaceState(history.state, '', hash);
  }
}
