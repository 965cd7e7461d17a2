import { describe, expect, it } from 'vitest';
import { parseStack, traceStack } from '../../src/core/conv/index.js';
import { defaultState } from '../../src/labs/conv/conv-lab-state.js';
import { ConvLabStore } from '../../src/labs/conv/conv-lab-store.js';
import { stateFromHash, stateToHash } from '../../src/labs/conv/conv-lab-url.js';
import { HashRouter } from '../../src/labs/hash-router.js';
import { FakeHost } from './helpers/fake-host.js';
import { FakePage } from './helpers/fake-page.js';

function storeAt(hash: string) {
  const page = new FakePage(hash);
  const host = new FakeHost();
  const store = new ConvLabStore(host, new HashRouter(page));
  host.connect();
  return { store, host, page };
}

describe('Conv Lab store', () => {
  it('leaves a bare #/conv as typed until the first change, then writes every change', () => {
    const { store, host, page } = storeAt('#/conv');
    expect(store.state).toEqual(defaultState());
    expect(page.replacements).toEqual([]);
    store.set({ tab: 'stack', position: [1, 2] });
    expect(page.location.hash).toBe(stateToHash(store.state));
    expect(stateFromHash(page.location.hash)).toEqual(store.state);
    expect(host.updates).toBe(1);
  });

  it('reads back a hash reached by hand, and ignores the other lab’s', () => {
    const { store, host, page } = storeAt('#/conv?tab=images');
    expect(store.state.tab).toBe('images');
    const typed = stateToHash({ ...defaultState(), tab: 'stack', position: [2, 2] });
    page.navigate(typed);
    expect(store.state.position).toEqual([2, 2]);
    expect(host.updates).toBe(1);
    page.navigate('#/game');
    expect(store.state.tab).toBe('stack');
    host.disconnect();
    page.navigate('#/conv');
    expect(store.state.tab).toBe('stack');
  });
});

describe('Conv Lab defaults', () => {
  it('stack mode starts on noise of the stack’s own input shape, which the default stack takes', () => {
    const state = defaultState();
    expect(state.images.stackInput).toBe('noise');
    const layers = parseStack(state.stack.code).layers;
    expect(traceStack(layers, state.stack.input).error).toBeNull();
    // The image would not fit: the default stack (the DCGAN generator) wants 100 channels.
    expect(traceStack(layers, [1, 3, 64, 64]).error).not.toBeNull();
    expect(stateFromHash(stateToHash(state)).images.stackInput).toBe('noise');
  });
});
