import { describe, expect, it } from 'vitest';
import { StoreSubscription, type Subscribable } from '../../src/labs/store-subscription.js';
import { FakeHost } from './helpers/fake-host.js';

class Counter implements Subscribable {
  private readonly listeners = new Set<() => void>();
  get listening(): number {
    return this.listeners.size;
  }
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  change(): void {
    for (const listener of this.listeners) listener();
  }
}

describe('store subscription', () => {
  it('re-renders its view on each change of the store it was handed, while connected', () => {
    const host = new FakeHost();
    const first = new Counter();
    let store: Counter | undefined = undefined;
    const subscription = new StoreSubscription(host, () => store);
    host.connect();
    store = first;
    subscription.hostUpdate();
    first.change();
    expect(host.updates).toBe(1);

    const second = new Counter();
    store = second;
    subscription.hostUpdate();
    first.change();
    second.change();
    expect(host.updates).toBe(2);
    expect(first.listening).toBe(0);

    host.disconnect();
    second.change();
    expect(host.updates).toBe(2);
    expect(second.listening).toBe(0);
  });
});
