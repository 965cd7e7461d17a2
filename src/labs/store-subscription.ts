import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A lab store a view can follow: it calls each listener after every change. */
export interface Subscribable {
  subscribe(listener: () => void): () => void;
}

/**
 * Re-renders a view whenever the store it was handed changes, for views given the lab's store as
 * a property: follows whichever store `store()` returns at each update, while connected.
 */
export class StoreSubscription implements ReactiveController {
  private followed: Subscribable | undefined;
  private unsubscribe?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: () => Subscribable | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.follow(this.store());
  }

  hostUpdate(): void {
    if (this.store() !== this.followed) this.follow(this.store());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.followed = undefined;
  }

  private follow(store: Subscribable | undefined): void {
    this.unsubscribe?.();
    this.followed = store;
    this.unsubscribe = store?.subscribe(() => this.host.requestUpdate());
  }
}
